/// The calendar period cohorts are grouped by and retention is measured in.
public enum CohortPeriodUnit: String, Sendable, CaseIterable {
    case day
    /// ISO week, Monday to Sunday.
    case week
    case month
}

/// How an acquisition-cohort cell counts a user as retained in period k.
public enum RetentionMode: String, Sendable, CaseIterable {
    /// Active in period k.
    case classic
    /// Active in period k or any later period (up to the data end).
    case unbounded
}

/// Which events make a user active.
public enum ActiveEvents: Sendable, Equatable {
    /// Every event except those named.
    case allExcept([String])
    /// Only the events named.
    case only([String])

    /// Every event except `impression`.
    public static let `default` = ActiveEvents.allExcept(["impression"])
}

/// Options shared by acquisition and buyer cohorts.
public struct CohortOptions: Sendable, Equatable {
    public var period: CohortPeriodUnit
    /// Cells are computed for periods k = 0...periods.
    public var periods: Int
    public var activeEvents: ActiveEvents
    public var retention: RetentionMode
    /// Day counts of the N-day repurchase rates of buyer cohorts.
    public var repurchaseDays: [Int]

    public init(period: CohortPeriodUnit = .week, periods: Int = 8, activeEvents: ActiveEvents = .default,
                retention: RetentionMode = .classic, repurchaseDays: [Int] = [30, 60, 90]) {
        self.period = period
        self.periods = periods
        self.activeEvents = activeEvents
        self.retention = retention
        self.repurchaseDays = repurchaseDays
    }
}
