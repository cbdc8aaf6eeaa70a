/// Writes cleaned records of one record type with a reused prepared statement.
///
/// Rows are upserted on the table's natural key: the row written last wins, so an overlapping
/// re-export replaces what an earlier file loaded instead of adding to it.
public final class RecordWriter {
    public let record: RecordType
    public let table: String
    private let insert: Statement
    private let fieldCount: Int32

    /// - Parameter snapshots: write to `content_snapshots` (cumulative content exports) instead of `content_daily`.
    public init(database: Database, record: RecordType, snapshots: Bool = false) throws {
        self.record = record
        table = snapshots ? "content_snapshots" : record.table
        var columns = record.fields.map(\.name)
        if snapshots, let i = columns.firstIndex(of: "stat_date") { columns[i] = "snapshot_date" }
        columns += [record.sourceColumn, "file_id"]
        fieldCount = Int32(record.fields.count)
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        insert = try database.prepare(
            "INSERT OR REPLACE INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders))")
    }

    /// Upserts one record (`values` in `record.fields` order); `fileID` is nil for derived rows.
    @inline(__always)
    public func write(_ values: [SQLValue], source: String, fileID: Int64?) throws {
        insert.reset()
        for (i, value) in values.enumerated() { try insert.bind(value, at: Int32(i + 1)) }
        try insert.bind(.text(source), at: fieldCount + 1)
        try insert.bind(fileID, at: fieldCount + 2)
        try insert.run()
    }

    /// Binds the source and file id once, for a run of `writeRow` calls (bindings survive a reset).
    func bindFile(source: String, fileID: Int64?) throws {
        insert.reset()
        try insert.bind(.text(source), at: fieldCount + 1)
        try insert.bind(fileID, at: fieldCount + 2)
    }

    /// Upserts the record at `values[start ..< start + record.fields.count]`, with the source and file
    /// id of the last `bindFile`. The ingest hot path: no array per row.
    @inline(__always)
    func writeRow(_ values: UnsafeBufferPointer<SQLValue>, at start: Int) throws {
        for i in 0..<Int(fieldCount) { try insert.bind(values[start + i], at: Int32(i + 1)) }
        try insert.run()
    }

    /// Removes every row a file loaded earlier, from every table, before that file is loaded again.
    public static func deleteRows(ofFile fileID: Int64, in database: Database) throws {
        for table in RecordType.allCases.map(\.table) + ["content_snapshots", "quarantine"] {
            try database.run("DELETE FROM \(table) WHERE file_id = ?", [.integer(fileID)])
        }
    }
}

/// Writes rejected rows, with their place in the file and the reason.
public final class QuarantineWriter {
    private let insert: Statement

    public init(database: Database) throws {
        insert = try database.prepare(
            "INSERT INTO quarantine (file_id, source, path, line, column_name, field, reason, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
    }

    public func write(fileID: Int64, source: String, path: String, line: Int, rejection: Rejection, raw: String) throws {
        try insert.bind([
            .integer(fileID), .text(source), .text(path), .integer(Int64(line)),
            rejection.column.map(SQLValue.text) ?? .null, rejection.field.map(SQLValue.text) ?? .null,
            .text(rejection.reason), .text(String(raw.prefix(4096))),
        ])
        try insert.run()
    }
}
