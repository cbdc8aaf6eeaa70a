import Testing
@testable import SluiceCore

@Suite("Clean: counts and fen")
struct CleanCountParserTests {
    @Test(arguments: [
        ("12345", Int64(12345)),
        ("0", 0),
        (" 12 ", 12),
        ("\t42", 42),
        ("+7", 7),
        ("-3", -3),
        ("1,234", 1234),
        ("1,234,567", 1_234_567),
        ("12.0", 12),
        ("12.00", 12),
        ("1.2万", 12000),
        ("1.2 万", 12000),
        ("10万", 100_000),
        ("0.5万", 5000),
        ("1.2w", 12000),
        ("1.2W", 12000),
        ("3.5亿", 350_000_000),
        ("1,234.5万", 12_345_000),
        ("1.23456万", 12346),  // 12345.6
        ("1.23455万", 12346),  // 12345.5 → even
        ("1.23465万", 12346),  // 12346.5 → even
        ("-1.5万", -15000),
        ("9223372036854775807", Int64.max),
        ("-9223372036854775808", Int64.min),
        ("123456789012345678", 123_456_789_012_345_678),
    ])
    func parsesCounts(value: String, expected: Int64) throws {
        #expect(try FieldParsers.count(value) == expected)
    }

    @Test(arguments: ["", " ", "-", "--", "—", "null", "NULL", "None", "N/A", "#NULL!", "#N/A", "/", "暂无", "无"])
    func missingCountsAreNil(value: String) throws {
        #expect(try FieldParsers.count(value) == nil)
    }

    @Test(arguments: [
        ("1.2.3", "'1.2.3' is not a count"),
        ("万", "'万' is not a count"),
        ("w", "'w' is not a count"),
        ("12abc", "'12abc' is not a count"),
        ("--5", "'--5' is not a count"),
        ("1,2,3", "'1,2,3' is not a count"),
        ("12,34", "'12,34' is not a count"),
        ("12k", "'12k' is not a count"),
        ("1.2千", "'1.2千' is not a count"),
        ("12.5", "'12.5' is not a whole count"),
        ("0.1", "'0.1' is not a whole count"),
        ("99999999999999999999", "'99999999999999999999' is out of range for a count"),
        ("9223372036854775808", "'9223372036854775808' is out of range for a count"),
        ("99999999999999亿", "'99999999999999亿' is out of range for a count"),
        ("1.2E+3", "'1.2E+3' is in scientific notation, not a count (a spreadsheet may have rounded it)"),
        ("10万+", "'10万+' is a lower bound, not an exact count"),
        ("1.2万万", "'1.2万万' is not a count"),
    ])
    func rejectsMalformedCounts(value: String, reason: String) {
        #expect(cleanRejection { () throws(FieldParseError) in try FieldParsers.count(value) } == reason)
    }

    @Test func errorMessagesShortenHugeValues() {
        let huge = String(repeating: "9", count: 100_000) + "x"
        let reason = cleanRejection { () throws(FieldParseError) in try FieldParsers.count(huge) }
        #expect(reason == "'" + String(repeating: "9", count: 60) + "…' is not a count")
    }

    @Test(arguments: [
        ("123450", Int64(123_450)),
        (" 123450 ", 123_450),
        ("-500", -500),
        ("123,450", 123_450),
        ("12.00", 12),
    ])
    func parsesFen(value: String, expected: Int64) throws {
        #expect(try FieldParsers.fen(value) == expected)
    }

    @Test(arguments: ["", "-", "null"])
    func missingFenIsNil(value: String) throws {
        #expect(try FieldParsers.fen(value) == nil)
    }

    @Test(arguments: [
        ("12.5", "'12.5' is not a whole fen amount"),
        ("¥12", "'¥12' is not a fen amount"),
        ("1.2万", "'1.2万' is not a fen amount"),
        ("99999999999999999999", "'99999999999999999999' is out of range for a fen amount"),
    ])
    func rejectsMalformedFen(value: String, reason: String) {
        #expect(cleanRejection { () throws(FieldParseError) in try FieldParsers.fen(value) } == reason)
    }
}
