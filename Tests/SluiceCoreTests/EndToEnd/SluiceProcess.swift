import Foundation
@testable import SluiceCore

/// Runs the built `sluice` binary, as a scheduler or an analyst would.
enum SluiceProcess {
    /// The `sluice` executable next to the test bundle (`swift test` builds it), or `$SLUICE_BIN`.
    static var executable: String {
        if let path = ProcessInfo.processInfo.environment["SLUICE_BIN"] { return path }
        let bundle = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        var dir = bundle.deletingLastPathComponent()
        // On macOS the test bundle is a folder (…/SluicePackageTests.xctest/Contents/MacOS/…).
        while !FileManager.default.isExecutableFile(atPath: dir.appendingPathComponent("sluice").path), dir.path != "/" {
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("sluice").path
    }

    struct Result {
        var code: Int32
        var stdout: String
        var stderr: String
    }

    /// Starts `sluice arguments…` in `directory` without waiting.
    static func start(_ arguments: [String], in directory: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        return process
    }

    /// Runs `sluice arguments…` in `directory` to the end.
    @discardableResult
    static func run(_ arguments: [String], in directory: String) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = directory + "/.stdout-\(UUID().uuidString)", err = directory + "/.stderr-\(UUID().uuidString)"
        FileManager.default.createFile(atPath: out, contents: nil)
        FileManager.default.createFile(atPath: err, contents: nil)
        defer {
            try? FileManager.default.removeItem(atPath: out)
            try? FileManager.default.removeItem(atPath: err)
        }
        process.standardOutput = FileHandle(forWritingAtPath: out)
        process.standardError = FileHandle(forWritingAtPath: err)
        try process.run()
        process.waitUntilExit()
        return Result(code: process.terminationStatus, stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }
}

/// Comparable snapshots of a pipeline's state: its canonical tables and its report files.
enum PipelineSnapshot {
    /// Every row of every canonical table, in key order, without the bookkeeping columns that name
    /// the loading file (file ids follow load order, which is allowed to differ).
    static func tables(_ databasePath: String) throws -> [String: [String]] {
        let database = try Database(path: databasePath)
        var result: [String: [String]] = [:]
        for table in RecordType.allCases.map(\.table) + ["content_snapshots"] {
            let columns = try database.rows("SELECT name FROM pragma_table_info(?) ORDER BY cid", [.text(table)])
                .compactMap { $0[0].string }.filter { $0 != "file_id" }
            let list = columns.map { "\"\($0)\"" }.joined(separator: ", ")
            result[table] = try database.rows("SELECT \(list) FROM \(table) ORDER BY \(list)").map { row in
                row.values.map(\.description).joined(separator: "|")
            }
        }
        return result
    }

    /// `PRAGMA integrity_check`'s answer ("ok" when the file is sound).
    static func integrity(_ databasePath: String) throws -> String {
        let database = try Database(path: databasePath)
        return try database.rows("PRAGMA integrity_check").compactMap { $0[0].string }.joined(separator: "; ")
    }

    /// Relative path → bytes of every file under `folder`.
    static func files(_ folder: String) -> [String: Data] {
        var result: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return result }
        for case let relative as String in walker {
            var isDirectory: ObjCBool = false
            let full = folder + "/" + relative
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                result[relative] = FileManager.default.contents(atPath: full)
            }
        }
        return result
    }
}
