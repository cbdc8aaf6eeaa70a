import Testing
@testable import SluiceCore

@Suite("Clean: money")
struct CleanMoneyParserTests {
    @Test(arguments: [
        ("¥1,234.50", Int64(123_450)),
        ("￥1234.5", 123_450),
        ("1234.50元", 123_450),
        ("1234.5 元", 123_450),
        ("1,234", 123_400),
        ("12", 1200),
        (" 0.01 ", 1),
        ("-3.2", -320),
        ("-¥3.20", -320),
        ("¥-3.20", -320),
        ("- ¥3.20", -320),
        ("+¥5", 500),
        ("¥ 12", 1200),
        ("RMB 12.5", 1250),
        ("CNY12", 1200),
        ("1.2万", 1_200_000),
        ("1.2万元", 1_200_000),
        ("¥1.2万", 1_200_000),
        ("1.2w", 1_200_000),
        ("0.3亿", 3_000_000_000),
        ("0.125", 12),  // 12.5 fen → 12 (half to even)
        ("0.135", 14),  // 13.5 fen → 14
        ("0.145", 14),  // 14.5 fen → 14
        ("-0.125", -12),
        ("0.1251", 13),
        ("1234.567", 123_457),
        ("12.340000000000001", 1234),  // binary floating-point residue from a spreadsheet
        ("0.30000000000000004", 30),
        ("92233720368547758.07", Int64.max),
        ("9999999999999999", 999_999_999_999_999_900),
    ])
    func parsesYuanIntoFen(value: String, expected: Int64) throws {
        #expect(try FieldParsers.moneyFen(value) == expected)
    }

    @Test(arguments: ["", " ", "-", "--", "null", "None", "#NULL!", "暂无"])
    func missingMoneyIsNil(value: String) throws {
        #expect(try FieldParsers.moneyFen(value) == nil)
    }

    @Test(arguments: [
        ("¥", "'¥' is not an amount of money"),
        ("元", "'元' is not an amount of money"),
        ("¥元", "'¥元' is not an amount of money"),
        ("--5", "'--5' is not an amount of money"),
        ("-¥-3", "'-¥-3' is not an amount of money"),
        ("1.2.3", "'1.2.3' is not an amount of money"),
        ("12abc", "'12abc' is not an amount of money"),
        ("$12", "'$12' is not an amount of money"),
        ("12元5角", "'12元5角' is not an amount of money"),
        ("1e3", "'1e3' is in scientific notation, not an amount of money (a spreadsheet may have rounded it)"),
        ("100000000000000000", "'100000000000000000' is out of range for an amount of money"),
        ("99999999999999999999", "'99999999999999999999' is out of range for an amount of money"),
        ("92233720368547758.08", "'92233720368547758.08' is out of range for an amount of money"),
    ])
    func rejectsMalformedMoney(value: String, reason: String) {
        #expect(cleanRejection { () throws(FieldParseError) in try FieldParsers.moneyFen(value) } == reason)
    }
}
