import Foundation
import Testing
@testable import SluiceCore

/// Disk full, unwritable and missing folders: a clear error, an intact database, and a rerun that
/// completes with the right result.
@Suite("Faults")
struct FaultTests {
    static let definition = """
        name: f
        database: out/f.sqlite
        input_root: in
        reports: reports
        sources:
          - name: orders
            files: "*.csv"
            record: orders
            constants: {platform: doudian, status: paid}
            columns: {order_id: id, user_id: user, ordered_at: time, paid_fen: amount, product_name: name}
        """

    /// Three files of orders; the second is large enough to overflow a small page budget.
    static func writeInputs(_ dir: TemporaryDirectory) throws {
        try dir.write("p/f.yaml", definition)
        for (file, rows) in [("a.csv", 50), ("b.csv", 6000), ("c.csv", 50)] {
            var text = "id,user,time,amount,name\n"
            for i in 0..<rows {
                text += "\(file)-\(i),u\(i % 97),2026-10-12 20:\(String(format: "%02d", i % 60)):05,\(i).50,"
                    + String(repeating: "商品名称", count: 8) + "\n"
            }
            try dir.write("p/in/" + file, text)
        }
    }

    static func open(_ dir: TemporaryDirectory) throws -> (PipelineDefinition, Database) {
        let definition = try DefinitionLoader.load(path: dir.path + "/p/f.yaml", environment: [:])
        let database = try Database(path: definition.databasePath)
        try Schema.migrate(database)
        return (definition, database)
    }

    static func tables(_ database: Database) throws -> [[Row]] {
        [
            try database.rows("SELECT order_id, user_id, ordered_at, paid_fen, product_name, platform, status FROM orders ORDER BY order_id"),
            try database.rows("SELECT path, status, rows_read, rows_loaded, rows_quarantined FROM ingest_files ORDER BY path"),
        ]
    }

    @Test func diskFullStopsTheFileWithAClearErrorAndARerunCompletes() throws {
        let dir = try TemporaryDirectory()
        try Self.writeInputs(dir)
        // The result of a run without any fault, for comparison.
        let clean = try TemporaryDirectory()
        try Self.writeInputs(clean)
        let (cleanDefinition, cleanDatabase) = try Self.open(clean)
        #expect(try Ingestor(definition: cleanDefinition, database: cleanDatabase).run().failed.isEmpty)
        let expected = try Self.tables(cleanDatabase)

        let (definition, database) = try Self.open(dir)
        // Room for the schema and the small files, not for the large one: SQLite reports SQLITE_FULL
        // exactly as on a full disk.
        let pages = try #require(try database.scalar("PRAGMA page_count")?.int)
        try database.execute("PRAGMA max_page_count = \(pages + 40)")
        let summary = try Ingestor(definition: definition, database: database).run()
        let failed = try #require(summary.files.first { $0.path == "b.csv" })
        #expect(failed.status == .failed)
        let message = failed.error ?? ""
        #expect(message.hasPrefix("b.csv: "), "names the file being loaded: \(message)")
        #expect(message.contains("SQLITE_FULL"), "\(message)")
        #expect(message.contains("database or disk is full"), "\(message)")
        #expect(message.contains("free disk space"), "\(message)")
        #expect(summary.files.first { $0.path == "a.csv" }?.status == .loaded)
        #expect(try database.scalar("PRAGMA integrity_check")?.string == "ok")
        #expect(try database.rows("PRAGMA foreign_key_check").isEmpty)
        #expect(try database.scalar("SELECT count(*) FROM orders WHERE order_id LIKE 'b.csv-%'")?.int == 0,
                "nothing of the interrupted file is kept")

        // Space is freed: the rerun loads what is missing and ends where a clean run ends.
        try database.execute("PRAGMA max_page_count = 1073741823")
        let rerun = try Ingestor(definition: definition, database: database).run()
        #expect(rerun.failed.isEmpty, "\(rerun.failed.map { $0.error ?? "" })")
        #expect(try database.scalar("PRAGMA integrity_check")?.string == "ok")
        #expect(try Self.tables(database) == expected)
    }

    @Test func anUnwritableReportsFolderIsReportedBeforeAnyIngest() throws {
        let dir = try TemporaryDirectory()
        try Self.writeInputs(dir)
        var (definition, database) = try Self.open(dir)
        // /sys refuses new folders even to root; /proc has no such folder to create in.
        for root in ["/sys/sluice-test-reports", "/proc/sluice-test-reports/x"] {
            definition.reportsRoot = root
            let error = try #require(throws: SluiceError.self) { try ReportPaths.checkWritable(root) }
            #expect(error.description.contains(root), "\(error)")
            #expect(error.description.contains("cannot be written"), "\(error)")
            #expect(error.hint?.contains("`reports`") == true)
        }
        #expect(try database.scalar("SELECT count(*) FROM ingest_files")?.int == 0)
        // A writable root passes and keeps no probe file behind.
        let root = dir.path + "/fresh/reports"
        try ReportPaths.checkWritable(root)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).isEmpty)
    }

    @Test func anUnopenableDatabaseIsAClearStoreError() throws {
        for path in ["/proc/sluice-test/f.sqlite", "/sys/sluice-test.sqlite"] {
            let error = try #require(throws: SluiceError.self) { _ = try Database(path: path) }
            #expect(error.kind == .store || error.kind == .io)
            #expect(error.description.contains(path) || error.description.contains((path as NSString).deletingLastPathComponent), "\(error)")
        }
        // A file that is not a database.
        let dir = try TemporaryDirectory()
        let path = try dir.write("not.sqlite", String(repeating: "this is not SQLite ", count: 400))
        let error = try #require(throws: SluiceError.self) {
            let database = try Database(path: path)
            try Schema.migrate(database)
        }
        #expect(error.description.contains("SQLITE_NOTADB"), "\(error)")
        #expect(error.hint?.contains("not an intact Sluice database") == true)
    }

    /// A read-only database file (immutable, so that even root cannot write it): the run fails at
    /// its first write, before any file is ingested, and the file is untouched.
    @Test(.enabled(if: FaultTests.immutableFilesWork(), "needs chattr +i (ext4 and CAP_LINUX_IMMUTABLE)"))
    func aReadOnlyDatabaseFailsBeforeAnyWork() throws {
        let dir = try TemporaryDirectory()
        try Self.writeInputs(dir)
        let (definition, database) = try Self.open(dir)
        try database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        try database.execute("PRAGMA journal_mode=DELETE")
        let before = try Data(contentsOf: URL(fileURLWithPath: definition.databasePath))
        let folder = (definition.databasePath as NSString).deletingLastPathComponent
        try Self.chattr("+i", definition.databasePath)
        try Self.chattr("+i", folder)
        defer {
            try? Self.chattr("-i", folder)
            try? Self.chattr("-i", definition.databasePath)
        }
        let error = try #require(throws: SluiceError.self) {
            let readOnly = try Database(path: definition.databasePath)
            try Schema.migrate(readOnly)
            _ = try RunLog(database: readOnly).start(command: "run", pipeline: "f", from: nil, to: nil)
        }
        #expect(error.kind == .store)
        #expect(["SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_IOERR", "SQLITE_PERM"].contains { error.description.contains($0) }, "\(error)")
        #expect(error.hint?.contains("writable") == true || error.hint?.contains("disk") == true, "\(error)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: definition.databasePath)) == before)
    }

    static func chattr(_ flag: String, _ path: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
        process.arguments = [flag, path]
        try process.run()
        process.waitUntilExit()
        if process.terminationStatus != 0 { throw SluiceError(.io, "chattr \(flag) \(path) failed") }
    }

    static func immutableFilesWork() -> Bool {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/chattr"), let dir = try? TemporaryDirectory(),
              let probe = try? dir.write("probe", "x") else { return false }
        guard (try? chattr("+i", probe)) != nil else { return false }
        let blocked = FileManager.default.isWritableFile(atPath: probe) == false || (try? "y".write(toFile: probe, atomically: false, encoding: .utf8)) == nil
        try? chattr("-i", probe)
        return blocked
    }
}
