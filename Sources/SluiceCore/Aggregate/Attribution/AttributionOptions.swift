/// The attribution models of the report, in the order the report prints them.
///
/// - `firstTouch`: the whole conversion goes to the first touchpoint.
/// - `lastTouch`: the whole conversion goes to the last touchpoint.
/// - `linear`: every touchpoint gets an equal share (a channel touched twice gets two shares).
/// - `timeDecay`: touchpoint weight 2^(−Δt / half-life), Δt = conversion time − touch time,
///   normalised so each conversion's weights sum to 1.
/// - `positionBased`: 40 % first, 40 % last, 20 % split evenly over the touches in between;
///   two touches 50/50; one touch 100 %.
/// - `markov`: removal effects of an absorbing Markov chain over channel paths (see `MarkovModel`).
/// - `shapley`: Shapley values over channel sets (see `ShapleyModel`).
///
/// In every model a conversion without touchpoints goes to `(direct)`.
public enum AttributionModel: String, CaseIterable, Sendable, Hashable {
    case firstTouch = "first_touch"
    case lastTouch = "last_touch"
    case linear
    case timeDecay = "time_decay"
    case positionBased = "position_based"
    case markov
    case shapley

    /// The rule-based models (computed per conversion in the single pass over the timeline).
    public static let ruleBased: [AttributionModel] = [.firstTouch, .lastTouch, .linear, .timeDecay, .positionBased]

    /// The models that spread a conversion over more than one touch.
    public static let multiTouch: [AttributionModel] = [.linear, .timeDecay, .positionBased, .markov, .shapley]
}

/// Settings of the attribution report (issue 5). The lead parses them from the pipeline YAML and
/// prints every one of them in the report header.
public struct AttributionOptions: Sendable, Equatable {
    /// Touch events used when none are configured.
    public static let defaultTouchEvents = ["view", "click", "like", "comment", "share", "follow", "visit"]
    /// The event name added to the touch events when `includeImpressions` is set.
    public static let impressionEvent = "impression"
    /// The timeline's event name for a paid or completed order: the conversion, never a touch.
    public static let conversionEvent = "order"
    /// Milliseconds in a lookback or half-life day (fixed 24-hour days, not calendar days).
    public static let millisPerDay: Int64 = 86_400_000

    /// Event names that count as touchpoints (`order` is ignored here even if listed).
    public var touchEvents: [String]
    /// Also count `impression` events as touchpoints.
    public var includeImpressions: Bool
    /// A conversion at time t looks back over `[t − lookbackDays × 24 h, t)`.
    public var lookbackDays: Int
    /// The dimension (or combination) that names a channel.
    public var channelKey: ChannelKey
    /// Half-life of the time-decay model, in days (must be positive, else the model is skipped).
    public var halfLifeDays: Double
    /// Order of the Markov chain: 1 (default), 2 or 3.
    public var markovOrder: Int
    /// Largest number of transient chain states (start plus channel states) the Markov model
    /// solves; above it the model is skipped with the reason. The exact solution costs O(states³)
    /// (about 0.05 s for 500 states); values above 3000 count as 3000.
    public var markovMaxStates: Int
    /// Largest number of channels (those appearing in converting paths) the Shapley model
    /// enumerates exactly (2^n coalitions); above it the model is skipped with the reason.
    /// Values above 20 count as 20.
    public var shapleyMaxChannels: Int
    /// KOLs whose conversion rate (converting users / users reached) is below this are listed for review.
    public var kolReviewThreshold: Double
    /// How many top converting paths the path insights list.
    public var topPaths: Int
    /// The models the report prints, in `AttributionModel.allCases` order (the engine computes
    /// every model regardless; this only selects what the report shows). Default: all of them.
    public var models: [AttributionModel]

    public init(
        touchEvents: [String] = AttributionOptions.defaultTouchEvents,
        includeImpressions: Bool = false,
        lookbackDays: Int = 30,
        channelKey: ChannelKey = .platform,
        halfLifeDays: Double = 7,
        markovOrder: Int = 1,
        markovMaxStates: Int = 1000,
        shapleyMaxChannels: Int = 15,
        kolReviewThreshold: Double = 0.01,
        topPaths: Int = 20,
        models: [AttributionModel] = AttributionModel.allCases
    ) {
        self.touchEvents = touchEvents
        self.includeImpressions = includeImpressions
        self.lookbackDays = lookbackDays
        self.channelKey = channelKey
        self.halfLifeDays = halfLifeDays
        self.markovOrder = markovOrder
        self.markovMaxStates = markovMaxStates
        self.shapleyMaxChannels = shapleyMaxChannels
        self.kolReviewThreshold = kolReviewThreshold
        self.topPaths = topPaths
        self.models = models
    }

    /// The event names that count as touches: `touchEvents`, plus `impression` when
    /// `includeImpressions`, minus `order`; deduplicated, in first-seen order.
    public var effectiveTouchEvents: [String] {
        var names: [String] = []
        for name in touchEvents + (includeImpressions ? [AttributionOptions.impressionEvent] : [])
        where name != AttributionOptions.conversionEvent && !name.isEmpty && !names.contains(name) {
            names.append(name)
        }
        return names
    }

    /// The lookback in milliseconds (negative lookbacks count as 0; capped at 10⁶ days).
    public var lookbackMillis: Int64 { Int64(min(max(0, lookbackDays), 1_000_000)) * AttributionOptions.millisPerDay }
}
