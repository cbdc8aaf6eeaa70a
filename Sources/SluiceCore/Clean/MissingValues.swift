extension FieldParsers {
    /// The placeholders that mean "no value", matched against the whole trimmed value; ASCII letters
    /// match in either case (`NULL`, `null`, `Null`, `N/A`, `n/a`, `None`, `NaN` …).
    ///
    /// This is the one list of placeholders in Sluice: `-`, `--`, `—` (em dash), `——`, `/`, `null`,
    /// `none`, `nan`, `n/a`, `#null!` and `#n/a` (spreadsheet errors), `暂无` ("not yet any") and `无` ("none").
    /// A missing value is NULL in the store, never 0 or the empty string.
    static let missingPlaceholders: [StaticString] = [
        "-", "--", "—", "——", "/", "null", "none", "nan", "n/a", "#null!", "#n/a", "暂无", "无",
    ]

    /// The longest placeholder in UTF-8 bytes; longer values skip the comparison.
    static let longestPlaceholderBytes = 6

    /// True for an empty or whitespace-only value or a placeholder meaning "no value" (`missingPlaceholders`).
    public static func isMissing(_ s: String) -> Bool {
        ByteScan.withBytes(s) { b in
            let (lo, hi) = ByteScan.trim(b, 0, b.count)
            return isMissing(b, lo, hi)
        }
    }

    /// `isMissing` for already trimmed bytes.
    @inline(__always)
    static func isMissing(_ b: ByteScan.Bytes, _ lo: Int, _ hi: Int) -> Bool {
        let length = hi - lo
        if length == 0 { return true }
        if length > longestPlaceholderBytes || ByteScan.isDigit(b[lo]) { return false }
        // `prefix` returns the placeholder's length when it matches, so equality means a whole-value match.
        for placeholder in missingPlaceholders where ByteScan.prefix(placeholder, at: lo, b, hi) == length {
            return true
        }
        return false
    }
}
