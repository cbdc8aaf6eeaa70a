import Testing
@testable import SluiceCore

struct FunnelCountingTests {
    typealias F = JourneyFixture
    let window = F.window("2024-03-04", "2024-03-10")
    let dataEnd = F.at("2024-04-01 00:00")
    let steps = [FunnelStep("view"), FunnelStep("click"), FunnelStep("order")]

    func run(_ unit: FunnelCountingUnit, _ events: [TimelineEvent], windowMillis: Int64 = FunnelDefinition.defaultWindowMillis,
             breakdown: FunnelField? = .platform) -> FunnelResult {
        let def = FunnelDefinition(name: "f", steps: steps, windowMillis: windowMillis, countingUnit: unit, breakdown: breakdown)
        return FunnelEngine.run(timeline: F.timeline(events), window: window, definition: def, dataEndMillis: dataEnd)
    }

    /// Two visits that both end in the same order, then a repeat purchase.
    var repeatBuyer: [TimelineEvent] {
        [
            F.event("u", "2024-03-05 10:00", "view"), F.event("u", "2024-03-05 10:05", "click"),
            F.event("u", "2024-03-05 12:00", "view"), F.event("u", "2024-03-05 12:05", "click"),
            F.event("u", "2024-03-05 12:10", "order"),
            F.event("u", "2024-03-08 09:00", "view"), F.event("u", "2024-03-08 09:01", "click"),
            F.event("u", "2024-03-08 09:02", "order"),
        ]
    }

    @Test func usersCountEachUserOnce() {
        #expect(run(.users, repeatBuyer).overall.steps.map(\.count) == [1, 1, 1])
    }

    @Test func totalsCountEveryStepOneEvent() {
        // Each view starts an attempt; the first two both reach the 12:10 order.
        #expect(run(.totals, repeatBuyer).overall.steps.map(\.count) == [3, 3, 3])
    }

    @Test func usersUseTheEarliestAttemptOnTies() {
        // Neither attempt gets past the click; the user is counted with the first attempt's platform and times.
        let r = run(.users, [
            F.event("u", "2024-03-05 10:00", "view", platform: "douyin"), F.event("u", "2024-03-05 10:30", "click"),
            F.event("u", "2024-03-06 10:00", "view", platform: "xiaohongshu"), F.event("u", "2024-03-06 10:05", "click"),
        ], windowMillis: F.hour)
        #expect(r.overall.steps.map(\.count) == [1, 1, 0])
        #expect(r.segments.map(\.key) == [.value("douyin")])
        #expect(r.overall.steps[1].medianMillisFromPrevious == Double(30 * F.minute))
    }

    @Test func usersUseTheAttemptReachingFurthest() {
        // The 1-hour window closes the first attempt at the view; the second one orders.
        let r = run(.users, [
            F.event("u", "2024-03-05 10:00", "view", platform: "douyin"),
            F.event("u", "2024-03-06 10:00", "view", platform: "xiaohongshu"), F.event("u", "2024-03-06 10:05", "click"),
            F.event("u", "2024-03-06 10:10", "order"),
        ], windowMillis: F.hour)
        #expect(r.overall.steps.map(\.count) == [1, 1, 1])
        #expect(r.segments.map(\.key) == [.value("xiaohongshu")])
        #expect(r.overall.medianMillisToComplete == Double(10 * F.minute))
    }

    @Test func breakdownComesFromTheStepOneEventOnly() {
        let r = run(.users, [
            // No platform on the view: (none), even though the click and order carry one.
            F.event("a", "2024-03-05 10:00", "view"), F.event("a", "2024-03-05 10:01", "click", platform: "douyin"),
            F.event("a", "2024-03-05 10:02", "order", platform: "douyin"),
            F.event("b", "2024-03-05 10:00", "view", platform: "douyin"), F.event("b", "2024-03-05 10:01", "click"),
            F.event("c", "2024-03-05 10:00", "view", platform: "douyin"),
        ])
        #expect(r.segments.map(\.key) == [.value("douyin"), .missing])
        #expect(r.segments.map(\.key.label) == ["douyin", "(none)"])
        #expect(r.segments[0].steps.map(\.count) == [2, 1, 0])
        #expect(r.segments[1].steps.map(\.count) == [1, 1, 1])
    }

    @Test func breakdownByAnotherFieldAndNoBreakdown() {
        let events = [
            F.event("a", "2024-03-05 10:00", "view", platform: "douyin", channel: "paid"),
            F.event("b", "2024-03-05 10:00", "view", platform: "douyin", channel: "organic"),
            F.event("c", "2024-03-05 10:00", "view", platform: "douyin", channel: "paid"),
        ]
        let byChannel = run(.users, events, breakdown: .channel)
        #expect(byChannel.segments.map(\.key) == [.value("paid"), .value("organic")])
        #expect(byChannel.segments.map(\.entrants) == [2, 1])
        #expect(run(.users, events, breakdown: nil).segments.isEmpty)
    }

    @Test func ratesAndDropOff() {
        var events: [TimelineEvent] = []
        for i in 0..<4 { events.append(F.event("v\(i)", "2024-03-05 10:00", "view")) }
        for i in 0..<2 { events.append(F.event("v\(i)", "2024-03-05 10:01", "click")) }
        events.append(F.event("v0", "2024-03-05 10:02", "order"))
        let s = run(.users, events).overall.steps
        #expect(s.map(\.count) == [4, 2, 1])
        #expect(s.map(\.conversionFromPrevious) == [nil, 0.5, 0.5])
        #expect(s.map(\.conversionFromFirst) == [1, 0.5, 0.25])
        #expect(s.map(\.dropOff) == [nil, 2, 1])
    }

    @Test func emptyResultHasNilRates() {
        let r = run(.users, [F.event("u", "2024-02-01 10:00", "view")])
        #expect(r.overall.steps.map(\.count) == [0, 0, 0])
        #expect(r.overall.steps.allSatisfy { $0.conversionFromFirst == nil && $0.medianMillisFromPrevious == nil })
        #expect(r.overall.steps.map(\.conversionFromPrevious) == [nil, nil, nil])
        #expect(r.overall.conversion == nil)
        let none = FunnelEngine.run(timeline: Timeline(), window: window,
                                    definition: FunnelDefinition(name: "f", steps: steps), dataEndMillis: dataEnd)
        #expect(none.overall.entrants == 0)
    }
}
