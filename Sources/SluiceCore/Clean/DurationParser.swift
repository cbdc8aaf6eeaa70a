extension FieldParsers {
    /// Parses a duration into milliseconds. Nil when missing. Accepted forms:
    /// - clock: `"00:01:05"` (h:mm:ss), `"01:05"` (m:ss; minutes may exceed 59), `"1:02:03.5"`;
    ///   minutes and seconds after the first field are two digits below 60;
    /// - plain seconds: `"65"`, `"65.5"`;
    /// - numbers with units, largest unit first, each at most once: `"65s"`, `"65.5秒"`, `"1分05秒"`,
    ///   `"1分"`, `"1分钟"`, `"1小时2分3秒"`, `"2h3m"`, `"1.5h"`, `"3min"`, `"250ms"`, `"250毫秒"`.
    ///
    /// Fractions of a millisecond round half to even. Negative durations are rejected.
    public static func durationMillis(_ s: String) throws(FieldParseError) -> Int64? {
        try ByteScan.withBytes(s) { (b) throws(FieldParseError) -> Int64? in
            let (lo, hi) = ByteScan.trim(b, 0, b.count)
            if hi - lo <= 15 && ByteScan.allDigits(b, lo, hi) { return ByteScan.digitValue(b, lo, hi) * 1000 }
            if isMissing(b, lo, hi) { return nil }
            var hasColon = false
            for i in lo..<hi where b[i] == UInt8(ascii: ":") {
                hasColon = true
                break
            }
            let millis = hasColon ? clockDuration(b, lo, hi) : unitDuration(b, lo, hi)
            guard let millis else { throw .value(s, "is not a duration") }
            return millis
        }
    }

    /// `h:mm:ss(.f)` or `m:ss(.f)`; nil when malformed.
    private static func clockDuration(_ b: ByteScan.Bytes, _ lo: Int, _ hi: Int) -> Int64? {
        // The leading field: any number of hours (or minutes), up to 9 digits.
        let firstEnd = ByteScan.digitRunEnd(from: lo, b, hi)
        guard firstEnd > lo, firstEnd - lo <= 9, firstEnd < hi, b[firstEnd] == UInt8(ascii: ":") else { return nil }
        let first = ByteScan.digitValue(b, lo, firstEnd)
        var i = firstEnd + 1
        // Optional middle field: minutes.
        var hours: Int64 = 0, minutes = first
        if let colon = (i..<hi).first(where: { b[$0] == UInt8(ascii: ":") }) {
            guard colon - i == 2, ByteScan.allDigits(b, i, colon) else { return nil }
            hours = first
            minutes = ByteScan.digitValue(b, i, colon)
            guard minutes < 60 else { return nil }
            i = colon + 1
        }
        // Seconds: two digits below 60, optionally with a fraction.
        let secondsEnd = ByteScan.digitRunEnd(from: i, b, hi)
        guard secondsEnd - i == 2, ByteScan.digitValue(b, i, secondsEnd) < 60 else { return nil }
        if secondsEnd < hi {
            guard b[secondsEnd] == UInt8(ascii: "."), ByteScan.allDigits(b, secondsEnd + 1, hi) else { return nil }
        }
        guard case .number(let seconds, _) = DecimalNumber.scan(b, i, hi),
              let secondsMillis = seconds.multipliedRounded(by: 1000)
        else { return nil }
        return hours * 3_600_000 + minutes * 60_000 + secondsMillis
    }

    /// A sequence of `number unit` pairs, or a single bare number of seconds; nil when malformed.
    private static func unitDuration(_ b: ByteScan.Bytes, _ lo: Int, _ hi: Int) -> Int64? {
        var i = lo
        var total: Int64 = 0
        var previousRank = Int.max
        while i < hi {
            let numberStart = i
            while i < hi && (ByteScan.isDigit(b[i]) || b[i] == UInt8(ascii: ".")) { i += 1 }
            guard i > numberStart, case .number(let number, _) = DecimalNumber.scan(b, numberStart, i) else { return nil }
            let numberEnd = i
            i = ByteScan.trim(b, i, hi).lower
            let unit = durationUnit(b, i, hi)
            let rank: Int, unitMillis: Int64
            if let unit {
                (rank, unitMillis) = (unit.rank, unit.millis)
                i = ByteScan.trim(b, i + unit.length, hi).lower
            } else {
                // A bare number is seconds, and only as the whole value ("65.5").
                guard numberStart == lo, numberEnd == hi else { return nil }
                (rank, unitMillis) = (1, 1000)
            }
            guard rank < previousRank, let millis = number.multipliedRounded(by: unitMillis) else { return nil }
            previousRank = rank
            let (sum, overflow) = total.addingReportingOverflow(millis)
            guard !overflow else { return nil }
            total = sum
        }
        return total
    }

    /// The unit at `i`: its rank (hours 3 … milliseconds 0), length in bytes and milliseconds.
    private static func durationUnit(_ b: ByteScan.Bytes, _ i: Int, _ hi: Int) -> (rank: Int, length: Int, millis: Int64)? {
        guard i < hi else { return nil }
        // Longer spellings first ("ms" before "m", "分钟" before "分").
        var n = ByteScan.prefix("毫秒", at: i, b, hi)
        if n > 0 { return (0, n, 1) }
        n = ByteScan.prefix("ms", at: i, b, hi)
        if n > 0 { return (0, n, 1) }
        n = ByteScan.prefix("小时", at: i, b, hi)
        if n == 0 { n = ByteScan.prefix("时", at: i, b, hi) }
        if n == 0 { n = ByteScan.prefix("h", at: i, b, hi) }
        if n > 0 { return (3, n, 3_600_000) }
        n = ByteScan.prefix("分钟", at: i, b, hi)
        if n == 0 { n = ByteScan.prefix("分", at: i, b, hi) }
        if n == 0 { n = ByteScan.prefix("min", at: i, b, hi) }
        if n == 0 { n = ByteScan.prefix("m", at: i, b, hi) }
        if n > 0 { return (2, n, 60_000) }
        n = ByteScan.prefix("秒", at: i, b, hi)
        if n == 0 { n = ByteScan.prefix("s", at: i, b, hi) }
        if n > 0 { return (1, n, 1000) }
        return nil
    }
}
