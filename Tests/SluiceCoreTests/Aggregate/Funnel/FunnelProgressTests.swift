import Testing
@testable import SluiceCore

struct FunnelProgressTests {
    typealias F = JourneyFixture
    let window = F.window("2024-03-04", "2024-03-10")
    /// Data reaches the end of 2024-03-11.
    let dataEnd = F.at("2024-03-12 00:00")

    func run(_ def: FunnelDefinition, _ events: [TimelineEvent]) -> FunnelResult {
        FunnelEngine.run(timeline: F.timeline(events), window: window, definition: def, dataEndMillis: dataEnd)
    }

    @Test func attemptsWhoseWindowOutlastsTheDataAreInProgress() {
        let def = FunnelDefinition(name: "f", steps: [FunnelStep("view"), FunnelStep("click"), FunnelStep("order")])
        let r = run(def, [
            F.event("open", "2024-03-10 10:00", "view"), F.event("open", "2024-03-10 10:05", "click"),  // window to 03-17
            F.event("closed", "2024-03-04 10:00", "view"),  // window ended 03-11 10:00
            F.event("done", "2024-03-10 10:00", "view"), F.event("done", "2024-03-10 10:01", "click"),
            F.event("done", "2024-03-10 10:02", "order"),
            // A click after the data end is ignored: the attempt is still waiting for it.
            F.event("late", "2024-03-10 10:00", "view"), F.event("late", "2024-03-12 01:00", "click"),
        ])
        #expect(r.overall.steps.map(\.count) == [4, 2, 1])
        #expect(r.overall.inProgress == 2)
        #expect(r.overall.steps.map(\.inProgress) == [1, 1, 0])
    }

    @Test func aClosedStepWindowEndsTheAttempt() {
        let def = FunnelDefinition(name: "f", steps: [FunnelStep("view"), FunnelStep("click", windowFromPreviousMillis: F.hour)])
        let events = [F.event("u", "2024-03-10 10:00", "view"), F.event("w", "2024-03-10 23:30", "view")]
        let r = FunnelEngine.run(timeline: F.timeline(events), window: window, definition: def,
                                 dataEndMillis: F.at("2024-03-10 23:45"))
        // Both 7-day windows outlast the data, but u's 1-hour click window closed at 11:00; w's runs to 00:30.
        #expect(r.overall.steps.map(\.inProgress) == [1, 0])
    }

    @Test func aWindowEndingExactlyAtTheDataEndIsClosed() {
        // The window [view, view + 1 day) is fully observed when data reaches view + 1 day.
        let def = FunnelDefinition(name: "f", steps: [FunnelStep("view"), FunnelStep("click")], windowMillis: F.day)
        let events = [F.event("u", "2024-03-10 10:00", "view")]
        let closed = FunnelEngine.run(timeline: F.timeline(events), window: window, definition: def,
                                      dataEndMillis: F.at("2024-03-11 10:00"))
        #expect(closed.overall.inProgress == 0)
        let open = FunnelEngine.run(timeline: F.timeline(events), window: window, definition: def,
                                    dataEndMillis: F.at("2024-03-11 09:59:59.999"))
        #expect(open.overall.inProgress == 1)
    }

    @Test func strictAttemptsEndAtTheFirstOtherEvent() {
        let def = FunnelDefinition(name: "f", steps: [FunnelStep("view"), FunnelStep("click")], order: .strict)
        let r = run(def, [
            F.event("broken", "2024-03-10 10:00", "view"), F.event("broken", "2024-03-10 10:01", "impression"),
            F.event("waiting", "2024-03-10 10:00", "view"),
        ])
        #expect(r.overall.inProgress == 1)
    }

    @Test func aUserIsInProgressWhileAnyAttemptCanAdvance() {
        // Best attempt (first view) reached the click and is closed; the second view is still open.
        let def = FunnelDefinition(name: "f", steps: [FunnelStep("view"), FunnelStep("click"), FunnelStep("order")],
                                   windowMillis: 2 * F.day)
        let r = run(def, [
            F.event("u", "2024-03-05 10:00", "view"), F.event("u", "2024-03-05 10:05", "click"),
            F.event("u", "2024-03-10 10:00", "view"),
        ])
        #expect(r.overall.steps.map(\.count) == [1, 1, 0])
        #expect(r.overall.steps.map(\.inProgress) == [0, 1, 0])
    }

    @Test func totalsCountInProgressPerAttempt() {
        let def = FunnelDefinition(name: "f", steps: [FunnelStep("view"), FunnelStep("click")], windowMillis: 2 * F.day,
                                   countingUnit: .totals)
        let r = run(def, [
            F.event("u", "2024-03-05 10:00", "view"), F.event("u", "2024-03-10 10:00", "view"),
            F.event("u", "2024-03-10 12:00", "view"),
        ])
        #expect(r.overall.steps.map(\.count) == [3, 0])
        #expect(r.overall.inProgress == 2)
    }

    @Test func completedAttemptsAreNeverInProgress() {
        let def = FunnelDefinition(name: "f", steps: [FunnelStep("view"), FunnelStep("click")])
        let r = run(def, [F.event("u", "2024-03-10 10:00", "view"), F.event("u", "2024-03-10 10:01", "click")])
        #expect(r.overall.inProgress == 0)
        #expect(r.overall.completed == 1)
    }
}
