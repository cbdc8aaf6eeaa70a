import Foundation

/// Writes a file so that readers see either the old contents or the complete new contents, never
/// a half-written report: the bytes go to `<path>.tmp-<pid>` in the same folder, are flushed to
/// disk (`fsync`), and the temporary file is renamed over `path`. Missing folders are created.
///
/// Every failure is a `SluiceError(.io, …)` whose `file` is `path` and whose message says which
/// step failed and why (e.g. "cannot create temporary file kpi.csv.tmp-4242: Permission denied");
/// the temporary file is removed on failure. Two processes may write the same path (the last rename
/// wins); two threads of one process must not write the same path at the same time.
public enum AtomicFileWriter {
    /// Writes `data` to `path` atomically.
    public static func write(_ data: Data, to path: String) throws {
        let folder = folderOf(path)
        try makeFolders(folder, for: path)
        let temporary = temporaryPath(for: path)
        // A leftover temporary file (from a process with the same id) is replaced; a symbolic link
        // planted at the temporary name is removed, never written through (O_NOFOLLOW | O_EXCL).
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw failure("cannot create temporary file \(fileName(temporary))", path: path, folder: folder)
        }
        var closed = false
        do {
            try writeAll(data, to: fd, path: path, temporary: temporary)
            if fsync(fd) != 0 { throw failure("cannot flush \(fileName(temporary)) to disk", path: path) }
            closed = true
            if close(fd) != 0 { throw failure("cannot close \(fileName(temporary))", path: path) }
            if rename(temporary, path) != 0 {
                throw failure("cannot rename \(fileName(temporary)) into place", path: path, folder: folder)
            }
        } catch {
            if !closed { close(fd) }
            unlink(temporary)
            throw error
        }
        // Make the rename itself durable; best effort (some file systems refuse to fsync a folder).
        let folderFD = open(folder, O_RDONLY | O_CLOEXEC)
        if folderFD >= 0 {
            _ = fsync(folderFD)
            close(folderFD)
        }
    }

    /// Writes `text` as UTF-8 (no byte order mark) to `path` atomically.
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    /// Removes temporary files under `folder` (and its subfolders) left by writers that died
    /// before their rename (`kill -9` mid-report): `*.tmp-<pid>` whose process is gone. Files of
    /// live writers are left alone. Returns how many were removed.
    @discardableResult
    public static func removeLeftovers(in folder: String) -> Int {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return 0 }
        var removed = 0
        for case let relative as String in walker {
            guard let marker = relative.range(of: ".tmp-", options: .backwards),
                  let pid = Int32(relative[marker.upperBound...]), pid > 0 else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH, unlink(folder + "/" + relative) == 0 { removed += 1 }
        }
        return removed
    }

    /// `<path>.tmp-<pid>`: the name the bytes are written under before the rename.
    public static func temporaryPath(for path: String) -> String {
        path + ".tmp-" + String(getpid())
    }

    // MARK: - Steps

    private static func writeAll(_ data: Data, to fd: Int32, path: String, temporary: String) throws {
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            guard var base = buffer.baseAddress else { return }
            var remaining = buffer.count
            while remaining > 0 {
                let n = posixWrite(fd, base, remaining)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw failure("cannot write \(fileName(temporary))", path: path)
                }
                remaining -= n
                base += n
            }
        }
    }

    /// Creates `folder` and its missing parents (mode 0755 before the umask).
    private static func makeFolders(_ folder: String, for path: String) throws {
        if isFolder(folder) { return }
        let parent = folderOf(folder)
        if parent != folder { try makeFolders(parent, for: path) }
        if mkdir(folder, 0o755) != 0 && !(errno == EEXIST && isFolder(folder)) {
            throw failure("cannot create folder \(folder)", path: path, folder: parentFolderForHint(folder))
        }
    }

    private static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// The folder part of `path`: `"a/b/c.csv"` → `"a/b"`, `"c.csv"` → `"."`, `"/c"` → `"/"`.
    static func folderOf(_ path: String) -> String {
        var p = Substring(path)
        while p.count > 1, p.last == "/" { p = p.dropLast() }
        guard let slash = p.lastIndex(of: "/") else { return "." }
        if slash == p.startIndex { return "/" }
        var folder = p[..<slash]
        while folder.count > 1, folder.last == "/" { folder = folder.dropLast() }
        return String(folder)
    }

    private static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    private static func parentFolderForHint(_ folder: String) -> String { folderOf(folder) }

    /// A `SluiceError(.io, …)` for the current `errno`, naming `path`.
    private static func failure(_ what: String, path: String, folder: String? = nil) -> SluiceError {
        let code = errno
        let reason = String(cString: strerror(code))
        var hint: String?
        switch code {
        case EACCES, EPERM, EROFS:
            hint = "check that \(folder.map { "the folder \($0)" } ?? "the report folder") is writable"
        case ENOSPC, EDQUOT:
            hint = "free some disk space and run the report again"
        case ENOTDIR, EEXIST, EISDIR:
            hint = "a file or folder is in the way of the report path"
        default:
            hint = nil
        }
        return SluiceError(.io, "\(what): \(reason)", file: path, hint: hint)
    }
}

/// The C `write(2)`, reachable under another name inside `AtomicFileWriter` (whose own `write`
/// methods shadow it).
private func posixWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, bytes, count)
}
