/// Period k of one acquisition cohort.
public struct RetentionCell: Sendable, Equatable {
    /// Periods after the cohort period (0 = the cohort period itself).
    public var k: Int
    /// The calendar period of this cell.
    public var period: CohortPeriod
    /// Period k has not ended by the data end: `share` and `ltvFen` are nil and the counts are
    /// only "so far". Show the cell as in progress, never as a (low) value.
    public var inProgress: Bool
    /// Users counted as retained (classic: active in period k; unbounded: active in k or later).
    public var retained: Int
    /// retained / cohort size; nil when in progress or the cohort is empty.
    public var share: Double?
    /// GMV (fen) of the cohort's orders in periods 0...k.
    public var cumulativeGMVFen: Int64
    /// cumulativeGMVFen / cohort size (LTV per acquired user, fen); nil when in progress or empty.
    public var ltvFen: Double?

    public init(k: Int, period: CohortPeriod, inProgress: Bool, retained: Int, share: Double?,
                cumulativeGMVFen: Int64, ltvFen: Double?) {
        self.k = k
        self.period = period
        self.inProgress = inProgress
        self.retained = retained
        self.share = share
        self.cumulativeGMVFen = cumulativeGMVFen
        self.ltvFen = ltvFen
    }
}

/// The users whose first event falls in one period.
public struct AcquisitionCohort: Sendable, Equatable {
    public var period: CohortPeriod
    public var size: Int
    /// Cells k = 0...N.
    public var cells: [RetentionCell]

    public init(period: CohortPeriod, size: Int, cells: [RetentionCell]) {
        self.period = period
        self.size = size
        self.cells = cells
    }
}

/// The size-weighted average of cell k over the cohorts whose cell k is observed.
public struct CohortAverageCell: Sendable, Equatable {
    public var k: Int
    /// Non-empty cohorts whose cell k is observed (the ones averaged).
    public var cohorts: Int
    /// Sum of their sizes (the denominator).
    public var users: Int
    public var retained: Int
    /// retained / users; nil when no cohort contributes.
    public var share: Double?
    public var cumulativeGMVFen: Int64
    /// cumulativeGMVFen / users; nil when no cohort contributes.
    public var ltvFen: Double?

    public init(k: Int, cohorts: Int, users: Int, retained: Int, share: Double?, cumulativeGMVFen: Int64, ltvFen: Double?) {
        self.k = k
        self.cohorts = cohorts
        self.users = users
        self.retained = retained
        self.share = share
        self.cumulativeGMVFen = cumulativeGMVFen
        self.ltvFen = ltvFen
    }
}

/// Acquisition cohorts limited to users whose first event has one platform and channel.
public struct SourceCohorts: Sendable, Equatable {
    /// Platform of the first event; nil when missing.
    public var platform: String?
    /// Channel of the first event; nil when missing.
    public var channel: String?
    /// Users of all cohorts from this source.
    public var size: Int
    /// Every cohort of the window (also those with no user from this source), in period order.
    public var cohorts: [AcquisitionCohort]
    public var average: [CohortAverageCell]

    public init(platform: String?, channel: String?, size: Int, cohorts: [AcquisitionCohort], average: [CohortAverageCell]) {
        self.platform = platform
        self.channel = channel
        self.size = size
        self.cohorts = cohorts
        self.average = average
    }

    /// `platform / channel`, with `(none)` for a missing value.
    public var label: String {
        (platform ?? FunnelSegmentKey.missingLabel) + " / " + (channel ?? FunnelSegmentKey.missingLabel)
    }
}

/// Users grouped by the period of their first event in the whole timeline, for the cohorts whose
/// start falls in the report window.
public struct AcquisitionCohorts: Sendable, Equatable {
    public var options: CohortOptions
    public var window: ReportWindow
    public var dataEndMillis: Int64
    /// Every period whose first day falls in the window, in order (empty cohorts included).
    public var cohorts: [AcquisitionCohort]
    /// Cells k = 0...N of the size-weighted average row.
    public var average: [CohortAverageCell]
    /// The same cohorts split by the platform and channel of each user's first event; largest first,
    /// then by label.
    public var sources: [SourceCohorts]

    public init(options: CohortOptions, window: ReportWindow, dataEndMillis: Int64, cohorts: [AcquisitionCohort],
                average: [CohortAverageCell], sources: [SourceCohorts]) {
        self.options = options
        self.window = window
        self.dataEndMillis = dataEndMillis
        self.cohorts = cohorts
        self.average = average
        self.sources = sources
    }

    /// Users in all cohorts.
    public var users: Int { cohorts.reduce(0) { $0 + $1.size } }
}
