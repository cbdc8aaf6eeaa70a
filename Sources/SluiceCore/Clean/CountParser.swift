extension FieldParsers {
    /// Parses a count: `"12345"`, `" 12 "`, `"1,234"`, `"-3"` (a correction), `"12.0"`, `"1.2万"`,
    /// `"1.2w"`/`"1.2W"` (万), `"3.5亿"`. Nil when missing.
    ///
    /// A value scaled by 万/亿 that is not whole rounds half to even (`"1.23456万"` = 12345.6 → 12346).
    /// Rejected: a fraction without a multiplier (`"12.5"`: not a whole count), `"12k"`, `"万"`, `"12abc"`,
    /// `"1.2.3"`, `"--5"`, malformed separators (`"1,2,3"`), scientific notation (`"1.2E+3"`: a spreadsheet
    /// may have rounded it), lower bounds such as `"10万+"`, and values outside `Int64`.
    public static func count(_ s: String) throws(FieldParseError) -> Int64? {
        try ByteScan.withBytes(s) { (b) throws(FieldParseError) -> Int64? in
            let (lo, hi) = ByteScan.trim(b, 0, b.count)
            if hi - lo <= 18 && ByteScan.allDigits(b, lo, hi) { return ByteScan.digitValue(b, lo, hi) }
            if isMissing(b, lo, hi) { return nil }
            return try wholeNumber(b, lo, hi, s, noun: "count", multipliers: true)
        }
    }

    /// Parses money already in fen (`"123450"`, `"-500"`, `"123,450"`). The value must be whole (`"12.00"`
    /// is accepted as 12, `"12.5"` is rejected); no currency, unit or multiplier is accepted. Nil when missing.
    public static func fen(_ s: String) throws(FieldParseError) -> Int64? {
        try ByteScan.withBytes(s) { (b) throws(FieldParseError) -> Int64? in
            let (lo, hi) = ByteScan.trim(b, 0, b.count)
            if hi - lo <= 18 && ByteScan.allDigits(b, lo, hi) { return ByteScan.digitValue(b, lo, hi) }
            if isMissing(b, lo, hi) { return nil }
            return try wholeNumber(b, lo, hi, s, noun: "fen amount", multipliers: false)
        }
    }

    /// A whole number with an optional 万 / w / 亿 multiplier, for `count` and `fen`.
    static func wholeNumber(
        _ b: ByteScan.Bytes, _ lo: Int, _ hi: Int, _ original: String, noun: String, multipliers: Bool
    ) throws(FieldParseError) -> Int64 {
        var (lo, hi) = (lo, hi)
        var shift = 0
        if multipliers {
            if b[hi - 1] == UInt8(ascii: "+") {
                throw .value(original, "is a lower bound, not an exact \(noun)")
            }
            (shift, hi) = multiplierSuffix(b, lo, hi)
            if shift > 0 { (lo, hi) = ByteScan.trim(b, lo, hi) }
        }
        switch DecimalNumber.scan(b, lo, hi) {
        case .malformed:
            throw .value(original, "is not a \(noun)")
        case .overflow:
            throw .value(original, "is out of range for a \(noun)")
        case .number(let number, let exponent):
            if exponent {
                throw .value(original, "is in scientific notation, not a \(noun) (a spreadsheet may have rounded it)")
            }
            if shift == 0 && !number.isWhole { throw .value(original, "is not a whole \(noun)") }
            guard let value = number.roundedShifted(by: shift) else {
                throw .value(original, "is out of range for a \(noun)")
            }
            return value
        }
    }

    /// A trailing 万 or w/W (×10⁴) or 亿 (×10⁸): the power of ten and the end of the number before it.
    @inline(__always)
    static func multiplierSuffix(_ b: ByteScan.Bytes, _ lo: Int, _ hi: Int) -> (power: Int, end: Int) {
        var n = ByteScan.suffix("万", endingAt: hi, b, lo)
        if n > 0 { return (4, hi - n) }
        n = ByteScan.suffix("亿", endingAt: hi, b, lo)
        if n > 0 { return (8, hi - n) }
        n = ByteScan.suffix("w", endingAt: hi, b, lo)
        if n > 0 { return (4, hi - n) }
        return (0, hi)
    }
}
