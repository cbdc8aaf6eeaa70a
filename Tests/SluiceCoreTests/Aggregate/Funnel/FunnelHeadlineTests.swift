import Testing
@testable import SluiceCore

struct FunnelHeadlineTests {
    typealias F = JourneyFixture

    @Test func headlineFacts() {
        var events: [TimelineEvent] = []
        for i in 0..<10 { events.append(F.event("u\(i)", "2024-03-05 10:00", "view", platform: i < 6 ? "douyin" : "channels")) }
        for i in [0, 1, 2, 3, 6, 7] { events.append(F.event("u\(i)", "2024-03-05 10:10", "click")) }
        for i in [0, 6, 7] { events.append(F.event("u\(i)", "2024-03-05 11:00", "order")) }
        let def = FunnelDefinition(name: "content to order", steps: [FunnelStep("view"), FunnelStep("click"), FunnelStep("order")])
        let h = FunnelEngine.run(timeline: F.timeline(events), window: F.window("2024-03-04", "2024-03-10"), definition: def,
                                 dataEndMillis: F.at("2024-04-01 00:00")).headlines()
        #expect(h.entrants == 10)
        #expect(h.completed == 3)
        #expect(h.conversion == 0.3)
        // view → click loses 4 of 10 (40%), click → order 3 of 6 (50%).
        #expect(h.biggestDrop == FunnelDrop(fromStep: "click", toStep: "order", lost: 3, share: 0.5))
        #expect(h.bestSegment == .value("channels"))
        #expect(h.bestSegmentConversion == 0.5)
        #expect(h.medianMillisToComplete == Double(F.hour))
        #expect(h.lines.first == "content to order: 10 users entered, 3 completed (30.0%).")
        #expect(h.lines.contains("Largest drop: click → order, 3 lost (50.0%)."))
    }
}
