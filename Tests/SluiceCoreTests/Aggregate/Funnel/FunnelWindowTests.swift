import Testing
@testable import SluiceCore

struct FunnelWindowTests {
    typealias F = JourneyFixture
    let window = F.window("2024-03-04", "2024-03-10")
    let dataEnd = F.at("2024-04-01 00:00")

    func run(_ def: FunnelDefinition, _ events: [TimelineEvent], window: ReportWindow? = nil,
             dataEnd: Int64? = nil) -> FunnelResult {
        FunnelEngine.run(timeline: F.timeline(events), window: window ?? self.window, definition: def,
                         dataEndMillis: dataEnd ?? self.dataEnd)
    }

    @Test func wholeFunnelWindowIsHalfOpenFromStepOne() {
        let def = FunnelDefinition(name: "f", steps: [FunnelStep("view"), FunnelStep("click")], windowMillis: F.day)
        let r = run(def, [
            F.event("in", "2024-03-05 10:00", "view"), F.event("in", "2024-03-06 09:59:59.999", "click"),
            F.event("edge", "2024-03-05 10:00", "view"), F.event("edge", "2024-03-06 10:00", "click"),
            F.event("late", "2024-03-05 10:00", "view"), F.event("late", "2024-03-07 10:00", "click"),
        ])
        #expect(r.overall.steps.map(\.count) == [3, 1])
    }

    @Test func wholeWindowAppliesToEveryLaterStep() {
        // The click is in time, the cart is 7 days + 1 ms after the view.
        let def = FunnelDefinition(name: "f", steps: [FunnelStep("view"), FunnelStep("click"), FunnelStep("add_to_cart")])
        let r = run(def, [
            F.event("u", "2024-03-05 10:00", "view"), F.event("u", "2024-03-06 10:00", "click"),
            F.event("u", "2024-03-12 10:00:00.001", "add_to_cart"),
        ])
        #expect(r.overall.steps.map(\.count) == [1, 1, 0])
    }

    @Test func perStepWindowIsMeasuredFromThePreviousStep() {
        let def = FunnelDefinition(name: "f", steps: [
            FunnelStep("view"), FunnelStep("click", windowFromPreviousMillis: F.hour),
            FunnelStep("add_to_cart", windowFromPreviousMillis: 10 * F.minute),
        ])
        let r = run(def, [
            // click 59:59.999 after the view, cart 9 minutes after the click: converts.
            F.event("a", "2024-03-05 10:00", "view"), F.event("a", "2024-03-05 10:59:59.999", "click"),
            F.event("a", "2024-03-05 11:08:59.999", "add_to_cart"),
            // click exactly one hour later: outside.
            F.event("b", "2024-03-05 10:00", "view"), F.event("b", "2024-03-05 11:00", "click"),
            // click in time, cart 10 minutes after the click: outside (2 h after the view is fine for the whole window).
            F.event("c", "2024-03-05 10:00", "view"), F.event("c", "2024-03-05 11:50", "click"),
            F.event("c", "2024-03-05 10:20", "impression"), F.event("c", "2024-03-05 12:00", "add_to_cart"),
        ])
        // c's click at 11:50 is 1h50 after the view: outside too. Only a reaches step 2.
        #expect(r.overall.steps.map(\.count) == [3, 1, 1])
    }

    @Test func perStepWindowUsesTheFirstMatchingEvent() {
        // Documented rule: each step is matched by the first later event of that step; a repeat of
        // the previous step does not restart the step clock. Click at 10:10 is used; the cart at 12:30
        // is 2h20 after it, beyond the 1 h step window, even though a second click came at 12:00.
        let def = FunnelDefinition(name: "f", steps: [
            FunnelStep("view"), FunnelStep("click"), FunnelStep("add_to_cart", windowFromPreviousMillis: F.hour),
        ])
        let r = run(def, [
            F.event("u", "2024-03-05 10:00", "view"), F.event("u", "2024-03-05 10:10", "click"),
            F.event("u", "2024-03-05 12:00", "click"), F.event("u", "2024-03-05 12:30", "add_to_cart"),
        ])
        #expect(r.overall.steps.map(\.count) == [1, 1, 0])
    }

    @Test func perStepWindowInAnyOrderModeUsesPrefixTimes() {
        // Steps 1–2 done at 10:30 (click), step 3 (cart at 10:10) completes the prefix at 10:30 too:
        // 0 ms after the previous prefix, inside its 5-minute window.
        let def = FunnelDefinition(name: "f", steps: [
            FunnelStep("view"), FunnelStep("click", windowFromPreviousMillis: F.hour),
            FunnelStep("add_to_cart", windowFromPreviousMillis: 5 * F.minute),
        ], order: .any)
        let r = run(def, [
            F.event("u", "2024-03-05 10:00", "view"), F.event("u", "2024-03-05 10:10", "add_to_cart"),
            F.event("u", "2024-03-05 10:30", "click"),
        ])
        #expect(r.overall.steps.map(\.count) == [1, 1, 1])
    }

    @Test func entryIsTheStepOneInstantAgainstTheWindowEdges() {
        let def = FunnelDefinition(name: "f", steps: [FunnelStep("view"), FunnelStep("click")])
        let r = run(def, [
            F.event("first-instant", "2024-03-04 00:00", "view"),
            F.event("before", "2024-03-03 23:59:59.999", "view"),
            F.event("last-instant", "2024-03-10 23:59:59.999", "view"),
            F.event("last-instant", "2024-03-11 01:00", "click"),  // after the window end: still counts
            F.event("after", "2024-03-11 00:00", "view"),
        ])
        #expect(r.overall.steps.map(\.count) == [2, 1])
    }

    @Test func entryDependsOnlyOnStepOneTime() {
        let def = FunnelDefinition(name: "f", steps: [FunnelStep("view"), FunnelStep("click")])
        let r = run(def, [
            // First event long before the window; the in-window view enters.
            F.event("old", "2024-01-01 10:00", "view"), F.event("old", "2024-03-05 10:00", "view"),
            F.event("old", "2024-03-05 10:05", "click"),
            // View before the window, click inside: no entry.
            F.event("pre", "2024-03-03 22:00", "view"), F.event("pre", "2024-03-04 01:00", "click"),
        ])
        #expect(r.overall.steps.map(\.count) == [1, 1])
        #expect(r.overall.steps[1].medianMillisFromPrevious == Double(5 * F.minute))
    }

    @Test func eventsAtTheSameInstantKeepTimelineOrder() {
        let def = FunnelDefinition(name: "f", steps: [FunnelStep("view"), FunnelStep("click")])
        let t = F.at("2024-03-05 10:00")
        let r = run(def, [
            // Added view first: the click at the same instant comes after it and satisfies step 2 (0 ms).
            TimelineEvent(user: "a", time: t, event: "view"), TimelineEvent(user: "a", time: t, event: "click"),
            // Added click first: it precedes the view in the timeline and cannot be step 2.
            TimelineEvent(user: "b", time: t, event: "click"), TimelineEvent(user: "b", time: t, event: "view"),
        ])
        #expect(r.overall.steps.map(\.count) == [2, 1])
        #expect(r.overall.steps[1].medianMillisFromPrevious == 0)
    }

    @Test func aRowSatisfiesOnlyOneStepOfAnAttempt() {
        // view → view: the second step needs a second view.
        let def = FunnelDefinition(name: "f", steps: [FunnelStep("view"), FunnelStep("view", label: "second view")])
        let r = run(def, [
            F.event("once", "2024-03-05 10:00", "view"),
            F.event("twice", "2024-03-05 10:00", "view"), F.event("twice", "2024-03-05 11:00", "view"),
        ])
        #expect(r.overall.steps.map(\.count) == [2, 1])
    }
}
