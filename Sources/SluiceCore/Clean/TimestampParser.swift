import Foundation

extension FieldParsers {
    /// The years a timestamp or date may fall in; anything else is a hostile or mangled value.
    public static let yearRange = 1970...2100

    /// 2101-01-01T00:00:00Z in epoch milliseconds: epoch values must be below it.
    static let epochMillisLimit: Int64 = 4_133_980_800_000

    /// Parses a timestamp into UTC epoch milliseconds. Nil when missing.
    ///
    /// Accepted forms (date fields may have one or two digits except the four-digit year):
    /// - dates: `"2024-03-05"`, `"2024/3/5"`, `"2024.03.05"`, `"2024年3月5日"` (also `号`), `"20240305"`;
    ///   a date alone means local midnight;
    /// - a date and a time separated by `T`, spaces, or nothing after `日`: `"2024-03-05 12:00:00"`,
    ///   `"2024-03-05 12:00"`, `"2024/3/5 12:00"`, `"2024年3月5日 12时00分00秒"`,
    ///   `"2024年03月05日12时00分00秒"`, `"…12时30分"`, `"…12点"`, `"20240305120000"`;
    ///   seconds may have a fraction (`"12:00:00.123"`, rounded half to even to the millisecond);
    /// - an optional zone after the time: `Z`, `+08:00`, `+0800`, `+08`, `-05:00`, `UTC`, `GMT`,
    ///   optionally after a space. Without a zone the time is read in `timeZone` (see `ZonedTime` for
    ///   daylight-saving gaps and overlaps);
    /// - all digits: epoch seconds (9–10 digits, optionally with a fraction: `"1709611200.5"`) or
    ///   epoch milliseconds (12–13 digits).
    ///
    /// Rejected: impossible dates (`2025-02-29`), hours above 23, minutes or seconds above 59, offsets
    /// beyond ±18:00, years outside 1970–2100 (`"year 1900 outside 1970–2100"`), other digit counts,
    /// and anything else (month-first dates such as `03/05/2024` are ambiguous and rejected).
    public static func timestampMillis(_ s: String, timeZone: TimeZone) throws(FieldParseError) -> Int64? {
        guard let written = try writtenTime(s) else { return nil }
        switch written {
        case .instant(let millis):
            return millis
        case .local(let date, let millisOfDay, _):
            let localSeconds = Int64(date.dayNumber) * 86_400 + millisOfDay / 1000
            return ZonedTime.utcMillis(localSeconds: localSeconds, millis: millisOfDay % 1000, in: timeZone)
        case .offset(let date, let millisOfDay, let offsetSeconds):
            return Int64(date.dayNumber) * 86_400_000 + millisOfDay - Int64(offsetSeconds) * 1000
        }
    }

    /// Parses a calendar date. A date alone (or a naive local time) gives its own date; a value with an
    /// explicit offset or an epoch value gives the day in `timeZone` that contains that instant. Accepts
    /// the forms of `timestampMillis` with the same year bounds. Nil when missing.
    public static func date(_ s: String, timeZone: TimeZone) throws(FieldParseError) -> LocalDate? {
        guard let written = try writtenTime(s) else { return nil }
        switch written {
        case .instant(let millis):
            return LocalDate(epochMillis: millis, in: timeZone)
        case .local(let date, _, _):
            return date
        case .offset(let date, let millisOfDay, let offsetSeconds):
            let millis = Int64(date.dayNumber) * 86_400_000 + millisOfDay - Int64(offsetSeconds) * 1000
            return LocalDate(epochMillis: millis, in: timeZone)
        }
    }

    /// A timestamp as written, before any time zone is applied.
    enum WrittenTime: Equatable {
        /// An epoch value: already a UTC instant.
        case instant(Int64)
        /// A naive wall-clock time (midnight when the value had no time).
        case local(LocalDate, millisOfDay: Int64, hasTime: Bool)
        /// A wall-clock time with an explicit UTC offset.
        case offset(LocalDate, millisOfDay: Int64, offsetSeconds: Int)
    }

    /// Parses `s` into its written form; nil when missing.
    static func writtenTime(_ s: String) throws(FieldParseError) -> WrittenTime? {
        try ByteScan.withBytes(s) { (b) throws(FieldParseError) -> WrittenTime? in
            let (lo, hi) = ByteScan.trim(b, 0, b.count)
            if isMissing(b, lo, hi) { return nil }
            var scanner = TimestampScanner(b: b, i: lo, end: hi, original: s)
            return try scanner.scan()
        }
    }
}

/// The grammar of `FieldParsers.timestampMillis`, over a value's trimmed UTF-8 bytes.
private struct TimestampScanner {
    let b: ByteScan.Bytes
    var i: Int
    let end: Int
    let original: String

    private var malformed: FieldParseError { .value(original, "is not a timestamp") }

    mutating func scan() throws(FieldParseError) -> FieldParsers.WrittenTime {
        let start = i
        let run = ByteScan.digitRunEnd(from: i, b, end)
        let runLength = run - start
        if run == end { return try allDigits(runLength) }
        if (runLength == 9 || runLength == 10) && b[run] == UInt8(ascii: ".") {
            return try fractionalEpochSeconds()
        }
        guard runLength == 4 else { throw malformed }

        // The date.
        let year = Int(ByteScan.digitValue(b, start, run))
        i = run
        let month: Int, day: Int
        var chinese = false
        let separator = b[i]
        if separator == UInt8(ascii: "-") || separator == UInt8(ascii: "/") || separator == UInt8(ascii: ".") {
            i += 1
            month = try digits(1, 2)
            guard eat(separator) else { throw malformed }
            day = try digits(1, 2)
        } else if eat("年") {
            chinese = true
            skipSpaces()
            month = try digits(1, 2)
            skipSpaces()
            guard eat("月") else { throw malformed }
            skipSpaces()
            day = try digits(1, 2)
            skipSpaces()
            guard eat("日") || eat("号") else { throw malformed }
        } else {
            throw malformed
        }
        let date = try validDate(year, month, day)
        if i == end { return .local(date, millisOfDay: 0, hasTime: false) }

        // The time.
        let beforeSeparator = i
        if b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t") { i += 1 } else { skipSpaces() }
        guard i > beforeSeparator || chinese, i < end else { throw malformed }
        let millisOfDay = try timeOfDay()

        // The zone.
        skipSpaces()
        if i == end { return .local(date, millisOfDay: millisOfDay, hasTime: true) }
        let offsetSeconds = try zoneOffset()
        guard i == end else { throw malformed }
        return .offset(date, millisOfDay: millisOfDay, offsetSeconds: offsetSeconds)
    }

    /// An all-digit value: `YYYYMMDD`, `YYYYMMDDhhmmss`, epoch seconds or epoch milliseconds.
    private mutating func allDigits(_ length: Int) throws(FieldParseError) -> FieldParsers.WrittenTime {
        let start = i
        switch length {
        case 8, 14:
            let year = Int(ByteScan.digitValue(b, start, start + 4))
            let month = Int(ByteScan.digitValue(b, start + 4, start + 6))
            let day = Int(ByteScan.digitValue(b, start + 6, start + 8))
            let date = try validDate(year, month, day)
            if length == 8 { return .local(date, millisOfDay: 0, hasTime: false) }
            let hour = Int(ByteScan.digitValue(b, start + 8, start + 10))
            let minute = Int(ByteScan.digitValue(b, start + 10, start + 12))
            let second = Int(ByteScan.digitValue(b, start + 12, start + 14))
            return .local(date, millisOfDay: try millisOfDay(hour, minute, second, 0), hasTime: true)
        case 9, 10:
            return try epoch(ByteScan.digitValue(b, start, end) * 1000)
        case 12, 13:
            return try epoch(ByteScan.digitValue(b, start, end))
        default:
            throw FieldParseError.value(
                original, "is not a timestamp (\(length) digits are neither epoch seconds nor milliseconds)")
        }
    }

    /// `1709611200.5`: epoch seconds with a fraction, rounded half to even to the millisecond.
    private mutating func fractionalEpochSeconds() throws(FieldParseError) -> FieldParsers.WrittenTime {
        guard case .number(let seconds, false) = DecimalNumber.scan(b, i, end),
              let millis = seconds.multipliedRounded(by: 1000)
        else { throw malformed }
        return try epoch(millis)
    }

    private func epoch(_ millis: Int64) throws(FieldParseError) -> FieldParsers.WrittenTime {
        guard millis >= 0, millis < FieldParsers.epochMillisLimit else {
            let year = LocalDate(dayNumber: Int(millis.dividedRoundingDown(by: 86_400_000))).year
            throw FieldParsers.yearOutOfRange(year, original)
        }
        return .instant(millis)
    }

    /// `h:mm`, `h:mm:ss`, `h:mm:ss.f`, `h时`, `h时m分`, `h时m分s秒` (`点` for `时`), as milliseconds of the day.
    private mutating func timeOfDay() throws(FieldParseError) -> Int64 {
        let hour = try digits(1, 2)
        var minute = 0, second = 0
        var fraction: Int64 = 0
        if eat(":") {
            minute = try digits(2, 2)
            if eat(":") {
                second = try digits(2, 2)
                fraction = try fractionMillis()
            }
        } else if eat("时") || eat("点") {
            skipSpaces()
            if i < end && ByteScan.isDigit(b[i]) {
                minute = try digits(1, 2)
                skipSpaces()
                guard eat("分") else { throw malformed }
                skipSpaces()
                if i < end && ByteScan.isDigit(b[i]) {
                    second = try digits(1, 2)
                    fraction = try fractionMillis()
                    skipSpaces()
                    guard eat("秒") else { throw malformed }
                }
            }
        } else {
            throw malformed
        }
        return try millisOfDay(hour, minute, second, fraction)
    }

    /// An optional `.digits` after the seconds, as milliseconds rounded half to even (0…1000).
    private mutating func fractionMillis() throws(FieldParseError) -> Int64 {
        guard i < end, b[i] == UInt8(ascii: ".") else { return 0 }
        let start = i + 1
        let stop = ByteScan.digitRunEnd(from: start, b, end)
        guard stop > start, stop - start <= 9 else { throw malformed }
        i = stop
        let fraction = DecimalNumber(mantissa: ByteScan.digitValue(b, start, stop), scale: stop - start)
        return fraction.roundedShifted(by: 3) ?? 0
    }

    /// `Z`, `UTC`, `GMT`, `±hh`, `±hhmm`, `±hh:mm` (also after `UTC`/`GMT`), in seconds east of UTC.
    private mutating func zoneOffset() throws(FieldParseError) -> Int {
        if eat("Z") { return 0 }
        let named = eat("UTC") || eat("GMT")
        if named && i == end { return 0 }
        guard i < end, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") else { throw malformed }
        let negative = b[i] == UInt8(ascii: "-")
        i += 1
        let hours = try twoDigits()
        var minutes = 0
        if eat(":") || i < end { minutes = try twoDigits() }
        guard hours <= 18, minutes <= 59 else {
            throw FieldParseError.value(original, "has an impossible UTC offset")
        }
        let seconds = hours * 3600 + minutes * 60
        return negative ? -seconds : seconds
    }

    private func validDate(_ year: Int, _ month: Int, _ day: Int) throws(FieldParseError) -> LocalDate {
        guard FieldParsers.yearRange.contains(year) else { throw FieldParsers.yearOutOfRange(year, original) }
        guard let date = LocalDate(year: year, month: month, day: day) else {
            throw FieldParseError.value(original, "is not a valid date")
        }
        return date
    }

    private func millisOfDay(_ hour: Int, _ minute: Int, _ second: Int, _ fraction: Int64) throws(FieldParseError) -> Int64 {
        guard hour <= 23, minute <= 59, second <= 59 else {
            throw FieldParseError.value(original, "is not a valid time of day")
        }
        return Int64(hour * 3_600 + minute * 60 + second) * 1000 + fraction
    }

    // MARK: Tokens

    /// A run of `min...max` ASCII digits at the cursor (a longer run is an error, not split).
    private mutating func digits(_ min: Int, _ max: Int) throws(FieldParseError) -> Int {
        let stop = ByteScan.digitRunEnd(from: i, b, end)
        guard stop - i >= min, stop - i <= max else { throw malformed }
        defer { i = stop }
        return Int(ByteScan.digitValue(b, i, stop))
    }

    /// Exactly two ASCII digits at the cursor, whatever follows (`+0800` is hours `08`, minutes `00`).
    private mutating func twoDigits() throws(FieldParseError) -> Int {
        guard end - i >= 2, ByteScan.isDigit(b[i]), ByteScan.isDigit(b[i + 1]) else { throw malformed }
        defer { i += 2 }
        return Int(ByteScan.digitValue(b, i, i + 2))
    }

    private mutating func eat(_ byte: UInt8) -> Bool {
        guard i < end, b[i] == byte else { return false }
        i += 1
        return true
    }

    private mutating func eat(_ literal: StaticString) -> Bool {
        let n = ByteScan.prefix(literal, at: i, b, end)
        i += n
        return n > 0
    }

    private mutating func skipSpaces() {
        i = ByteScan.trim(b, i, end).lower
    }
}

extension FieldParsers {
    static func yearOutOfRange(_ year: Int, _ original: String) -> FieldParseError {
        FieldParseError("year \(year) outside 1970–2100 in '\(FieldParseError.quoted(original))'")
    }
}
