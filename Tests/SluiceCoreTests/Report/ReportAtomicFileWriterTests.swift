import Foundation
import Testing
@testable import SluiceCore

@Suite("Report: atomic file writer")
struct ReportAtomicFileWriterTests {
    /// A fresh folder under the system temporary folder, removed by the caller.
    func scratchFolder() -> String {
        let name = "sluice-atomic-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        return FileManager.default.temporaryDirectory.appendingPathComponent(name).path
    }

    @Test func writesCreatesFoldersAndLeavesNoTemporaryFile() throws {
        let root = scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = root + "/reports/2024-03-01_2024-03-31/kpi.md"
        try AtomicFileWriter.write("# KPI\n", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "# KPI\n")
        let folder = root + "/reports/2024-03-01_2024-03-31"
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["kpi.md"])
        #expect(!FileManager.default.fileExists(atPath: AtomicFileWriter.temporaryPath(for: path)))
    }

    @Test func replacesAnExistingFile() throws {
        let root = scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = root + "/a.csv"
        try AtomicFileWriter.write(Data("old, longer contents".utf8), to: path)
        try AtomicFileWriter.write(Data("new".utf8), to: path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("new".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root) == ["a.csv"])
    }

    @Test func leftoversOfDeadWritersAreRemovedAndLiveOnesKept() throws {
        let root = scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        // pid 2^22 + 1 is above Linux's pid_max default, so no process has it.
        try AtomicFileWriter.write("x", to: root + "/charts/kpi.svg.tmp-4194305")
        try AtomicFileWriter.write("x", to: root + "/kpi.csv.tmp-4194305")
        try AtomicFileWriter.write("x", to: root + "/kpi.md")
        #expect(FileManager.default.createFile(atPath: root + "/kpi.md.tmp-\(getpid())", contents: Data("x".utf8)))
        #expect(AtomicFileWriter.removeLeftovers(in: root) == 2)
        let left = try FileManager.default.contentsOfDirectory(atPath: root).sorted()
        #expect(left == ["charts", "kpi.md", "kpi.md.tmp-\(getpid())"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/charts").isEmpty)
    }

    @Test func temporaryNameIsNextToTheTarget() {
        #expect(AtomicFileWriter.temporaryPath(for: "out/kpi.csv") == "out/kpi.csv.tmp-\(getpid())")
        #expect(AtomicFileWriter.folderOf("out/x/kpi.csv") == "out/x")
        #expect(AtomicFileWriter.folderOf("kpi.csv") == ".")
        #expect(AtomicFileWriter.folderOf("/kpi.csv") == "/")
    }

    @Test func aFileInTheWayOfTheFolderIsAClearError() throws {
        let root = scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try AtomicFileWriter.write("x", to: root + "/blocker")
        let path = root + "/blocker/reports/kpi.md"
        let error = #expect(throws: SluiceError.self) { try AtomicFileWriter.write("x", to: path) }
        #expect(error?.kind == .io)
        #expect(error?.file == path)
        #expect(error?.message.contains(root + "/blocker") == true)
    }

    @Test func aFolderAtTheTargetPathIsAClearErrorAndLeavesNoTemporaryFile() throws {
        let root = scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = root + "/kpi.md"
        try FileManager.default.createDirectory(atPath: path + "/inside", withIntermediateDirectories: true)
        let error = #expect(throws: SluiceError.self) { try AtomicFileWriter.write("x", to: path) }
        #expect(error?.kind == .io)
        #expect(error?.file == path)
        #expect(error?.description.hasPrefix(path + ": cannot rename kpi.md.tmp-") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root) == ["kpi.md"])
    }

    @Test(.disabled(if: getuid() == 0, "root can write into a read-only folder"))
    func aReadOnlyFolderIsAClearError() throws {
        let root = scratchFolder()
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer {
            chmod(root, 0o755)
            try? FileManager.default.removeItem(atPath: root)
        }
        #expect(chmod(root, 0o555) == 0)
        let path = root + "/kpi.csv"
        let error = #expect(throws: SluiceError.self) { try AtomicFileWriter.write("x", to: path) }
        #expect(error?.kind == .io)
        #expect(error?.file == path)
        #expect(error?.message.contains("Permission denied") == true)
        #expect(error?.hint?.contains(root) == true)
        #expect(error?.description.hasPrefix(path + ": cannot create temporary file kpi.csv.tmp-") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).isEmpty)
    }
}
