/// The credits of every model for one channel key.
struct KeyedAttribution {
    var journeys: Journeys
    var credits: [AttributionModel: [ChannelCredit]] = [:]
    var skipped: [AttributionModel: String] = [:]
    var markov: MarkovDetails?
    var shapley: ShapleyDetails?
    var reach: [ChannelReach] = []
}

/// Multi-touch attribution of orders and GMV (issue 5), in pure Swift over a `Timeline`.
///
/// Definitions (each detailed where it is implemented):
/// - Conversions: `order` events whose time is in the window; value = `timeline.value` (fen).
///   Touchpoints: the user's touch events in `[t − lookback, t)`, each conversion on its own
///   (`JourneyBuilder`). Channel key: `ChannelKey` (`(none)` for empty values).
/// - A conversion without touchpoints is credited to `(direct)` by every model; the models share
///   out only the touched conversions and their value.
/// - Rule-based models: `RuleBasedAccumulator`. Markov: `MarkovModel` (exact absorbing-chain
///   algebra, repeated channels kept). Shapley: `ShapleyModel` (v(S) = Σ conversion rates of the
///   channel sets inside S). Markov and Shapley spread value in the same proportions as conversions.
/// - Every model's credits sum exactly to the totals: conversions in millionths, value in fen,
///   largest remainder with ties to the smaller key (`CreditRounding`).
/// - Path insights and the ChannelAttribution path table: `PathInsights`. KOL view: `KOLView`.
///
/// Cost: one ordered pass over `timeline.userRanges` builds the journeys with integer channel codes
/// (strings are made only for the output); Markov and Shapley work on the distinct paths only.
/// The KOL view is a second pass keyed by `kol_id` (reusing the first when the key already is `kol_id`).
public enum AttributionEngine {
    public static func run(timeline: Timeline, window: ReportWindow, options: AttributionOptions) -> AttributionResult {
        let main = attribute(timeline: timeline, window: window, options: options, key: options.channelKey)
        let kolRun = options.channelKey == .kol
            ? main : attribute(timeline: timeline, window: window, options: options, key: .kol)
        let j = main.journeys
        return AttributionResult(
            options: options, window: window, conversions: j.conversions, valueFen: j.valueFen,
            directConversions: j.directConversions, directValueFen: j.directValueFen,
            credits: main.credits, skipped: main.skipped, markov: main.markov, shapley: main.shapley,
            reach: main.reach,
            insights: PathInsightsBuilder.insights(j, topPaths: options.topPaths),
            pathTable: PathInsightsBuilder.pathTable(j),
            kol: KOLView.build(from: kolRun, threshold: options.kolReviewThreshold))
    }

    /// Journeys and every model's credits for channel key `key`.
    static func attribute(timeline: Timeline, window: ReportWindow, options: AttributionOptions, key: ChannelKey) -> KeyedAttribution {
        let journeys = JourneyBuilder.build(timeline: timeline, window: window, options: options, key: key)
        var out = KeyedAttribution(journeys: journeys)
        let names = journeys.channelNames
        let universe = journeys.universe
        let channelCount = names.count

        for model in AttributionModel.ruleBased {
            if model == .timeDecay, !journeys.rules.timeDecayDefined {
                out.skipped[model] = "time-decay half-life must be a positive number of days (got \(options.halfLifeDays))"
                continue
            }
            guard let sums = journeys.rules.sums(model) else { continue }
            out.credits[model] = credits(journeys, conversionWeights: sums.conversions, valueWeights: sums.values)
        }

        switch MarkovModel.solve(paths: journeys.paths, channelCount: channelCount, order: options.markovOrder,
                                 maxStates: options.markovMaxStates) {
        case .skipped(let reason):
            out.skipped[.markov] = reason
        case .solved(let m):
            let total = universe.reduce(0.0) { $0 + m.effects[$1] }
            if total <= 0, journeys.touchedConversions > 0 {
                out.skipped[.markov] = "every channel's removal effect is zero"
            } else {
                out.credits[.markov] = credits(journeys, conversionWeights: m.effects, valueWeights: m.effects)
                var effects = universe.filter { m.inChain[$0] }.map {
                    RemovalEffect(key: names[$0], conversionProbabilityWithout: m.without[$0], effect: m.effects[$0])
                }
                effects.sort { a, b in a.effect != b.effect ? a.effect > b.effect : a.key < b.key }
                out.markov = MarkovDetails(order: options.markovOrder, states: m.states,
                                           conversionProbability: m.probability, removalEffects: effects)
            }
        }

        switch ShapleyModel.solve(paths: journeys.paths, order: universe, channelCount: channelCount,
                                  maxChannels: options.shapleyMaxChannels) {
        case .skipped(let reason):
            out.skipped[.shapley] = reason
        case .solved(let s):
            var weights = [Double](repeating: 0, count: channelCount)
            for (i, c) in s.players.enumerated() { weights[c] = s.values[i] }
            if weights.reduce(0, +) <= 0, journeys.touchedConversions > 0 {
                out.skipped[.shapley] = "every channel's Shapley value is zero"
            } else {
                out.credits[.shapley] = credits(journeys, conversionWeights: weights, valueWeights: weights)
                var values = s.players.enumerated().map { ShapleyValue(key: names[$0.element], value: s.values[$0.offset]) }
                values.sort { a, b in a.value != b.value ? a.value > b.value : a.key < b.key }
                out.shapley = ShapleyDetails(channels: s.players.count, grandCoalitionValue: s.grandCoalitionValue, values: values)
            }
        }

        out.reach = universe.map { c in
            ChannelReach(key: names[c], touches: journeys.reach.touches[c], usersReached: journeys.reach.usersReached[c],
                         convertingUsers: journeys.reach.convertingUsers[c])
        }
        return out
    }

    /// Exact integer credits for one model: `(direct)` gets the direct conversions and value as
    /// they are; the channels of the universe share the touched conversions (in millionths) and
    /// the touched value in proportion to their weights (indexed by channel id), by largest
    /// remainder with ties to the smaller key.
    static func credits(_ j: Journeys, conversionWeights: [Double], valueWeights: [Double]) -> [ChannelCredit] {
        let universe = j.universe
        let micro = CreditRounding.microPerConversion
        let convParts = CreditRounding.apportion(
            total: Int64(j.touchedConversions) * micro,
            weights: universe.map { $0 < conversionWeights.count ? conversionWeights[$0] * Double(micro) : 0 })
        let valueParts = CreditRounding.apportion(
            total: j.touchedValueFen, weights: universe.map { $0 < valueWeights.count ? valueWeights[$0] : 0 })
        let totalMicro = Int64(j.conversions) * micro
        func credit(_ key: String, _ c: Int64, _ v: Int64) -> ChannelCredit {
            ChannelCredit(key: key, conversionsMicro: c, valueFen: v,
                          share: totalMicro > 0 ? Double(c) / Double(totalMicro) : 0,
                          valueShare: j.valueFen != 0 ? Double(v) / Double(j.valueFen) : 0)
        }
        var list = universe.indices.map { credit(j.channelNames[universe[$0]], convParts[$0], valueParts[$0]) }
        if j.directConversions > 0 {
            list.append(credit(ChannelKey.directLabel, Int64(j.directConversions) * micro, j.directValueFen))
        }
        list.sort { a, b in
            if a.conversionsMicro != b.conversionsMicro { return a.conversionsMicro > b.conversionsMicro }
            if a.valueFen != b.valueFen { return a.valueFen > b.valueFen }
            return a.key < b.key
        }
        return list
    }
}
