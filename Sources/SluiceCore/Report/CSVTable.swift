/// A report table for CSV output: one header row of stable snake_case column names, then rows of
/// typed cells. Build it with `append`, render or write it with `CSVWriter`.
///
/// ```swift
/// var table = CSVTable(columns: ["platform", "plays", "gmv_yuan", "completion_rate"])
/// table.append([.text("douyin"), .integer(12_345), .money(fen: 123_450), .rate(0.285)])
/// try CSVWriter.write(table, to: "reports/2024-03-01_2024-03-31/kpi.csv")
/// ```
public struct CSVTable: Sendable, Equatable {
    /// Column names: lowercase snake_case (`[a-z][a-z0-9]*(_[a-z0-9]+)*`), unique.
    public let columns: [String]
    /// The data rows, each with one cell per column (checked by `validate()`).
    public private(set) var rows: [[CSVCell]] = []

    public init(columns: [String]) {
        self.columns = columns
    }

    /// Adds a row; it must have one cell per column (checked when rendering).
    public mutating func append(_ row: [CSVCell]) {
        rows.append(row)
    }

    /// Throws `SluiceError(.csv, …)` when a column name is not snake_case or repeats, or a row does
    /// not have exactly one cell per column. `CSVWriter` calls this before rendering.
    public func validate() throws {
        if columns.isEmpty { throw SluiceError(.csv, "report table has no columns") }
        var seen = Set<String>()
        for (i, name) in columns.enumerated() {
            guard CSVTable.isSnakeCase(name) else {
                throw SluiceError(
                    .csv, "report column \(i + 1) `\(name)` is not a snake_case name",
                    hint: "use lowercase letters, digits and single underscores, starting with a letter")
            }
            guard seen.insert(name).inserted else {
                throw SluiceError(.csv, "report column `\(name)` appears twice")
            }
        }
        for (i, row) in rows.enumerated() where row.count != columns.count {
            throw SluiceError(
                .csv, "report row \(i + 1) has \(row.count) cells but the header has \(columns.count) columns")
        }
    }

    /// `[a-z][a-z0-9]*(_[a-z0-9]+)*`
    static func isSnakeCase(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, first >= 0x61, first <= 0x7A, bytes.last != 0x5F else { return false }
        var previousUnderscore = false
        for b in bytes {
            let lower = b >= 0x61 && b <= 0x7A, digit = b >= 0x30 && b <= 0x39
            if b == 0x5F {
                if previousUnderscore { return false }
                previousUnderscore = true
            } else if lower || digit {
                previousUnderscore = false
            } else {
                return false
            }
        }
        return true
    }
}
