import Foundation

/// Renders a `CSVTable` as the report CSV format:
///
/// - UTF-8 with a byte order mark (`EF BB BF`), so spreadsheet programs show Chinese correctly;
/// - one header row, then the rows; every line, the last included, ends with CRLF (RFC 4180);
/// - RFC 4180 quoting: a field containing `,`, `"`, CR or LF is wrapped in `"` with inner `"` doubled;
/// - cell values as documented on `CSVCell` (text neutralised against formula injection).
public enum CSVWriter {
    /// The UTF-8 byte order mark every report CSV starts with.
    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
    /// The line terminator (RFC 4180).
    public static let lineEnding = "\r\n"

    /// The complete file contents, BOM included. Throws when `table.validate()` does.
    public static func render(_ table: CSVTable) throws -> Data {
        try table.validate()
        var text = line(table.columns.map(quoted))
        for row in table.rows { text += line(row.map(field)) }
        var data = Data(byteOrderMark)
        data.append(contentsOf: Array(text.utf8))
        return data
    }

    /// Renders and writes atomically (see `AtomicFileWriter`); errors name `path`.
    public static func write(_ table: CSVTable, to path: String) throws {
        let data: Data
        do { data = try render(table) } catch let error as SluiceError { throw error.inFile(path) }
        try AtomicFileWriter.write(data, to: path)
    }

    /// One cell as a CSV field: its value, quoted when needed.
    public static func field(_ cell: CSVCell) -> String { quoted(cell.value) }

    /// Wraps `value` in quotes (doubling inner quotes) when it contains `,`, `"`, CR or LF.
    static func quoted(_ value: String) -> String {
        let needsQuotes = value.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return value }
        var out = String.UnicodeScalarView()
        out.append("\"")
        for scalar in value.unicodeScalars {
            out.append(scalar)
            if scalar == "\"" { out.append("\"") }
        }
        out.append("\"")
        return String(out)
    }

    private static func line(_ fields: [String]) -> String { fields.joined(separator: ",") + lineEnding }
}
