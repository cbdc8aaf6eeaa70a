/// One typed cell of a report CSV. The type decides how the value is printed, so numbers look the
/// same in every report and only text is ever neutralised against formula injection.
///
/// | case | prints | example |
/// |---|---|---|
/// | `.text(s)` | `s`, with a leading `'` when it starts with `=` `+` `-` `@` tab or CR | `'=SUM(A1)` |
/// | `.integer(n)` | the integer | `-5` |
/// | `.decimal(x, places:)` | exactly `places` decimals; empty when not finite | `3.14` |
/// | `.money(fen:)` | yuan with exactly 2 decimals, computed from integer fen | `-12.34` |
/// | `.rate(r)` | a decimal fraction, at most 6 significant digits; empty when nil or not finite | `0.285` |
/// | `.empty` | nothing | |
///
/// Rates are fractions (`0.285`, not `28.5%`) so spreadsheets can compute with them; a rate whose
/// denominator is zero is `.rate(nil)` and prints empty.
public enum CSVCell: Sendable, Equatable {
    case text(String)
    case integer(Int64)
    case decimal(Double, places: Int)
    case money(fen: Int64)
    case rate(Double?)
    case empty

    /// Characters that make a spreadsheet treat the start of a text cell as a formula.
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// The cell's value before CSV quoting.
    public var value: String {
        switch self {
        case .text(let s):
            if let first = s.unicodeScalars.first, CSVCell.formulaStarts.contains(first) { return "'" + s }
            return s
        case .integer(let n):
            return String(n)
        case .decimal(let x, let places):
            return DecimalText.fixed(x, places: places) ?? ""
        case .money(let fen):
            return DecimalText.yuan(fen: fen)
        case .rate(let r):
            guard let r else { return "" }
            return DecimalText.significant(r, digits: 6) ?? ""
        case .empty:
            return ""
        }
    }
}
