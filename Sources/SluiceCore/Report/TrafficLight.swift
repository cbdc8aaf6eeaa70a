/// A KPI status against its target (红黄绿灯): green meets the target, amber is within the amber
/// band, red is outside it. Charts colour bars by it; reports can print `label(_:)`.
public enum TrafficLight: String, Sendable, CaseIterable, Codable {
    case green, amber, red

    /// Fill colour used in charts.
    public var colour: String {
        switch self {
        case .green: return "#2e9e44"
        case .amber: return "#f0a202"
        case .red: return "#d64545"
        }
    }

    /// The status in words: 达标 / 预警 / 未达标, or on target / at risk / off target.
    public func label(_ locale: ReportLocale) -> String {
        switch (self, locale) {
        case (.green, .zh): return "达标"
        case (.amber, .zh): return "预警"
        case (.red, .zh): return "未达标"
        case (.green, .en): return "on target"
        case (.amber, .en): return "at risk"
        case (.red, .en): return "off target"
        }
    }
}
