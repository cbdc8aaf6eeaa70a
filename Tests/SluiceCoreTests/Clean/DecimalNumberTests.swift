import Testing
@testable import SluiceCore

@Suite("Clean: DecimalNumber")
struct CleanDecimalNumberTests {
    @Test(arguments: [
        ("12", Int64(12), 0),
        ("-3.50", -35, 1),
        ("1,234.5", 12345, 1),
        ("1,234,567", 1_234_567, 0),
        ("0.285", 285, 3),
        (".5", 5, 1),
        ("+7", 7, 0),
        ("007", 7, 0),
        ("1.2e3", 1200, 0),
        ("1.25E1", 125, 1),
        ("5E-2", 5, 2),
        ("0.000", 0, 0),
        ("-0", 0, 0),
        ("1.50000000000000000000000000", 15, 1),
        ("9223372036854775807", Int64.max, 0),
        ("-9223372036854775808", Int64.min, 0),
    ])
    func parsesPlainDecimals(text: String, mantissa: Int64, scale: Int) throws {
        let number = try #require(DecimalNumber(text))
        #expect(number.mantissa == mantissa)
        #expect(number.scale == scale)
    }

    @Test(arguments: [
        "", "1.2.3", "--5", "+-5", "1,2,3", "12,34", "1234,567", ",123", "1,234,", "1,23.4", "5.", ".", "-",
        "12abc", "1e", "1e+", " 12", "12 ", "¥12", "12万", "1.2,3", "9223372036854775808",
        "-9223372036854775809", "99999999999999999999",
    ])
    func rejectsAnythingElse(text: String) {
        #expect(DecimalNumber(text) == nil)
    }

    @Test func parsesSubstrings() throws {
        let line = "rate=0.25;"
        let start = try #require(line.firstIndex(of: "=")), end = try #require(line.firstIndex(of: ";"))
        #expect(DecimalNumber(line[line.index(after: start)..<end]) == DecimalNumber(mantissa: 25, scale: 2))
    }

    @Test func equalityComparesValues() {
        #expect(DecimalNumber(mantissa: 350, scale: 2) == DecimalNumber(mantissa: 35, scale: 1))
        #expect(DecimalNumber(mantissa: 1200, scale: 0) == DecimalNumber(mantissa: 12, scale: -2))
        #expect(DecimalNumber(mantissa: 0, scale: 7) == DecimalNumber(mantissa: 0, scale: 0))
        #expect(DecimalNumber(mantissa: 35, scale: 2) != DecimalNumber(mantissa: 35, scale: 1))
        #expect(DecimalNumber(mantissa: Int64.max, scale: 0) != DecimalNumber(mantissa: 9, scale: -30))
    }

    @Test(arguments: [
        // (mantissa, scale, factor, expected)
        (Int64(285), 3, Int64(1000), Int64(285)),  // 0.285 × 1000
        (5, 3, 100, 0),  // 0.5% × 100 = 0.5 → 0 (half to even)
        (15, 3, 100, 2),  // 1.5% × 100 = 1.5 → 2
        (25, 3, 100, 2),  // 2.5 → 2
        (35, 3, 100, 4),  // 3.5 → 4
        (251, 4, 100, 3),  // 2.51 → 3
        (249, 4, 100, 2),  // 2.49 → 2
        (-25, 3, 100, -2),
        (-35, 3, 100, -4),
        (35, 3, -100, -4),
        (-285, 3, -1000, 285),
        (12, -2, 3, 3600),  // negative scale: 1200 × 3
        (Int64.max, 0, 1, Int64.max),
        (Int64.min, 0, 1, Int64.min),
        (Int64.max, 19, Int64.max, 8_507_059_173_023_461_585),  // 128-bit product
        (250, 20, 1_000_000_000_000_000_000, 2),  // 2.5e20 / 1e20 = 2.5 → 2 (two-step division)
        (5, 40, Int64.max, 0),
    ])
    func multipliesAndRoundsHalfToEven(mantissa: Int64, scale: Int, factor: Int64, expected: Int64) {
        #expect(DecimalNumber(mantissa: mantissa, scale: scale).multipliedRounded(by: factor) == expected)
    }

    @Test func roundingAboveHalfSeesDigitsBeyondNineteenPlaces() {
        // 25000000001 × 10^10 / 10^20 = 2.5000000001 → 3; a tie-only check would give 2.
        #expect(DecimalNumber(mantissa: 25_000_000_001, scale: 20).multipliedRounded(by: 10_000_000_000) == 3)
        #expect(DecimalNumber(mantissa: 350, scale: 20).multipliedRounded(by: 1_000_000_000_000_000_000) == 4)
    }

    @Test func multiplyReportsOverflow() {
        #expect(DecimalNumber(mantissa: Int64.max, scale: 0).multipliedRounded(by: 2) == nil)
        #expect(DecimalNumber(mantissa: Int64.min, scale: 0).multipliedRounded(by: -1) == nil)
        #expect(DecimalNumber(mantissa: 1, scale: -19).multipliedRounded(by: 1) == nil)
        #expect(DecimalNumber(mantissa: 1, scale: -18).multipliedRounded(by: 1) == 1_000_000_000_000_000_000)
    }

    @Test(arguments: [
        (Int64(12), 1, 4, Int64(12000)),  // 1.2 × 10^4
        (123_456, 5, 4, 12346),  // 12345.6
        (123_455, 5, 4, 12346),  // 12345.5 → even 12346
        (123_465, 5, 4, 12346),  // 12346.5 → even 12346
        (125, 3, 2, 12),  // 0.125 yuan → 12 fen
        (135, 3, 2, 14),  // 0.135 yuan → 14 fen
        (5, 1, 0, 0),
        (15, 1, 0, 2),
        (12345, 0, -2, 123),
        (12350, 0, -2, 124),
    ])
    func shiftsAndRoundsHalfToEven(mantissa: Int64, scale: Int, k: Int, expected: Int64) {
        #expect(DecimalNumber(mantissa: mantissa, scale: scale).roundedShifted(by: k) == expected)
    }

    @Test func shiftReportsOverflow() {
        #expect(DecimalNumber(mantissa: Int64.max, scale: 0).roundedShifted(by: 1) == nil)
        #expect(DecimalNumber(mantissa: 922_337_203_685_477_581, scale: 0).roundedShifted(by: 1) == nil)
        #expect(DecimalNumber(mantissa: 922_337_203_685_477_580, scale: 0).roundedShifted(by: 1) == 9_223_372_036_854_775_800)
    }

    @Test func describesInPlainNotation() {
        #expect(DecimalNumber(mantissa: 285, scale: 3).description == "0.285")
        #expect(DecimalNumber(mantissa: -35, scale: 1).description == "-3.5")
        #expect(DecimalNumber(mantissa: 5, scale: 3).description == "0.005")
        #expect(DecimalNumber(mantissa: 12, scale: -2).description == "1200")
        #expect(DecimalNumber(mantissa: 1200, scale: 0).description == "1200")
    }

    @Test func comparesWithIntegers() {
        #expect(DecimalNumber(mantissa: 10001, scale: 4).compare(toInteger: 1) == 1)
        #expect(DecimalNumber(mantissa: 10000, scale: 4).compare(toInteger: 1) == 0)
        #expect(DecimalNumber(mantissa: 9999, scale: 4).compare(toInteger: 1) == -1)
        #expect(DecimalNumber(mantissa: -15, scale: 1).compare(toInteger: -1) == -1)
        #expect(DecimalNumber(mantissa: 1, scale: -30).compare(toInteger: Int64.max) == 1)
        #expect(DecimalNumber(mantissa: Int64.max, scale: 30).compare(toInteger: 1) == -1)
    }
}
