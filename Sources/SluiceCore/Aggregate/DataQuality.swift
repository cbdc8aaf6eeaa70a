/// What the data-quality and freshness report shows.
public struct DataQuality: Sendable {
    /// One input file and what became of its rows.
    public struct FileLine: Sendable {
        public var source: String
        public var path: String
        public var status: String
        public var read: Int64
        public var loaded: Int64
        public var quarantined: Int64
        /// Totals rows and padding lines.
        public var skipped: Int64
        /// Loaded rows that no longer stand in the tables under this file: replaced by a later
        /// row with the same key (in the same file or a later one).
        public var replaced: Int64
        public var error: String?
    }

    /// Quarantined rows of one source grouped by reason, with the first few examples.
    public struct RejectReason: Sendable {
        public var source: String
        public var reason: String
        public var count: Int64
        public var examples: [(path: String, line: Int64, raw: String)]
    }

    /// The latest day with data for one platform in one table.
    public struct Coverage: Sendable, Equatable {
        public var table: String
        public var platform: String
        public var first: LocalDate
        public var latest: LocalDate
        public var rows: Int64
    }

    public var files: [FileLine]
    public var reasons: [RejectReason]
    public var coverage: [Coverage]
    /// Derived content days with a negative difference, per cumulative source.
    public var corrections: [(source: String, days: Int64)]

    /// Platforms whose data in a table stops before the window ends.
    public func freshnessWarnings(windowEnd: LocalDate) -> [Coverage] {
        coverage.filter { $0.latest < windowEnd }
    }
}
