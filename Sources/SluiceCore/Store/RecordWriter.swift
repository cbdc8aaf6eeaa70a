import Foundation

/// Writes cleaned records of one record type with reused prepared statements.
///
/// Rows are upserted on the table's natural key, so an overlapping re-export replaces what an
/// earlier file loaded instead of adding to it. Which export wins does not depend on the order the
/// files were loaded in: a file's rows replace a key's row only when that row came from a file
/// whose path sorts at or before it (platforms name exports by date, so the later export wins;
/// within one file, the later line wins). Loading day by day and loading everything at once give
/// the same tables.
public final class RecordWriter {
    public let record: RecordType
    public let table: String
    /// Plain `INSERT OR REPLACE`, for derived rows (no file).
    private let replace: Statement
    /// The upsert with file precedence, for rows of a file (`bindFile` + `writeRow`).
    private let upsert: Statement
    private let fieldCount: Int32
    /// Position of the field that dates a row (its stat date or its timestamp).
    private let dayField: Int
    private var minMillis = Int64.max, maxMillis = Int64.min
    private var minText: String?, maxText: String?

    /// - Parameter snapshots: write to `content_snapshots` (cumulative content exports) instead of `content_daily`.
    public init(database: Database, record: RecordType, snapshots: Bool = false) throws {
        self.record = record
        table = snapshots ? "content_snapshots" : record.table
        var columns = record.fields.map(\.name)
        if snapshots, let i = columns.firstIndex(of: "stat_date") { columns[i] = "snapshot_date" }
        var keys = record.fields.filter(\.key).map(\.name)
        if snapshots { keys = keys.map { $0 == "stat_date" ? "snapshot_date" : $0 } }
        dayField = record.fields.firstIndex { $0.name == record.dayField } ?? 0
        columns += [record.sourceColumn, "file_id"]
        fieldCount = Int32(record.fields.count)
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        let list = columns.joined(separator: ", ")
        replace = try database.prepare("INSERT OR REPLACE INTO \(table) (\(list)) VALUES (\(placeholders))")
        let updates = columns.filter { !keys.contains($0) }.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        upsert = try database.prepare(
            """
            INSERT INTO \(table) (\(list)) VALUES (\(placeholders))
            ON CONFLICT(\(keys.joined(separator: ", "))) DO UPDATE SET \(updates)
            WHERE coalesce((SELECT path FROM ingest_files WHERE id = \(table).file_id), '') <= ?\(columns.count + 1)
            """)
    }

    /// Upserts one record (`values` in `record.fields` order), replacing any row with its key; `fileID`
    /// is nil for derived rows.
    @inline(__always)
    public func write(_ values: [SQLValue], source: String, fileID: Int64?) throws {
        replace.reset()
        for (i, value) in values.enumerated() { try replace.bind(value, at: Int32(i + 1)) }
        try replace.bind(.text(source), at: fieldCount + 1)
        try replace.bind(fileID, at: fieldCount + 2)
        try replace.run()
    }

    /// Binds the source, file id and file path once, for a run of `writeRow` calls (bindings
    /// survive a reset), and starts a new day span.
    func bindFile(source: String, fileID: Int64, path: String) throws {
        upsert.reset()
        try upsert.bind(.text(source), at: fieldCount + 1)
        try upsert.bind(fileID, at: fieldCount + 2)
        try upsert.bind(.text(path), at: fieldCount + 3)
        (minMillis, maxMillis, minText, maxText) = (.max, .min, nil, nil)
    }

    /// Upserts the record at `values[start ..< start + record.fields.count]` with the file of the
    /// last `bindFile`. The ingest hot path: no array per row.
    @inline(__always)
    func writeRow(_ values: UnsafeBufferPointer<SQLValue>, at start: Int) throws {
        for i in 0..<Int(fieldCount) { try upsert.bind(values[start + i], at: Int32(i + 1)) }
        switch values[start + dayField] {
        case .integer(let millis):
            if millis < minMillis { minMillis = millis }
            if millis > maxMillis { maxMillis = millis }
        case .text(let day):
            if minText.map({ day < $0 }) ?? true { minText = day }
            if maxText.map({ day > $0 }) ?? true { maxText = day }
        default: break
        }
        try upsert.run()
    }

    /// The days of the rows written since the last `bindFile` (timestamps counted in `timeZone`).
    func writtenDays(timeZone: TimeZone) -> DaySpan? {
        var span: DaySpan?
        if minMillis <= maxMillis {
            span = DaySpan(first: LocalDate(epochMillis: minMillis, in: timeZone), last: LocalDate(epochMillis: maxMillis, in: timeZone))
        }
        if let a = minText.flatMap(LocalDate.init(iso:)), let b = maxText.flatMap(LocalDate.init(iso:)) {
            span = DaySpan.union(span, DaySpan(first: a, last: b))
        }
        return span
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
