import Foundation

/// Keeps every report file inside the reports root.
///
/// Report names are fixed by Sluice or checked by the definition loader (funnel names), but the
/// folders on disk may hold symbolic links: a window folder or `charts` linked elsewhere would let
/// a report land outside the root. `resolve` refuses that before anything is written.
public enum ReportPaths {
    /// `root/relative`, after checking that `relative` has no `..`, `.` or empty parts and that no
    /// folder already on disk between `root` and the file leads outside `root` (through a symbolic
    /// link). Folders that do not exist yet are fine: `AtomicFileWriter` creates them as real folders.
    public static func resolve(root: String, relative: String) throws -> String {
        let parts = relative.split(separator: "/", omittingEmptySubsequences: false)
        if relative.hasPrefix("/") || parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) {
            throw SluiceError(.io, "the report path \(relative) would leave the reports folder", file: root,
                              hint: "report and chart names may not hold `..`, `.` or empty parts")
        }
        let path = root + "/" + relative
        // The root itself may be a link (it is configured); what lies under it must stay under it.
        guard let realRoot = realPath(root) else { return path }
        var folder = root
        for part in parts.dropLast() {
            folder += "/" + part
            guard let real = realPath(folder) else { break }
            if real != realRoot && !real.hasPrefix(realRoot.hasSuffix("/") ? realRoot : realRoot + "/") {
                throw SluiceError(
                    .io, "the folder \(folder) leads outside the reports folder (to \(real)) through a symbolic link; no report was written there",
                    file: path, hint: "remove the link, or point `reports` in the pipeline definition at the folder you want")
            }
        }
        return path
    }

    /// The canonical absolute path (symbolic links resolved), or nil when `path` does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

extension ReportPaths {
    /// Checks that reports can be written under `root` (creating it when missing) by creating and
    /// removing a probe file, so that a run can stop before it ingests anything.
    public static func checkWritable(_ root: String) throws {
        let probe = root + "/.sluice-write-check-" + String(getpid())
        do {
            try AtomicFileWriter.write(Data(), to: probe)
        } catch let error as SluiceError {
            throw SluiceError(
                .io, "the reports folder \(root) cannot be written: \(error.message)", file: root,
                hint: "make the folder writable, or point `reports` in the pipeline definition at another folder; nothing was ingested yet")
        }
        unlink(probe)
    }
}
