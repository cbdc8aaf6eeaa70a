extension FieldParsers {
    /// Parses an amount in yuan into integer fen: `"¥1,234.50"`, `"￥1234.5"`, `"1234.50元"`, `"RMB 12"`,
    /// `"1,234"`, `"-3.2"` and `"-¥3.20"` / `"¥-3.20"` (refunds), `"1.2万"` / `"1.2万元"` / `"1.2w"`
    /// (= 1 200 000 fen), `"0.3亿"`. Nil when missing.
    ///
    /// More than two decimals round half to even to the fen (`"0.125"` → 12, `"0.135"` → 14).
    /// Rejected: a bare symbol (`"¥"`), two signs, scientific notation, and amounts outside `Int64` fen.
    public static func moneyFen(_ s: String) throws(FieldParseError) -> Int64? {
        try ByteScan.withBytes(s) { (b) throws(FieldParseError) -> Int64? in
            var (lo, hi) = ByteScan.trim(b, 0, b.count)
            if hi - lo <= 16 && ByteScan.allDigits(b, lo, hi) { return ByteScan.digitValue(b, lo, hi) * 100 }
            if isMissing(b, lo, hi) { return nil }

            // A sign in front of the currency symbol: "-¥3.20".
            var negated = false
            if b[lo] == UInt8(ascii: "-") || b[lo] == UInt8(ascii: "+") {
                let (afterSign, _) = ByteScan.trim(b, lo + 1, hi)
                if afterSign < hi && currencyPrefix(b, afterSign, hi) > 0 {
                    negated = b[lo] == UInt8(ascii: "-")
                    lo = afterSign
                }
            }
            let symbol = currencyPrefix(b, lo, hi)
            if symbol > 0 {
                (lo, hi) = ByteScan.trim(b, lo + symbol, hi)
                if negated, lo < hi, b[lo] == UInt8(ascii: "-") || b[lo] == UInt8(ascii: "+") {
                    throw .value(s, "is not an amount of money")
                }
            }
            let yuan = ByteScan.suffix("元", endingAt: hi, b, lo)
            if yuan > 0 { (lo, hi) = ByteScan.trim(b, lo, hi - yuan) }
            var shift = 2
            if lo < hi {
                let (power, end) = multiplierSuffix(b, lo, hi)
                if power > 0 {
                    shift += power
                    (lo, hi) = ByteScan.trim(b, lo, end)
                }
            }

            switch DecimalNumber.scan(b, lo, hi) {
            case .malformed:
                throw .value(s, "is not an amount of money")
            case .overflow:
                throw .value(s, "is out of range for an amount of money")
            case .number(var number, let exponent):
                if exponent {
                    throw .value(s, "is in scientific notation, not an amount of money (a spreadsheet may have rounded it)")
                }
                if negated { number.mantissa = -number.mantissa }  // cannot overflow: the scanned value had no sign
                guard let fen = number.roundedShifted(by: shift) else {
                    throw .value(s, "is out of range for an amount of money")
                }
                return fen
            }
        }
    }

    /// The length of a leading currency marker (`¥`, `￥`, `RMB`, `CNY`), or 0.
    @inline(__always)
    static func currencyPrefix(_ b: ByteScan.Bytes, _ lo: Int, _ hi: Int) -> Int {
        var n = ByteScan.prefix("¥", at: lo, b, hi)
        if n == 0 { n = ByteScan.prefix("￥", at: lo, b, hi) }
        if n == 0 { n = ByteScan.prefix("RMB", at: lo, b, hi) }
        if n == 0 { n = ByteScan.prefix("CNY", at: lo, b, hi) }
        return n
    }
}
