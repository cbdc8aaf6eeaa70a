/// The largest loss between two consecutive steps.
public struct FunnelDrop: Sendable, Equatable {
    public var fromStep: String
    public var toStep: String
    /// Units lost between the two steps.
    public var lost: Int
    /// lost / units at `fromStep`.
    public var share: Double

    public init(fromStep: String, toStep: String, lost: Int, share: Double) {
        self.fromStep = fromStep
        self.toStep = toStep
        self.lost = lost
        self.share = share
    }
}

/// A few plain facts about a funnel result for the summary page (English text in `lines`; the
/// structured fields are there for localisation).
public struct FunnelHeadlines: Sendable, Equatable {
    public var funnel: String
    public var unit: FunnelCountingUnit
    public var entrants: Int
    public var completed: Int
    /// completed / entrants; nil when nobody entered.
    public var conversion: Double?
    /// The step pair with the largest share lost (ties: the earlier pair); nil with fewer than two
    /// steps or no entrants.
    public var biggestDrop: FunnelDrop?
    public var inProgress: Int
    public var medianMillisToComplete: Double?
    /// The breakdown segment with the highest conversion among segments holding at least 10% of the
    /// entrants (ties: more entrants); nil without a breakdown.
    public var bestSegment: FunnelSegmentKey?
    public var bestSegmentConversion: Double?

    /// The facts as English sentences.
    public var lines: [String] {
        let noun = unit == .users ? "users" : "attempts"
        var out = ["\(funnel): \(entrants) \(noun) entered, \(completed) completed (\(Self.percent(conversion)))."]
        if let d = biggestDrop {
            out.append("Largest drop: \(d.fromStep) → \(d.toStep), \(d.lost) lost (\(Self.percent(d.share))).")
        }
        if let m = medianMillisToComplete { out.append("Median time to complete: \(Self.duration(m)).") }
        if let s = bestSegment, let c = bestSegmentConversion {
            out.append("Best converting segment: \(s.label) (\(Self.percent(c))).")
        }
        if inProgress > 0 { out.append("\(inProgress) \(noun) are still inside their conversion window.") }
        return out
    }

    static func percent(_ value: Double?) -> String {
        guard let value else { return "n/a" }
        return String(format: "%.1f%%", value * 100)
    }

    static func duration(_ millis: Double) -> String {
        let minutes = millis / 60_000
        if minutes < 60 { return String(format: "%.0f min", minutes) }
        if minutes < 48 * 60 { return String(format: "%.1f h", minutes / 60) }
        return String(format: "%.1f days", minutes / 1440)
    }
}

extension FunnelResult {
    /// A few plain facts for the summary page.
    public func headlines() -> FunnelHeadlines {
        let steps = overall.steps
        var drop: FunnelDrop?
        for k in steps.indices.dropFirst() where steps[k - 1].count > 0 {
            let lost = steps[k - 1].count - steps[k].count
            let share = Double(lost) / Double(steps[k - 1].count)
            if drop == nil || share > (drop?.share ?? 0) {
                drop = FunnelDrop(fromStep: steps[k - 1].label, toStep: steps[k].label, lost: lost, share: share)
            }
        }
        let floor = Double(overall.entrants) * 0.1
        var best: FunnelSegment?
        for s in segments where s.entrants > 0 && Double(s.entrants) >= floor {
            guard let c = s.conversion else { continue }
            if let b = best, let bc = b.conversion, bc > c || (bc == c && b.entrants >= s.entrants) { continue }
            best = s
        }
        return FunnelHeadlines(
            funnel: definition.name, unit: definition.countingUnit, entrants: overall.entrants,
            completed: overall.completed, conversion: overall.conversion, biggestDrop: drop,
            inProgress: overall.inProgress, medianMillisToComplete: overall.medianMillisToComplete,
            bestSegment: best?.key, bestSegmentConversion: best?.conversion)
    }
}
