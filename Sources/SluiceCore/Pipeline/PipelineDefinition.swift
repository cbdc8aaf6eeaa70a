import Foundation

/// A validated pipeline definition: where the inputs are, how each export family maps onto a
/// canonical record type, and where the database and reports go.
///
/// Loaded from YAML by `DefinitionLoader`; see docs/pipeline-format.md for the format.
public struct PipelineDefinition: Sendable {
    public var name: String
    public var timeZone: TimeZone
    /// Absolute path of the SQLite database.
    public var databasePath: String
    /// Absolute folder under which source globs are matched.
    public var inputRoot: String
    /// Absolute root folder for reports.
    public var reportsRoot: String
    /// Pins "today" for the nightly default.
    public var asOf: LocalDate?
    /// Share of data rows a file may quarantine before it fails as a whole.
    public var maxRejectRatio: Double
    public var limits: ReaderLimits
    public var sources: [SourceDefinition]
    /// KPI targets (red/amber/green).
    public var targets: [KPITarget] = []
    public var reporting = ReportingOptions()
    /// Funnels over the user timeline (`funnel.md`); none configured: no funnel report.
    public var funnels: [FunnelDefinition] = []
    /// Cohort options (`cohort.md`); nil: no cohort report.
    public var cohorts: CohortOptions?
    /// Attribution options (`attribution.md`); nil: no attribution report.
    public var attribution: AttributionOptions?
    /// The file the definition was loaded from.
    public var definitionPath: String
    /// Pseudonymisation of user ids (`privacy`).
    public var privacy = PrivacyOptions()
}

/// One export family: which files, how to read them, and how their columns map to canonical fields.
public struct SourceDefinition: Sendable {
    public enum Format: String, Sendable { case csv, jsonl }
    public enum Counters: String, Sendable { case daily, cumulative }
    /// Where a cumulative export's snapshot date comes from.
    public enum SnapshotDate: Sendable {
        case column(String)
        /// A regular expression whose first capture group is the date, matched against the file name.
        case filename(String)
    }

    public var name: String
    public var files: String
    /// nil: decided per file from its name.
    public var format: Format?
    public var encoding: TextEncoding
    public var record: RecordType
    public var skipLines: Int
    public var delimiter: UInt8
    public var counters: Counters
    public var snapshotDate: SnapshotDate?
    /// Canonical field → fixed value.
    public var constants: [String: String]
    /// Canonical field → how it is read from the export.
    public var columns: [String: ColumnMapping]
    /// Canonical field → (export value → canonical value).
    public var valueMaps: [String: [String: String]]
    public var totalsMarkers: [String]
    public var restateDays: Int
    /// How many days the newest data may lag behind yesterday before a nightly run warns; nil: never.
    public var freshnessLagDays: Int? = 0
    /// Set when `privacy.pseudonymize_user_ids` is on: user ids are stored as keyed pseudonyms.
    public var userIDPseudonymizer: Pseudonymizer?

    /// The format for a given file: the declared one, else from the file name.
    public func format(for path: String) -> Format? {
        if let format { return format }
        var name = path.lowercased()
        if name.hasSuffix(".gz") { name.removeLast(3) }
        if name.hasSuffix(".csv") || name.hasSuffix(".txt") { return .csv }
        if name.hasSuffix(".jsonl") || name.hasSuffix(".ndjson") || name.hasSuffix(".json") { return .jsonl }
        return nil
    }
}

/// How one canonical field is read from an export column.
public struct ColumnMapping: Sendable, Equatable {
    public enum MoneyUnit: String, Sendable { case yuan, fen }
    /// Header name (CSV) or dotted key path (JSONL).
    public var column: String
    /// The column holds a rate of this other count field; the stored value is rate × that count.
    public var rateOf: String?
    public var unit: MoneyUnit

    public init(column: String, rateOf: String? = nil, unit: MoneyUnit = .yuan) {
        self.column = column
        self.rateOf = rateOf
        self.unit = unit
    }
}

/// How reports are written.
public struct ReportingOptions: Sendable {
    /// Language of labels and prose: `zh` or `en`.
    public var locale: String = "zh"
    /// A daily value further than this from its trailing 28-day mean is an anomaly.
    public var anomalyThreshold: Double = 0.2
    /// Windows the nightly run reports: `yesterday`, `week_to_date`, `month_to_date`, `last_N_days`.
    public var windows = ["yesterday", "week_to_date", "month_to_date"]

    public init() {}
}
