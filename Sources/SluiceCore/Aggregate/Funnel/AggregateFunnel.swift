/// Per-platform sums of `content_daily` over a report window (the lead computes them in SQL).
/// nil means the platform reports no value for that column (SQL `SUM` over NULLs), not zero.
public struct ContentTotals: Sendable, Equatable {
    public var platform: String
    public var impressions: Int64?
    public var plays: Int64?
    public var completedPlays: Int64?
    public var likes: Int64?
    public var comments: Int64?
    public var shares: Int64?
    public var newFollowers: Int64?

    public init(platform: String, impressions: Int64? = nil, plays: Int64? = nil, completedPlays: Int64? = nil,
                likes: Int64? = nil, comments: Int64? = nil, shares: Int64? = nil, newFollowers: Int64? = nil) {
        self.platform = platform
        self.impressions = impressions
        self.plays = plays
        self.completedPlays = completedPlays
        self.likes = likes
        self.comments = comments
        self.shares = shares
        self.newFollowers = newFollowers
    }
}

/// One step of the aggregate content funnel.
public struct AggregateFunnelStep: Sendable, Equatable {
    /// `impressions`, `plays`, `completed_plays`, `interactions` or `new_followers`.
    public var key: String
    /// nil when the platform reports no value for this step.
    public var count: Int64?
    /// count / previous count; nil on the first step, when either is nil, or when the previous count ≤ 0.
    public var conversionFromPrevious: Double?
    /// count / count of the top step (the first step with a value); nil when either is nil or the top ≤ 0.
    public var conversionFromTop: Double?
    /// previous count − count; nil on the first step or when either is nil.
    public var dropOff: Int64?

    public init(key: String, count: Int64?, conversionFromPrevious: Double?, conversionFromTop: Double?, dropOff: Int64?) {
        self.key = key
        self.count = count
        self.conversionFromPrevious = conversionFromPrevious
        self.conversionFromTop = conversionFromTop
        self.dropOff = dropOff
    }
}

/// The aggregate content funnel of one platform.
public struct AggregateFunnelResult: Sendable, Equatable {
    public var platform: String
    public var steps: [AggregateFunnelStep]
    /// Key of the first step with a value (the base of `conversionFromTop`); nil when no step has one.
    public var topStep: String?
    /// Parts of `interactions` (`likes`, `comments`, `shares`) the platform does not report; the
    /// interactions count is the sum of the others.
    public var missingInteractionParts: [String]

    public init(platform: String, steps: [AggregateFunnelStep], topStep: String?, missingInteractionParts: [String]) {
        self.platform = platform
        self.steps = steps
        self.topStep = topStep
        self.missingInteractionParts = missingInteractionParts
    }
}

/// The content funnel from daily platform totals, for platforms without user-level data:
/// impressions → plays → completed plays → interactions (likes + comments + shares) → new followers.
public enum AggregateFunnel {
    public static let stepKeys = ["impressions", "plays", "completed_plays", "interactions", "new_followers"]

    /// The funnel of one platform's totals.
    public static func run(_ totals: ContentTotals) -> AggregateFunnelResult {
        let parts: [(String, Int64?)] = [("likes", totals.likes), ("comments", totals.comments), ("shares", totals.shares)]
        let present = parts.compactMap(\.1)
        let interactions: Int64? = present.isEmpty ? nil : present.reduce(0, &+)
        let missing = present.isEmpty ? [] : parts.filter { $0.1 == nil }.map(\.0)
        let counts = [totals.impressions, totals.plays, totals.completedPlays, interactions, totals.newFollowers]
        let topIndex = counts.firstIndex { $0 != nil }
        let top = topIndex.flatMap { counts[$0] }
        var steps: [AggregateFunnelStep] = []
        for (i, count) in counts.enumerated() {
            let previous: Int64? = i > 0 ? counts[i - 1] : nil
            steps.append(AggregateFunnelStep(
                key: stepKeys[i], count: count,
                conversionFromPrevious: ratio(count, previous),
                conversionFromTop: ratio(count, top),
                dropOff: previous.flatMap { p in count.map { p - $0 } }))
        }
        return AggregateFunnelResult(platform: totals.platform, steps: steps, topStep: topIndex.map { stepKeys[$0] },
                                     missingInteractionParts: missing)
    }

    /// One funnel per platform, in the order given.
    public static func run(_ totals: [ContentTotals]) -> [AggregateFunnelResult] { totals.map { run($0) } }

    private static func ratio(_ numerator: Int64?, _ denominator: Int64?) -> Double? {
        guard let numerator, let denominator, denominator > 0 else { return nil }
        return Double(numerator) / Double(denominator)
    }
}
