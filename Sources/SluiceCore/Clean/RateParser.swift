extension FieldParsers {
    /// Parses a rate as an exact fraction: `"28.5%"` → 0.285, `"0.285"` → 0.285, `"150%"` → 1.5,
    /// `"-3.2%"` → -0.032, `"5‰"` → 0.005 (also the full-width `％`). Nil when missing.
    ///
    /// Without a percent marker the value is ambiguous (is `"28.5"` a fraction or a percentage?), so only
    /// fractions from -1 to 1 are accepted; `"28.5"` is rejected with "rate above 1 without %".
    public static func rate(_ s: String) throws(FieldParseError) -> DecimalNumber? {
        try ByteScan.withBytes(s) { (b) throws(FieldParseError) -> DecimalNumber? in
            var (lo, hi) = ByteScan.trim(b, 0, b.count)
            if isMissing(b, lo, hi) { return nil }
            var extraScale = 0
            var marker = ByteScan.suffix("%", endingAt: hi, b, lo)
            if marker == 0 { marker = ByteScan.suffix("％", endingAt: hi, b, lo) }
            if marker > 0 {
                extraScale = 2
            } else {
                marker = ByteScan.suffix("‰", endingAt: hi, b, lo)
                if marker > 0 { extraScale = 3 }
            }
            if marker > 0 { (lo, hi) = ByteScan.trim(b, lo, hi - marker) }
            switch DecimalNumber.scan(b, lo, hi) {
            case .malformed:
                throw .value(s, "is not a rate")
            case .overflow:
                throw .value(s, "is out of range for a rate")
            case .number(let number, _):
                if extraScale > 0 {
                    return DecimalNumber(mantissa: number.mantissa, scale: number.scale + extraScale).normalized
                }
                if number.compare(toInteger: 1) > 0 { throw .value(s, "is a rate above 1 without %") }
                if number.compare(toInteger: -1) < 0 { throw .value(s, "is a rate below -1 without %") }
                return number
            }
        }
    }
}
