/// A target for one metric, for one platform or for the total, from the pipeline definition.
public struct KPITarget: Sendable, Equatable {
    public var metric: String
    /// nil: the total over all platforms.
    public var platform: String?
    /// In the metric's own unit: a fraction for rates, fen for money, milliseconds for durations,
    /// yuan of GMV per yuan spent for ROI.
    public var value: Double
    public var higherIsBetter: Bool
    /// A value within this fraction of the target (default 90%) is amber, not red.
    public var amberBand: Double

    public init(metric: String, platform: String? = nil, value: Double, higherIsBetter: Bool, amberBand: Double = 0.9) {
        self.metric = metric
        self.platform = platform
        self.value = value
        self.higherIsBetter = higherIsBetter
        self.amberBand = amberBand
    }

    /// Green when the target is met, amber within the band, red outside; nil for a missing value.
    ///
    /// Higher is better: green ≥ target, amber ≥ target × band. Lower is better: green ≤ target,
    /// amber ≤ target ÷ band.
    public func status(of value: Double?) -> KPIStatus? {
        guard let value else { return nil }
        if higherIsBetter {
            if value >= self.value { return .green }
            return value >= self.value * amberBand ? .amber : .red
        }
        if value <= self.value { return .green }
        return amberBand > 0 && value <= self.value / amberBand ? .amber : .red
    }
}

/// Red / amber / green (红黄绿灯).
public enum KPIStatus: String, Sendable, Comparable {
    case green, amber, red

    static let order: [KPIStatus] = [.green, .amber, .red]
    public static func < (a: KPIStatus, b: KPIStatus) -> Bool { order.firstIndex(of: a)! < order.firstIndex(of: b)! }
}
