import Foundation

/// Locale-independent decimal text: the building blocks behind `CSVCell`, `NumberFormat` and the
/// chart labels. Always `.` as the decimal separator, never exponent notation, and `-0` printed as
/// `0`, so the same value prints the same bytes on every machine.
enum DecimalText {
    /// `x` with exactly `places` decimals (0…17), correctly rounded from the binary value; nil
    /// when `x` is NaN or infinite.
    static func fixed(_ x: Double, places: Int) -> String? {
        guard x.isFinite else { return nil }
        let p = max(0, min(places, 17))
        let text = String(format: "%.\(p)f", x)
        return unsignedZero(text)
    }

    /// `x` with at most `digits` significant digits (1…17) in plain decimal notation, trailing zeros
    /// trimmed: `0.2850000` → `"0.285"`, `1/3` → `"0.333333"` (6 digits), `1e-7` → `"0.0000001"`.
    static func significant(_ x: Double, digits: Int) -> String? {
        guard x.isFinite else { return nil }
        if x == 0 { return "0" }
        let d = max(1, min(digits, 17))
        // "%.Ne" gives correctly rounded significant digits and the exponent, e.g. "-2.85000e-01".
        let scientific = String(format: "%.\(d - 1)e", x)
        var body = Substring(scientific)
        let negative = body.first == "-"
        if negative { body = body.dropFirst() }
        guard let e = body.firstIndex(where: { $0 == "e" || $0 == "E" }),
              let exponent = Int(body[body.index(after: e)...])
        else { return nil }
        let digitsText = Array(body[..<e].filter { $0 != "." })
        let integerDigits = exponent + 1
        var text: String
        if integerDigits <= 0 {
            text = "0." + String(repeating: "0", count: -integerDigits) + String(digitsText)
        } else if integerDigits >= digitsText.count {
            text = String(digitsText) + String(repeating: "0", count: integerDigits - digitsText.count)
        } else {
            text = String(digitsText[..<integerDigits]) + "." + String(digitsText[integerDigits...])
        }
        text = trimmingZeros(text)
        return negative && text != "0" ? "-" + text : text
    }

    /// Removes trailing zeros after a decimal point, and the point itself when nothing follows it.
    static func trimmingZeros(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var t = Substring(text)
        while t.last == "0" { t = t.dropLast() }
        if t.last == "." { t = t.dropLast() }
        return String(t)
    }

    /// Inserts `,` between groups of three digits of the integer part: `"-1234567.5"` →
    /// `"-1,234,567.5"`.
    static func grouped(_ text: String) -> String {
        var sign = ""
        var body = Substring(text)
        if body.first == "-" || body.first == "+" { sign = String(body.removeFirst()) }
        let point = body.firstIndex(of: ".") ?? body.endIndex
        let integer = Array(body[..<point])
        var out = ""
        for (i, ch) in integer.enumerated() {
            if i > 0, (integer.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return sign + out + body[point...]
    }

    /// Yuan with exactly two decimals from integer fen, without floating point: `-1234` → `"-12.34"`.
    static func yuan(fen: Int64) -> String {
        let magnitude = fen.magnitude
        let cents = magnitude % 100
        return (fen < 0 ? "-" : "") + String(magnitude / 100) + "." + (cents < 10 ? "0" : "") + String(cents)
    }

    /// `magnitude / divisor` rounded half up, for compact counts (exact integer arithmetic).
    static func roundedQuotient(_ magnitude: UInt64, _ divisor: UInt64) -> UInt64 {
        let q = magnitude / divisor, r = magnitude % divisor
        return r >= divisor - r ? q + 1 : q
    }

    /// Tenths as text: `123` → `"12.3"`.
    static func tenths(_ value: UInt64) -> String { String(value / 10) + "." + String(value % 10) }

    /// `"-0.00"` → `"0.00"`: a value that rounds to zero carries no sign.
    static func unsignedZero(_ text: String) -> String {
        if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) {
            return String(text.dropFirst())
        }
        return text
    }

    /// Adds `+` in front of a positive value's text (negative text already carries `-`; zero none).
    static func signed(_ text: String) -> String {
        if text.hasPrefix("-") { return text }
        if text.allSatisfy({ $0 == "0" || $0 == "." || $0 == "," }) { return text }
        return "+" + text
    }
}
