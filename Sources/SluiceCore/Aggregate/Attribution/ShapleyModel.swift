/// The Shapley model's figures.
public struct ShapleyDetails: Sendable, Equatable {
    /// Players of the game: channels that appear in at least one converting path.
    public var channels: Int
    /// v(all players): the sum of the conversion rates of every channel set (see `ShapleyModel`).
    public var grandCoalitionValue: Double
    /// Each player's Shapley value φ (they sum to `grandCoalitionValue`), largest first, then key.
    public var values: [ShapleyValue]

    public init(channels: Int, grandCoalitionValue: Double, values: [ShapleyValue]) {
        self.channels = channels
        self.grandCoalitionValue = grandCoalitionValue
        self.values = values
    }
}

public struct ShapleyValue: Sendable, Equatable {
    public var key: String
    public var value: Double

    public init(key: String, value: Double) {
        self.key = key
        self.value = value
    }
}

/// Shapley-value attribution over channel sets (Zhao, Mahboobi & Bagheri 2018, "Shapley value
/// methods for attribution modeling in online advertising"; Dalessandro et al. 2012).
///
/// Journeys: every conversion with touchpoints (its channel set = the distinct channels of its
/// path) and every non-converting user's path. For a channel set T, CR(T) = converting journeys
/// whose channel set is exactly T / all journeys whose channel set is exactly T (0 when none).
/// Players are the channels that appear in some converting path (a channel never in a converting
/// path only occurs in sets with CR = 0, so it would get φ = 0 anyway); above
/// `shapleyMaxChannels` players the model is skipped.
///
/// Characteristic function: v(S) = Σ over T ⊆ S of CR(T), i.e. the conversion rates of every
/// channel set S can account for (computed for all 2ⁿ bitmask subsets by a subset-sum transform).
/// φᵢ = Σ over S ∌ i of |S|!(n−|S|−1)!/n! · (v(S ∪ {i}) − v(S)), enumerated exactly over the
/// bitmasks. (For this v the result equals Σ over T ∋ i of CR(T)/|T|, which the tests check.)
/// The φ are ≥ 0 and sum to v(all players); credits are touched conversions × φᵢ / Σ φ, and the
/// value is spread in the same proportions.
enum ShapleyModel {
    struct Output {
        /// Player channel ids, in bit order.
        var players: [Int]
        /// φ of each player, in the same order.
        var values: [Double]
        var grandCoalitionValue: Double
    }

    enum Outcome {
        case solved(Output)
        case skipped(String)
    }

    /// `shapleyMaxChannels` above this counts as this: 2^20 coalitions is already 1M values per array.
    static let hardLimit = 20

    /// `order`: channel ids in the order to number the players (the caller passes them sorted by key).
    static func solve(paths: PathStore, order: [Int], channelCount: Int, maxChannels: Int) -> Outcome {
        var inConverting = [Bool](repeating: false, count: channelCount)
        for p in 0..<paths.count where paths.conversions[p] > 0 {
            for c in paths.path(p) { inConverting[Int(c)] = true }
        }
        let players = order.filter { $0 < channelCount && inConverting[$0] }
        let n = players.count
        let limit = min(maxChannels, hardLimit)
        if n > limit {
            return .skipped("\(n) channels appear in converting paths, above shapley max channels \(limit) (exact Shapley enumerates 2^n channel sets)")
        }
        guard n > 0 else { return .solved(Output(players: [], values: [], grandCoalitionValue: 0)) }
        var bit = [Int](repeating: -1, count: channelCount)
        for (i, c) in players.enumerated() { bit[c] = i }
        let size = 1 << n
        var converting = [Double](repeating: 0, count: size)
        var journeys = [Double](repeating: 0, count: size)
        pathLoop: for p in 0..<paths.count {
            var setMask = 0
            for c in paths.path(p) {
                let b = bit[Int(c)]
                if b < 0 { continue pathLoop }  // contains a never-converting channel: CR = 0
                setMask |= 1 << b
            }
            converting[setMask] += Double(paths.conversions[p])
            journeys[setMask] += Double(paths.conversions[p] + paths.nulls[p])
        }
        var v = [Double](repeating: 0, count: size)
        for s in 1..<size where journeys[s] > 0 { v[s] = converting[s] / journeys[s] }
        // Subset-sum (zeta) transform: v(S) = Σ_{T ⊆ S} CR(T).
        for i in 0..<n {
            let b = 1 << i
            for s in 0..<size where s & b != 0 { v[s] += v[s ^ b] }
        }
        // weight[k] = k!(n−k−1)!/n!
        var weight = [Double](repeating: 0, count: n)
        weight[0] = 1 / Double(n)
        if n > 1 { for k in 0..<(n - 1) { weight[k + 1] = weight[k] * Double(k + 1) / Double(n - 1 - k) } }
        var phi = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let b = 1 << i
            var sum = 0.0
            for s in 0..<size where s & b == 0 {
                sum += weight[s.nonzeroBitCount] * (v[s | b] - v[s])
            }
            phi[i] = max(0, sum)
        }
        return .solved(Output(players: players, values: phi, grandCoalitionValue: v[size - 1]))
    }
}
