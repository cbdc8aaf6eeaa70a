/// One step of a funnel: an event (or one of several alternative events), optionally filtered by fields.
public struct FunnelStep: Sendable, Equatable {
    /// Name of the step in reports, and the name exclusions use to refer to it.
    public var label: String
    /// Event names that satisfy the step (any one of them).
    public var events: [String]
    /// Field filters: every listed field must hold one of its allowed values (a missing value never
    /// matches). Fields are combined with AND, values of one field with OR.
    public var filters: [FunnelField: [String]]
    /// Optional per-step window: the step must happen less than this many milliseconds after the
    /// previous step. Ignored on the first step.
    public var windowFromPreviousMillis: Int64?

    public init(label: String, events: [String], filters: [FunnelField: [String]] = [:],
                windowFromPreviousMillis: Int64? = nil) {
        self.label = label
        self.events = events
        self.filters = filters
        self.windowFromPreviousMillis = windowFromPreviousMillis
    }

    /// A step matching a single event name.
    public init(_ event: String, label: String? = nil, filters: [FunnelField: [String]] = [:],
                windowFromPreviousMillis: Int64? = nil) {
        self.init(label: label ?? event, events: [event], filters: filters,
                  windowFromPreviousMillis: windowFromPreviousMillis)
    }
}
