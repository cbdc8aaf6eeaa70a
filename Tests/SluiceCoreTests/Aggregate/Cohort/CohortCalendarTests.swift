import Foundation
import Testing
@testable import SluiceCore

struct CohortCalendarTests {
    typealias F = JourneyFixture

    @Test func periodArithmetic() {
        let w = CohortPeriod(unit: .week, containing: F.date("2024-03-06"))
        #expect(w.start == F.date("2024-03-04"))
        #expect(w.end == F.date("2024-03-10"))
        #expect(w.label == "2024-W10")
        // ISO weeks across year ends.
        #expect(CohortPeriod(unit: .week, containing: F.date("2025-01-01")).label == "2025-W01")
        #expect(CohortPeriod(unit: .week, containing: F.date("2025-01-01")).start == F.date("2024-12-30"))
        #expect(CohortPeriod(unit: .week, containing: F.date("2021-01-03")).label == "2020-W53")
        #expect(CohortPeriod(unit: .week, containing: F.date("1970-01-04")).index == -1)
        let m = CohortPeriod(unit: .month, containing: F.date("2024-02-15"))
        #expect(m.label == "2024-02")
        #expect(m.end == F.date("2024-02-29"))
        #expect(m.adding(11).label == "2025-01")
        #expect(CohortPeriod(unit: .day, containing: F.date("2024-12-31")).adding(1).label == "2025-01-01")
    }

    @Test func monthlyCohortsAcrossTheYearEnd() {
        let t = F.timeline([
            F.event("a", "2023-12-31 23:59:59.999", "view"), F.event("a", "2024-01-01 00:00", "view"),
            F.event("b", "2024-01-31 23:00", "view"), F.event("b", "2024-03-01 00:00", "view"),
        ])
        let r = CohortEngine.acquisition(timeline: t, window: F.window("2023-12-01", "2024-01-31"),
                                         options: CohortOptions(period: .month, periods: 2), dataEndMillis: F.at("2024-03-15 00:00"))
        #expect(r.cohorts.map(\.period.label) == ["2023-12", "2024-01"])
        #expect(r.cohorts[0].cells.map(\.retained) == [1, 1, 0])
        #expect(r.cohorts[1].cells.map(\.retained) == [1, 0, 1])
        #expect(r.cohorts[1].cells.map(\.inProgress) == [false, false, true])  // March not over on 03-15
    }

    @Test func weeklyCohortsAcrossTheYearEnd() {
        // Monday 2024-12-30 starts 2025-W01; a window from 12-25 holds that week only.
        let t = F.timeline([
            F.event("a", "2024-12-29 23:00", "view"),  // W52, before the window's first Monday
            F.event("b", "2024-12-31 10:00", "view"), F.event("b", "2025-01-06 00:00", "view"),
        ])
        let r = CohortEngine.acquisition(timeline: t, window: F.window("2024-12-25", "2025-01-05"),
                                         options: CohortOptions(periods: 1), dataEndMillis: F.at("2025-02-01 00:00"))
        #expect(r.cohorts.map(\.period.label) == ["2025-W01"])
        #expect(r.cohorts[0].size == 1)
        #expect(r.cohorts[0].cells.map(\.retained) == [1, 1])
    }

    @Test func bucketsUseTheWindowTimeZone() {
        // 2024-03-11 03:30 UTC is Sunday 03-10 23:30 in New York (EDT since that morning) but Monday in Shanghai.
        let instant = F.at("2024-03-10 23:30", F.newYork)
        #expect(instant == F.at("2024-03-11 11:30"))
        let later = F.at("2024-03-11 00:30", F.newYork)  // Monday in both zones
        let t = Timeline(events: [
            TimelineEvent(user: "a", time: instant, event: "view"), TimelineEvent(user: "a", time: later, event: "view"),
        ])
        let options = CohortOptions(periods: 1)
        let ny = CohortEngine.acquisition(timeline: t, window: F.window("2024-03-04", "2024-03-17", F.newYork),
                                          options: options, dataEndMillis: F.at("2024-04-01 00:00", F.newYork))
        #expect(ny.cohorts.map(\.period.label) == ["2024-W10", "2024-W11"])
        #expect(ny.cohorts.map(\.size) == [1, 0])
        #expect(ny.cohorts[0].cells.map(\.retained) == [1, 1])
        let sh = CohortEngine.acquisition(timeline: t, window: F.window("2024-03-04", "2024-03-17"), options: options,
                                          dataEndMillis: F.at("2024-04-01 00:00"))
        #expect(sh.cohorts.map(\.size) == [0, 1])
        #expect(sh.cohorts[1].cells.map(\.retained) == [1, 0])
    }

    @Test func monthBoundaryInNewYork() {
        // 2024-04-01 02:00 UTC is 03-31 22:00 in New York: a March buyer there.
        let t = Timeline(events: [TimelineEvent(user: "b", time: F.at("2024-03-31 22:00", F.newYork), event: "order", valueFen: 100)])
        let r = CohortEngine.buyers(timeline: t, window: F.window("2024-03-01", "2024-04-30", F.newYork),
                                    options: CohortOptions(period: .month, periods: 0), dataEndMillis: F.at("2024-06-01 00:00", F.newYork))
        #expect(r.cohorts.map(\.period.label) == ["2024-03", "2024-04"])
        #expect(r.cohorts.map(\.size) == [1, 0])
    }

    @Test func dayIndexMatchesLocalDateAcrossTransitions() {
        for zone in [F.newYork, F.shanghai, TimeZone(identifier: "Australia/Lord_Howe")!, TimeZone(identifier: "Asia/Kathmandu")!] {
            let from = F.at("2024-03-01 00:00", zone), to = F.at("2024-11-30 00:00", zone)
            let index = LocalDayIndex(timeZone: zone, fromMillis: from, toMillis: to)
            var t = from - 40 * F.day  // also before the table (slow path)
            var mismatches = 0
            while t < to + 40 * F.day {
                if index.dayNumber(t) != LocalDate(epochMillis: t, in: zone).dayNumber { mismatches += 1 }
                t += 7 * F.minute + 13_001
            }
            #expect(mismatches == 0, "\(zone.identifier)")
        }
        // Exactly at every transition of zones that change their offset at local midnight (the day
        // number changes at the transition instant there) and of New York.
        for name in ["America/Santiago", "America/Asuncion", "America/New_York"] {
            let zone = TimeZone(identifier: name)!
            let index = LocalDayIndex(timeZone: zone, fromMillis: F.at("2023-01-01 00:00"), toMillis: F.at("2025-12-31 00:00"))
            var date = Date(timeIntervalSince1970: TimeInterval(F.at("2023-01-01 00:00") / 1000))
            var checked = 0
            while let next = zone.nextDaylightSavingTimeTransition(after: date), next.timeIntervalSince1970 < 1_767_000_000 {
                let instant = Int64(next.timeIntervalSince1970) * 1000
                for delta in [-1_001, -1, 0, 1, 999, 1_000] as [Int64] {
                    #expect(index.dayNumber(instant + delta) == LocalDate(epochMillis: instant + delta, in: zone).dayNumber,
                            "\(name) \(instant + delta)")
                }
                checked += 1
                date = next
            }
            #expect(checked >= 4, "\(name)")
        }
        // Exactly at the New York spring-forward and fall-back instants.
        let ny = LocalDayIndex(timeZone: F.newYork, fromMillis: F.at("2024-01-01 00:00", F.newYork),
                               toMillis: F.at("2024-12-31 00:00", F.newYork))
        for instant in [Int64(1_710_054_000_000), 1_730_613_600_000] {  // 2024-03-10 07:00Z, 2024-11-03 06:00Z
            for delta in [-1_001, -1, 0, 1, 999, 1_000] as [Int64] {
                #expect(ny.dayNumber(instant + delta) == LocalDate(epochMillis: instant + delta, in: F.newYork).dayNumber)
            }
        }
    }
}
