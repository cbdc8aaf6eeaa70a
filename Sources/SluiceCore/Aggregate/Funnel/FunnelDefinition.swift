/// How the steps of a funnel must follow each other.
public enum FunnelOrder: String, Sendable, CaseIterable {
    /// Steps in the given order; other events may happen between them (the default).
    case ordered
    /// Steps in the given order with no other event of the user between consecutive steps.
    case strict
    /// Step 1 first, then the other steps in any order.
    case any
}

/// What a funnel counts.
public enum FunnelCountingUnit: String, Sendable, CaseIterable {
    /// Each user once, using the attempt that reaches the furthest step (ties: the earliest attempt).
    case users
    /// Every step-1 event starts an attempt and every attempt counts.
    case totals
}

/// A user-level funnel over the timeline.
public struct FunnelDefinition: Sendable, Equatable {
    public static let defaultWindowMillis: Int64 = 7 * 86_400_000
    /// Largest number of steps plus exclusions a funnel may have.
    public static let maximumStepsAndExclusions = 64

    public var name: String
    public var steps: [FunnelStep]
    public var order: FunnelOrder
    /// Every later step must happen less than this many milliseconds after the step-1 event.
    public var windowMillis: Int64
    public var exclusions: [FunnelExclusion]
    public var countingUnit: FunnelCountingUnit
    /// Field of the step-1 event to break results down by; nil for no breakdown.
    public var breakdown: FunnelField?

    public init(name: String, steps: [FunnelStep], order: FunnelOrder = .ordered,
                windowMillis: Int64 = FunnelDefinition.defaultWindowMillis, exclusions: [FunnelExclusion] = [],
                countingUnit: FunnelCountingUnit = .users, breakdown: FunnelField? = .platform) {
        self.name = name
        self.steps = steps
        self.order = order
        self.windowMillis = windowMillis
        self.exclusions = exclusions
        self.countingUnit = countingUnit
        self.breakdown = breakdown
    }

    /// Every problem that makes the definition unusable or ambiguous, as plain English sentences
    /// (empty when the definition is sound). `FunnelEngine.run` skips what these name.
    public var problems: [String] {
        var out: [String] = []
        if steps.isEmpty { out.append("funnel '\(name)' has no steps") }
        if steps.count + exclusions.count > Self.maximumStepsAndExclusions {
            out.append("funnel '\(name)' has \(steps.count) steps and \(exclusions.count) exclusions; at most \(Self.maximumStepsAndExclusions) together")
        }
        if windowMillis <= 0 { out.append("funnel '\(name)': the conversion window must be positive") }
        var seen: Set<String> = []
        for (i, step) in steps.enumerated() {
            if step.events.isEmpty { out.append("funnel '\(name)', step \(i + 1) '\(step.label)' lists no event") }
            if !seen.insert(step.label).inserted {
                out.append("funnel '\(name)': step label '\(step.label)' is used twice")
            }
            if let w = step.windowFromPreviousMillis, w <= 0 {
                out.append("funnel '\(name)', step '\(step.label)': the step window must be positive")
            }
            for (field, values) in step.filters where values.isEmpty {
                out.append("funnel '\(name)', step '\(step.label)': filter on \(field.rawValue) lists no value")
            }
        }
        for (i, exclusion) in exclusions.enumerated() {
            if exclusion.events.isEmpty { out.append("funnel '\(name)', exclusion \(i + 1) lists no event") }
            let a = stepIndex(exclusion.afterStep), b = stepIndex(exclusion.beforeStep)
            if a == nil { out.append("funnel '\(name)', exclusion \(i + 1): no step labelled '\(exclusion.afterStep)'") }
            if b == nil { out.append("funnel '\(name)', exclusion \(i + 1): no step labelled '\(exclusion.beforeStep)'") }
            if let a, let b, a >= b {
                out.append("funnel '\(name)', exclusion \(i + 1): '\(exclusion.afterStep)' must come before '\(exclusion.beforeStep)'")
            }
        }
        return out
    }

    /// Index of the first step with this label.
    func stepIndex(_ label: String) -> Int? { steps.firstIndex { $0.label == label } }
}
