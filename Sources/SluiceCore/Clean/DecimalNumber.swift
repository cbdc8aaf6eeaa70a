/// An exact decimal: `value = mantissa × 10^(-scale)`. Used for rates, money and 万/亿 counts, so that
/// no money or count ever passes through binary floating point.
///
/// Parsed values are normalised: no trailing fractional zeros, zero has scale 0, and the scale is
/// never negative (`"3.50"` is mantissa 35, scale 1; `"1.2e3"` is 1200, scale 0). Equality compares
/// values, so `DecimalNumber(mantissa: 350, scale: 2) == DecimalNumber(mantissa: 35, scale: 1)`.
public struct DecimalNumber: Equatable, Sendable, CustomStringConvertible {
    public var mantissa: Int64
    /// Digits after the decimal point; may be negative for a value built by hand (`12, -2` is 1200).
    public var scale: Int

    public init(mantissa: Int64, scale: Int = 0) {
        self.mantissa = mantissa
        self.scale = scale
    }

    /// Parses a plain decimal: an optional sign, digits, an optional fraction and an optional exponent:
    /// `"12"`, `"-3.50"`, `"+0.5"`, `".5"`, `"1,234.5"`, `"1.2e3"`, `"5E-2"`.
    ///
    /// Thousands separators must be well formed (a first group of 1–3 digits, then groups of exactly 3,
    /// before any point), so `"1,2,3"` and `"12,34"` are rejected. A point must be followed by a digit
    /// (`"5."` is rejected). No surrounding whitespace, currency or unit is accepted. Returns nil when
    /// the text is not such a decimal or the mantissa does not fit in `Int64`.
    public init?(_ text: Substring) {
        var text = text
        let scanned = text.withUTF8 { DecimalNumber.scan($0, 0, $0.count) }
        guard case .number(let number, _) = scanned else { return nil }
        self = number
    }

    /// See `init?(_: Substring)`.
    public init?(_ text: String) {
        self.init(text[...])
    }

    /// Rounds `self × factor` to an integer, half to even. Returns nil when the result does not fit in `Int64`.
    public func multipliedRounded(by factor: Int64) -> Int64? {
        let negative = (mantissa < 0) != (factor < 0)
        let product = mantissa.magnitude.multipliedFullWidth(by: factor.magnitude)
        var magnitude: UInt64
        if scale >= 0 {
            guard let q = DecimalNumber.roundHalfEven(high: product.high, low: product.low, dividingByPowerOf10: scale)
            else { return nil }
            magnitude = q
        } else {
            guard product.high == 0 else { return nil }
            magnitude = product.low
            if magnitude != 0 {
                guard scale >= -19 else { return nil }
                for _ in 0 ..< -scale {
                    let (r, overflow) = magnitude.multipliedReportingOverflow(by: 10)
                    if overflow { return nil }
                    magnitude = r
                }
            }
        }
        return DecimalNumber.signed(magnitude, negative: negative)
    }

    /// Rounds `self × 10^k` to an integer, half to even (`k` may be 0 or negative). Nil on overflow.
    public func roundedShifted(by k: Int) -> Int64? {
        let (newScale, overflow) = scale.subtractingReportingOverflow(k)
        if overflow { return mantissa == 0 ? 0 : nil }
        return DecimalNumber(mantissa: mantissa, scale: newScale).multipliedRounded(by: 1)
    }

    /// The same value without trailing fractional zeros (zero gets scale 0).
    public var normalized: DecimalNumber {
        var copy = self
        if copy.mantissa == 0 {
            copy.scale = 0
            return copy
        }
        while copy.scale > 0, copy.mantissa % 10 == 0 {
            copy.mantissa /= 10
            copy.scale -= 1
        }
        return copy
    }

    /// True when the value has no fractional part.
    public var isWhole: Bool {
        let n = normalized
        return n.scale <= 0
    }

    public static func == (a: DecimalNumber, b: DecimalNumber) -> Bool {
        if a.scale == b.scale { return a.mantissa == b.mantissa }
        let (small, large) = a.scale < b.scale ? (a, b) : (b, a)
        // small.mantissa × 10^(large.scale − small.scale) must equal large.mantissa.
        var m = small.mantissa
        let (difference, overflow) = large.scale.subtractingReportingOverflow(small.scale)
        if overflow || difference > 19 { return m == 0 && large.mantissa == 0 }
        for _ in 0 ..< difference where m != 0 {
            let (r, o) = m.multipliedReportingOverflow(by: 10)
            if o { return false }
            m = r
        }
        return m == large.mantissa
    }

    /// Compares the value with an integer: -1 when smaller, 0 when equal, 1 when greater.
    func compare(toInteger n: Int64) -> Int {
        if scale <= 0 {
            // value = mantissa × 10^(-scale)
            var v = mantissa
            if v != 0 && scale < 0 {
                if scale < -19 { return v < 0 ? -1 : 1 }
                for _ in 0 ..< -scale {
                    let (r, o) = v.multipliedReportingOverflow(by: 10)
                    if o { return mantissa < 0 ? -1 : 1 }  // |value| exceeds every Int64
                    v = r
                }
            }
            return v < n ? -1 : (v == n ? 0 : 1)
        }
        // value < n ⟺ mantissa < n × 10^scale
        var scaled = n
        if n != 0 {
            if scale > 19 { return n > 0 ? -1 : 1 }
            for _ in 0 ..< scale {
                let (r, o) = scaled.multipliedReportingOverflow(by: 10)
                if o { return n > 0 ? -1 : 1 }  // |n × 10^scale| exceeds every mantissa
                scaled = r
            }
        }
        return mantissa < scaled ? -1 : (mantissa == scaled ? 0 : 1)
    }

    /// The integer part, truncated towards zero.
    var integerPart: Int64? {
        if scale <= 0 { return roundedShifted(by: 0) }
        if scale > 18 { return 0 }
        var divisor: Int64 = 1
        for _ in 0 ..< scale { divisor *= 10 }
        return mantissa / divisor
    }

    /// Plain decimal notation, e.g. `-0.285`, `1200`.
    public var description: String {
        let digits = String(mantissa.magnitude)
        let sign = mantissa < 0 ? "-" : ""
        if scale <= 0 { return sign + digits + (mantissa == 0 ? "" : String(repeating: "0", count: min(-scale, 400))) }
        if digits.count > scale {
            let cut = digits.index(digits.endIndex, offsetBy: -scale)
            return sign + digits[..<cut] + "." + digits[cut...]
        }
        return sign + "0." + String(repeating: "0", count: scale - digits.count) + digits
    }

    // MARK: Parsing core

    /// The outcome of scanning a decimal, distinguishing a malformed value from one too large to hold.
    enum Scan {
        case number(DecimalNumber, exponent: Bool)
        case malformed
        case overflow
    }

    /// Scans `b[lo..<hi]` as a whole decimal (see `init?(_:)` for the grammar). The result is normalised.
    static func scan(_ b: ByteScan.Bytes, _ lo: Int, _ hi: Int) -> Scan {
        var i = lo
        guard i < hi else { return .malformed }
        var negative = false
        if b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") {
            negative = b[i] == UInt8(ascii: "-")
            i += 1
        }
        var magnitude: UInt64 = 0
        var overflow = false
        var digitCount = 0

        // Integer part, with optional well-formed thousands separators.
        var groupLength = 0
        var grouped = false
        while i < hi {
            let c = b[i]
            if ByteScan.isDigit(c) {
                overflow = !accumulate(&magnitude, c) || overflow
                digitCount += 1
                groupLength += 1
            } else if c == UInt8(ascii: ",") {
                if grouped {
                    guard groupLength == 3 else { return .malformed }
                } else {
                    guard (1...3).contains(groupLength) else { return .malformed }
                    grouped = true
                }
                groupLength = 0
            } else {
                break
            }
            i += 1
        }
        if grouped && groupLength != 3 { return .malformed }

        // Fraction; trailing zeros are dropped as they are read, so they cannot overflow the mantissa.
        var scale = 0
        if i < hi && b[i] == UInt8(ascii: ".") {
            i += 1
            let fractionStart = i
            var pendingZeros = 0
            while i < hi, ByteScan.isDigit(b[i]) {
                if b[i] == UInt8(ascii: "0") {
                    pendingZeros += 1
                } else {
                    for _ in 0 ..< pendingZeros { overflow = !accumulate(&magnitude, UInt8(ascii: "0")) || overflow }
                    overflow = !accumulate(&magnitude, b[i]) || overflow
                    scale += pendingZeros + 1
                    pendingZeros = 0
                }
                i += 1
            }
            guard i > fractionStart else { return .malformed }
            digitCount += i - fractionStart
        }
        guard digitCount > 0 else { return .malformed }

        // Exponent.
        var hasExponent = false
        if i < hi && (b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E")) {
            hasExponent = true
            i += 1
            var exponentNegative = false
            if i < hi && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) {
                exponentNegative = b[i] == UInt8(ascii: "-")
                i += 1
            }
            let exponentStart = i
            var exponent = 0
            while i < hi, ByteScan.isDigit(b[i]) {
                if exponent < 100_000 { exponent = exponent * 10 + Int(b[i] &- 0x30) }
                i += 1
            }
            guard i > exponentStart else { return .malformed }
            if exponentNegative {
                scale += exponent
            } else {
                let fromScale = min(exponent, scale)
                scale -= fromScale
                var rest = exponent - fromScale
                while rest > 0 && magnitude != 0 && !overflow {
                    overflow = !accumulate(&magnitude, UInt8(ascii: "0"))
                    rest -= 1
                }
            }
        }
        guard i == hi else { return .malformed }
        if overflow { return .overflow }
        guard let mantissa = signed(magnitude, negative: negative) else { return .overflow }
        return .number(DecimalNumber(mantissa: mantissa, scale: scale).normalized, exponent: hasExponent)
    }

    /// `m = m × 10 + digit`; false (m unchanged) on overflow.
    @inline(__always)
    private static func accumulate(_ m: inout UInt64, _ digit: UInt8) -> Bool {
        let (shifted, o1) = m.multipliedReportingOverflow(by: 10)
        let (sum, o2) = shifted.addingReportingOverflow(UInt64(digit &- 0x30))
        if o1 || o2 { return false }
        m = sum
        return true
    }

    /// A magnitude with a sign as `Int64`, or nil when out of range.
    @inline(__always)
    static func signed(_ magnitude: UInt64, negative: Bool) -> Int64? {
        if negative {
            guard magnitude <= UInt64(1) << 63 else { return nil }
            return Int64(bitPattern: 0 &- magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    /// `(high, low) / 10^s` rounded half to even, for `s ≥ 0`; nil when the result needs more than 64 bits.
    static func roundHalfEven(high: UInt64, low: UInt64, dividingByPowerOf10 s: Int) -> UInt64? {
        if s == 0 { return high == 0 ? low : nil }
        var high = high, low = low, remaining = s
        var sticky = false  // a non-zero remainder was dropped by an earlier division
        while remaining > 19 {
            if high == 0 && low == 0 { return 0 }
            let d: UInt64 = 10_000_000_000_000_000_000
            let (qh, rh) = high.quotientAndRemainder(dividingBy: d)
            let (ql, r) = d.dividingFullWidth((rh, low))
            high = qh
            low = ql
            sticky = sticky || r != 0
            remaining -= 19
        }
        var d: UInt64 = 1
        for _ in 0 ..< remaining { d &*= 10 }
        let (qh, rh) = high.quotientAndRemainder(dividingBy: d)
        guard qh == 0 else { return nil }
        let (q, r) = d.dividingFullWidth((rh, low))
        let half = d / 2  // exact: d is a positive power of 10
        if r > half || (r == half && (sticky || q & 1 == 1)) {
            return q == UInt64.max ? nil : q + 1
        }
        return q
    }
}
