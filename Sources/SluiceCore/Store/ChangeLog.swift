import Foundation

/// The `data_changes` table: every load that added, replaced or removed rows, with the span of
/// local days those rows belong to. A report is stale when a change later than the report touched
/// a day on or before the report window's last day (see `ReportLedger`).
public struct ChangeLog {
    let database: Database

    public init(database: Database) { self.database = database }

    /// Records that `source` changed rows dated `first ... last` (inside the caller's transaction).
    public func record(source: String, fileID: Int64?, runID: Int64?, first: LocalDate, last: LocalDate) throws {
        try database.run(
            "INSERT INTO data_changes (run_id, file_id, source, first_day, last_day, changed_at) VALUES (?, ?, ?, ?, ?, ?)",
            [runID.map(SQLValue.integer) ?? .null, fileID.map(SQLValue.integer) ?? .null, .text(source),
             .text(first.iso), .text(last.iso), .integer(Int64(Date().timeIntervalSince1970 * 1000))])
    }

    /// The sequence number of the latest change (0 when none).
    public func latest() throws -> Int64 {
        try database.scalar("SELECT coalesce(max(id), 0) FROM data_changes")?.int ?? 0
    }
}

/// The earliest and latest day among rows, tracked while they are written.
public struct DaySpan: Sendable, Equatable {
    public var first: LocalDate
    public var last: LocalDate

    public init(first: LocalDate, last: LocalDate) {
        self.first = first
        self.last = last
    }

    /// The span covering both (either may be nil).
    public static func union(_ a: DaySpan?, _ b: DaySpan?) -> DaySpan? {
        guard let a else { return b }
        guard let b else { return a }
        return DaySpan(first: min(a.first, b.first), last: max(a.last, b.last))
    }
}
