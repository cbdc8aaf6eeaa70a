import Testing
@testable import SluiceCore

struct FunnelStatsTests {
    typealias F = JourneyFixture

    @Test func nearestRankP90AndMedian() {
        var odd: [Int64] = [11, 1, 10, 2, 9, 3, 8, 4, 7, 5, 6]
        let a = FunnelDurationStats(sorting: &odd)
        #expect(a?.count == 11)
        #expect(a?.median == 6)
        #expect(a?.p90 == 10)  // ⌈0.9 × 11⌉ = 10th smallest
        #expect(a?.mean == 6)
        var even: [Int64] = [10, 1, 3, 2]
        let b = FunnelDurationStats(sorting: &even)
        #expect(b?.median == 2.5)
        #expect(b?.p90 == 10)  // ⌈0.9 × 4⌉ = 4th smallest
        #expect(b?.mean == 4)
        var none: [Int64] = []
        #expect(FunnelDurationStats(sorting: &none) == nil)
    }

    @Test func nearestRankIndex() {
        #expect(FunnelDurationStats.nearestRankIndex(percent: 90, count: 1) == 0)
        #expect(FunnelDurationStats.nearestRankIndex(percent: 90, count: 10) == 8)  // 9th of 10
        #expect(FunnelDurationStats.nearestRankIndex(percent: 90, count: 11) == 9)  // 10th of 11
        #expect(FunnelDurationStats.nearestRankIndex(percent: 90, count: 20) == 17)
        #expect(FunnelDurationStats.nearestRankIndex(percent: 90, count: 21) == 18)
    }

    @Test func engineTimesFromPreviousStep() {
        // Clicks 1, 2, 3 and 10 minutes after the view; orders 1 minute after two of the clicks.
        var events: [TimelineEvent] = []
        for (i, delay) in [1, 2, 3, 10].enumerated() {
            let t = F.at("2024-03-05 10:00")
            events.append(TimelineEvent(user: "u\(i)", time: t, event: "view"))
            events.append(TimelineEvent(user: "u\(i)", time: t + Int64(delay) * F.minute, event: "click"))
            if i < 2 { events.append(TimelineEvent(user: "u\(i)", time: t + Int64(delay + 1) * F.minute, event: "order")) }
        }
        let def = FunnelDefinition(name: "f", steps: [FunnelStep("view"), FunnelStep("click"), FunnelStep("order")])
        let r = FunnelEngine.run(timeline: F.timeline(events), window: F.window("2024-03-04", "2024-03-10"), definition: def,
                                 dataEndMillis: F.at("2024-04-01 00:00"))
        let click = r.overall.steps[1]
        #expect(click.timedCount == 4)
        #expect(click.medianMillisFromPrevious == Double(150_000))
        #expect(click.p90MillisFromPrevious == Double(10 * F.minute))
        #expect(click.meanMillisFromPrevious == Double(4 * F.minute))
        #expect(r.overall.steps[0].timedCount == 0)
        #expect(r.overall.steps[0].medianMillisFromPrevious == nil)
        #expect(r.overall.steps[2].medianMillisFromPrevious == Double(F.minute))
        // u0 took 2 minutes, u1 3 minutes from view to order.
        #expect(r.overall.medianMillisToComplete == Double(150_000))
    }
}
