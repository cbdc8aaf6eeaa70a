/// Period k of one buyer cohort. Counts are cumulative over periods 0...k.
public struct BuyerCell: Sendable, Equatable {
    public var k: Int
    public var period: CohortPeriod
    /// Period k has not ended by the data end: the rates are nil and the counts only "so far".
    public var inProgress: Bool
    /// Buyers with a further order (after their first) in periods 0...k.
    public var repeaters: Int
    /// repeaters / cohort size; nil when in progress or the cohort is empty.
    public var repeatRate: Double?
    /// Orders (first orders included) in periods 0...k.
    public var orders: Int
    /// orders / cohort size; nil when in progress or empty.
    public var ordersPerBuyer: Double?
    /// GMV (fen) of those orders.
    public var gmvFen: Int64
    /// gmvFen / cohort size (LTV per buyer, fen); nil when in progress or empty.
    public var ltvFen: Double?

    public init(k: Int, period: CohortPeriod, inProgress: Bool, repeaters: Int, repeatRate: Double?, orders: Int,
                ordersPerBuyer: Double?, gmvFen: Int64, ltvFen: Double?) {
        self.k = k
        self.period = period
        self.inProgress = inProgress
        self.repeaters = repeaters
        self.repeatRate = repeatRate
        self.orders = orders
        self.ordersPerBuyer = ordersPerBuyer
        self.gmvFen = gmvFen
        self.ltvFen = ltvFen
    }
}

/// Share of buyers with a further order less than `days` × 24 h after their first order, among the
/// buyers whose first order is at least `days` × 24 h before the data end.
public struct RepurchaseRate: Sendable, Equatable {
    public var days: Int
    /// Buyers whose first order is at least `days` days before the data end (the denominator).
    public var eligible: Int
    /// Eligible buyers with a further order within `days` days.
    public var repeaters: Int
    /// repeaters / eligible; nil when nobody is eligible.
    public var rate: Double?

    public init(days: Int, eligible: Int, repeaters: Int) {
        self.days = days
        self.eligible = eligible
        self.repeaters = repeaters
        rate = eligible > 0 ? Double(repeaters) / Double(eligible) : nil
    }
}

/// The buyers whose first order falls in one period.
public struct BuyerCohort: Sendable, Equatable {
    public var period: CohortPeriod
    public var size: Int
    /// Cells k = 0...N.
    public var cells: [BuyerCell]
    /// Orders of the cohort up to the data end.
    public var orders: Int
    /// GMV (fen) of the cohort up to the data end.
    public var gmvFen: Int64
    /// One rate per `CohortOptions.repurchaseDays`.
    public var repurchase: [RepurchaseRate]

    public init(period: CohortPeriod, size: Int, cells: [BuyerCell], orders: Int, gmvFen: Int64, repurchase: [RepurchaseRate]) {
        self.period = period
        self.size = size
        self.cells = cells
        self.orders = orders
        self.gmvFen = gmvFen
        self.repurchase = repurchase
    }
}

/// Size-weighted average of buyer cell k over the cohorts whose cell k is observed.
public struct BuyerAverageCell: Sendable, Equatable {
    public var k: Int
    public var cohorts: Int
    /// Sum of the contributing cohorts' sizes (the denominator).
    public var buyers: Int
    public var repeaters: Int
    public var repeatRate: Double?
    public var orders: Int
    public var ordersPerBuyer: Double?
    public var gmvFen: Int64
    public var ltvFen: Double?

    public init(k: Int, cohorts: Int, buyers: Int, repeaters: Int, orders: Int, gmvFen: Int64) {
        self.k = k
        self.cohorts = cohorts
        self.buyers = buyers
        self.repeaters = repeaters
        self.orders = orders
        self.gmvFen = gmvFen
        let d = buyers > 0 ? Double(buyers) : nil
        repeatRate = d.map { Double(repeaters) / $0 }
        ordersPerBuyer = d.map { Double(orders) / $0 }
        ltvFen = d.map { Double(gmvFen) / $0 }
    }
}

/// Buyers grouped by the period of their first order, for the cohorts whose start falls in the window.
public struct BuyerCohorts: Sendable, Equatable {
    public var options: CohortOptions
    public var window: ReportWindow
    public var dataEndMillis: Int64
    public var cohorts: [BuyerCohort]
    public var average: [BuyerAverageCell]
    /// N-day repurchase rates over all buyers of all cohorts.
    public var repurchase: [RepurchaseRate]

    public init(options: CohortOptions, window: ReportWindow, dataEndMillis: Int64, cohorts: [BuyerCohort],
                average: [BuyerAverageCell], repurchase: [RepurchaseRate]) {
        self.options = options
        self.window = window
        self.dataEndMillis = dataEndMillis
        self.cohorts = cohorts
        self.average = average
        self.repurchase = repurchase
    }

    /// Buyers in all cohorts.
    public var buyers: Int { cohorts.reduce(0) { $0 + $1.size } }
}
