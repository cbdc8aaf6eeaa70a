extension FieldParsers {
    /// Parses an id, keeping every character of it exactly (19-digit ids stay 19 digits; ids never pass
    /// through a number type). Removes surrounding whitespace (which includes the leading tab some
    /// platforms add to stop spreadsheets from reformatting ids), a `="…"` spreadsheet formula wrapper and
    /// surrounding `"…"` or `'…'` quotes, in any nesting. Nil when missing.
    ///
    /// A value in the scientific notation a spreadsheet writes for long numbers (`"1.23457E+18"`,
    /// `"7e+18"`: digits, an optional fraction, `E`, a sign and digits) is an error: the real id is lost.
    public static func id(_ s: String) throws(FieldParseError) -> String? {
        try ByteScan.withBytes(s) { (b) throws(FieldParseError) -> String? in
            var (lo, hi) = ByteScan.trim(b, 0, b.count)
            // Peel wrappers until none is left (bounded: each round removes at least two bytes).
            while hi - lo >= 2 {
                if hi - lo >= 3, b[lo] == UInt8(ascii: "="), b[lo + 1] == UInt8(ascii: "\""), b[hi - 1] == UInt8(ascii: "\"") {
                    (lo, hi) = ByteScan.trim(b, lo + 2, hi - 1)
                } else if (b[lo] == UInt8(ascii: "\"") || b[lo] == UInt8(ascii: "'")) && b[hi - 1] == b[lo] {
                    (lo, hi) = ByteScan.trim(b, lo + 1, hi - 1)
                } else {
                    break
                }
            }
            if isMissing(b, lo, hi) { return nil }
            if isSpreadsheetScientific(b, lo, hi) {
                throw .value(s, "is an id mangled by a spreadsheet into scientific notation")
            }
            if lo == 0 && hi == b.count { return s }
            return ByteScan.string(b, lo, hi)
        }
    }

    /// Trimmed text; nil when missing (`isMissing`). Inner whitespace and case are kept.
    public static func text(_ s: String) -> String? {
        ByteScan.withBytes(s) { b in
            let (lo, hi) = ByteScan.trim(b, 0, b.count)
            if isMissing(b, lo, hi) { return nil }
            if lo == 0 && hi == b.count { return s }
            return ByteScan.string(b, lo, hi)
        }
    }

    /// `[+-]?digits(.digits)?[eE][+-]digits`: how spreadsheets (and pandas) print a long number.
    static func isSpreadsheetScientific(_ b: ByteScan.Bytes, _ lo: Int, _ hi: Int) -> Bool {
        var i = lo
        if i < hi && (b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+")) { i += 1 }
        var end = ByteScan.digitRunEnd(from: i, b, hi)
        guard end > i else { return false }
        i = end
        if i < hi && b[i] == UInt8(ascii: ".") {
            end = ByteScan.digitRunEnd(from: i + 1, b, hi)
            guard end > i + 1 else { return false }
            i = end
        }
        guard i + 2 < hi, b[i] | 0x20 == UInt8(ascii: "e"), b[i + 1] == UInt8(ascii: "+") || b[i + 1] == UInt8(ascii: "-")
        else { return false }
        i += 2
        return ByteScan.digitRunEnd(from: i, b, hi) == hi
    }
}
