import Foundation
@testable import SluiceCore

/// Builders for hand-made timelines in the funnel and cohort tests.
enum JourneyFixture {
    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!
    static let newYork = TimeZone(identifier: "America/New_York")!
    static let minute: Int64 = 60_000
    static let hour: Int64 = 3_600_000
    static let day: Int64 = 86_400_000

    static func date(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    /// The instant of local time `yyyy-MM-dd HH:mm[:ss[.SSS]]` in `zone` (default Asia/Shanghai).
    static func at(_ text: String, _ zone: TimeZone = shanghai) -> Int64 {
        let parts = text.split(separator: " ")
        let day = date(String(parts[0]))
        var millis: Int64 = 0
        if parts.count > 1 {
            let hms = parts[1].split(separator: ":")
            millis += Int64(hms[0])! * hour + Int64(hms[1])! * minute
            if hms.count > 2 { millis += Int64((Double(hms[2])! * 1000).rounded()) }
        }
        // Local wall-clock time → instant: start of the local day plus the elapsed time, corrected
        // for an offset change during the day (only matters on DST days).
        let start = day.startEpochMillis(in: zone)
        let guess = start + millis
        let drift = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(start / 1000)))
                          - zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(guess / 1000)))) * 1000
        return guess + drift
    }

    static func window(_ from: String, _ to: String, _ zone: TimeZone = shanghai) -> ReportWindow {
        ReportWindow(from: date(from), to: date(to), timeZone: zone)
    }

    static func event(_ user: String, _ time: String, _ name: String, platform: String? = nil, channel: String? = nil,
                      value: Int64 = 0, zone: TimeZone = shanghai) -> TimelineEvent {
        TimelineEvent(user: user, time: at(time, zone), event: name, platform: platform, channel: channel, valueFen: value)
    }

    static func timeline(_ events: [TimelineEvent]) -> Timeline { Timeline(events: events) }
}
