import Testing
@testable import SluiceCore

@Suite("Cumulative counters")
struct CumulativeCountersTests {
    let start = LocalDate(year: 2026, month: 10, day: 5)!

    /// Counters in `RecordType.contentCounters` order: plays, completed_plays, avg_watch_ms, likes, ….
    func snap(_ id: String, day: Int, plays: Int64?, avg: Int64? = nil, likes: Int64? = 0, published: Int = 0) -> ContentSnapshot {
        var counters = [Int64?](repeating: nil, count: RecordType.contentCounters.count)
        counters[0] = plays
        counters[2] = avg
        counters[3] = likes
        return ContentSnapshot(platform: "douyin", contentID: id, snapshotDate: start.adding(days: day),
                               publishedDate: start.adding(days: published), counters: counters)
    }

    @Test func differencesConsecutiveSnapshotsPerItem() {
        let (days, summary) = CumulativeCounters.dailyDifferences([
            snap("v1", day: 1, plays: 150, likes: 3, published: 0),
            snap("v1", day: 0, plays: 100, likes: 1, published: 0),
            snap("v1", day: 2, plays: 180, likes: nil, published: 0),
            snap("v2", day: 1, plays: 40, published: 1),
        ])
        let v1 = days.filter { $0.snapshot.contentID == "v1" }.map { ($0.snapshot.snapshotDate.day, $0.counters[0], $0.counters[3]) }
        #expect(v1.map(\.0) == [5, 6, 7])
        #expect(v1.map(\.1) == [100, 50, 30], "published on the first snapshot day: counts from zero")
        #expect(v1.map(\.2) == [1, 2, nil], "a missing value on either side gives NULL, not 0")
        #expect(days.first { $0.snapshot.contentID == "v2" }?.counters[0] == 40)
        #expect(summary == CumulativeSummary(corrections: 0, gaps: 0, baselines: 0))
    }

    @Test func itemsOlderThanTheFirstSnapshotStartAsABaseline() {
        let (days, summary) = CumulativeCounters.dailyDifferences([
            snap("old", day: 0, plays: 90_000, published: -30),
            snap("old", day: 1, plays: 90_500, published: -30),
        ])
        #expect(days.count == 1)
        #expect(days[0].counters[0] == 500)
        #expect(summary.baselines == 1)
    }

    @Test func negativeDifferencesAreKeptAsCorrections() {
        let (days, summary) = CumulativeCounters.dailyDifferences([
            snap("v", day: 0, plays: 1000, published: 0),
            snap("v", day: 1, plays: 900, published: 0),
        ])
        #expect(days.last?.counters[0] == -100)
        #expect(summary.corrections == 1)
    }

    @Test func gapsAreBookedOnTheLaterSnapshot() {
        let (days, summary) = CumulativeCounters.dailyDifferences([
            snap("v", day: 0, plays: 10, published: 0),
            snap("v", day: 3, plays: 40, published: 0),
        ])
        #expect(days.last?.spanDays == 3)
        #expect(days.last?.snapshot.snapshotDate == start.adding(days: 3))
        #expect(summary.gaps == 1)
    }

    @Test func averageWatchTimeIsTheAverageOverTheDaysPlays() {
        // Lifetime: 100 plays × 10 s, then 200 plays × 12 s: the 100 new plays averaged 14 s.
        let (days, _) = CumulativeCounters.dailyDifferences([
            snap("v", day: 0, plays: 100, avg: 10_000, published: 0),
            snap("v", day: 1, plays: 200, avg: 12_000, published: 0),
            snap("v", day: 2, plays: 200, avg: 12_000, published: 0),
        ])
        #expect(days.map { $0.counters[2] } == [10_000, 14_000, nil])
    }

    @Test func roundsHalfToEven() {
        #expect(CumulativeCounters.roundedHalfEven(5, 2) == 2)
        #expect(CumulativeCounters.roundedHalfEven(7, 2) == 4)
        #expect(CumulativeCounters.roundedHalfEven(-5, 2) == -2)
        #expect(CumulativeCounters.roundedHalfEven(10, 3) == 3)
    }
}

@Suite("Timeline")
struct TimelineTests {
    @Test func sortsByUserThenTimeAndKeepsInsertionOrderForTies() {
        let t = Timeline(events: [
            TimelineEvent(user: "u2", time: 5, event: "view"),
            TimelineEvent(user: "u1", time: 9, event: "order", valueFen: 100),
            TimelineEvent(user: "u1", time: 3, event: "click"),
            TimelineEvent(user: "u1", time: 9, event: "view"),
        ])
        #expect(t.userRanges == [0..<3, 3..<4])
        #expect((0..<t.count).map { t.row($0).event } == ["click", "order", "view", "view"])
        #expect(t.row(1).valueFen == 100)
        #expect(t.eventCode("nothing") == -1)
    }

    @Test func anEmptyTimelineHasNoUsers() {
        let t = Timeline(events: [])
        #expect(t.count == 0)
        #expect(t.userRanges.isEmpty)
    }
}
