import Testing
@testable import SluiceCore

struct AggregateFunnelTests {
    @Test func fullFunnel() {
        let r = AggregateFunnel.run(ContentTotals(platform: "xiaohongshu", impressions: 100_000, plays: 20_000,
                                                  completedPlays: 5_000, likes: 300, comments: 50, shares: 150,
                                                  newFollowers: 40))
        #expect(r.steps.map(\.key) == ["impressions", "plays", "completed_plays", "interactions", "new_followers"])
        #expect(r.steps.map(\.count) == [100_000, 20_000, 5_000, 500, 40])
        #expect(r.steps.map(\.conversionFromPrevious) == [nil, 0.2, 0.25, 0.1, 0.08])
        #expect(r.steps.map(\.conversionFromTop) == [1, 0.2, 0.05, 0.005, 0.0004])
        #expect(r.steps.map(\.dropOff) == [nil, 80_000, 15_000, 4_500, 460])
        #expect(r.topStep == "impressions")
        #expect(r.missingInteractionParts.isEmpty)
    }

    @Test func missingColumnsAreNilNotZero() {
        // Douyin creator-centre exports have no impressions column and here no shares.
        let r = AggregateFunnel.run(ContentTotals(platform: "douyin", plays: 1_000, completedPlays: 280, likes: 12,
                                                  comments: 3, newFollowers: 8))
        #expect(r.steps.map(\.count) == [nil, 1_000, 280, 15, 8])
        #expect(r.steps.map(\.conversionFromPrevious) == [nil, nil, 0.28, 15.0 / 280.0, 8.0 / 15.0])
        #expect(r.steps.map(\.conversionFromTop) == [nil, 1, 0.28, 0.015, 0.008])
        #expect(r.steps.map(\.dropOff) == [nil, nil, 720, 265, 7])
        #expect(r.topStep == "plays")
        #expect(r.missingInteractionParts == ["shares"])
    }

    @Test func zeroDenominatorsGiveNil() {
        let r = AggregateFunnel.run(ContentTotals(platform: "kuaishou", impressions: 0, plays: 0, completedPlays: 0,
                                                  likes: nil, comments: nil, shares: nil, newFollowers: 0))
        #expect(r.steps.map(\.count) == [0, 0, 0, nil, 0])
        #expect(r.steps.allSatisfy { $0.conversionFromPrevious == nil && $0.conversionFromTop == nil })
        #expect(r.missingInteractionParts.isEmpty)
        #expect(AggregateFunnel.run([ContentTotals(platform: "a"), ContentTotals(platform: "b")]).map(\.topStep) == [nil, nil])
    }
}
