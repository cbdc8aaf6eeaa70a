import Foundation
import Testing
@testable import SluiceCore

@Suite("Report: CSV")
struct ReportCSVTests {
    /// The rendered file as text after checking and removing the BOM.
    func text(_ table: CSVTable) throws -> String {
        let data = try CSVWriter.render(table)
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        return String(decoding: data.dropFirst(3), as: UTF8.self)
    }

    @Test func startsWithByteOrderMarkAndUsesCRLF() throws {
        var table = CSVTable(columns: ["platform", "plays"])
        table.append([.text("抖音"), .integer(12_345)])
        let data = try CSVWriter.render(table)
        #expect(Array(data.prefix(3)) == CSVWriter.byteOrderMark)
        #expect(try text(table) == "platform,plays\r\n抖音,12345\r\n")
    }

    @Test(arguments: [
        ("plain", "plain"),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("line1\nline2", "\"line1\nline2\""),
        ("line1\r\nline2", "\"line1\r\nline2\""),
        ("cr\rhere", "\"cr\rhere\""),
        ("", ""),
        ("中文，全角逗号", "中文，全角逗号"),
    ])
    func quotesFieldsPerRFC4180(value: String, expected: String) {
        #expect(CSVWriter.field(.text(value)) == expected)
    }

    @Test(arguments: [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+86 138", "'+86 138"),
        ("-abc", "'-abc"),
        ("@user", "'@user"),
        ("\t1234567890123456789", "'\t1234567890123456789"),
        ("=\"0123\"", "\"'=\"\"0123\"\"\""),  // neutralised, then quoted
        ("a=b", "a=b"),
        ("1+1", "1+1"),
    ])
    func neutralisesFormulaText(value: String, expected: String) {
        #expect(CSVWriter.field(.text(value)) == expected)
    }

    @Test func carriageReturnAtStartIsNeutralisedAndQuoted() {
        #expect(CSVWriter.field(.text("\rcmd")) == "\"'\rcmd\"")
    }

    @Test func numbersAreNeverNeutralised() {
        #expect(CSVWriter.field(.integer(-5)) == "-5")
        #expect(CSVWriter.field(.decimal(-1.5, places: 2)) == "-1.50")
        #expect(CSVWriter.field(.money(fen: -1234)) == "-12.34")
        #expect(CSVWriter.field(.rate(-0.25)) == "-0.25")
    }

    @Test(arguments: [
        (Int64(0), "0.00"),
        (1, "0.01"),
        (-1, "-0.01"),
        (99, "0.99"),
        (100, "1.00"),
        (-1234, "-12.34"),
        (123_450, "1234.50"),
        (-100_000_005, "-1000000.05"),
        (Int64.max, "92233720368547758.07"),
        (Int64.min, "-92233720368547758.08"),
    ])
    func moneyFromFenHasTwoDecimals(fen: Int64, expected: String) {
        #expect(CSVCell.money(fen: fen).value == expected)
    }

    @Test func ratesAreDecimalsWithSixSignificantDigits() {
        #expect(CSVCell.rate(0.285).value == "0.285")
        #expect(CSVCell.rate(1.0 / 3.0).value == "0.333333")
        #expect(CSVCell.rate(2.0 / 3.0).value == "0.666667")
        #expect(CSVCell.rate(0.0000123456789).value == "0.0000123457")
        #expect(CSVCell.rate(0).value == "0")
        #expect(CSVCell.rate(1).value == "1")
        #expect(CSVCell.rate(4.2).value == "4.2")
        #expect(CSVCell.rate(123456.7).value == "123457")
        #expect(CSVCell.rate(0.9999999).value == "1")
        #expect(CSVCell.rate(nil).value == "")
        #expect(CSVCell.rate(.nan).value == "")
        #expect(CSVCell.rate(.infinity).value == "")
    }

    @Test func decimalsAndEmpty() {
        #expect(CSVCell.decimal(3.14159, places: 2).value == "3.14")
        #expect(CSVCell.decimal(2.5, places: 0).value == "2")  // %f rounds half to even on the binary value
        #expect(CSVCell.decimal(-0.0001, places: 2).value == "0.00")
        #expect(CSVCell.decimal(.nan, places: 2).value == "")
        #expect(CSVCell.empty.value == "")
        #expect(CSVCell.integer(Int64.min).value == "-9223372036854775808")
    }

    @Test func rendersAWholeTable() throws {
        var table = CSVTable(columns: ["title", "plays", "gmv_yuan", "completion_rate", "note"])
        table.append([.text("新品, \"限时\"\n上新"), .integer(1200), .money(fen: 123_450), .rate(0.285), .empty])
        table.append([.text("=HYPERLINK(\"x\")"), .integer(-5), .money(fen: 0), .rate(nil), .text("-")])
        #expect(try text(table) == """
            title,plays,gmv_yuan,completion_rate,note\r
            "新品, ""限时""\n上新",1200,1234.50,0.285,\r
            "'=HYPERLINK(""x"")",-5,0.00,,'-\r

            """)
    }

    @Test func rejectsRowsOfTheWrongWidth() {
        var table = CSVTable(columns: ["a", "b"])
        table.append([.integer(1)])
        #expect(throws: SluiceError.self) { try CSVWriter.render(table) }
    }

    @Test(arguments: ["Plays", "plays rate", "1st", "a__b", "b_", "", "播放量"])
    func rejectsColumnNamesThatAreNotSnakeCase(name: String) {
        #expect(throws: SluiceError.self) { try CSVWriter.render(CSVTable(columns: ["ok", name])) }
    }

    @Test func acceptsSnakeCaseAndRejectsRepeats() throws {
        _ = try CSVWriter.render(CSVTable(columns: ["d7_retention", "cpm", "roi_x100"]))
        #expect(throws: SluiceError.self) { try CSVWriter.render(CSVTable(columns: ["a", "a"])) }
    }

    @Test func writesAtomically() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-csv-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var table = CSVTable(columns: ["n"])
        table.append([.integer(1)])
        try CSVWriter.write(table, to: folder + "/out/kpi.csv")
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/out/kpi.csv"))
        #expect(data == Data(CSVWriter.byteOrderMark + Array("n\r\n1\r\n".utf8)))
    }
}
