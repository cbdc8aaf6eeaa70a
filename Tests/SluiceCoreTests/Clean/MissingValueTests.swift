import Testing
@testable import SluiceCore

@Suite("Clean: missing values and text")
struct CleanMissingValueTests {
    @Test(arguments: [
        "", " ", "   ", "\t", "\r\n", "\u{3000}", "\u{00A0}", "\u{FEFF}",
        "-", "--", "—", "——", "/", "null", "NULL", "Null", "None", "none", "NONE", "N/A", "n/a", "NaN", "nan",
        "#NULL!", "#null!", "#N/A", "暂无", "无", " -- ", "\u{3000}null\u{3000}", "\t#N/A\t",
    ])
    func recognisesPlaceholders(value: String) {
        #expect(FieldParsers.isMissing(value))
    }

    @Test(arguments: ["0", "-5", "---", "无效", "nullable", "N/A2", "a", "//", "—5", "0.0", "None of them"])
    func keepsRealValues(value: String) {
        #expect(!FieldParsers.isMissing(value))
    }

    @Test func placeholderLengthLimitCoversEveryPlaceholder() {
        for placeholder in FieldParsers.missingPlaceholders {
            let bytes = placeholder.withUTF8Buffer { $0.count }
            #expect(bytes <= FieldParsers.longestPlaceholderBytes, "\(placeholder)")
        }
    }

    @Test(arguments: [
        (" hello ", "hello" as String?),
        ("hello", "hello"),
        ("a  b", "a  b"),
        ("\u{3000}春季新品上市 第1期\u{3000}", "春季新品上市 第1期"),
        ("\t A long title that is well over fifteen bytes \r\n", "A long title that is well over fifteen bytes"),
        ("null", nil),
        ("", nil),
        ("  ", nil),
        ("--", nil),
        ("暂无", nil),
    ])
    func textIsTrimmedAndMissingIsNil(value: String, expected: String?) {
        #expect(FieldParsers.text(value) == expected)
    }
}
