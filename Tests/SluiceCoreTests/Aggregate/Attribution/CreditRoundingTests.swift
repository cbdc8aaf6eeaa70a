import Testing
@testable import SluiceCore

@Suite("Attribution: credit rounding")
struct AttributionCreditRoundingTests {
    @Test func largestRemainderWithTiesByOrder() {
        #expect(CreditRounding.apportion(total: 10, weights: [1, 1, 1]) == [4, 3, 3])
        #expect(CreditRounding.apportion(total: 10, weights: [1, 1, 1], order: [2, 1, 0]) == [3, 3, 4])
        // 100 × (1, 2, 3.5)/6.5 = 15.38, 30.77, 53.85 → 15 + 30 + 53 = 98; +1 to .85 and .77.
        #expect(CreditRounding.apportion(total: 100, weights: [1, 2, 3.5]) == [15, 31, 54])
    }

    @Test func wholeNumberWeightsThatSumToTheTotalAreKept() {
        #expect(CreditRounding.apportion(total: 5_000_000, weights: [2_000_000, 3_000_000]) == [2_000_000, 3_000_000])
        #expect(CreditRounding.apportion(total: 0, weights: [0, 0]) == [0, 0])
    }

    @Test func degenerateWeights() {
        #expect(CreditRounding.apportion(total: 7, weights: [0, 0]) == [4, 3])
        #expect(CreditRounding.apportion(total: 10, weights: [-1, 1]) == [0, 10])
        #expect(CreditRounding.apportion(total: 10, weights: [.nan, .infinity, 1]) == [0, 0, 10])
        #expect(CreditRounding.apportion(total: 3, weights: []) == [])
        #expect(CreditRounding.apportion(total: -10, weights: [1, 1, 1]).reduce(0, +) == -10)
    }

    @Test func sumsAreExactForLargeTotalsAndManyItems() {
        var rng = SplitMix(seed: 99)
        for _ in 0..<200 {
            let n = Int.random(in: 1...300, using: &rng)
            let weights = (0..<n).map { _ in Double.random(in: 0...1, using: &rng) * (Bool.random(using: &rng) ? 1 : 1e-9) }
            let total = Int64.random(in: 0...4_000_000_000_000_000, using: &rng)
            let parts = CreditRounding.apportion(total: total, weights: weights)
            #expect(parts.reduce(0, +) == total)
            #expect(parts.allSatisfy { $0 >= 0 })
        }
    }
}
