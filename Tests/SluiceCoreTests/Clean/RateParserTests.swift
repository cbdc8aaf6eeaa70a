import Testing
@testable import SluiceCore

@Suite("Clean: rates")
struct CleanRateParserTests {
    @Test(arguments: [
        ("28.5%", Int64(285), 3),
        ("0.285", 285, 3),
        (" 28.5 % ", 285, 3),
        ("28.5％", 285, 3),
        ("0.5%", 5, 3),
        ("100%", 1, 0),
        ("150%", 15, 1),
        ("-3.2%", -32, 3),
        ("5‰", 5, 3),
        ("1", 1, 0),
        ("0", 0, 0),
        ("1.000", 1, 0),
        ("-0.5", -5, 1),
        (".25", 25, 2),
    ])
    func parsesRatesAsExactFractions(value: String, mantissa: Int64, scale: Int) throws {
        let rate = try #require(try FieldParsers.rate(value))
        #expect(rate.mantissa == mantissa)
        #expect(rate.scale == scale)
    }

    @Test(arguments: ["", "-", "--", "null", "#N/A", "暂无"])
    func missingRatesAreNil(value: String) throws {
        #expect(try FieldParsers.rate(value) == nil)
    }

    @Test(arguments: [
        ("28.5", "'28.5' is a rate above 1 without %"),
        ("1.0001", "'1.0001' is a rate above 1 without %"),
        ("-2", "'-2' is a rate below -1 without %"),
        ("%", "'%' is not a rate"),
        ("abc%", "'abc%' is not a rate"),
        ("12abc", "'12abc' is not a rate"),
        ("1.2.3%", "'1.2.3%' is not a rate"),
        ("28.5%%", "'28.5%%' is not a rate"),
        ("99999999999999999999%", "'99999999999999999999%' is out of range for a rate"),
    ])
    func rejectsMalformedRates(value: String, reason: String) {
        #expect(cleanRejection { () throws(FieldParseError) in try FieldParsers.rate(value) } == reason)
    }

    @Test(arguments: [
        ("28.5%", Int64(1000), Int64(285)),
        ("0.285", 1000, 285),
        ("0.5%", 100, 0),  // 0.5 → 0 (half to even)
        ("1.5%", 100, 2),  // 1.5 → 2
        ("2.5%", 100, 2),  // 2.5 → 2
        ("33.33%", 12345, 4115),  // 4114.5885 → 4115
        ("12.5%", 4, 0),  // 0.5 → 0
        ("37.5%", 4, 2),  // 1.5 → 2
    ])
    func rateTimesCountRoundsHalfToEven(value: String, count: Int64, expected: Int64) throws {
        let rate = try #require(try FieldParsers.rate(value))
        #expect(rate.multipliedRounded(by: count) == expected)
    }
}
