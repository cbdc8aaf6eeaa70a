/// The Markov model's figures, for the report and for cross-checking in R or Python.
public struct MarkovDetails: Sendable, Equatable {
    /// Order of the chain (1 = next channel depends on the current channel only).
    public var order: Int
    /// Transient states, including `start`.
    public var states: Int
    /// Probability of reaching `conversion` from `start` in the full chain.
    public var conversionProbability: Double
    /// Every channel of the paths, by removal effect (largest first), then key.
    public var removalEffects: [RemovalEffect]

    public init(order: Int, states: Int, conversionProbability: Double, removalEffects: [RemovalEffect]) {
        self.order = order
        self.states = states
        self.conversionProbability = conversionProbability
        self.removalEffects = removalEffects
    }
}

/// One channel's removal effect: 1 − P(conversion without the channel) / P(conversion).
public struct RemovalEffect: Sendable, Equatable {
    public var key: String
    /// Probability of reaching `conversion` from `start` when the channel is removed.
    public var conversionProbabilityWithout: Double
    public var effect: Double

    public init(key: String, conversionProbabilityWithout: Double, effect: Double) {
        self.key = key
        self.conversionProbabilityWithout = conversionProbabilityWithout
        self.effect = effect
    }
}

/// Markov-chain attribution with removal effects, solved exactly by absorbing-chain linear algebra.
///
/// Chain: states `start`, the transient channel states, and the absorbing `conversion` and `null`.
/// With order 1 a channel state is a channel; with order k (2…3) it is the tuple of the last ≤ k
/// channels (shorter at the start of a path), as in ChannelAttribution's higher-order chains.
/// Every converting path c₁ > … > cₙ adds one to the counts start→s₁, s₁→s₂, …, sₙ→conversion;
/// every non-converting path the same ending in sₙ→null. Transition probabilities are counts
/// divided by the state's outgoing total. Repeated consecutive channels are KEPT (as
/// ChannelAttribution does): `a > a > b` makes the self-loop a→a, which the absorbing chain
/// handles like any other transition.
///
/// Exact solution: with Q the transient-to-transient block, r the transient→conversion column
/// and A = I − Q, the conversion probabilities x solve A x = r (Gaussian elimination with partial
/// pivoting, `DenseLU`); P = x[start]. Removing channel c turns every state containing c into a
/// dead end (all its transitions go to null, so x = 0 there). With G = A⁻¹ (the fundamental
/// matrix) and S the states containing c, the modified solution is y = x − G[:, S] z with
/// G[S, S] z = x[S] (it satisfies the unchanged rows, and y[S] = 0), so
///     P₋c = P − G[start, S] · G[S, S]⁻¹ · x[S];
/// for order 1 this is P − G[start, c] · x[c] / G[c, c] (first-visit decomposition).
/// Removal effect RE_c = 1 − P₋c / P; the model credits touched conversions × RE_c / Σ RE, and
/// the touched value in the same proportions (conversions without touches stay `(direct)`).
enum MarkovModel {
    struct Output {
        var probability: Double
        var states: Int
        /// Per channel id: P without the channel (P itself for channels not in any path).
        var without: [Double]
        /// Per channel id: removal effect (0 for channels not in any path).
        var effects: [Double]
        /// Per channel id: whether the channel has a state in the chain.
        var inChain: [Bool]
    }

    enum Outcome {
        case solved(Output)
        case skipped(String)
    }

    private static let bitsPerChannel: Int64 = 21
    /// `markovMaxStates` above this counts as this: the dense matrices hold states² doubles and the solve costs states³.
    static let hardStateLimit = 3000

    static func solve(paths: PathStore, channelCount: Int, order: Int, maxStates: Int) -> Outcome {
        guard (1...3).contains(order) else {
            return .skipped("markov order \(order) is not supported (use 1, 2 or 3)")
        }
        guard channelCount < (1 << 21) - 1 else {
            return .skipped("\(channelCount) channels are too many for a Markov chain")
        }
        // Pass 1: intern the states of every path position.
        var stateOfChannel = [Int32](repeating: -1, count: channelCount)
        var stateIndex: [Int64: Int32] = [:]
        var stateKeys: [Int64] = [0]  // start
        var stateSeq = [Int32](repeating: 0, count: paths.channels.count)
        let mask: Int64 = order >= 3 ? Int64.max : (Int64(1) << (bitsPerChannel * Int64(order))) - 1
        for p in 0..<paths.count {
            var key: Int64 = 0
            for j in paths.offsets[p]..<paths.offsets[p + 1] {
                let c = Int(paths.channels[j])
                if order == 1 {
                    if stateOfChannel[c] < 0 {
                        stateOfChannel[c] = Int32(stateKeys.count)
                        stateKeys.append(Int64(c + 1))
                    }
                    stateSeq[j] = stateOfChannel[c]
                } else {
                    key = ((key << bitsPerChannel) | Int64(c + 1)) & mask
                    if let s = stateIndex[key] {
                        stateSeq[j] = s
                    } else {
                        let s = Int32(stateKeys.count)
                        stateIndex[key] = s
                        stateKeys.append(key)
                        stateSeq[j] = s
                    }
                }
            }
        }
        let m = stateKeys.count
        let limit = min(maxStates, hardStateLimit)
        if m > limit {
            return .skipped("the chain has \(m) states (start + channel states), above markov max states \(limit)")
        }
        var without = [Double](repeating: 0, count: channelCount)
        var effects = [Double](repeating: 0, count: channelCount)
        var inChain = [Bool](repeating: false, count: channelCount)
        guard paths.count > 0 else {
            return .solved(Output(probability: 0, states: m, without: without, effects: effects, inChain: inChain))
        }

        // Pass 2: transition counts.
        var counts = [Double](repeating: 0, count: m * m)
        var toConversion = [Double](repeating: 0, count: m)
        var toNull = [Double](repeating: 0, count: m)
        for p in 0..<paths.count {
            let cv = Double(paths.conversions[p]), nl = Double(paths.nulls[p])
            let w = cv + nl
            var previous = 0
            for j in paths.offsets[p]..<paths.offsets[p + 1] {
                let s = Int(stateSeq[j])
                counts[previous * m + s] += w
                previous = s
            }
            toConversion[previous] += cv
            toNull[previous] += nl
        }
        var a = [Double](repeating: 0, count: m * m)
        var r = [Double](repeating: 0, count: m)
        for i in 0..<m {
            var out = toConversion[i] + toNull[i]
            for j in 0..<m { out += counts[i * m + j] }
            a[i * m + i] = 1
            guard out > 0 else { continue }
            for j in 0..<m where counts[i * m + j] != 0 { a[i * m + j] -= counts[i * m + j] / out }
            r[i] = toConversion[i] / out
        }
        let lu = DenseLU(a, n: m)
        if lu.isSingular { return .skipped("the chain's linear system is singular") }
        let x = lu.solve(r)
        let probability = x[0]

        // States containing each channel.
        var statesOf = [[Int]](repeating: [], count: channelCount)
        for s in 1..<m {
            var key = stateKeys[s]
            var seen: [Int] = []
            while key != 0 {
                let c = Int(key & ((1 << bitsPerChannel) - 1)) - 1
                key >>= bitsPerChannel
                if c >= 0, !seen.contains(c) {
                    seen.append(c)
                    statesOf[c].append(s)
                }
            }
        }
        guard probability > 0 else {
            for c in 0..<channelCount { inChain[c] = !statesOf[c].isEmpty }
            return .solved(Output(probability: 0, states: m, without: without, effects: effects, inChain: inChain))
        }
        let g = lu.inverse()
        for c in 0..<channelCount {
            without[c] = probability
            let set = statesOf[c]
            guard !set.isEmpty else { continue }
            inChain[c] = true
            let k = set.count
            var block = [Double](repeating: 0, count: k * k)
            var rhs = [Double](repeating: 0, count: k)
            for (bi, si) in set.enumerated() {
                rhs[bi] = x[si]
                for (bj, sj) in set.enumerated() { block[bi * k + bj] = g[si * m + sj] }
            }
            let blockLU = DenseLU(block, n: k)
            if blockLU.isSingular { return .skipped("the chain's linear system is singular when removing a channel") }
            let z = blockLU.solve(rhs)
            var lost = 0.0
            for (bi, si) in set.enumerated() { lost += g[si] * z[bi] }  // g[0 * m + si]: row of start
            let p = min(max(probability - lost, 0), probability)
            without[c] = p
            effects[c] = max(0, min(1, 1 - p / probability))
        }
        return .solved(Output(probability: probability, states: m, without: without, effects: effects, inChain: inChain))
    }
}
