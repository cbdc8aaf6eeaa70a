import Testing
@testable import SluiceCore

@Suite("Clean: durations")
struct CleanDurationParserTests {
    @Test(arguments: [
        ("00:01:05", Int64(65_000)),
        ("01:05", 65_000),
        ("1:05", 65_000),
        ("75:30", 4_530_000),
        ("1:02:03.5", 3_723_500),
        ("12:34:56.789", 45_296_789),
        ("100:00:00", 360_000_000),
        ("00:00:00", 0),
        ("00:00:00.0005", 0),  // 0.5 ms → 0 (half to even)
        ("00:00:00.0015", 2),  // 1.5 ms → 2
        ("65", 65_000),
        (" 65 ", 65_000),
        ("65.5", 65_500),
        ("0.0025", 2),  // 2.5 ms → 2
        ("65s", 65_000),
        ("65 s", 65_000),
        ("65秒", 65_000),
        ("65.5秒", 65_500),
        ("65.5s", 65_500),
        ("1分05秒", 65_000),
        ("1 分 5 秒", 65_000),
        ("1分", 60_000),
        ("1分钟", 60_000),
        ("1分钟5秒", 65_000),
        ("1小时2分3秒", 3_723_000),
        ("1时2分3秒", 3_723_000),
        ("1小时", 3_600_000),
        ("2h3m", 7_380_000),
        ("2H3M4S", 7_384_000),
        ("1.5h", 5_400_000),
        ("3min", 180_000),
        ("3m20s", 200_000),
        ("250ms", 250),
        ("250毫秒", 250),
        ("1s250ms", 1250),
    ])
    func parsesDurationsIntoMilliseconds(value: String, expected: Int64) throws {
        #expect(try FieldParsers.durationMillis(value) == expected)
    }

    @Test(arguments: ["", "-", "--", "null", "N/A", "暂无"])
    func missingDurationsAreNil(value: String) throws {
        #expect(try FieldParsers.durationMillis(value) == nil)
    }

    @Test(arguments: [
        "1.2.3", "abc", "12abc", "5d", "-5", "-00:01:05", "1:2:3", "00:60:00", "00:00:60", "1:2", "1:02:03:04",
        ":05", "01:", "1.5:00", "00:01:05.", "00:01:05s", "1秒2分", "1分1分", "1分05", "1小时30", "分", "s", "1h 2",
    ])
    func rejectsMalformedDurations(value: String) {
        #expect(cleanRejection { () throws(FieldParseError) in try FieldParsers.durationMillis(value) } == "'\(value)' is not a duration")
    }
}
