/// An event that, happening between two named steps of an attempt, stops that attempt from converting
/// past it: the attempt keeps the steps it reached before the excluded event and reaches no further.
public struct FunnelExclusion: Sendable, Equatable {
    /// Event names that count as the excluded event (any one of them).
    public var events: [String]
    /// Field filters, with the same meaning as on a step.
    public var filters: [FunnelField: [String]]
    /// Label of the step after which the exclusion starts to apply.
    public var afterStep: String
    /// Label of a later step before which the exclusion stops applying.
    public var beforeStep: String

    public init(events: [String], filters: [FunnelField: [String]] = [:], afterStep: String, beforeStep: String) {
        self.events = events
        self.filters = filters
        self.afterStep = afterStep
        self.beforeStep = beforeStep
    }
}
