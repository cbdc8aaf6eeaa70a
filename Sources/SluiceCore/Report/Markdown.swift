/// Markdown building blocks for the human-readable reports (GitHub-flavoured Markdown).
///
/// The rule throughout the Markdown API: an unlabelled `String` argument is plain text from data
/// or labels and is escaped; an argument labelled `markdown:` is inserted as is (build it with
/// these helpers, e.g. `Markdown.link` or `Markdown.bold`).
public enum Markdown {
    /// Plain text made safe inside a Markdown table cell, paragraph, list item or heading:
    ///
    /// - newlines (LF, CR, CRLF, U+2028, U+2029) become one space each, so data never breaks a
    ///   table row or a list item;
    /// - `|` becomes `\|`, so a title can't split a table cell;
    /// - the characters that would start emphasis, code, links or HTML (`*` `_` `` ` `` `[` `]`
    ///   `<` `~`) get a backslash;
    /// - a backslash gets a second backslash only where it would otherwise escape something
    ///   (before ASCII punctuation, or at the end of the text).
    ///
    /// `&` is left alone (`&amp;` in a title renders as `&`). Numbers such as `-12.3%` are unchanged.
    /// The block helpers (`heading`, `bulletList`, `MarkdownDocument.paragraph`) additionally keep
    /// text from opening a block (see `escapeBlock`).
    public static func escape(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            switch c {
            case "\r":
                out.append(" ")
                if i + 1 < scalars.count, scalars[i + 1] == "\n" { i += 1 }
            case "\n", "\u{2028}", "\u{2029}":
                out.append(" ")
            case "\\":
                out.append("\\")
                if i + 1 == scalars.count || isASCIIPunctuation(scalars[i + 1]) { out.append("\\") }
            case "|", "*", "_", "`", "[", "]", "<", "~":
                out.append("\\")
                out.append(c)
            default:
                out.append(c)
            }
            i += 1
        }
        return String(out)
    }

    /// `escape(text)` for text that starts a block (paragraph, list item, heading): leading spaces
    /// and tabs are dropped (four would make a code block), and a start that would open a block
    /// gets a backslash: `#`, `>`, `-` or `+` followed by a space or another `-`/`+`, and `1.` or
    /// `1)` followed by a space (`1.2万` and `-12.3%` are left alone).
    public static func escapeBlock(_ text: String) -> String {
        let escaped = Array(escape(text).unicodeScalars.drop { $0 == " " || $0 == "\t" })
        guard let first = escaped.first else { return "" }
        func isBreak(_ k: Int) -> Bool { k >= escaped.count || escaped[k] == " " || escaped[k] == "\t" }
        var insertAt: Int?
        switch first {
        case "#", ">":
            insertAt = 0
        case "-", "+":
            if isBreak(1) || escaped[1] == "-" || escaped[1] == "+" { insertAt = 0 }
        case "0"..."9":
            var j = 0
            while j < escaped.count, ("0"..."9").contains(escaped[j]) { j += 1 }
            if j < escaped.count, j <= 9, escaped[j] == "." || escaped[j] == ")", isBreak(j + 1) { insertAt = j }
        default:
            break
        }
        var out = String.UnicodeScalarView(escaped)
        if let k = insertAt { out.insert("\\", at: out.index(out.startIndex, offsetBy: k)) }
        return String(out)
    }

    /// `**text**` with `text` escaped.
    public static func bold(_ text: String) -> String { "**" + escape(text) + "**" }

    /// `[text](path)` with `text` escaped and `path` made safe as a link destination.
    public static func link(_ text: String, to path: String) -> String {
        "[" + escape(text) + "](" + destination(path) + ")"
    }

    /// `![alt](path)`: an image, typically a chart SVG next to the report (`charts/plays.svg`).
    public static func image(alt: String, path: String) -> String {
        "![" + escape(alt) + "](" + destination(path) + ")"
    }

    /// `## text` (level clamped to 1…6), text escaped with `escapeBlock`.
    public static func heading(_ text: String, level: Int = 2) -> String {
        var body = escapeBlock(text)
        // A trailing `#` would be read as the heading's closing sequence.
        if body.hasSuffix("#") && !body.hasSuffix("\\#") { body = String(body.dropLast()) + "\\#" }
        return String(repeating: "#", count: max(1, min(level, 6))) + " " + body
    }

    /// `- item` lines, each item escaped with `escapeBlock`.
    public static func bulletList(_ items: [String]) -> String {
        bulletList(markdown: items.map(escapeBlock))
    }

    /// `- item` lines, items inserted as is (newlines inside an item become spaces).
    public static func bulletList(markdown items: [String]) -> String {
        items.map { "- " + oneLine($0) }.joined(separator: "\n")
    }

    /// A link destination: spaces, parentheses, angle brackets and control characters
    /// percent-encoded; everything else (including CJK) kept.
    static func destination(_ path: String) -> String {
        var out = ""
        for scalar in path.unicodeScalars {
            switch scalar {
            case " ", "(", ")", "<", ">", "\\", "\"":
                out += percentEncoded(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { out += percentEncoded(scalar) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// Newlines replaced by spaces, nothing else changed.
    static func oneLine(_ markdown: String) -> String {
        var out = String.UnicodeScalarView()
        var previousCR = false
        for scalar in markdown.unicodeScalars {
            if scalar == "\n" && previousCR { previousCR = false; continue }
            previousCR = scalar == "\r"
            if scalar == "\r" || scalar == "\n" || scalar == "\u{2028}" || scalar == "\u{2029}" {
                out.append(" ")
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    private static func isASCIIPunctuation(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        return (0x21...0x2F).contains(v) || (0x3A...0x40).contains(v) || (0x5B...0x60).contains(v)
            || (0x7B...0x7E).contains(v)
    }

    private static func percentEncoded(_ scalar: Unicode.Scalar) -> String {
        let hex = Array("0123456789ABCDEF")
        return Array(String(scalar).utf8).map { "%" + String(hex[Int($0 >> 4)]) + String(hex[Int($0 & 15)]) }.joined()
    }
}
