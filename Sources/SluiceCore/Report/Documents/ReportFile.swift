import Foundation

/// One output file of a report, before it is written.
public struct ReportFile: Sendable, Equatable {
    /// File name inside the window's report folder, e.g. `kpi.md` or `charts/kpi_plays.svg`.
    public var name: String
    public var data: Data

    public init(name: String, data: Data) {
        self.name = name
        self.data = data
    }

    public init(name: String, text: String) {
        self.init(name: name, data: Data(text.utf8))
    }
}

/// The output of one report: its files and the headline lines it offers the summary.
public struct ReportBundle: Sendable {
    public var files: [ReportFile] = []
    /// Short Markdown lines, conclusions first.
    public var headlines: [String] = []
    public init() {}
}

/// Formats a metric value in prose and tables, and as a typed CSV cell.
struct MetricFormatter {
    let format: NumberFormat

    init(_ locale: ReportLocale) { format = NumberFormat(locale) }

    func text(_ value: Double?, _ metric: KPIMetric) -> String {
        guard let value, value.isFinite else { return NumberFormat.notAvailable }
        switch metric.kind {
        case .count: return format.count(Int64(value.rounded()))
        case .money: return format.money(fen: Int64(value.rounded()))
        case .rate: return format.percent(value, places: value != 0 && abs(value) < 0.01 ? 2 : 1)
        case .duration: return format.duration(ms: Int64(value.rounded()))
        case .ratio: return format.ratio(value)
        }
    }

    func change(_ row: ScorecardRow) -> String {
        guard row.change != nil else { return NumberFormat.notAvailable }
        return row.metric.kind == .rate ? format.percentagePointChange(row.change, places: 2) : format.percentChange(row.change)
    }

    static func cell(_ value: Double?, _ metric: KPIMetric) -> CSVCell {
        guard let value, value.isFinite else { return metric.kind == .rate ? .rate(nil) : .empty }
        switch metric.kind {
        case .count, .duration: return .integer(Int64(value.rounded()))
        case .money: return .money(fen: Int64(value.rounded()))
        case .rate: return .rate(value)
        case .ratio: return .decimal(value, places: 4)
        }
    }
}

extension KPIStatus {
    var light: TrafficLight {
        switch self {
        case .green: return .green
        case .amber: return .amber
        case .red: return .red
        }
    }

    /// A marker that reads in plain text as well as rendered Markdown.
    func marker(_ locale: ReportLocale) -> String {
        let dot: String
        switch self {
        case .green: dot = "🟢"
        case .amber: dot = "🟡"
        case .red: dot = "🔴"
        }
        return dot + " " + light.label(locale)
    }
}

/// Platform display names.
enum PlatformName {
    static let zh: [String: String] = [
        "douyin": "抖音", "channels": "视频号", "xiaohongshu": "小红书", "kuaishou": "快手", "weibo": "微博",
        "miniprogram": "小程序", "doudian": "抖店", "wechat": "公众号", "oceanengine": "巨量引擎",
    ]
    static let en: [String: String] = [
        "douyin": "Douyin", "channels": "WeChat Channels", "xiaohongshu": "Xiaohongshu", "kuaishou": "Kuaishou",
        "weibo": "Weibo", "miniprogram": "Mini-program", "doudian": "Douyin shop", "wechat": "Official account",
        "oceanengine": "Ocean Engine",
    ]

    static func of(_ platform: String?, _ locale: ReportLocale) -> String {
        guard let platform else { return locale == .zh ? "合计" : "Total" }
        return (locale == .zh ? zh : en)[platform] ?? platform
    }
}
