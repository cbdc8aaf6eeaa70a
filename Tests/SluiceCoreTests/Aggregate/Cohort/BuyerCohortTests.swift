import Testing
@testable import SluiceCore

struct BuyerCohortTests {
    typealias F = JourneyFixture
    let window = F.window("2024-03-04", "2024-03-17")

    var events: [TimelineEvent] {
        [
            F.event("b1", "2024-03-04 10:00", "order", value: 10_000), F.event("b1", "2024-03-06 10:00", "order", value: 5_000),
            F.event("b1", "2024-03-20 10:00", "order", value: 2_000),
            F.event("b2", "2024-03-01 09:00", "view"),  // first event before the window, first order inside it
            F.event("b2", "2024-03-05 10:00", "order", value: 8_000), F.event("b2", "2024-03-05 11:00", "click"),
            F.event("b3", "2024-03-12 10:00", "order", value: 3_000), F.event("b3", "2024-04-20 10:00", "order", value: 1_000),
            F.event("v", "2024-03-05 10:00", "view"),  // never buys
            F.event("old", "2024-02-28 10:00", "order", value: 9_000), F.event("old", "2024-03-05 10:00", "order", value: 9_000),
        ]
    }

    func run(dataEnd: String = "2024-06-30 00:00", periods: Int = 2) -> BuyerCohorts {
        CohortEngine.buyers(timeline: F.timeline(events), window: window, options: CohortOptions(periods: periods),
                            dataEndMillis: F.at(dataEnd))
    }

    @Test func cohortsByFirstOrder() {
        let r = run()
        #expect(r.cohorts.map(\.period.label) == ["2024-W10", "2024-W11"])
        #expect(r.cohorts.map(\.size) == [2, 1])
        let w10 = r.cohorts[0].cells
        #expect(w10.map(\.repeaters) == [1, 1, 1])
        #expect(w10.map(\.repeatRate) == [0.5, 0.5, 0.5])
        #expect(w10.map(\.orders) == [3, 3, 4])
        #expect(w10.map(\.ordersPerBuyer) == [1.5, 1.5, 2])
        #expect(w10.map(\.gmvFen) == [23_000, 23_000, 25_000])
        #expect(w10.map(\.ltvFen) == [11_500, 11_500, 12_500])
        // b3's second order is in week 5 (beyond N = 2): counted in the to-date totals only.
        let w11 = r.cohorts[1]
        #expect(w11.cells.map(\.repeaters) == [0, 0, 0])
        #expect(w11.cells.map(\.gmvFen) == [3_000, 3_000, 3_000])
        #expect(w11.orders == 2)
        #expect(w11.gmvFen == 4_000)
        let third: Double = 1.0 / 3
        let ltv: [Double?] = [26_000.0 / 3, 26_000.0 / 3, 28_000.0 / 3]
        #expect(r.average.map(\.repeatRate) == [third, third, third])
        #expect(r.average.map(\.ltvFen) == ltv)
        #expect(r.buyers == 3)
    }

    @Test func nDayRepurchaseRates() {
        let r = run()
        // b1 again after 2 days, b2 never, b3 after 39 days.
        #expect(r.repurchase.map(\.days) == [30, 60, 90])
        #expect(r.repurchase.map(\.eligible) == [3, 3, 3])
        #expect(r.repurchase.map(\.repeaters) == [1, 2, 2])
        let rates: [Double?] = [1.0 / 3, 2.0 / 3, 2.0 / 3]
        #expect(r.repurchase.map(\.rate) == rates)
        #expect(r.cohorts[1].repurchase.map(\.rate) == [0, 1, 1])
    }

    @Test func onlyBuyersObservedForNDaysCount() {
        // Data ends 2024-04-13: 30 days after 03-12 10:00 is 04-11 10:00 (b3 eligible for 30 days);
        // nobody has 60 days of data. b3's 39-day repurchase is after the data end.
        let r = run(dataEnd: "2024-04-13 00:00")
        #expect(r.repurchase.map(\.eligible) == [3, 0, 0])
        #expect(r.repurchase.map(\.repeaters) == [1, 0, 0])
        let rates: [Double?] = [1.0 / 3, nil, nil]
        #expect(r.repurchase.map(\.rate) == rates)
        // Exactly 30 days after b3's first order: eligible (the window [first, first + 30 d) is observed).
        let edge = run(dataEnd: "2024-04-11 10:00")
        #expect(edge.repurchase[0].eligible == 3)
        let short = run(dataEnd: "2024-04-11 09:59:59.999")
        #expect(short.repurchase[0].eligible == 2)
    }

    @Test func nDaysMeansLessThanNTimes24Hours() {
        let t = F.timeline([
            F.event("exact", "2024-03-05 10:00", "order"), F.event("exact", "2024-04-04 10:00", "order"),  // 30 days
            F.event("inside", "2024-03-05 10:00", "order"), F.event("inside", "2024-04-04 09:59:59.999", "order"),
        ])
        let r = CohortEngine.buyers(timeline: t, window: window, options: CohortOptions(repurchaseDays: [30]),
                                    dataEndMillis: F.at("2024-06-30 00:00"))
        #expect(r.repurchase == [RepurchaseRate(days: 30, eligible: 2, repeaters: 1)])
    }

    @Test func inProgressCells() {
        // Data through 03-19: W10 k = 1 (W11) is complete, k = 2 (W12) is not.
        let r = run(dataEnd: "2024-03-20 00:00")
        #expect(r.cohorts[0].cells.map(\.inProgress) == [false, false, true])
        #expect(r.cohorts[0].cells.map(\.repeatRate) == [0.5, 0.5, nil])
        #expect(r.cohorts[0].cells.map(\.ltvFen) == [11_500, 11_500, nil])
        #expect(r.cohorts[1].cells.map(\.inProgress) == [false, true, true])
        #expect(r.average.map(\.cohorts) == [2, 1, 0])
        #expect(r.average[2].repeatRate == nil)
    }

    @Test func refundedOrdersAreNotInTheTimeline() {
        // The lead drops refunded orders before building the timeline: b1's 03-06 order was refunded
        // later, so only the paid ones reach the engine, and b1 is no repeat buyer in week 0.
        let paidOnly = events.filter { !($0.userID == "b1" && $0.time == F.at("2024-03-06 10:00")) }
        let r = CohortEngine.buyers(timeline: F.timeline(paidOnly), window: window, options: CohortOptions(periods: 2),
                                    dataEndMillis: F.at("2024-06-30 00:00"))
        #expect(r.cohorts[0].cells.map(\.repeaters) == [0, 0, 1])
        #expect(r.cohorts[0].cells.map(\.gmvFen) == [18_000, 18_000, 20_000])
        // A buyer whose only order was refunded is no buyer at all.
        let none = CohortEngine.buyers(timeline: F.timeline(paidOnly.filter { $0.userID != "b2" }), window: window,
                                       options: CohortOptions(periods: 2), dataEndMillis: F.at("2024-06-30 00:00"))
        #expect(none.cohorts.map(\.size) == [1, 1])
    }

    @Test func noOrdersAtAll() {
        let r = CohortEngine.buyers(timeline: F.timeline([F.event("v", "2024-03-05 10:00", "view")]), window: window,
                                    dataEndMillis: F.at("2024-06-30 00:00"))
        #expect(r.buyers == 0)
        #expect(r.repurchase.map(\.rate) == [nil, nil, nil])
        #expect(r.average.allSatisfy { $0.repeatRate == nil })
    }

    @Test func headlineFacts() {
        let h = run().headlines()
        #expect(h.buyers == 3)
        #expect(h.lastObservedK == 2)
        #expect(h.lastObservedLTVFen == 28_000.0 / 3)
        #expect(h.lines[1] == "Repurchase within 30 days 33.3% (of 3), 60 days 66.7% (of 3), 90 days 66.7% (of 3).")
    }
}
