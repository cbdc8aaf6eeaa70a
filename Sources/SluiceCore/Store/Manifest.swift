/// The `ingest_files` table: one row per input file, saying what was loaded from it.
public struct ManifestEntry: Sendable, Equatable {
    public var id: Int64
    public var source: String
    public var path: String
    public var size: Int64
    public var mtimeMillis: Int64
    public var contentHash: String
    public var status: String
}

/// Counts kept for one file.
public struct FileCounts: Sendable, Equatable {
    public var read = 0
    public var loaded = 0
    public var quarantined = 0
    public var skipped = 0
    public init() {}
}

/// Reads and writes the ingest manifest.
public struct Manifest {
    let database: Database

    public init(database: Database) { self.database = database }

    public func entry(path: String) throws -> ManifestEntry? {
        guard let row = try database.rows(
            "SELECT id, source, path, size, mtime_ms, content_hash, status FROM ingest_files WHERE path = ?", [.text(path)]
        ).first else { return nil }
        return ManifestEntry(
            id: row[0].int ?? 0, source: row[1].string ?? "", path: row[2].string ?? "", size: row[3].int ?? 0,
            mtimeMillis: row[4].int ?? 0, contentHash: row[5].string ?? "", status: row[6].string ?? "")
    }

    /// Records a file's outcome, keeping its id stable across re-ingests; returns the id.
    @discardableResult
    public func record(
        source: String, path: String, size: Int64, mtimeMillis: Int64, hash: String, encoding: String?,
        counts: FileCounts, status: String, error: String?, at time: Int64, runID: Int64?, days: DaySpan? = nil
    ) throws -> Int64 {
        try database.run(
            """
            INSERT INTO ingest_files (source, path, size, mtime_ms, content_hash, encoding, rows_read, rows_loaded,
                rows_quarantined, rows_skipped, status, error, ingested_at, run_id, first_day, last_day)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(path) DO UPDATE SET source = excluded.source, size = excluded.size, mtime_ms = excluded.mtime_ms,
                content_hash = excluded.content_hash, encoding = excluded.encoding, rows_read = excluded.rows_read,
                rows_loaded = excluded.rows_loaded, rows_quarantined = excluded.rows_quarantined,
                rows_skipped = excluded.rows_skipped, status = excluded.status, error = excluded.error,
                ingested_at = excluded.ingested_at, run_id = excluded.run_id, first_day = excluded.first_day,
                last_day = excluded.last_day
            """,
            [
                .text(source), .text(path), .integer(size), .integer(mtimeMillis), .text(hash),
                encoding.map(SQLValue.text) ?? .null, .integer(Int64(counts.read)), .integer(Int64(counts.loaded)),
                .integer(Int64(counts.quarantined)), .integer(Int64(counts.skipped)), .text(status),
                error.map(SQLValue.text) ?? .null, .integer(time), runID.map(SQLValue.integer) ?? .null,
                days.map { .text($0.first.iso) } ?? .null, days.map { .text($0.last.iso) } ?? .null,
            ])
        return try database.scalar("SELECT id FROM ingest_files WHERE path = ?", [.text(path)])?.int ?? 0
    }

    /// The days of the rows a file's current load holds (nil when it loaded none, or failed).
    public func days(id: Int64) throws -> DaySpan? {
        guard let row = try database.rows("SELECT first_day, last_day FROM ingest_files WHERE id = ?", [.integer(id)]).first,
              let first = row[0].string.flatMap(LocalDate.init(iso:)), let last = row[1].string.flatMap(LocalDate.init(iso:))
        else { return nil }
        return DaySpan(first: first, last: last)
    }

    /// Reserves an id for a file about to be loaded for the first time (inside the load transaction).
    public func reserveID(source: String, path: String, at time: Int64) throws -> Int64 {
        if let existing = try entry(path: path) { return existing.id }
        return try record(source: source, path: path, size: 0, mtimeMillis: 0, hash: "", encoding: nil,
                          counts: FileCounts(), status: "failed", error: "loading", at: time, runID: nil)
    }

    /// Notes a new modification time for a file whose content is unchanged (e.g. touched or copied).
    public func touch(id: Int64, mtimeMillis: Int64) throws {
        try database.run("UPDATE ingest_files SET mtime_ms = ? WHERE id = ?", [.integer(mtimeMillis), .integer(id)])
    }
}
