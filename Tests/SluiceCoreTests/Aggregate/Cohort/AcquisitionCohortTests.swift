import Testing
@testable import SluiceCore

struct AcquisitionCohortTests {
    typealias F = JourneyFixture
    /// Mondays 03-04 (2024-W10) and 03-11 (2024-W11) start in the window.
    let window = F.window("2024-03-04", "2024-03-17")
    /// Weeks up to 2024-W13 (ends Sunday 03-31) are fully observed.
    let dataEnd = F.at("2024-04-01 00:00")

    var events: [TimelineEvent] {
        [
            F.event("a", "2024-03-04 10:00", "view", platform: "douyin", channel: "organic"),
            F.event("a", "2024-03-12 10:00", "view"), F.event("a", "2024-03-26 10:00", "view"),
            // b's only event in its first week is an impression (not active).
            F.event("b", "2024-03-06 10:00", "impression", platform: "douyin", channel: "paid"),
            F.event("b", "2024-03-19 10:00", "click"),
            F.event("c", "2024-03-11 00:00", "view", platform: "channels", channel: "kol"),
            F.event("c", "2024-03-30 10:00", "view"),
            // Sunday 23:30 belongs to W11; ten to midnight later is W12.
            F.event("e", "2024-03-17 23:30", "view", platform: "douyin", channel: "organic"),
            F.event("e", "2024-03-18 00:10", "view"),
            // d started in 2024-W09 (before the window): not in any cohort.
            F.event("d", "2024-03-01 10:00", "view", platform: "douyin", channel: "organic"),
            F.event("d", "2024-03-05 10:00", "view"),
            // f's first event falls after the data end: ignored.
            F.event("f", "2024-04-02 10:00", "view"),
        ]
    }

    func run(_ options: CohortOptions, dataEnd: Int64? = nil) -> AcquisitionCohorts {
        CohortEngine.acquisition(timeline: F.timeline(events), window: window, options: options,
                                 dataEndMillis: dataEnd ?? self.dataEnd)
    }

    @Test func classicWeeklyRetention() {
        let r = run(CohortOptions(periods: 3))
        #expect(r.cohorts.map(\.period.label) == ["2024-W10", "2024-W11"])
        #expect(r.cohorts.map(\.size) == [2, 2])
        #expect(r.cohorts[0].cells.map(\.retained) == [1, 1, 1, 1])
        #expect(r.cohorts[0].cells.map(\.share) == [0.5, 0.5, 0.5, 0.5])
        #expect(r.cohorts[1].cells.map(\.retained) == [2, 1, 1, 0])
        #expect(r.cohorts[1].cells.map(\.share) == [1, 0.5, 0.5, nil])
        #expect(r.cohorts[1].cells.map(\.inProgress) == [false, false, false, true])
        #expect(r.cohorts[1].cells[3].period.label == "2024-W14")
    }

    @Test func unboundedRetention() {
        let r = run(CohortOptions(periods: 3, retention: .unbounded))
        #expect(r.cohorts[0].cells.map(\.retained) == [2, 2, 2, 1])
        #expect(r.cohorts[1].cells.map(\.retained) == [2, 2, 1, 0])
        #expect(r.cohorts[1].cells.map(\.share) == [1, 1, 0.5, nil])
    }

    @Test func unboundedCountsActivityBeyondTheLastColumn() {
        // N = 1; a is next active in week 4, b orders in week 3 (not active here) and views in week 5.
        let t = F.timeline([
            F.event("a", "2024-03-04 10:00", "view"), F.event("a", "2024-04-01 10:00", "view"),
            F.event("b", "2024-03-05 10:00", "view"), F.event("b", "2024-03-25 10:00", "order", value: 100),
            F.event("b", "2024-04-08 10:00", "view"),
            F.event("c", "2024-03-06 10:00", "view"), F.event("c", "2024-03-25 10:00", "order", value: 100),
        ])
        let options = CohortOptions(periods: 1, activeEvents: .only(["view"]), retention: .unbounded)
        let r = CohortEngine.acquisition(timeline: t, window: window, options: options, dataEndMillis: F.at("2024-05-01 00:00"))
        #expect(r.cohorts[0].cells.map(\.retained) == [3, 2])
    }

    @Test func averageRowWeightsObservedCohortsBySize() {
        let a = run(CohortOptions(periods: 3)).average
        #expect(a.map(\.share) == [0.75, 0.5, 0.5, 0.5])
        #expect(a.map(\.cohorts) == [2, 2, 2, 1])
        #expect(a.map(\.users) == [4, 4, 4, 2])
    }

    @Test func inProgressCellsAreNeverValues() {
        // Data through Sunday 03-24: W12 is complete, W13 (k = 3 of W10, k = 2 of W11) is not.
        let r = run(CohortOptions(periods: 3), dataEnd: F.at("2024-03-25 00:00"))
        #expect(r.cohorts[0].cells.map(\.inProgress) == [false, false, false, true])
        #expect(r.cohorts[1].cells.map(\.inProgress) == [false, false, true, true])
        #expect(r.cohorts[1].cells.map(\.share) == [1, 0.5, nil, nil])
        #expect(r.average.map(\.share) == [0.75, 0.5, 0.5, nil])
        // One millisecond short of the end of W13: still in progress.
        let almost = run(CohortOptions(periods: 3), dataEnd: F.at("2024-03-31 23:59:59.999"))
        #expect(almost.cohorts[0].cells[3].inProgress)
        #expect(almost.cohorts[0].cells[3].share == nil)
    }

    @Test func activeEventsAreConfigurable() {
        // Counting impressions makes b active in its first week.
        let all = run(CohortOptions(periods: 1, activeEvents: .allExcept([])))
        #expect(all.cohorts[0].cells.map(\.retained) == [2, 1])
        // Only clicks: b in week 2 of W10 (k = 2 is beyond N = 1), nobody else.
        let clicks = run(CohortOptions(periods: 2, activeEvents: .only(["click"])))
        #expect(clicks.cohorts[0].cells.map(\.retained) == [0, 0, 1])
        #expect(clicks.cohorts[1].cells.map(\.retained) == [0, 0, 0])
    }

    @Test func sourceBreakdownByFirstEvent() {
        let r = run(CohortOptions(periods: 1))
        #expect(r.sources.map(\.label) == ["douyin / organic", "channels / kol", "douyin / paid"])
        #expect(r.sources.map(\.size) == [2, 1, 1])
        #expect(r.sources[0].cohorts.map(\.size) == [1, 1])  // a in W10, e in W11
        #expect(r.sources[0].average.map(\.share) == [1, 1])
        #expect(r.sources[2].average.map(\.share) == [0, 0])  // b: impression, then nothing until k = 2
        let withNone = CohortEngine.acquisition(
            timeline: F.timeline([F.event("x", "2024-03-05 10:00", "view")]), window: window,
            options: CohortOptions(periods: 1), dataEndMillis: dataEnd)
        #expect(withNone.sources.map(\.label) == ["(none) / (none)"])
        #expect(withNone.sources[0].platform == nil)
    }

    @Test func lifetimeValuePerAcquiredUser() {
        let t = F.timeline([
            F.event("a", "2024-03-04 10:00", "view"), F.event("a", "2024-03-05 10:00", "order", value: 10_000),
            F.event("a", "2024-03-20 10:00", "order", value: 5_000),
            F.event("b", "2024-03-06 10:00", "view"),
        ])
        let r = CohortEngine.acquisition(timeline: t, window: window, options: CohortOptions(periods: 2), dataEndMillis: dataEnd)
        #expect(r.cohorts[0].cells.map(\.cumulativeGMVFen) == [10_000, 10_000, 15_000])
        #expect(r.cohorts[0].cells.map(\.ltvFen) == [5_000, 5_000, 7_500])
        #expect(r.average.map(\.ltvFen) == [5_000, 5_000, 7_500])
    }

    @Test func emptyCohortsAreListedWithNilShares() {
        let r = CohortEngine.acquisition(timeline: F.timeline([F.event("a", "2024-03-12 10:00", "view")]), window: window,
                                         options: CohortOptions(periods: 1), dataEndMillis: dataEnd)
        #expect(r.cohorts.map(\.size) == [0, 1])
        #expect(r.cohorts[0].cells.map(\.share) == [nil, nil])
        #expect(r.cohorts[0].cells.map(\.inProgress) == [false, false])
        #expect(r.average.map(\.cohorts) == [1, 1])
        #expect(CohortEngine.acquisition(timeline: Timeline(), window: window, dataEndMillis: dataEnd).users == 0)
    }

    @Test func headlineFacts() {
        let h = run(CohortOptions(periods: 3)).headlines()
        #expect(h.users == 4)
        #expect(h.cohorts == 2)
        #expect(h.periodOneShare == 0.5)
        #expect(h.lastObservedK == 3)
        #expect(h.bestSource == "douyin / organic")
        #expect(h.lines.first == "4 new users in 2 weekly cohorts.")
    }
}
