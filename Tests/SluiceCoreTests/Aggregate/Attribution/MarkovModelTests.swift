import Foundation
import Testing
@testable import SluiceCore

@Suite("Attribution: Markov removal effects")
struct AttributionMarkovTests {
    typealias F = AttrFixture

    func effect(_ r: AttributionResult, _ key: String) -> Double? {
        r.markov?.removalEffects.first { $0.key == key }?.effect
    }

    @Test func threeChannelExampleFromTheLiterature() {
        // Paths (Bryl, "Marketing multi-channel attribution model with R"):
        //   c1 > c2 > c3 > conversion,  c1 > null,  c2 > c3 > null.
        // Transitions: start→c1 2/3, start→c2 1/3; c1→c2 1/2, c1→null 1/2; c2→c3 1;
        //              c3→conversion 1/2, c3→null 1/2.
        // P(conv) = 2/3·1/2·1·1/2 + 1/3·1·1/2 = 1/6 + 1/6 = 1/3.
        // Remove c1: only start→c2→c3→conv survives: 1/3·1/2 = 1/6 → RE = 1 − (1/6)/(1/3) = 1/2.
        // Remove c2 or c3: no route to conversion → RE = 1.
        // Σ RE = 2.5 → credits 0.2, 0.4, 0.4 of the one conversion (900 fen → 180, 360, 360).
        let r = F.run([
            F.touch("a", F.at(1), "c1"), F.touch("a", F.at(2), "c2"), F.touch("a", F.at(3), "c3"), F.order("a", F.at(4), 900),
            F.touch("b", F.at(1), "c1"),
            F.touch("c", F.at(1), "c2"), F.touch("c", F.at(2), "c3"),
        ])
        let m = r.markov
        #expect(m?.order == 1 && m?.states == 4)
        #expect(abs((m?.conversionProbability ?? 0) - 1.0 / 3) < 1e-12)
        #expect(abs((effect(r, "c1") ?? 0) - 0.5) < 1e-12)
        #expect(abs((effect(r, "c2") ?? 0) - 1) < 1e-12)
        #expect(abs((effect(r, "c3") ?? 0) - 1) < 1e-12)
        #expect(abs((m?.removalEffects.first { $0.key == "c1" }?.conversionProbabilityWithout ?? 0) - 1.0 / 6) < 1e-12)
        #expect(F.micros(r, .markov) == ["c1": 200_000, "c2": 400_000, "c3": 400_000])
        #expect(F.fen(r, .markov) == ["c1": 180, "c2": 360, "c3": 360])
        #expect(m?.removalEffects.map(\.key) == ["c2", "c3", "c1"])
        // The path table is the ChannelAttribution input for the same figures.
        #expect(r.pathTable == [
            PathTableRow(path: "c1 > c2 > c3", totalConversions: 1, totalConversionValue: 900, totalNull: 0),
            PathTableRow(path: "c1", totalConversions: 0, totalConversionValue: 0, totalNull: 1),
            PathTableRow(path: "c2 > c3", totalConversions: 0, totalConversionValue: 0, totalNull: 1),
        ])
    }

    @Test func twoChannelExample() {
        // Paths: c1 > c2 > conv (100 fen), c2 > conv (200 fen), c1 > null.
        // start→c1 2/3, start→c2 1/3; c1→c2 1/2, c1→null 1/2; c2→conv 1.
        // P = 2/3·1/2 + 1/3 = 2/3. Remove c1: 1/3 → RE 1/2. Remove c2: 0 → RE 1. Σ = 3/2.
        // Credits of 2 conversions: c1 2·(1/2)/(3/2) = 2/3 → 666,666.67 micro, c2 4/3 → 1,333,333.33;
        // floors sum to 1,999,999 and the unit goes to c1 (.67 > .33). Value 300 → 100 / 200.
        let r = F.run([
            F.touch("a", F.at(1), "c1"), F.touch("a", F.at(2), "c2"), F.order("a", F.at(3), 100),
            F.touch("b", F.at(1), "c2"), F.order("b", F.at(2), 200),
            F.touch("c", F.at(1), "c1"),
        ])
        #expect(abs((r.markov?.conversionProbability ?? 0) - 2.0 / 3) < 1e-12)
        #expect(abs((effect(r, "c1") ?? 0) - 0.5) < 1e-12)
        #expect(abs((effect(r, "c2") ?? 0) - 1) < 1e-12)
        #expect(F.micros(r, .markov) == ["c1": 666_667, "c2": 1_333_333])
        #expect(F.fen(r, .markov) == ["c1": 100, "c2": 200])
    }

    @Test func cycleBetweenTwoChannelsNeedsTheLinearSystem() {
        // Paths: A > B > conv, B > A > conv, A > null.
        // start→A 2/3, start→B 1/3; A→B 1/3, A→conv 1/3, A→null 1/3; B→conv 1/2, B→A 1/2.
        // x_A = 1/3·x_B + 1/3, x_B = 1/2 + 1/2·x_A → x_A = 3/5, x_B = 4/5; P = 2/3·3/5 + 1/3·4/5 = 2/3.
        // Remove A: x_B = 1/2 → P = 1/6 → RE_A = 3/4. Remove B: x_A = 1/3 → P = 2/9 → RE_B = 2/3.
        // Credits of 2 conversions: A = 2·(3/4)/(17/12) = 18/17 = 1.0588235, B = 16/17 = 0.9411765.
        let paths = F.store([([0, 1], 1, 0), ([1, 0], 1, 0), ([0], 0, 1)])
        guard case .solved(let m) = MarkovModel.solve(paths: paths, channelCount: 2, order: 1, maxStates: 100) else {
            Issue.record("skipped"); return
        }
        #expect(abs(m.probability - 2.0 / 3) < 1e-12)
        #expect(abs(m.effects[0] - 0.75) < 1e-12)
        #expect(abs(m.effects[1] - 2.0 / 3) < 1e-12)
        #expect(abs(m.without[1] - 2.0 / 9) < 1e-12)
        let events = [F.touch("a", F.at(1), "A"), F.touch("a", F.at(2), "B"), F.order("a", F.at(3), 17),
                      F.touch("b", F.at(1), "B"), F.touch("b", F.at(2), "A"), F.order("b", F.at(3), 17),
                      F.touch("c", F.at(1), "A")]
        let r = F.run(events)
        #expect(F.micros(r, .markov) == ["A": 1_058_824, "B": 941_176])
        #expect(F.fen(r, .markov) == ["A": 18, "B": 16])  // 34 fen × 9/17, × 8/17
    }

    @Test func repeatedChannelsAreKeptAsSelfLoops() {
        // Paths: A > A > B > conv, A > null, B > null.
        // Counts: start→A 2, start→B 1; A→A 1, A→B 1, A→null 1; B→conv 1, B→null 1.
        // x_B = 1/2; x_A = 1/3·x_A + 1/3·x_B → x_A = 1/4; P = 2/3·1/4 + 1/3·1/2 = 1/3.
        // Remove A: P = 1/3·1/2 = 1/6 → RE_A = 1/2; remove B: P = 0 → RE_B = 1. Credits 1/3, 2/3.
        // (In an order-1 chain a self-loop only rescales the other exits of its state, so collapsing
        // a > a into a would give the same numbers; the path table keeps the repeat.)
        let r = F.run([
            F.touch("a", F.at(1), "A"), F.touch("a", F.at(2), "A"), F.touch("a", F.at(3), "B"), F.order("a", F.at(4), 30),
            F.touch("b", F.at(1), "A"), F.touch("c", F.at(1), "B"),
        ])
        #expect(abs((r.markov?.conversionProbability ?? 0) - 1.0 / 3) < 1e-12)
        #expect(abs((effect(r, "A") ?? 0) - 0.5) < 1e-12)
        #expect(abs((effect(r, "B") ?? 0) - 1) < 1e-12)
        #expect(F.micros(r, .markov) == ["A": 333_333, "B": 666_667])
        #expect(F.fen(r, .markov) == ["A": 10, "B": 20])
        #expect(r.pathTable.first?.path == "A > A > B")
    }

    @Test func secondOrderChainRemembersWhereTheUserCameFrom() {
        // Paths: A > B > conv, C > B > null.
        // Order 1: B→conv 1/2 whichever channel came before: P = 1/2; remove A → 1/4 (RE 1/2),
        //   remove C → 1/4 (RE 1/2), remove B → 0 (RE 1): credits A .25, B .5, C .25.
        // Order 2: states (A), (C), (A,B), (C,B); (A,B)→conv 1, (C,B)→null 1. P = 1/2.
        //   Remove A (states (A), (A,B)): P = 0 → RE 1. Remove C ((C), (C,B)): P = 1/2 → RE 0.
        //   Remove B ((A,B), (C,B)): P = 0 → RE 1. Credits A .5, B .5, C 0.
        let events = [F.touch("a", F.at(1), "A"), F.touch("a", F.at(2), "B"), F.order("a", F.at(3), 10),
                      F.touch("c", F.at(1), "C"), F.touch("c", F.at(2), "B")]
        let first = F.run(events)
        #expect(F.micros(first, .markov) == ["A": 250_000, "B": 500_000, "C": 250_000])
        let second = F.run(events, AttributionOptions(markovOrder: 2))
        #expect(second.markov?.order == 2 && second.markov?.states == 5)
        #expect(abs((second.markov?.conversionProbability ?? 0) - 0.5) < 1e-12)
        #expect(abs((effect(second, "C") ?? 1)) < 1e-12)
        #expect(F.micros(second, .markov) == ["A": 500_000, "B": 500_000, "C": 0])
        #expect(F.fen(second, .markov) == ["A": 5, "B": 5, "C": 0])
    }

    @Test func thirdOrderStatesAndUnsupportedOrders() {
        // Paths (channel ids A=0, B=1, C=2, E=3): A > B > C > conv, E > B > C > null.
        // Order 2: states (A) (A,B) (B,C) (E) (E,B) + start = 6; (B,C) is shared, →conv 1/2, so
        //   P = 1/2; removing A or E halves it (RE 1/2), removing B or C kills it (RE 1).
        // Order 3: states (A) (A,B) (A,B,C) (E) (E,B) (E,B,C) + start = 7; (A,B,C)→conv 1,
        //   (E,B,C)→null 1; P = 1/2; removing A, B or C → 0 (RE 1); removing E leaves 1/2 (RE 0).
        let paths = F.store([([0, 1, 2], 1, 0), ([3, 1, 2], 0, 1)])
        guard case .solved(let two) = MarkovModel.solve(paths: paths, channelCount: 4, order: 2, maxStates: 100),
              case .solved(let three) = MarkovModel.solve(paths: paths, channelCount: 4, order: 3, maxStates: 100)
        else {
            Issue.record("skipped"); return
        }
        #expect(two.states == 6 && three.states == 7)
        #expect(abs(two.probability - 0.5) < 1e-12 && abs(three.probability - 0.5) < 1e-12)
        #expect(two.effects.map { ($0 * 1e9).rounded() / 1e9 } == [0.5, 1, 1, 0.5])
        #expect(three.effects.map { ($0 * 1e9).rounded() / 1e9 } == [1, 1, 1, 0])
        guard case .skipped(let reason) = MarkovModel.solve(paths: paths, channelCount: 4, order: 4, maxStates: 100) else {
            Issue.record("order 4 should be skipped"); return
        }
        #expect(reason.contains("order 4"))
    }

    @Test func tooManyStatesIsSkippedWithTheReason() {
        let events = (0..<12).flatMap { i in [F.touch("u\(i)", F.at(1), "p\(i)"), F.order("u\(i)", F.at(2), 1)] }
        let r = F.run(events, AttributionOptions(markovMaxStates: 10))
        #expect(r.credits[.markov] == nil && r.markov == nil)
        #expect(r.skipped[.markov] == "the chain has 13 states (start + channel states), above markov max states 10")
        F.expectExactSums(r)
    }

    /// Removal effects from the block formula equal a brute-force re-solve with each channel's
    /// state turned into a dead end, on random first-order chains.
    @Test func blockFormulaMatchesBruteForceRemoval() {
        var rng = SplitMix(seed: 42)
        for _ in 0..<60 {
            let channels = Int.random(in: 1...7, using: &rng)
            var list: [([Int32], conversions: Int, nulls: Int)] = []
            for _ in 0..<Int.random(in: 1...25, using: &rng) {
                let path = (0..<Int.random(in: 1...6, using: &rng)).map { _ in Int32.random(in: 0..<Int32(channels), using: &rng) }
                list.append((path, Int.random(in: 0...3, using: &rng), Int.random(in: 0...3, using: &rng)))
            }
            list = list.filter { $0.conversions + $0.nulls > 0 }
            guard !list.isEmpty else { continue }
            let paths = F.store(list)
            guard case .solved(let m) = MarkovModel.solve(paths: paths, channelCount: channels, order: 1, maxStates: 100) else {
                Issue.record("skipped"); continue
            }
            let brute = Self.bruteForce(list, channels: channels)
            #expect(abs(m.probability - brute.probability) < 1e-9)
            for c in 0..<channels {
                #expect(abs(m.without[c] - brute.without[c]) < 1e-9, "channel \(c)")
            }
        }
    }

    /// Independent reference: transition counts by dictionary, one linear solve per removal
    /// (rows of removed states replaced by x = 0), Gaussian elimination written out here.
    static func bruteForce(_ paths: [([Int32], conversions: Int, nulls: Int)], channels: Int) -> (probability: Double, without: [Double]) {
        let m = channels + 1
        var counts = [[Double]](repeating: [Double](repeating: 0, count: m + 2), count: m)  // columns: states, conv, null
        for (path, cv, nl) in paths {
            var previous = 0
            for c in path {
                counts[previous][Int(c) + 1] += Double(cv + nl)
                previous = Int(c) + 1
            }
            counts[previous][m] += Double(cv)
            counts[previous][m + 1] += Double(nl)
        }
        func solve(removing removed: Int?) -> Double {
            var a = [[Double]](repeating: [Double](repeating: 0, count: m + 1), count: m)
            for i in 0..<m {
                a[i][i] = 1
                let out = counts[i].reduce(0, +)
                if i == removed || out == 0 { continue }
                for j in 0..<m { a[i][j] -= counts[i][j] / out }
                a[i][m] = counts[i][m] / out
            }
            for k in 0..<m {
                var p = k
                for i in k..<m where abs(a[i][k]) > abs(a[p][k]) { p = i }
                a.swapAt(k, p)
                for i in 0..<m where i != k {
                    let f = a[i][k] / a[k][k]
                    for j in k...m { a[i][j] -= f * a[k][j] }
                }
            }
            return a[0][m] / a[0][0]
        }
        return (solve(removing: nil), (0..<channels).map { solve(removing: $0 + 1) })
    }
}
