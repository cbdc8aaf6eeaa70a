import Testing
@testable import SluiceCore

struct FunnelOrderModeTests {
    typealias F = JourneyFixture
    let window = F.window("2024-03-04", "2024-03-10")
    let dataEnd = F.at("2024-04-01 00:00")

    /// u1: view, impression, click, cart · u2: view, cart, click · u3: view, click, cart.
    var timeline: Timeline {
        F.timeline([
            F.event("u1", "2024-03-05 10:00", "view"), F.event("u1", "2024-03-05 10:01", "impression"),
            F.event("u1", "2024-03-05 10:02", "click"), F.event("u1", "2024-03-05 10:03", "add_to_cart"),
            F.event("u2", "2024-03-05 10:00", "view"), F.event("u2", "2024-03-05 10:01", "add_to_cart"),
            F.event("u2", "2024-03-05 10:02", "click"),
            F.event("u3", "2024-03-05 10:00", "view"), F.event("u3", "2024-03-05 10:01", "click"),
            F.event("u3", "2024-03-05 10:02", "add_to_cart"),
        ])
    }

    func counts(_ order: FunnelOrder) -> [Int] {
        let def = FunnelDefinition(name: "f", steps: [FunnelStep("view"), FunnelStep("click"), FunnelStep("add_to_cart")],
                                   order: order)
        return FunnelEngine.run(timeline: timeline, window: window, definition: def, dataEndMillis: dataEnd)
            .overall.steps.map(\.count)
    }

    @Test func orderedAllowsOtherEventsBetweenSteps() {
        #expect(counts(.ordered) == [3, 3, 2])
    }

    @Test func strictNeedsConsecutiveEvents() {
        // u1 breaks at the impression, u2 at add_to_cart; only u3 is consecutive.
        #expect(counts(.strict) == [3, 1, 1])
    }

    @Test func anyOrderAcceptsLaterStepsInAnyOrder() {
        #expect(counts(.any) == [3, 3, 3])
    }

    @Test func anyOrderStillAnchorsOnStepOne() {
        // The click before the view does not count; the cart after the view does, but step 2 (click) is missing.
        let t = F.timeline([
            F.event("u", "2024-03-05 09:00", "click"), F.event("u", "2024-03-05 10:00", "view"),
            F.event("u", "2024-03-05 10:10", "add_to_cart"),
        ])
        let def = FunnelDefinition(name: "f", steps: [FunnelStep("view"), FunnelStep("click"), FunnelStep("add_to_cart")],
                                   order: .any)
        let r = FunnelEngine.run(timeline: t, window: window, definition: def, dataEndMillis: dataEnd)
        #expect(r.overall.steps.map(\.count) == [1, 0, 0])
    }

    @Test func anyOrderTimesAreFromPrefixCompletion() {
        // view 10:00, cart 10:10, click 10:30: steps 1–2 done at 10:30, steps 1–3 also at 10:30.
        let t = F.timeline([
            F.event("u", "2024-03-05 10:00", "view"), F.event("u", "2024-03-05 10:10", "add_to_cart"),
            F.event("u", "2024-03-05 10:30", "click"),
        ])
        let def = FunnelDefinition(name: "f", steps: [FunnelStep("view"), FunnelStep("click"), FunnelStep("add_to_cart")],
                                   order: .any)
        let r = FunnelEngine.run(timeline: t, window: window, definition: def, dataEndMillis: dataEnd)
        #expect(r.overall.steps.map(\.count) == [1, 1, 1])
        #expect(r.overall.steps[1].medianMillisFromPrevious == Double(30 * F.minute))
        #expect(r.overall.steps[2].medianMillisFromPrevious == 0)
    }

    @Test func anyOrderUsesEachEventForOneStepOnly() {
        let def = FunnelDefinition(name: "f", steps: [FunnelStep("view"), FunnelStep("click"),
                                                      FunnelStep("click", label: "second click")], order: .any)
        let t = F.timeline([
            F.event("once", "2024-03-05 10:00", "view"), F.event("once", "2024-03-05 10:01", "click"),
            F.event("twice", "2024-03-05 10:00", "view"), F.event("twice", "2024-03-05 10:01", "click"),
            F.event("twice", "2024-03-05 10:02", "click"),
        ])
        let r = FunnelEngine.run(timeline: t, window: window, definition: def, dataEndMillis: dataEnd)
        #expect(r.overall.steps.map(\.count) == [2, 2, 1])
    }

    @Test func strictCountsEveryOtherEventEvenAnOrder() {
        let t = F.timeline([
            F.event("u", "2024-03-05 10:00", "view"), F.event("u", "2024-03-05 10:01", "order"),
            F.event("u", "2024-03-05 10:02", "click"),
        ])
        let def = FunnelDefinition(name: "f", steps: [FunnelStep("view"), FunnelStep("click")], order: .strict)
        #expect(FunnelEngine.run(timeline: t, window: window, definition: def, dataEndMillis: dataEnd)
            .overall.steps.map(\.count) == [1, 0])
    }

    @Test func stepAlternativesAndFieldFilters() {
        let t = F.timeline([
            F.event("a", "2024-03-05 10:00", "view", platform: "douyin"), F.event("a", "2024-03-05 10:05", "order"),
            F.event("b", "2024-03-05 10:00", "view", platform: "channels"), F.event("b", "2024-03-05 10:05", "add_to_cart"),
            F.event("c", "2024-03-05 10:00", "view", platform: "weibo"), F.event("c", "2024-03-05 10:05", "order"),
            F.event("d", "2024-03-05 10:00", "view"), F.event("d", "2024-03-05 10:05", "order"),
        ])
        let def = FunnelDefinition(name: "f", steps: [
            FunnelStep(label: "video view", events: ["view"], filters: [.platform: ["douyin", "channels"]]),
            FunnelStep(label: "cart or order", events: ["add_to_cart", "order"]),
        ])
        let r = FunnelEngine.run(timeline: t, window: window, definition: def, dataEndMillis: dataEnd)
        // c (weibo) and d (no platform) never match step 1.
        #expect(r.overall.steps.map(\.count) == [2, 2])
        #expect(r.overall.steps.map(\.label) == ["video view", "cart or order"])
    }

    @Test func unknownEventNamesMatchNothing() {
        let def = FunnelDefinition(name: "f", steps: [FunnelStep("view"), FunnelStep("no_such_event")])
        let r = FunnelEngine.run(timeline: timeline, window: window, definition: def, dataEndMillis: dataEnd)
        #expect(r.overall.steps.map(\.count) == [3, 0])
        #expect(r.overall.steps[1].conversionFromPrevious == 0)
    }
}
