import Foundation

/// The `runs` table: one row per command that changed the database.
public struct RunLog {
    let database: Database

    public init(database: Database) { self.database = database }

    /// Records the start of a run and returns its id.
    public func start(command: String, pipeline: String, from: LocalDate? = nil, to: LocalDate? = nil) throws -> Int64 {
        try database.run(
            "INSERT INTO runs (command, pipeline, window_from, window_to, started_at, sluice_version, pid) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [.text(command), .text(pipeline), from.map { .text($0.iso) } ?? .null, to.map { .text($0.iso) } ?? .null,
             .integer(Self.now()), .text(Sluice.version), .integer(Int64(getpid()))])
        return database.lastInsertRowID
    }

    /// Marks runs still recorded as running as `interrupted`: called by the holder of the run lock,
    /// so any such run belongs to a process that died. Returns how many.
    @discardableResult
    public func markInterrupted() throws -> Int {
        try database.run(
            "UPDATE runs SET outcome = 'interrupted', message = 'the process ended before the run finished (killed or crashed); its unfinished file and report were rolled back' WHERE outcome = 'running'")
        return database.changes
    }

    /// Records how a run ended.
    public func finish(id: Int64, summary: IngestSummary?, reportsWritten: Int = 0, outcome: String, message: String? = nil) throws {
        try database.run(
            """
            UPDATE runs SET ended_at = ?, files_ingested = ?, files_failed = ?, rows_loaded = ?, rows_quarantined = ?,
                reports_written = ?, outcome = ?, message = ? WHERE id = ?
            """,
            [.integer(Self.now()), .integer(Int64(summary?.loaded.count ?? 0)), .integer(Int64(summary?.failed.count ?? 0)),
             .integer(Int64(summary?.rowsLoaded ?? 0)), .integer(Int64(summary?.rowsQuarantined ?? 0)),
             .integer(Int64(reportsWritten)), .text(outcome), message.map(SQLValue.text) ?? .null, .integer(id)])
    }

    static func now() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
}

/// Facts about this build of Sluice.
public enum Sluice {
    public static let version = "0.1.0"
}
