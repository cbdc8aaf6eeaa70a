/// Value formatting shared by the export writers. Everything is integer arithmetic so the text is
/// identical on every machine.
enum Fmt {
    /// A CSV field, quoted when it holds a comma, quote or line break.
    static func csv(_ s: String) -> String {
        var needs = false
        for b in s.utf8 where b == 44 || b == 34 || b == 10 || b == 13 { needs = true; break }
        guard needs else { return s }
        var out = "\""
        for ch in s { out += ch == "\"" ? "\"\"" : String(ch) }
        return out + "\""
    }

    /// One CSV line (without its line ending).
    static func csvLine(_ fields: [String]) -> String { fields.map(csv).joined(separator: ",") }

    /// `1234.50`, or `1,234.50` with grouping.
    static func yuan(_ fen: Int, grouping: Bool = false) -> String {
        let negative = fen < 0
        let f = abs(fen)
        let whole = grouping ? grouped(f / 100) : String(f / 100)
        return (negative ? "-" : "") + whole + "." + Cal.pad2(f % 100)
    }

    /// What a spreadsheet writes back for a money cell: `129`, `12.5`, `1234.56`.
    static func yuanSpreadsheet(_ fen: Int) -> String {
        let whole = String(fen / 100)
        let cents = fen % 100
        if cents == 0 { return whole }
        if cents % 10 == 0 { return whole + "." + String(cents / 10) }
        return whole + "." + Cal.pad2(cents)
    }

    /// `1,234,567`
    static func grouped(_ v: Int) -> String {
        let s = String(v)
        var out = ""
        for (i, ch) in s.enumerated() {
            if i > 0 && (s.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return out
    }

    /// `num / den` as a percentage with `decimals` places, rounded half up: `28.5%`.
    static func pct(_ num: Int, _ den: Int, decimals: Int = 1) -> String {
        guard den > 0 else { return decimals == 1 ? "0.0%" : "0.00%" }
        let scale = decimals == 1 ? 1000 : 10000
        let v = (num * scale * 2 + den) / (den * 2)
        let div = decimals == 1 ? 10 : 100
        let frac = v % div
        return "\(v / div)." + (decimals == 1 ? String(frac) : Cal.pad2(frac)) + "%"
    }

    /// `num / den` rounded half up to two decimals, e.g. a CPM in yuan: `23.18`.
    static func ratio2(_ num: Int, _ den: Int) -> String {
        guard den > 0 else { return "0.00" }
        let v = (num * 200 + den) / (den * 2)
        return "\(v / 100)." + Cal.pad2(v % 100)
    }

    /// `1.2万` (rounded half up to 0.1万, i.e. to 1,000).
    static func wan(_ v: Int) -> String {
        let tenths = (v + 500) / 1000
        return "\(tenths / 10).\(tenths % 10)万"
    }

    /// `12s`
    static func seconds(_ s: Int) -> String { "\(s)s" }

    /// `00:00:12`
    static func hms(_ s: Int) -> String { "\(Cal.pad2(s / 3600)):\(Cal.pad2(s / 60 % 60)):\(Cal.pad2(s % 60))" }

    /// `01:05` (minutes:seconds)
    static func ms(_ s: Int) -> String { "\(Cal.pad2(s / 60)):\(Cal.pad2(s % 60))" }

    /// A JSON string literal.
    static func json(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let h = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A fixed-width decimal: `u000123`.
    static func padded(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
