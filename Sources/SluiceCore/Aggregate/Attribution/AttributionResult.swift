/// One channel key's credit under one model.
///
/// Exactness: for every model, Σ `conversionsMicro` over the model's list is exactly
/// `AttributionResult.conversions × 1,000,000` and Σ `valueFen` is exactly
/// `AttributionResult.valueFen` (largest-remainder rounding, see `CreditRounding`).
public struct ChannelCredit: Sendable, Equatable {
    public var key: String
    /// Credited conversions in millionths of a conversion (the exact, summable figure).
    public var conversionsMicro: Int64
    /// Credited value (GMV) in fen.
    public var valueFen: Int64
    /// conversionsMicro / total conversion micros (0 without conversions).
    public var share: Double
    /// valueFen / total value (0 when the total is 0).
    public var valueShare: Double

    public init(key: String, conversionsMicro: Int64, valueFen: Int64, share: Double, valueShare: Double) {
        self.key = key
        self.conversionsMicro = conversionsMicro
        self.valueFen = valueFen
        self.share = share
        self.valueShare = valueShare
    }

    /// Credited conversions (fractional), for display: `conversionsMicro / 1,000,000`.
    public var conversions: Double { Double(conversionsMicro) / Double(CreditRounding.microPerConversion) }
}

/// Everything the attribution report needs, computed from the timeline alone (spend, ROI and CPA
/// are joined by the caller from `spend_daily`).
public struct AttributionResult: Sendable {
    /// Fixed-point unit of `ChannelCredit.conversionsMicro`.
    public static let microPerConversion = CreditRounding.microPerConversion

    public var options: AttributionOptions
    public var window: ReportWindow
    /// Conversions: `order` events in the window.
    public var conversions: Int
    /// Their total value in fen.
    public var valueFen: Int64
    /// Conversions without touchpoints (credited to `(direct)` by every model) and their value.
    public var directConversions: Int
    public var directValueFen: Int64
    /// Per computed model: every channel key (those in a path or touched in the window, plus
    /// `(direct)` when there are direct conversions), by credited conversions (most first), then
    /// credited value, then key. Skipped models are absent.
    public var credits: [AttributionModel: [ChannelCredit]]
    /// Models not computed, with the reason (e.g. Shapley over too many channels).
    public var skipped: [AttributionModel: String]
    /// Markov chain figures (nil when skipped).
    public var markov: MarkovDetails?
    /// Shapley figures (nil when skipped).
    public var shapley: ShapleyDetails?
    /// Reach per channel key (see `ChannelReach`), sorted by key; `(direct)` is not a channel and is absent.
    public var reach: [ChannelReach]
    public var insights: PathInsights
    /// ChannelAttribution-layout path table, converting and non-converting paths.
    public var pathTable: [PathTableRow]
    public var kol: KOLView

    public init(
        options: AttributionOptions, window: ReportWindow, conversions: Int, valueFen: Int64,
        directConversions: Int, directValueFen: Int64, credits: [AttributionModel: [ChannelCredit]],
        skipped: [AttributionModel: String], markov: MarkovDetails?, shapley: ShapleyDetails?,
        reach: [ChannelReach], insights: PathInsights, pathTable: [PathTableRow], kol: KOLView
    ) {
        self.options = options
        self.window = window
        self.conversions = conversions
        self.valueFen = valueFen
        self.directConversions = directConversions
        self.directValueFen = directValueFen
        self.credits = credits
        self.skipped = skipped
        self.markov = markov
        self.shapley = shapley
        self.reach = reach
        self.insights = insights
        self.pathTable = pathTable
        self.kol = kol
    }

    /// Total conversions in the fixed-point unit: every model's `conversionsMicro` sums to this.
    public var conversionsMicro: Int64 { Int64(conversions) * CreditRounding.microPerConversion }

    /// The computed models, in `AttributionModel.allCases` order.
    public var models: [AttributionModel] { AttributionModel.allCases.filter { credits[$0] != nil } }

    /// The credit of `key` under `model` (nil when the model was skipped or the key has none).
    public func credit(_ model: AttributionModel, key: String) -> ChannelCredit? {
        credits[model]?.first { $0.key == key }
    }
}
