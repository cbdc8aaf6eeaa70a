import Testing
@testable import SluiceCore

struct FunnelExclusionTests {
    typealias F = JourneyFixture
    let window = F.window("2024-03-04", "2024-03-10")
    let dataEnd = F.at("2024-04-01 00:00")

    func definition(order: FunnelOrder = .ordered, filters: [FunnelField: [String]] = [:]) -> FunnelDefinition {
        FunnelDefinition(
            name: "f", steps: [FunnelStep("view"), FunnelStep("click"), FunnelStep("order")], order: order,
            exclusions: [FunnelExclusion(events: ["complaint"], filters: filters, afterStep: "view", beforeStep: "order")])
    }

    func journey(_ user: String, _ names: [String], platform: [String: String] = [:]) -> [TimelineEvent] {
        names.enumerated().map { i, name in
            TimelineEvent(user: user, time: F.at("2024-03-05 10:00") + Int64(i) * F.minute, event: name,
                          platform: platform[name])
        }
    }

    var events: [TimelineEvent] {
        journey("u1", ["view", "complaint", "click", "order"])  // frozen at view
            + journey("u2", ["view", "click", "complaint", "order"])  // frozen at click
            + journey("u3", ["view", "click", "order", "complaint"])  // after the span: converts
            + journey("u4", ["complaint", "view", "click", "order"])  // before the span: converts
            + journey("u5", ["view", "complaint", "click", "order"], platform: ["complaint": "weibo"])
    }

    @Test func exclusionStopsTheAttemptWhereItHappens() {
        let r = FunnelEngine.run(timeline: F.timeline(events), window: window, definition: definition(), dataEndMillis: dataEnd)
        // u5's complaint has no filter to fail here, so it freezes u5 like u1.
        #expect(r.overall.steps.map(\.count) == [5, 3, 2])
        #expect(r.overall.inProgress == 0)
    }

    @Test func exclusionFiltersNarrowTheExcludedEvent() {
        let douyin = ["complaint": "douyin"]
        let events = journey("u1", ["view", "complaint", "click", "order"], platform: douyin)
            + journey("u2", ["view", "click", "complaint", "order"], platform: douyin)
            + journey("u3", ["view", "click", "order", "complaint"], platform: douyin)
            + journey("u4", ["view", "complaint", "click", "order"])  // complaint without a platform
            + journey("u5", ["view", "complaint", "click", "order"], platform: ["complaint": "weibo"])
        let r = FunnelEngine.run(timeline: F.timeline(events), window: window,
                                 definition: definition(filters: [.platform: ["douyin"]]), dataEndMillis: dataEnd)
        // u4's and u5's complaints do not pass the filter: not excluded.
        #expect(r.overall.steps.map(\.count) == [5, 4, 3])
    }

    @Test func exclusionInAnyOrderMode() {
        let r = FunnelEngine.run(timeline: F.timeline(events), window: window, definition: definition(order: .any),
                                 dataEndMillis: dataEnd)
        #expect(r.overall.steps.map(\.count) == [5, 3, 2])
    }

    @Test func exclusionBetweenLaterStepsOnly() {
        let def = FunnelDefinition(
            name: "f", steps: [FunnelStep("view"), FunnelStep("click"), FunnelStep("order")],
            exclusions: [FunnelExclusion(events: ["complaint"], afterStep: "click", beforeStep: "order")])
        let r = FunnelEngine.run(timeline: F.timeline(events), window: window, definition: def, dataEndMillis: dataEnd)
        // Only u2's complaint falls between click and order.
        #expect(r.overall.steps.map(\.count) == [5, 5, 4])
    }

    @Test func exclusionBetweenEarlierStepsOnly() {
        let def = FunnelDefinition(
            name: "f", steps: [FunnelStep("view"), FunnelStep("click"), FunnelStep("order")],
            exclusions: [FunnelExclusion(events: ["complaint"], afterStep: "view", beforeStep: "click")])
        let r = FunnelEngine.run(timeline: F.timeline(events), window: window, definition: def, dataEndMillis: dataEnd)
        // u1's and u5's complaints fall between view and click; u2's comes after the click.
        #expect(r.overall.steps.map(\.count) == [5, 3, 3])
        var anyOrder = def
        anyOrder.order = .any
        let a = FunnelEngine.run(timeline: F.timeline(events), window: window, definition: anyOrder, dataEndMillis: dataEnd)
        #expect(a.overall.steps.map(\.count) == [5, 3, 3])
    }

    @Test func aRowUsedAsAStepIsNotAnExclusion() {
        // Exclusion on `click` between view and order: the click that is step 2 does not exclude;
        // a second click before the order does.
        let def = FunnelDefinition(
            name: "f", steps: [FunnelStep("view"), FunnelStep("click"), FunnelStep("order")],
            exclusions: [FunnelExclusion(events: ["click"], afterStep: "view", beforeStep: "order")])
        let t = F.timeline(journey("once", ["view", "click", "order"]) + journey("twice", ["view", "click", "click", "order"]))
        let r = FunnelEngine.run(timeline: t, window: window, definition: def, dataEndMillis: dataEnd)
        #expect(r.overall.steps.map(\.count) == [2, 2, 1])
        var anyOrder = def
        anyOrder.order = .any
        let a = FunnelEngine.run(timeline: t, window: window, definition: anyOrder, dataEndMillis: dataEnd)
        #expect(a.overall.steps.map(\.count) == [2, 2, 1])
    }

    @Test func exclusionAtTheSameInstantFollowsTimelineOrder() {
        let t = F.at("2024-03-05 10:00")
        let events = [
            // complaint added before the view at the same instant: before the span.
            TimelineEvent(user: "a", time: t, event: "complaint"), TimelineEvent(user: "a", time: t, event: "view"),
            TimelineEvent(user: "a", time: t + F.minute, event: "click"), TimelineEvent(user: "a", time: t + 2 * F.minute, event: "order"),
            // complaint added after the view at the same instant: inside the span.
            TimelineEvent(user: "b", time: t, event: "view"), TimelineEvent(user: "b", time: t, event: "complaint"),
            TimelineEvent(user: "b", time: t + F.minute, event: "click"), TimelineEvent(user: "b", time: t + 2 * F.minute, event: "order"),
        ]
        let r = FunnelEngine.run(timeline: F.timeline(events), window: window, definition: definition(), dataEndMillis: dataEnd)
        #expect(r.overall.steps.map(\.count) == [2, 1, 1])
    }

    @Test func anExcludedAttemptIsNotInProgress() {
        // Data ends an hour after the view: without the complaint the attempt would be in progress.
        let r = FunnelEngine.run(timeline: F.timeline(journey("u", ["view", "complaint"]) + journey("v", ["view"])),
                                 window: window, definition: definition(), dataEndMillis: F.at("2024-03-05 11:00"))
        #expect(r.overall.inProgress == 1)
        #expect(r.overall.steps[0].inProgress == 1)
    }

    @Test func problemsNameUnknownStepsAndTheEngineSkipsThem() {
        let def = FunnelDefinition(
            name: "f", steps: [FunnelStep("view"), FunnelStep("click")],
            exclusions: [FunnelExclusion(events: ["complaint"], afterStep: "view", beforeStep: "checkout")])
        #expect(def.problems == ["funnel 'f', exclusion 1: no step labelled 'checkout'"])
        let r = FunnelEngine.run(timeline: F.timeline(journey("u1", ["view", "complaint", "click"])), window: window,
                                 definition: def, dataEndMillis: dataEnd)
        #expect(r.overall.steps.map(\.count) == [1, 1])
        #expect(r.warnings == def.problems)
    }
}
