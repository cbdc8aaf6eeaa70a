import Testing
@testable import SluiceCore

@Suite("Clean: ids")
struct CleanIdentifierParserTests {
    @Test(arguments: [
        ("1234567890123456789", "1234567890123456789"),
        ("\t1234567890123456789", "1234567890123456789"),
        (" 7301234567890123456 ", "7301234567890123456"),
        ("=\"1234567890123456789\"", "1234567890123456789"),
        ("=\"\t1234567890123456789\"", "1234567890123456789"),
        ("\"1234567890123456789\"", "1234567890123456789"),
        ("\"=\"1234567890123456789\"\"", "1234567890123456789"),
        ("'123'", "123"),
        ("\"  7 \"", "7"),
        ("0", "0"),
        ("00123", "00123"),
        ("123456789012345678901234567890", "123456789012345678901234567890"),
        ("abc-123", "abc-123"),
        ("6543a1b2c3d4e5f6", "6543a1b2c3d4e5f6"),
        ("1e5abc", "1e5abc"),
        ("12E45", "12E45"),
        ("v1.2", "v1.2"),
        ("\"", "\""),
    ])
    func keepsIdsExactly(value: String, expected: String) throws {
        #expect(try FieldParsers.id(value) == expected)
    }

    @Test(arguments: ["", " ", "\t", "=\"\"", "\"\"", "''", "-", "null", "#N/A", "=\"--\""])
    func missingIdsAreNil(value: String) throws {
        #expect(try FieldParsers.id(value) == nil)
    }

    @Test(arguments: [
        ("1.23457E+18", "1.23457E+18"),
        ("1.23457e+18", "1.23457e+18"),
        ("7E+18", "7E+18"),
        ("-1.2E-5", "-1.2E-5"),
        ("=\"1.23457E+18\"", "=\"1.23457E+18\""),
        ("\t1.23457E+18 ", "1.23457E+18"),
    ])
    func rejectsIdsMangledIntoScientificNotation(value: String, shown: String) {
        #expect(
            cleanRejection { () throws(FieldParseError) in try FieldParsers.id(value) }
                == "'\(shown)' is an id mangled by a spreadsheet into scientific notation")
    }
}
