/// How a metric's value is read and printed.
public enum MetricKind: String, Sendable {
    /// A whole number (plays, orders).
    case count
    /// Integer fen (printed as yuan).
    case money
    /// A fraction of 1 (printed as a percentage; changes in percentage points).
    case rate
    /// Milliseconds.
    case duration
    /// Revenue per 1 yuan spent (printed "x : 1").
    case ratio
}

/// The section of the scorecard a metric belongs to.
public enum MetricGroup: String, Sendable, CaseIterable {
    case content, audience, commerce, cost
}

/// One KPI with its definition. Denominators are explicit in `formula`.
public struct KPIMetric: Sendable, Hashable {
    public let id: String
    public let group: MetricGroup
    public let kind: MetricKind
    /// Whether a larger value is better (used for targets without an explicit direction).
    public let higherIsBetter: Bool
    public let labelZh: String
    public let labelEn: String
    public let formula: String

    public static func == (a: KPIMetric, b: KPIMetric) -> Bool { a.id == b.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }
}

extension KPIMetric {
    /// Every metric of the scorecard, in display order.
    public static let all: [KPIMetric] = [
        .init(id: "posts", group: .content, kind: .count, higherIsBetter: true, labelZh: "发布数", labelEn: "Posts published", formula: "content items first published in the window"),
        .init(id: "plays", group: .content, kind: .count, higherIsBetter: true, labelZh: "播放量", labelEn: "Plays", formula: "Σ plays"),
        .init(id: "completion_rate", group: .content, kind: .rate, higherIsBetter: true, labelZh: "完播率", labelEn: "Completion rate", formula: "Σ completed_plays / Σ plays"),
        .init(id: "avg_watch_time", group: .content, kind: .duration, higherIsBetter: true, labelZh: "平均播放时长", labelEn: "Average watch time", formula: "Σ (avg_watch_ms × plays) / Σ plays, over rows with a watch time"),
        .init(id: "like_rate", group: .content, kind: .rate, higherIsBetter: true, labelZh: "点赞率", labelEn: "Like rate", formula: "Σ likes / Σ plays"),
        .init(id: "comment_rate", group: .content, kind: .rate, higherIsBetter: true, labelZh: "评论率", labelEn: "Comment rate", formula: "Σ comments / Σ plays"),
        .init(id: "share_rate", group: .content, kind: .rate, higherIsBetter: true, labelZh: "分享率", labelEn: "Share rate", formula: "Σ shares / Σ plays"),
        .init(id: "save_rate", group: .content, kind: .rate, higherIsBetter: true, labelZh: "收藏率", labelEn: "Save rate", formula: "Σ favorites / Σ plays"),
        .init(id: "interaction_rate", group: .content, kind: .rate, higherIsBetter: true, labelZh: "互动率", labelEn: "Interaction rate", formula: "Σ (likes + comments + shares) / Σ plays"),
        .init(id: "follow_conversion", group: .content, kind: .rate, higherIsBetter: true, labelZh: "关注转化率", labelEn: "Follow conversion", formula: "Σ new_followers (content) / Σ plays"),
        .init(id: "followers", group: .audience, kind: .count, higherIsBetter: true, labelZh: "粉丝数（期末）", labelEn: "Followers (window end)", formula: "followers_total on the last day of the window with data"),
        .init(id: "net_follower_change", group: .audience, kind: .count, higherIsBetter: true, labelZh: "粉丝净增", labelEn: "Net follower change", formula: "Σ new_followers − Σ lost_followers (account)"),
        .init(id: "follower_growth_rate", group: .audience, kind: .rate, higherIsBetter: true, labelZh: "粉丝增长率", labelEn: "Follower growth rate", formula: "net follower change / followers at window start (the day before `from`)"),
        .init(id: "orders", group: .commerce, kind: .count, higherIsBetter: true, labelZh: "订单数", labelEn: "Orders", formula: "distinct (parent) orders, status paid or completed"),
        .init(id: "gmv", group: .commerce, kind: .money, higherIsBetter: true, labelZh: "GMV", labelEn: "GMV", formula: "Σ paid_fen of paid or completed (sub-)orders"),
        .init(id: "buyers", group: .commerce, kind: .count, higherIsBetter: true, labelZh: "购买人数", labelEn: "Buyers", formula: "distinct user_id with a paid or completed order"),
        .init(id: "aov", group: .commerce, kind: .money, higherIsBetter: true, labelZh: "客单价", labelEn: "Average order value", formula: "GMV / orders"),
        .init(id: "repurchase_rate", group: .commerce, kind: .rate, higherIsBetter: true, labelZh: "复购率", labelEn: "Repurchase rate", formula: "buyers with ≥ 2 orders in the window / buyers"),
        .init(id: "refund_count", group: .commerce, kind: .count, higherIsBetter: false, labelZh: "退款订单数", labelEn: "Refunded orders", formula: "distinct (parent) orders refunded, by order time"),
        .init(id: "refund_amount", group: .commerce, kind: .money, higherIsBetter: false, labelZh: "退款金额", labelEn: "Refund amount", formula: "Σ paid_fen of refunded (sub-)orders"),
        .init(id: "spend", group: .cost, kind: .money, higherIsBetter: false, labelZh: "消耗", labelEn: "Spend", formula: "Σ spend_fen"),
        .init(id: "impressions", group: .cost, kind: .count, higherIsBetter: true, labelZh: "展示数", labelEn: "Impressions (paid)", formula: "Σ impressions of spend_daily"),
        .init(id: "clicks", group: .cost, kind: .count, higherIsBetter: true, labelZh: "点击数", labelEn: "Clicks (paid)", formula: "Σ clicks of spend_daily"),
        .init(id: "ctr", group: .cost, kind: .rate, higherIsBetter: true, labelZh: "点击率", labelEn: "CTR", formula: "Σ clicks / Σ impressions"),
        .init(id: "cpm", group: .cost, kind: .money, higherIsBetter: false, labelZh: "千次展现费用", labelEn: "CPM", formula: "spend × 1000 / impressions"),
        .init(id: "cpc", group: .cost, kind: .money, higherIsBetter: false, labelZh: "平均点击单价", labelEn: "CPC", formula: "spend / clicks"),
        .init(id: "cpa", group: .cost, kind: .money, higherIsBetter: false, labelZh: "转化成本", labelEn: "CPA", formula: "spend / conversions"),
        .init(id: "roi", group: .cost, kind: .ratio, higherIsBetter: true, labelZh: "投入产出比", labelEn: "ROI", formula: "GMV / spend, printed as revenue per 1 yuan spent"),
    ]

    /// The metric with this id.
    public static func named(_ id: String) -> KPIMetric? { all.first { $0.id == id } }
}
