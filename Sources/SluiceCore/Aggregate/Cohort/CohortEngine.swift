/// Acquisition and buyer cohorts over a `Timeline`: one ordered pass over `timeline.userRanges` per
/// computation, integer codes only. Calendar periods are taken in `window.timeZone`; times are
/// compared as instants. See docs/journeys.md for every definition, with worked examples.
public enum CohortEngine {
    /// `active[code]`: whether events with that pooled name make a user active.
    static func activeTable(_ timeline: Timeline, _ events: ActiveEvents) -> [Bool] {
        let size = timeline.pool.strings.count
        switch events {
        case .allExcept(let names):
            var table = [Bool](repeating: true, count: size)
            for name in names { let c = timeline.eventCode(name); if c >= 0 { table[Int(c)] = false } }
            return table
        case .only(let names):
            var table = [Bool](repeating: false, count: size)
            for name in names { let c = timeline.eventCode(name); if c > 0 { table[Int(c)] = true } }
            return table
        }
    }

    /// Index after the last row of `range` before `instant`.
    @inline(__always)
    static func end(of range: Range<Int>, before instant: Int64, time: [Int64]) -> Int {
        FunnelEngine.firstRow(in: range, atOrAfter: instant, time: time)
    }
}
