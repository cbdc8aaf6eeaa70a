/// Estimated text widths for chart layout. SVG has no text measurement before rendering, so the
/// charts size labels with deliberately generous per-character widths (in em) close to Noto Sans
/// CJK / PingFang: CJK and full-width characters 1 em, Latin letters and digits about 0.55–0.7 em.
/// Overestimating keeps labels from colliding; truncation uses the same estimate.
enum TextMetrics {
    /// Ellipsis appended to truncated labels.
    static let ellipsis = "…"

    /// Estimated width of `text` at `size` px.
    static func width(_ text: String, size: Double) -> Double {
        var em = 0.0
        for ch in text { em += charWidth(ch) }
        return em * size
    }

    /// `text` shortened with a trailing `…` so that it fits in `maxWidth` px at `size` px; `text`
    /// itself when it fits. Returns just `…` when not even one character fits.
    static func truncate(_ text: String, maxWidth: Double, size: Double) -> String {
        if width(text, size: size) <= maxWidth { return text }
        let budget = maxWidth - charWidth("…") * size
        var used = 0.0
        var kept = ""
        for ch in text {
            let w = charWidth(ch) * size
            if used + w > budget { break }
            used += w
            kept.append(ch)
        }
        while let last = kept.last, last == " " { kept.removeLast() }
        return kept + ellipsis
    }

    /// Width of one character in em.
    static func charWidth(_ ch: Character) -> Double {
        guard let scalar = ch.unicodeScalars.first else { return 0 }
        let v = scalar.value
        if v < 0x80 {
            switch scalar {
            case " ": return 0.3
            case "i", "l", "j", "I", ".", ",", ":", ";", "!", "|", "'", "`": return 0.3
            case "f", "r", "t", "(", ")", "[", "]", "{", "}", "\"", "/", "\\", "-": return 0.4
            case "m", "w", "M", "W", "@", "%": return 0.9
            case "A"..."Z": return 0.7
            case "0"..."9": return 0.58
            default: return 0.58
            }
        }
        if isWide(v) { return 1.0 }
        return 0.65
    }

    /// East Asian wide and full-width ranges (CJK, kana, Hangul, full-width forms, emoji).
    static func isWide(_ v: UInt32) -> Bool {
        (0x1100...0x115F).contains(v) || (0x2010...0x2027).contains(v) || (0x2E80...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1FAFF).contains(v)
            || (0x20000...0x3FFFD).contains(v)
    }
}
