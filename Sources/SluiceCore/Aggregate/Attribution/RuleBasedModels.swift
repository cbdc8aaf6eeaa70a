import Foundation

/// Accumulates the five rule-based models, conversion by conversion, into per-channel sums.
///
/// For one conversion with touchpoints t₁ … tₙ (time order; equal timestamps keep timeline order)
/// and value V, each touch k gets a weight wₖ with Σ wₖ = 1, and its channel is credited wₖ
/// conversions and wₖ·V fen:
/// - first touch: w₁ = 1. Last touch: wₙ = 1.
/// - linear: wₖ = 1/n (a channel touched twice gets 2/n).
/// - time decay: wₖ ∝ 2^(−Δtₖ / h), Δtₖ = conversion time − touch time, h = half-life (both in
///   milliseconds here, so days cancel), normalised to sum to 1 per conversion. Touches at the
///   same instant weigh the same.
/// - position based: n = 1 → 1; n = 2 → ½, ½; n ≥ 3 → 0.4 first, 0.4 last, 0.2/(n−2) each middle touch.
///
/// Sums are kept in `Double` (first and last touch are whole numbers, exactly representable);
/// `CreditRounding` turns them into exact integer credits once, at the end.
struct RuleBasedAccumulator {
    /// Per model (in `AttributionModel.ruleBased` order), per channel id: credited conversions.
    private(set) var conversions: [[Double]]
    /// Per model, per channel id: credited value in fen.
    private(set) var values: [[Double]]
    private let halfLifeMillis: Double
    private var decayWeights: [Double] = []

    static let models = AttributionModel.ruleBased

    init(halfLifeDays: Double) {
        conversions = Array(repeating: [], count: Self.models.count)
        values = Array(repeating: [], count: Self.models.count)
        halfLifeMillis = halfLifeDays * Double(AttributionOptions.millisPerDay)
    }

    /// Whether the time-decay model is defined (positive, finite half-life).
    var timeDecayDefined: Bool { halfLifeMillis > 0 && halfLifeMillis.isFinite }

    /// Makes room for channel ids below `count`.
    mutating func grow(to count: Int) {
        for m in 0..<conversions.count where conversions[m].count < count {
            conversions[m] += [Double](repeating: 0, count: count - conversions[m].count)
            values[m] += [Double](repeating: 0, count: count - values[m].count)
        }
    }

    /// Credits one conversion at `time` worth `value` fen whose touchpoints are
    /// `times[range]` / `channels[range]` (non-empty, time order).
    mutating func add(times: [Int64], channels: [Int32], range: Range<Int>, time: Int64, value: Int64) {
        let n = range.count
        guard n > 0 else { return }
        let v = Double(value)
        let first = Int(channels[range.lowerBound]), last = Int(channels[range.upperBound - 1])
        // first touch (0), last touch (1)
        conversions[0][first] += 1
        values[0][first] += v
        conversions[1][last] += 1
        values[1][last] += v
        // linear (2)
        let share = 1.0 / Double(n)
        for k in range {
            let c = Int(channels[k])
            conversions[2][c] += share
            values[2][c] += share * v
        }
        // time decay (3)
        if timeDecayDefined {
            decayWeights.removeAll(keepingCapacity: true)
            var total = 0.0
            for k in range {
                let w = exp2(-Double(time - times[k]) / halfLifeMillis)
                decayWeights.append(w)
                total += w
            }
            if total > 0 {
                for (j, k) in range.enumerated() {
                    let c = Int(channels[k])
                    let w = decayWeights[j] / total
                    conversions[3][c] += w
                    values[3][c] += w * v
                }
            } else {
                // Every weight underflowed (a lookback of thousands of half-lives): the newest touches share equally.
                let newest = times[range.upperBound - 1]
                var ties = 0
                for k in range where times[k] == newest { ties += 1 }
                for k in range where times[k] == newest {
                    let c = Int(channels[k])
                    conversions[3][c] += 1.0 / Double(ties)
                    values[3][c] += v / Double(ties)
                }
            }
        }
        // position based (4)
        switch n {
        case 1:
            conversions[4][first] += 1
            values[4][first] += v
        case 2:
            conversions[4][first] += 0.5
            values[4][first] += 0.5 * v
            conversions[4][last] += 0.5
            values[4][last] += 0.5 * v
        default:
            conversions[4][first] += 0.4
            values[4][first] += 0.4 * v
            conversions[4][last] += 0.4
            values[4][last] += 0.4 * v
            let middle = 0.2 / Double(n - 2)
            for k in (range.lowerBound + 1)..<(range.upperBound - 1) {
                let c = Int(channels[k])
                conversions[4][c] += middle
                values[4][c] += middle * v
            }
        }
    }

    /// Per-channel (conversions, value) sums of `model` (a rule-based model).
    func sums(_ model: AttributionModel) -> (conversions: [Double], values: [Double])? {
        guard let m = Self.models.firstIndex(of: model) else { return nil }
        return (conversions[m], values[m])
    }
}
