/// Per-platform, per-day sums that the scorecard is computed from (read from the canonical
/// tables by `KPIQueries`, or built by hand in tests).
public struct DailyFacts: Sendable, Equatable {
    public var platform: String
    public var date: LocalDate
    // content_daily
    public var plays: Int64 = 0
    public var completedPlays: Int64 = 0
    /// Σ plays over rows that have both plays and completed plays (the completion-rate denominator).
    public var completionBase: Int64 = 0
    /// Σ avg_watch_ms × plays over rows with a watch time, and Σ plays over those rows.
    public var watchMillis: Int64 = 0
    public var watchBase: Int64 = 0
    public var likes: Int64 = 0
    public var comments: Int64 = 0
    public var shares: Int64 = 0
    public var favorites: Int64 = 0
    public var contentFollowers: Int64 = 0
    /// Content items whose first publication falls on this day.
    public var postsPublished: Int64 = 0
    public var hasContent = false
    // account_daily
    public var followersTotal: Int64?
    public var newFollowers: Int64 = 0
    public var lostFollowers: Int64 = 0
    public var hasAccount = false
    // spend_daily
    public var spendFen: Int64 = 0
    public var impressions: Int64 = 0
    public var clicks: Int64 = 0
    public var conversions: Int64 = 0
    public var hasSpend = false

    public init(platform: String, date: LocalDate) {
        self.platform = platform
        self.date = date
    }
}

/// One order row as the scorecard needs it.
public struct OrderFact: Sendable, Equatable {
    public var orderID: String
    /// The parent order (several sub-orders make one order); the order itself when none.
    public var parentID: String
    public var userID: String?
    public var platform: String
    public var orderedAt: Int64
    public var paidFen: Int64
    public var status: String

    public init(orderID: String, parentID: String? = nil, userID: String?, platform: String, orderedAt: Int64, paidFen: Int64, status: String) {
        self.orderID = orderID
        self.parentID = parentID ?? orderID
        self.userID = userID
        self.platform = platform
        self.orderedAt = orderedAt
        self.paidFen = paidFen
        self.status = status
    }

    /// Paid or completed: counts towards GMV.
    public var isSale: Bool { status == "paid" || status == "completed" }
}

/// Everything the scorecard reads, for a span of days that covers the window, the previous
/// window and the trailing days used for anomaly detection.
public struct KPIInputs: Sendable {
    public var daily: [DailyFacts]
    public var orders: [OrderFact]

    public init(daily: [DailyFacts], orders: [OrderFact]) {
        self.daily = daily
        self.orders = orders
    }

    /// Every platform that appears in the inputs, sorted.
    public var platforms: [String] {
        Set(daily.map(\.platform) + orders.map(\.platform)).sorted()
    }
}
