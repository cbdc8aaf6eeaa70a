import Foundation
import Testing
@testable import SluiceCore

@Suite("Attribution: Shapley values")
struct AttributionShapleyTests {
    typealias F = AttrFixture

    func phi(_ r: AttributionResult, _ key: String) -> Double? { r.shapley?.values.first { $0.key == key }?.value }

    @Test func twoChannelsByHand() {
        // Journeys by exact channel set: {A}: 10 (2 convert) → CR .2; {B}: 10 (1) → .1; {A,B}: 5 (3) → .6.
        // v(A) = .2, v(B) = .1, v(AB) = .2 + .1 + .6 = .9.
        // φ_A = ½·v(A) + ½·(v(AB) − v(B)) = .1 + .4 = .5;  φ_B = ½·v(B) + ½·(v(AB) − v(A)) = .05 + .35 = .4.
        // 6 conversions: A 6·.5/.9 = 3.333… → 3,333,333.33 micro; B 2.666… → 2,666,666.67; the
        // missing unit goes to B (.67). 600 fen → A 333.33, B 266.67 → 333 / 267.
        var events: [TimelineEvent] = []
        func journeys(_ prefix: String, _ count: Int, converting: Int, _ platforms: [String]) {
            for i in 0..<count {
                let u = "\(prefix)\(i)"
                for (k, p) in platforms.enumerated() { events.append(F.touch(u, F.at(1, hours: Int64(k)), p)) }
                if i < converting { events.append(F.order(u, F.at(2), 100)) }
            }
        }
        journeys("a", 10, converting: 2, ["A"])
        journeys("b", 10, converting: 1, ["B"])
        journeys("ab", 3, converting: 3, ["A", "B"])
        journeys("ba", 2, converting: 0, ["B", "A"])
        let r = F.run(events)
        #expect(r.shapley?.channels == 2)
        #expect(abs((r.shapley?.grandCoalitionValue ?? 0) - 0.9) < 1e-12)
        #expect(abs((phi(r, "A") ?? 0) - 0.5) < 1e-12)
        #expect(abs((phi(r, "B") ?? 0) - 0.4) < 1e-12)
        #expect(F.micros(r, .shapley) == ["A": 3_333_333, "B": 2_666_667])
        #expect(F.fen(r, .shapley) == ["A": 333, "B": 267])
    }

    @Test func threeChannelsByHand() {
        // Exact-set conversion rates: {A} 1/2, {B} 0, {A,B} 1, {B,C} 1/2, {A,B,C} 1 (no journey is {C} or {A,C}).
        // v: A .5, B 0, C 0, AB 1.5, AC .5, BC .5, ABC 3.
        // φ_A = ⅓·(.5 − 0) + ⅙·(1.5 − 0) + ⅙·(.5 − 0) + ⅓·(3 − .5) = 4/3
        // φ_B = ⅓·0 + ⅙·(1.5 − .5) + ⅙·(.5 − 0) + ⅓·(3 − .5) = 13/12
        // φ_C = ⅓·0 + ⅙·(.5 − .5) + ⅙·(.5 − 0) + ⅓·(3 − 1.5) = 7/12      (Σ = 3 = v(ABC))
        // 4 touched conversions: A 4·(4/3)/3 = 1.777…, B 4·(13/12)/3 = 1.444…, C 4·(7/12)/3 = 0.777…
        // → floors 1,777,777 + 1,444,444 + 777,777 = 3,999,998; the 2 units go to A and C (.78 each).
        let r = F.run([
            F.touch("a1", F.at(1), "A"), F.order("a1", F.at(2), 10),
            F.touch("a2", F.at(1), "A"),
            F.touch("b1", F.at(1), "B"),
            F.touch("ab", F.at(1), "A"), F.touch("ab", F.at(2), "B"), F.order("ab", F.at(3), 10),
            F.touch("bc1", F.at(1), "B"), F.touch("bc1", F.at(2), "C"), F.order("bc1", F.at(3), 10),
            F.touch("bc2", F.at(1), "C"), F.touch("bc2", F.at(2), "B"),
            F.touch("abc", F.at(1), "A"), F.touch("abc", F.at(2), "C"), F.touch("abc", F.at(3), "B"), F.order("abc", F.at(4), 10),
        ])
        #expect(abs((phi(r, "A") ?? 0) - 4.0 / 3) < 1e-12)
        #expect(abs((phi(r, "B") ?? 0) - 13.0 / 12) < 1e-12)
        #expect(abs((phi(r, "C") ?? 0) - 7.0 / 12) < 1e-12)
        #expect(abs((r.shapley?.grandCoalitionValue ?? 0) - 3) < 1e-12)
        #expect(F.micros(r, .shapley) == ["A": 1_777_778, "B": 1_444_444, "C": 777_778])
        // 40 fen: A 17.78, B 14.44, C 7.78 → 17 + 14 + 7 = 38, +1 to A and C.
        #expect(F.fen(r, .shapley) == ["A": 18, "B": 14, "C": 8])
    }

    @Test func channelsOnlyInNonConvertingPathsAreNotPlayers() {
        // Z never appears in a converting path: it is not a player and gets nothing; the {A,Z}
        // journey has conversion rate 0 and does not change A's value.
        let r = F.run([
            F.touch("a", F.at(1), "A"), F.order("a", F.at(2), 10),
            F.touch("z", F.at(1), "A"), F.touch("z", F.at(2), "Z"),
            F.touch("y", F.at(1), "Z"),
        ])
        #expect(r.shapley?.channels == 1)
        #expect(F.micros(r, .shapley) == ["A": 1_000_000, "Z": 0])
    }

    /// The bitmask enumeration equals the closed form φ_i = Σ over channel sets T ∋ i of CR(T)/|T|.
    @Test func enumerationMatchesTheClosedForm() {
        var rng = SplitMix(seed: 7)
        for _ in 0..<50 {
            let channels = Int.random(in: 1...9, using: &rng)
            var list: [([Int32], conversions: Int, nulls: Int)] = []
            for _ in 0..<Int.random(in: 1...30, using: &rng) {
                let path = (0..<Int.random(in: 1...5, using: &rng)).map { _ in Int32.random(in: 0..<Int32(channels), using: &rng) }
                list.append((path, Int.random(in: 0...3, using: &rng), Int.random(in: 0...3, using: &rng)))
            }
            list = list.filter { $0.conversions + $0.nulls > 0 }
            let paths = F.store(list)
            guard case .solved(let s) = ShapleyModel.solve(paths: paths, order: Array(0..<channels), channelCount: channels,
                                                           maxChannels: 15) else {
                Issue.record("skipped"); continue
            }
            var conv: [Set<Int32>: Double] = [:], all: [Set<Int32>: Double] = [:]
            for (path, cv, nl) in list {
                conv[Set(path), default: 0] += Double(cv)
                all[Set(path), default: 0] += Double(cv + nl)
            }
            var expected = [Double](repeating: 0, count: channels)
            for (set, n) in all where n > 0 {
                let rate = (conv[set] ?? 0) / n
                for c in set { expected[Int(c)] += rate / Double(set.count) }
            }
            for (i, c) in s.players.enumerated() {
                #expect(abs(s.values[i] - expected[c]) < 1e-9)
            }
            #expect(abs(s.values.reduce(0, +) - s.grandCoalitionValue) < 1e-9)
            // Non-players have no conversions at all.
            for c in 0..<channels where !s.players.contains(c) { #expect(expected[c] == 0) }
        }
    }

    @Test func moreChannelsThanTheLimitIsSkippedWithTheReason() {
        let events = (0..<16).flatMap { i in [F.touch("u\(i)", F.at(1), "p\(i)"), F.order("u\(i)", F.at(2), 3)] }
        let r = F.run(events)
        #expect(r.credits[.shapley] == nil && r.shapley == nil)
        #expect(r.skipped[.shapley] == "16 channels appear in converting paths, above shapley max channels 15 (exact Shapley enumerates 2^n channel sets)")
        #expect(r.credits[.markov] != nil)
        F.expectExactSums(r)
        let fifteen = F.run(Array(events.dropLast(2)))
        #expect(fifteen.shapley?.channels == 15)
        #expect(F.micros(fifteen, .shapley).values.allSatisfy { $0 == 1_000_000 })
    }
}
