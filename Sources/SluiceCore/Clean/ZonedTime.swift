import Foundation

/// Conversion of a naive local time (a wall-clock reading in some time zone) to a UTC instant.
///
/// Uses only `TimeZone.secondsFromGMT(for:)`, which is fast and thread-safe; no `Calendar` or
/// `DateFormatter` is created.
enum ZonedTime {
    /// The UTC epoch milliseconds at which clocks in `timeZone` read `localSeconds` (seconds since
    /// 1970-01-01T00:00 on the local clock) plus `millis`.
    ///
    /// Around a daylight-saving change the result follows the usual "compatible" rule (as in RFC 5545,
    /// java.time and JavaScript Temporal): a time skipped by the clocks going forward is moved forward by
    /// the length of the gap (02:30 on a spring-forward night in New York is 03:30 EDT), and a time that
    /// occurs twice when clocks go back resolves to the earlier instant (01:30 EDT, not 01:30 EST).
    static func utcMillis(localSeconds: Int64, millis: Int64, in timeZone: TimeZone) -> Int64 {
        // Every candidate instant lies within 18 hours of `localSeconds` read as UTC, so when the
        // offset is the same a day either side, no change of offset can affect this time.
        let before = offset(timeZone, localSeconds - 86_400)
        let after = offset(timeZone, localSeconds + 86_400)
        if before == after { return (localSeconds - before) * 1000 + millis }
        let underBefore = localSeconds - before  // the instant if the earlier offset applies
        if offset(timeZone, underBefore) == before { return underBefore * 1000 + millis }
        let underAfter = localSeconds - after
        if offset(timeZone, underAfter) == after { return underAfter * 1000 + millis }
        // In the gap: the clocks never read this time; move forward by the gap.
        return underBefore * 1000 + millis
    }

    @inline(__always)
    private static func offset(_ timeZone: TimeZone, _ seconds: Int64) -> Int64 {
        Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds))))
    }
}
