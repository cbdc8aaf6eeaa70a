/// Calendar arithmetic on day numbers (days since 1970-01-01) and naive local seconds.
///
/// All fixture times are naive local times in Asia/Shanghai (UTC+8 all year, no daylight saving),
/// held as "local seconds": seconds since 1970-01-01 00:00 local. UTC = local − 8 h.
enum Cal {
    static let utcOffsetSeconds: Int64 = 8 * 3600

    static func day(_ y: Int, _ m: Int, _ d: Int) -> Int {
        let yy = m <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let mp = (m + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civil(_ dayNumber: Int) -> (y: Int, m: Int, d: Int) {
        let z = dayNumber + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// ISO weekday, Monday = 1 … Sunday = 7.
    static func weekday(_ dayNumber: Int) -> Int {
        let w = (dayNumber + 3) % 7
        return (w < 0 ? w + 7 : w) + 1
    }

    static func isWeekend(_ dayNumber: Int) -> Bool { weekday(dayNumber) >= 6 }

    /// `2026-10-05`
    static func iso(_ dayNumber: Int) -> String {
        let c = civil(dayNumber)
        return "\(c.y)-\(pad2(c.m))-\(pad2(c.d))"
    }

    /// Local seconds at `hh:mm:ss` of a day.
    static func at(_ dayNumber: Int, _ h: Int, _ m: Int = 0, _ s: Int = 0) -> Int64 {
        Int64(dayNumber) * 86400 + Int64(h * 3600 + m * 60 + s)
    }

    static func dayOf(_ local: Int64) -> Int {
        Int(local >= 0 ? local / 86400 : (local - 86399) / 86400)
    }

    private static func parts(_ local: Int64) -> (y: Int, mo: Int, d: Int, h: Int, mi: Int, s: Int) {
        let day = dayOf(local)
        let c = civil(day)
        let sec = Int(local - Int64(day) * 86400)
        return (c.y, c.m, c.d, sec / 3600, sec / 60 % 60, sec % 60)
    }

    /// `2026-10-12 20:31:05`
    static func dateTime(_ local: Int64) -> String {
        let p = parts(local)
        return "\(p.y)-\(pad2(p.mo))-\(pad2(p.d)) \(pad2(p.h)):\(pad2(p.mi)):\(pad2(p.s))"
    }

    /// `2026/10/12 20:31` or `2026/10/5 9:03`: what a spreadsheet writes back (yyyy/m/d h:mm).
    static func spreadsheetDateTime(_ local: Int64) -> String {
        let p = parts(local)
        return "\(p.y)/\(p.mo)/\(p.d) \(p.h):\(pad2(p.mi))"
    }

    /// `2026年10月05日12时00分00秒` (Xiaohongshu).
    static func chineseDateTime(_ local: Int64) -> String {
        let p = parts(local)
        return "\(p.y)年\(pad2(p.mo))月\(pad2(p.d))日\(pad2(p.h))时\(pad2(p.mi))分\(pad2(p.s))秒"
    }

    /// UTC epoch milliseconds of a local time.
    static func epochMillis(_ local: Int64) -> Int64 { (local - utcOffsetSeconds) * 1000 }

    static func pad2(_ v: Int) -> String { v < 10 ? "0\(v)" : String(v) }
}
