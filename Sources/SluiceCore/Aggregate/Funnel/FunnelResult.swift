/// Which units a funnel row describes: all of them, those whose breakdown value is missing, or one value.
public enum FunnelSegmentKey: Sendable, Hashable {
    case all
    /// The breakdown field is empty on the step-1 event (shown as `(none)`).
    case missing
    case value(String)

    public static let missingLabel = "(none)"

    /// `all`, `(none)` or the value itself.
    public var label: String {
        switch self {
        case .all: return "all"
        case .missing: return Self.missingLabel
        case .value(let v): return v
        }
    }
}

/// One step of a funnel result.
public struct FunnelStepResult: Sendable, Equatable {
    public var label: String
    /// Units (users or attempts) that reached this step.
    public var count: Int
    /// count / previous step's count; nil on step 1 and when the previous count is 0.
    public var conversionFromPrevious: Double?
    /// count / step 1's count; nil when step 1's count is 0.
    public var conversionFromFirst: Double?
    /// Previous step's count − count; nil on step 1.
    public var dropOff: Int?
    /// Units whose furthest step is this one and that could still advance with later data.
    /// They are part of `count` and of the next step's `dropOff`.
    public var inProgress: Int
    /// Number of durations behind the time statistics (= count, except on step 1 where it is 0).
    public var timedCount: Int
    /// Median time from the previous step, ms (mean of the two middle values for an even count).
    public var medianMillisFromPrevious: Double?
    /// 90th percentile (nearest rank: the ⌈0.9·n⌉-th smallest) time from the previous step, ms.
    public var p90MillisFromPrevious: Double?
    /// Mean time from the previous step, ms.
    public var meanMillisFromPrevious: Double?

    public init(label: String, count: Int, conversionFromPrevious: Double?, conversionFromFirst: Double?,
                dropOff: Int?, inProgress: Int, timedCount: Int, medianMillisFromPrevious: Double?,
                p90MillisFromPrevious: Double?, meanMillisFromPrevious: Double?) {
        self.label = label
        self.count = count
        self.conversionFromPrevious = conversionFromPrevious
        self.conversionFromFirst = conversionFromFirst
        self.dropOff = dropOff
        self.inProgress = inProgress
        self.timedCount = timedCount
        self.medianMillisFromPrevious = medianMillisFromPrevious
        self.p90MillisFromPrevious = p90MillisFromPrevious
        self.meanMillisFromPrevious = meanMillisFromPrevious
    }
}

/// The funnel for all units or for one breakdown value.
public struct FunnelSegment: Sendable, Equatable {
    public var key: FunnelSegmentKey
    public var steps: [FunnelStepResult]
    /// Units that have not completed the funnel and could still advance with later data.
    public var inProgress: Int
    /// Median time from step 1 to the last step over completed units, ms.
    public var medianMillisToComplete: Double?

    public init(key: FunnelSegmentKey, steps: [FunnelStepResult], inProgress: Int, medianMillisToComplete: Double?) {
        self.key = key
        self.steps = steps
        self.inProgress = inProgress
        self.medianMillisToComplete = medianMillisToComplete
    }

    /// Units that entered (step 1's count).
    public var entrants: Int { steps.first?.count ?? 0 }
    /// Units that reached the last step.
    public var completed: Int { steps.last?.count ?? 0 }
    /// completed / entrants; nil when nobody entered.
    public var conversion: Double? { entrants > 0 ? Double(completed) / Double(entrants) : nil }
}

/// Everything `FunnelEngine.run` computes for one funnel and report window.
public struct FunnelResult: Sendable, Equatable {
    public var definition: FunnelDefinition
    public var window: ReportWindow
    /// Data is complete for instants before this one; later rows were ignored.
    public var dataEndMillis: Int64
    public var overall: FunnelSegment
    /// One segment per breakdown value (missing values as `.missing`), most entrants first, then by
    /// label; empty when the definition has no breakdown.
    public var segments: [FunnelSegment]
    /// The definition's problems; the engine skipped what they name.
    public var warnings: [String]

    public init(definition: FunnelDefinition, window: ReportWindow, dataEndMillis: Int64, overall: FunnelSegment,
                segments: [FunnelSegment], warnings: [String]) {
        self.definition = definition
        self.window = window
        self.dataEndMillis = dataEndMillis
        self.overall = overall
        self.segments = segments
        self.warnings = warnings
    }
}
