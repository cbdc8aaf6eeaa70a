import Foundation

/// One metric for one platform (or the total) in the report window and the previous window.
public struct ScorecardRow: Sendable {
    public var metric: KPIMetric
    /// nil: the total over all platforms.
    public var platform: String?
    public var current: Double?
    public var previous: Double?
    /// Percentage points (as a fraction, 0.012 = 1.2 pp) for rates; relative change otherwise.
    public var change: Double?
    public var target: KPITarget?
    public var status: KPIStatus?
    /// Red in each of the last two complete ISO weeks of the window.
    public var redTwoWeeksRunning: Bool
}

/// A daily value far from its trailing mean.
public struct Anomaly: Sendable, Equatable {
    public var metric: KPIMetric
    public var platform: String?
    public var date: LocalDate
    public var value: Double
    public var trailingMean: Double
    /// (value − mean) / |mean|.
    public var deviation: Double
}

/// The KPI scorecard of one report window.
public struct Scorecard: Sendable {
    public var window: ReportWindow
    public var previousWindow: ReportWindow
    public var platforms: [String]
    public var rows: [ScorecardRow]
    /// The last two complete ISO weeks inside the window (empty when the window holds fewer).
    public var weeksChecked: [ReportWindow]
    public var anomalies: [Anomaly]
    public var anomalyThreshold: Double

    /// The row for a metric and platform (nil platform: total).
    public func row(_ metric: String, platform: String? = nil) -> ScorecardRow? {
        rows.first { $0.metric.id == metric && $0.platform == platform }
    }
}

/// Options of the scorecard.
public struct KPIOptions: Sendable {
    public var targets: [KPITarget]
    /// A daily value further than this from its trailing mean is an anomaly (0.2 = 20%).
    public var anomalyThreshold: Double
    /// Days in the trailing mean.
    public var anomalyTrailingDays: Int
    /// A trailing mean needs at least this many days with a value.
    public var anomalyMinimumDays: Int
    /// Metrics checked for anomalies, per platform and in total.
    public var anomalyMetrics: [String]

    public init(targets: [KPITarget] = [], anomalyThreshold: Double = 0.2, anomalyTrailingDays: Int = 28,
                anomalyMinimumDays: Int = 7,
                anomalyMetrics: [String] = ["plays", "completion_rate", "interaction_rate", "net_follower_change", "gmv", "orders", "spend", "cpm", "ctr"]) {
        self.targets = targets
        self.anomalyThreshold = anomalyThreshold
        self.anomalyTrailingDays = anomalyTrailingDays
        self.anomalyMinimumDays = anomalyMinimumDays
        self.anomalyMetrics = anomalyMetrics
    }
}

/// Computes KPI values from daily facts and orders; pure, so every formula is unit-testable.
public struct KPIEngine: Sendable {
    private let byPlatform: [String: [Int: DailyFacts]]
    private let orders: [OrderFact]
    /// First and last order time per platform.
    private let orderSpans: [String: ClosedRange<Int64>]
    public let platforms: [String]
    public let timeZone: TimeZone
    /// Values already computed: the scorecard, the anomaly check and the daily charts ask for the
    /// same platform and days many times (per metric), and each answer walks the orders of those days.
    private let memo = ValueMemo()

    public init(inputs: KPIInputs, timeZone: TimeZone) {
        var index: [String: [Int: DailyFacts]] = [:]
        for fact in inputs.daily { index[fact.platform, default: [:]][fact.date.dayNumber] = fact }
        byPlatform = index
        orders = inputs.orders.sorted { ($0.orderedAt, $0.orderID) < ($1.orderedAt, $1.orderID) }
        var spans: [String: ClosedRange<Int64>] = [:]
        for order in orders {
            spans[order.platform] = spans[order.platform].map { min($0.lowerBound, order.orderedAt)...max($0.upperBound, order.orderedAt) }
                ?? order.orderedAt...order.orderedAt
        }
        orderSpans = spans
        platforms = inputs.platforms
        self.timeZone = timeZone
    }

    /// Every metric for one platform (nil: total) over the days `[from, to]`; nil values are n/a.
    ///
    /// A metric group is present only where its data is: content and audience metrics when the
    /// days hold content or account rows, commerce metrics when the days overlap the span covered
    /// by orders, cost metrics when they hold spend rows. Absent is "no data", not zero.
    public func values(platform: String?, from: LocalDate, to: LocalDate) -> [String: Double?] {
        let key = ValueMemo.Key(platform: platform, from: from.dayNumber, to: to.dayNumber)
        if let known = memo.get(key) { return known }
        let computed = compute(platform: platform, from: from, to: to)
        memo.set(key, computed)
        return computed
    }

    private func compute(platform: String?, from: LocalDate, to: LocalDate) -> [String: Double?] {
        let chosen = platform.map { [$0] } ?? platforms
        var f = DailyFacts(platform: platform ?? "", date: from)
        var followersEnd: Int64?, followersStart: Int64?
        for p in chosen {
            guard let days = byPlatform[p] else { continue }
            var latestEnd: (day: Int, value: Int64)?
            var latestStart: (day: Int, value: Int64)?
            for (day, d) in days {
                if day >= from.dayNumber && day <= to.dayNumber {
                    f.plays += d.plays; f.completedPlays += d.completedPlays; f.completionBase += d.completionBase
                    f.watchMillis += d.watchMillis; f.watchBase += d.watchBase
                    f.likes += d.likes; f.comments += d.comments; f.shares += d.shares; f.favorites += d.favorites
                    f.contentFollowers += d.contentFollowers; f.postsPublished += d.postsPublished
                    f.newFollowers += d.newFollowers; f.lostFollowers += d.lostFollowers
                    f.spendFen += d.spendFen; f.impressions += d.impressions; f.clicks += d.clicks; f.conversions += d.conversions
                    f.hasContent = f.hasContent || d.hasContent
                    f.hasAccount = f.hasAccount || d.hasAccount
                    f.hasSpend = f.hasSpend || d.hasSpend
                    if let total = d.followersTotal, latestEnd.map({ day > $0.day }) ?? true { latestEnd = (day, total) }
                } else if day < from.dayNumber, let total = d.followersTotal, latestStart.map({ day > $0.day }) ?? true {
                    latestStart = (day, total)
                }
            }
            if let latestEnd { followersEnd = (followersEnd ?? 0) + latestEnd.value }
            if let latestStart { followersStart = (followersStart ?? 0) + latestStart.value }
        }
        var v: [String: Double?] = [:]
        func ratio(_ n: Int64, _ d: Int64) -> Double? { d == 0 ? nil : Double(n) / Double(d) }
        if f.hasContent {
            v["posts"] = Double(f.postsPublished)
            v["plays"] = Double(f.plays)
            v["completion_rate"] = ratio(f.completedPlays, f.completionBase)
            v["avg_watch_time"] = ratio(f.watchMillis, f.watchBase)
            v["like_rate"] = ratio(f.likes, f.plays)
            v["comment_rate"] = ratio(f.comments, f.plays)
            v["share_rate"] = ratio(f.shares, f.plays)
            v["save_rate"] = ratio(f.favorites, f.plays)
            v["interaction_rate"] = ratio(f.likes + f.comments + f.shares, f.plays)
            v["follow_conversion"] = ratio(f.contentFollowers, f.plays)
        }
        if f.hasAccount {
            let net = f.newFollowers - f.lostFollowers
            v["followers"] = followersEnd.map(Double.init)
            v["net_follower_change"] = Double(net)
            v["follower_growth_rate"] = followersStart.flatMap { ratio(net, $0) }
        }
        let start = from.startEpochMillis(in: timeZone), end = to.adding(days: 1).startEpochMillis(in: timeZone)
        let inWindow = ordersBetween(start, end).filter { platform == nil || $0.platform == platform }
        let sales = inWindow.filter(\.isSale)
        // A window has commerce data when it overlaps the span the order exports cover: inside that
        // span a day without orders really had none; outside it nothing is known.
        let span = platform.flatMap { orderSpans[$0] } ?? (platform == nil ? orderSpans.values.reduce(nil) { merged, s in
            merged.map { min($0.lowerBound, s.lowerBound)...max($0.upperBound, s.upperBound) } ?? s } : nil)
        let hasOrders = span.map { $0.lowerBound < end && $0.upperBound >= start } ?? false
        var gmv: Int64 = 0
        if hasOrders {
            gmv = sales.reduce(0) { $0 + $1.paidFen }
            let orderCount = Set(sales.map(\.parentID)).count
            var perBuyer: [String: Set<String>] = [:]
            for sale in sales { if let user = sale.userID { perBuyer[user, default: []].insert(sale.parentID) } }
            let refunds = inWindow.filter { $0.status == "refunded" }
            v["orders"] = Double(orderCount)
            v["gmv"] = Double(gmv)
            v["buyers"] = Double(perBuyer.count)
            v["aov"] = orderCount == 0 ? nil : Double(gmv) / Double(orderCount)
            v["repurchase_rate"] = ratio(Int64(perBuyer.values.filter { $0.count >= 2 }.count), Int64(perBuyer.count))
            v["refund_count"] = Double(Set(refunds.map(\.parentID)).count)
            v["refund_amount"] = Double(refunds.reduce(0) { $0 + $1.paidFen })
        }
        if f.hasSpend {
            v["spend"] = Double(f.spendFen)
            v["impressions"] = Double(f.impressions)
            v["clicks"] = Double(f.clicks)
            v["ctr"] = ratio(f.clicks, f.impressions)
            v["cpm"] = f.impressions == 0 ? nil : Double(f.spendFen) * 1000 / Double(f.impressions)
            v["cpc"] = ratio(f.spendFen, f.clicks)
            v["cpa"] = ratio(f.spendFen, f.conversions)
            if hasOrders { v["roi"] = ratio(gmv, f.spendFen) }
        }
        return v
    }

    /// Orders with `start <= orderedAt < end` (binary search over the time-sorted orders).
    func ordersBetween(_ start: Int64, _ end: Int64) -> ArraySlice<OrderFact> {
        func lowerBound(_ t: Int64) -> Int {
            var lo = 0, hi = orders.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if orders[mid].orderedAt < t { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        return orders[lowerBound(start)..<lowerBound(end)]
    }

    /// The scorecard: every metric per platform and in total, for the window and the previous one,
    /// with target status, red-two-weeks flags and anomalies.
    public func scorecard(window: ReportWindow, options: KPIOptions = KPIOptions()) -> Scorecard {
        let previous = window.previous
        let weeks = Self.lastCompleteWeeks(in: window, count: 2)
        var rows: [ScorecardRow] = []
        for platform in [nil] + platforms.map(Optional.some) {
            let now = values(platform: platform, from: window.from, to: window.to)
            let before = values(platform: platform, from: previous.from, to: previous.to)
            let weekly = weeks.map { values(platform: platform, from: $0.from, to: $0.to) }
            for metric in KPIMetric.all where now[metric.id] != nil || before[metric.id] != nil {
                let current = now[metric.id] ?? nil
                let prior = before[metric.id] ?? nil
                let target = options.targets.first { $0.metric == metric.id && $0.platform == platform }
                let status = target?.status(of: current)
                let redTwice = target.map { t in weeks.count == 2 && weekly.allSatisfy { t.status(of: $0[metric.id] ?? nil) == .red } } ?? false
                rows.append(ScorecardRow(
                    metric: metric, platform: platform, current: current, previous: prior,
                    change: Self.change(metric, current, prior), target: target, status: status, redTwoWeeksRunning: redTwice))
            }
        }
        return Scorecard(
            window: window, previousWindow: previous, platforms: platforms, rows: rows, weeksChecked: weeks,
            anomalies: anomalies(window: window, options: options), anomalyThreshold: options.anomalyThreshold)
    }

    /// The daily values of one metric for one platform (nil: total) over the window's days.
    public func dailySeries(_ metric: String, platform: String?, window: ReportWindow) -> [(date: LocalDate, value: Double?)] {
        window.days.map { day in (day, values(platform: platform, from: day, to: day)[metric] ?? nil) }
    }

    func anomalies(window: ReportWindow, options: KPIOptions) -> [Anomaly] {
        let trailing = options.anomalyTrailingDays
        let span = ReportWindow(from: window.from.adding(days: -trailing), to: window.to, timeZone: window.timeZone)
        var found: [Anomaly] = []
        for platform in [nil] + platforms.map(Optional.some) {
            let perDay = span.days.map { values(platform: platform, from: $0, to: $0) }
            for id in options.anomalyMetrics {
                guard let metric = KPIMetric.named(id) else { continue }
                let series = perDay.map { $0[id] ?? nil }
                for k in trailing..<series.count {
                    guard let value = series[k] else { continue }
                    let history = series[(k - trailing)..<k].compactMap { $0 }
                    guard history.count >= options.anomalyMinimumDays else { continue }
                    let mean = history.reduce(0, +) / Double(history.count)
                    guard mean != 0 else { continue }
                    let deviation = (value - mean) / abs(mean)
                    if abs(deviation) > options.anomalyThreshold {
                        found.append(Anomaly(metric: metric, platform: platform, date: span.from.adding(days: k),
                                             value: value, trailingMean: mean, deviation: deviation))
                    }
                }
            }
        }
        return found.sorted {
            (-abs($0.deviation), $0.date.dayNumber, $0.metric.id, $0.platform ?? "") < (-abs($1.deviation), $1.date.dayNumber, $1.metric.id, $1.platform ?? "")
        }
    }

    /// Percentage points for rates, relative change for everything else; nil when not computable.
    static func change(_ metric: KPIMetric, _ current: Double?, _ previous: Double?) -> Double? {
        guard let current, let previous else { return nil }
        if metric.kind == .rate { return current - previous }
        return previous == 0 ? nil : (current - previous) / abs(previous)
    }

    /// The last `count` complete ISO weeks (Monday to Sunday) inside the window, oldest first.
    static func lastCompleteWeeks(in window: ReportWindow, count: Int) -> [ReportWindow] {
        var sunday = window.to.adding(days: -(window.to.isoWeekday % 7))  // the last Sunday on or before `to`
        var weeks: [ReportWindow] = []
        while weeks.count < count {
            let monday = sunday.adding(days: -6)
            if monday < window.from { break }
            weeks.insert(ReportWindow(from: monday, to: sunday, timeZone: window.timeZone), at: 0)
            sunday = sunday.adding(days: -7)
        }
        return weeks
    }
}

/// The memo of `KPIEngine.values`, shared by the copies of one engine.
private final class ValueMemo: @unchecked Sendable {
    struct Key: Hashable {
        var platform: String?
        var from: Int
        var to: Int
    }

    private let lock = NSLock()
    private var values: [Key: [String: Double?]] = [:]

    func get(_ key: Key) -> [String: Double?]? { lock.withLock { values[key] } }
    func set(_ key: Key, _ value: [String: Double?]) { lock.withLock { values[key] = value } }
}
