import Foundation
import Testing
@testable import SluiceCore

/// Prints how long the funnel and cohort engines take on a synthetic timeline. Runs only when
/// SLUICE_TIMING is set (rows from SLUICE_TIMING_ROWS, default 1,000,000); it asserts nothing about time:
///
///     SLUICE_TIMING=1 swift test -c release -Xswiftc -enable-testing --filter FunnelCohortTiming
@Suite(.enabled(if: ProcessInfo.processInfo.environment["SLUICE_TIMING"] != nil))
struct FunnelCohortTiming {
    static func synthetic(rows: Int) -> Timeline {
        var random = SplitMix(seed: 42)
        let names = ["impression", "impression", "impression", "view", "view", "click", "add_to_cart", "order", "complaint"]
        let platforms = ["douyin", "channels", "xiaohongshu", "kuaishou", nil]
        let channels = ["organic", "paid", "kol"]
        let start = JourneyFixture.at("2024-01-01 00:00")
        let users = max(1, rows / 50)
        // Each user arrives on a random day of 120 and is seen over the following 0–60 days.
        let arrival = (0..<users).map { _ in start + Int64(random.next() % UInt64(120 * JourneyFixture.day)) }
        var builder = Timeline.Builder()
        for i in 0..<rows {
            let user = Int(random.next() % UInt64(users))
            let name = names[Int(random.next() % UInt64(names.count))]
            let offset = Int64(random.next() % UInt64(60 * JourneyFixture.day)) >> (random.next() % 3)
            builder.append(TimelineEvent(
                user: "u\(user)", time: arrival[user] + offset, event: name,
                platform: platforms[Int(random.next() % 5)], channel: channels[i % 3],
                valueFen: name == "order" ? Int64(random.next() % 50_000) : 0))
        }
        return builder.finish()
    }

    static func seconds(_ body: () -> Void) -> Double {
        let t0 = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
    }

    @Test func timings() {
        let rows = Int(ProcessInfo.processInfo.environment["SLUICE_TIMING_ROWS"] ?? "") ?? 1_000_000
        var timeline = Timeline()
        let build = Self.seconds { timeline = Self.synthetic(rows: rows) }
        let window = JourneyFixture.window("2024-02-01", "2024-03-31")
        let dataEnd = JourneyFixture.at("2024-04-30 00:00")
        let steps = [FunnelStep("view"), FunnelStep("click"), FunnelStep("add_to_cart"), FunnelStep("order")]
        var lines = ["timeline: \(timeline.count) rows, \(timeline.userRanges.count) users, built in \(String(format: "%.2f", build)) s"]
        let funnels: [(String, FunnelDefinition)] = [
            ("ordered/users", FunnelDefinition(name: "o", steps: steps)),
            ("ordered/totals+exclusion", FunnelDefinition(
                name: "t", steps: steps, exclusions: [FunnelExclusion(events: ["complaint"], afterStep: "view", beforeStep: "order")],
                countingUnit: .totals)),
            ("strict/users", FunnelDefinition(name: "s", steps: steps, order: .strict)),
            ("any/users", FunnelDefinition(name: "a", steps: steps, order: .any)),
        ]
        for (label, def) in funnels {
            var entrants = 0
            let s = Self.seconds {
                entrants = FunnelEngine.run(timeline: timeline, window: window, definition: def, dataEndMillis: dataEnd).overall.entrants
            }
            lines.append("funnel \(label): \(String(format: "%.3f", s)) s (\(entrants) entrants)")
        }
        for unit in [CohortPeriodUnit.week, .month] {
            var users = 0, buyers = 0
            let a = Self.seconds {
                users = CohortEngine.acquisition(timeline: timeline, window: window, options: CohortOptions(period: unit),
                                                 dataEndMillis: dataEnd).users
            }
            let b = Self.seconds {
                buyers = CohortEngine.buyers(timeline: timeline, window: window, options: CohortOptions(period: unit),
                                             dataEndMillis: dataEnd).buyers
            }
            lines.append("acquisition/\(unit.rawValue): \(String(format: "%.3f", a)) s (\(users) users); buyers/\(unit.rawValue): \(String(format: "%.3f", b)) s (\(buyers) buyers)")
        }
        print(lines.joined(separator: "\n"))
        #expect(timeline.count == rows)
    }
}
