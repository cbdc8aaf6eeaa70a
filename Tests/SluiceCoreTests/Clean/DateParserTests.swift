import Testing
@testable import SluiceCore

@Suite("Clean: calendar dates")
struct CleanDateParserTests {
    private func day(_ text: String) -> LocalDate? { LocalDate(iso: text) }

    @Test(arguments: [
        ("2024-03-05", "2024-03-05"),
        ("2024/3/5", "2024-03-05"),
        ("2024.03.05", "2024-03-05"),
        ("2024年3月5日", "2024-03-05"),
        ("20240305", "2024-03-05"),
        ("2024-02-29", "2024-02-29"),
        ("1970-01-01", "1970-01-01"),
        ("2100-12-31", "2100-12-31"),
        // a naive time is already on the pipeline's clock: its own date
        ("2024-03-05 00:00:00", "2024-03-05"),
        ("2024-03-05 23:59:59.999", "2024-03-05"),
        ("2024年3月5日 23时59分", "2024-03-05"),
        // an explicit offset is converted to Shanghai time first
        ("2024-03-05T15:59:59Z", "2024-03-05"),
        ("2024-03-05T16:00:00Z", "2024-03-06"),
        ("2024-03-05T16:30:00Z", "2024-03-06"),
        ("2024-03-05T23:30:00-05:00", "2024-03-06"),  // 04:30Z → 12:30 in Shanghai
        ("2024-03-06T00:30:00+09:00", "2024-03-05"),  // 15:30Z → 23:30 in Shanghai
        // epoch values too: 1709568000 is midnight of 2024-03-05 in Shanghai
        ("1709568000", "2024-03-05"),
        ("1709567999", "2024-03-04"),
        ("1709568000000", "2024-03-05"),
        ("1709567999999", "2024-03-04"),
    ])
    func findsTheDayInShanghai(value: String, expected: String) throws {
        #expect(try FieldParsers.date(value, timeZone: CleanZones.shanghai) == day(expected))
    }

    @Test(arguments: [
        ("2024-03-05", "2024-03-05"),
        ("2024-03-05T03:00:00Z", "2024-03-04"),  // 22:00 EST the day before
        ("2024-03-06T00:30:00+08:00", "2024-03-05"),  // 16:30Z → 11:30 EST
        ("2024-07-05T03:59:59Z", "2024-07-04"),  // 23:59:59 EDT
        ("2024-07-05T04:00:00Z", "2024-07-05"),  // 00:00 EDT
        ("2024-03-10 02:30", "2024-03-10"),  // a naive time keeps its written date, even in the DST gap
        ("1709611200", "2024-03-04"),  // 04:00Z → 23:00 EST
    ])
    func findsTheDayInNewYork(value: String, expected: String) throws {
        #expect(try FieldParsers.date(value, timeZone: CleanZones.newYork) == day(expected))
    }

    @Test(arguments: [
        ("2024-03-05T23:30:00-05:00", "2024-03-06"),
        ("2024-03-05T07:59:59+08:00", "2024-03-04"),
        ("2024-03-05 23:59:59", "2024-03-05"),
        ("1709611200000", "2024-03-05"),
    ])
    func findsTheDayInUTC(value: String, expected: String) throws {
        #expect(try FieldParsers.date(value, timeZone: CleanZones.utc) == day(expected))
    }

    @Test(arguments: [
        ("2025-02-29", "'2025-02-29' is not a valid date"),
        ("2024-13-01", "'2024-13-01' is not a valid date"),
        ("1900-01-01", "year 1900 outside 1970–2100 in '1900-01-01'"),
        ("2024-03-05 24:00", "'2024-03-05 24:00' is not a valid time of day"),
        ("05/03/2024", "'05/03/2024' is not a timestamp"),
    ])
    func rejectsImpossibleDates(value: String, reason: String) {
        #expect(cleanRejection { () throws(FieldParseError) in try FieldParsers.date(value, timeZone: CleanZones.shanghai) } == reason)
    }
}
