import Foundation
import Testing
@testable import SluiceCore

@Suite("Clean: timestamps")
struct CleanTimestampParserTests {
    /// 2024-03-05 12:00:00 in Shanghai (+08:00) = 2024-03-05T04:00:00Z.
    static let noonMarch5Shanghai: Int64 = 1_709_611_200_000

    @Test(arguments: [
        "2024-03-05 12:00:00", "2024-03-05 12:00", "2024-03-05T12:00:00", "2024-03-05t12:00", "2024-03-05  12:00:00",
        "2024/3/5 12:00", "2024/03/05 12:00:00", "2024.03.05 12:00", "2024-3-5 12:00:00",
        "2024年3月5日 12时00分00秒", "2024年03月05日12时00分00秒", "2024年3月5日12时", "2024年3月5日 12点",
        "2024年3月5日 12时0分", "2024年3月5日 12:00", "2024年3月5号 12:00", "20240305120000",
        "2024-03-05T12:00:00+08:00", "2024-03-05T12:00:00+0800", "2024-03-05T12:00:00+08",
        "2024-03-05 12:00:00 +0800", "2024-03-05T04:00:00Z", "2024-03-05T04:00:00z", "2024-03-05 04:00:00 UTC",
        "2024-03-05 04:00:00 GMT", "2024-03-05 04:00:00 UTC+00:00", "2024-03-04T23:00:00-05:00",
        "2024-03-05T12:00:00.000+08:00", " 2024-03-05 12:00:00 ",
        "1709611200", "1709611200000", "1709611200.0004",
    ])
    func acceptsEveryFormatInShanghai(value: String) throws {
        #expect(try FieldParsers.timestampMillis(value, timeZone: CleanZones.shanghai) == Self.noonMarch5Shanghai)
    }

    @Test(arguments: [
        ("2024-03-05T12:00:00.123+0800", Int64(123)),
        ("2024-03-05 12:00:00.5", 500),
        ("2024-03-05 12:00:00.1234", 123),
        ("2024-03-05 12:00:00.1235", 124),  // 123.5 ms → 124 (half to even)
        ("2024-03-05 12:00:00.1245", 124),  // 124.5 ms → 124
        ("2024-03-05 12:00:00.123456789", 123),
        ("2024年3月5日12时00分00.25秒", 250),
        ("1709611200.5", 500),
        ("1709611200123", 123),
    ])
    func keepsFractionalSeconds(value: String, extraMillis: Int64) throws {
        #expect(try FieldParsers.timestampMillis(value, timeZone: CleanZones.shanghai) == Self.noonMarch5Shanghai + extraMillis)
    }

    @Test(arguments: ["2024-03-05", "2024/3/5", "2024.03.05", "2024年3月5日", "2024年 3 月 5 日", "20240305"])
    func dateAloneIsLocalMidnight(value: String) throws {
        #expect(try FieldParsers.timestampMillis(value, timeZone: CleanZones.shanghai) == 1_709_568_000_000)
        #expect(try FieldParsers.timestampMillis(value, timeZone: CleanZones.utc) == 1_709_596_800_000)
    }

    @Test(arguments: [
        ("2024-03-05 12:00:00", Int64(1_709_640_000_000)),
        ("2024-03-05T12:00:00+08:00", 1_709_611_200_000),
        ("2024-02-29", 1_709_164_800_000),
        ("1970-01-01 00:00:00", 0),
        ("2100-12-31 23:59:59", 4_133_980_799_000),
    ])
    func readsNaiveTimesInUTC(value: String, expected: Int64) throws {
        #expect(try FieldParsers.timestampMillis(value, timeZone: CleanZones.utc) == expected)
    }

    @Test(arguments: [
        ("2024-03-05 12:00:00", Int64(1_709_658_000_000)),  // EST, -05:00
        ("2024-07-05 12:00:00", 1_720_195_200_000),  // EDT, -04:00
        ("2024-03-10 01:30", 1_710_052_200_000),  // just before spring-forward: EST
        ("2024-03-10 03:30", 1_710_055_800_000),  // just after: EDT
        ("2024-03-10 02:30", 1_710_055_800_000),  // never on the clock: moved forward to 03:30 EDT
        ("2024-11-03 00:30", 1_730_608_200_000),  // before fall-back: EDT
        ("2024-11-03 01:30", 1_730_611_800_000),  // twice on the clock: the earlier (EDT)
        ("2024-11-03 02:30", 1_730_619_000_000),  // after: EST
        ("2024-03-10", 1_710_046_800_000),  // midnight on the spring-forward day: EST
        ("2024-03-05T12:00:00+08:00", 1_709_611_200_000),  // an explicit offset ignores the zone
        ("1709611200", 1_709_611_200_000),  // so does an epoch value
    ])
    func readsNaiveTimesInNewYorkAcrossDaylightSaving(value: String, expected: Int64) throws {
        #expect(try FieldParsers.timestampMillis(value, timeZone: CleanZones.newYork) == expected)
    }

    @Test func usesTheOffsetInForceAtTheTimeInShanghai() throws {
        // China observed daylight-saving time from 1986 to 1991.
        #expect(try FieldParsers.timestampMillis("1988-06-01 12:00", timeZone: CleanZones.shanghai) == 581_137_200_000)
        #expect(try FieldParsers.timestampMillis("1988-01-01 12:00", timeZone: CleanZones.shanghai) == 568_008_000_000)
    }

    @Test(arguments: [
        ("999999999", Int64(999_999_999_000)),  // 9 digits: seconds (2001-09-09)
        ("999999999000", 999_999_999_000),  // 12 digits: milliseconds
        ("0000000000", 0),
        ("4133980799", 4_133_980_799_000),
        ("4133980799999", 4_133_980_799_999),
    ])
    func readsEpochSecondsAndMilliseconds(value: String, expected: Int64) throws {
        #expect(try FieldParsers.timestampMillis(value, timeZone: CleanZones.newYork) == expected)
    }

    @Test(arguments: [
        ("1900-01-01", "year 1900 outside 1970–2100 in '1900-01-01'"),
        ("2200-01-01 00:00:00", "year 2200 outside 1970–2100 in '2200-01-01 00:00:00'"),
        ("2101-01-01", "year 2101 outside 1970–2100 in '2101-01-01'"),
        ("1969-12-31 23:59:59", "year 1969 outside 1970–2100 in '1969-12-31 23:59:59'"),
        ("1900年1月1日", "year 1900 outside 1970–2100 in '1900年1月1日'"),
        ("19000101", "year 1900 outside 1970–2100 in '19000101'"),
        ("9999999999", "year 2286 outside 1970–2100 in '9999999999'"),
        ("4133980800000", "year 2101 outside 1970–2100 in '4133980800000'"),
        ("2200-01-01T00:00:00Z", "year 2200 outside 1970–2100 in '2200-01-01T00:00:00Z'"),
    ])
    func rejectsYearsOutsideTheBounds(value: String, reason: String) {
        #expect(cleanRejection { () throws(FieldParseError) in try FieldParsers.timestampMillis(value, timeZone: CleanZones.shanghai) } == reason)
        #expect(cleanRejection { () throws(FieldParseError) in try FieldParsers.date(value, timeZone: CleanZones.shanghai) } == reason)
    }

    @Test func acceptsTheEdgesOfTheBounds() throws {
        #expect(try FieldParsers.timestampMillis("1970-01-01", timeZone: CleanZones.shanghai) == -28_800_000)
        #expect(try FieldParsers.timestampMillis("2100-12-31", timeZone: CleanZones.utc) == 4_133_894_400_000)
        #expect(FieldParsers.epochMillisLimit == Int64(LocalDate(year: 2101, month: 1, day: 1)!.dayNumber) * 86_400_000)
    }

    @Test(arguments: [
        ("2025-02-29", "is not a valid date"),
        ("2024-02-30", "is not a valid date"),
        ("2024-13-01", "is not a valid date"),
        ("2024-00-10", "is not a valid date"),
        ("2024-04-31 10:00", "is not a valid date"),
        ("20250229", "is not a valid date"),
        ("2024-03-05 24:00:00", "is not a valid time of day"),
        ("2024-03-05 23:60", "is not a valid time of day"),
        ("2024-03-05 12:00:60", "is not a valid time of day"),
        ("2024年3月5日25时", "is not a valid time of day"),
        ("20240305250000", "is not a valid time of day"),
        ("2024-03-05T12:00:00+19:00", "has an impossible UTC offset"),
        ("2024-03-05T12:00:00+08:60", "has an impossible UTC offset"),
        ("12345678901", "is not a timestamp (11 digits are neither epoch seconds nor milliseconds)"),
        ("12345", "is not a timestamp (5 digits are neither epoch seconds nor milliseconds)"),
        ("2024-03-05 12", "is not a timestamp"),
        ("2024-03-05T", "is not a timestamp"),
        ("2024-03-05X12:00", "is not a timestamp"),
        ("2024-03-0512:00", "is not a timestamp"),
        ("03/05/2024", "is not a timestamp"),
        ("2024-3", "is not a timestamp"),
        ("2024/03-05", "is not a timestamp"),
        ("2024-003-05", "is not a timestamp"),
        ("24-03-05", "is not a timestamp"),
        ("2024-03-05 12:00:00 CST", "is not a timestamp"),
        ("2024-03-05 12:0", "is not a timestamp"),
        ("2024-03-05 12:00:00.", "is not a timestamp"),
        ("2024-03-05 12:00:00.1234567890", "is not a timestamp"),
        ("2024-03-05 12:00:00+8", "is not a timestamp"),
        ("2024-03-05Z", "is not a timestamp"),
        ("2024年3月5日 12时30", "is not a timestamp"),
        ("2024年3月5", "is not a timestamp"),
        ("-1709611200", "is not a timestamp"),
        ("1709611200.5.5", "is not a timestamp"),
        ("1.709611200E+9", "is not a timestamp"),
        ("hello", "is not a timestamp"),
    ])
    func rejectsMalformedTimestamps(value: String, reason: String) {
        #expect(cleanRejection { () throws(FieldParseError) in try FieldParsers.timestampMillis(value, timeZone: CleanZones.shanghai) } == "'\(value)' \(reason)")
    }

    @Test(arguments: ["", " ", "-", "--", "null", "N/A", "#N/A", "暂无", "无"])
    func missingTimestampsAreNil(value: String) throws {
        #expect(try FieldParsers.timestampMillis(value, timeZone: CleanZones.shanghai) == nil)
        #expect(try FieldParsers.date(value, timeZone: CleanZones.shanghai) == nil)
    }

    @Test func isSafeToCallConcurrently() async {
        let expected = Self.noonMarch5Shanghai
        let ok = await withTaskGroup(of: Bool.self) { group in
            for k in 0..<8 {
                group.addTask {
                    let zone = k % 2 == 0 ? CleanZones.shanghai : CleanZones.newYork
                    let value = k % 2 == 0 ? "2024-03-05 12:00:00" : "2024-03-04 23:00:00"
                    for _ in 0..<2_000 where (try? FieldParsers.timestampMillis(value, timeZone: zone)) != expected {
                        return false
                    }
                    return true
                }
            }
            return await group.allSatisfy { $0 }
        }
        #expect(ok)
    }
}
