/// A Markdown report assembled block by block; blocks are separated by one blank line and the
/// text ends with a single newline, so every report has the same layout.
///
/// ```swift
/// var doc = MarkdownDocument()
/// doc.heading("KPI 记分卡 2024-03-01 至 2024-03-31", level: 1)
/// doc.bullets(warnings)                       // plain text, escaped
/// doc.table(kpiTable)
/// doc.image(alt: "抖音 播放量 日趋势", path: "charts/plays_daily.svg")
/// try AtomicFileWriter.write(doc.text, to: folder + "/kpi.md")
/// ```
public struct MarkdownDocument: Sendable, Equatable {
    /// The blocks so far, each without a trailing newline.
    public private(set) var blocks: [String] = []

    public init() {}

    /// A heading (`#` × level, 1…6) with `text` escaped.
    public mutating func heading(_ text: String, level: Int = 2) {
        blocks.append(Markdown.heading(text, level: level))
    }

    /// A paragraph of plain text (escaped; newlines become spaces).
    public mutating func paragraph(_ text: String) {
        blocks.append(Markdown.escapeBlock(text))
    }

    /// A paragraph of Markdown inserted as is (newlines become spaces).
    public mutating func paragraph(markdown: String) {
        blocks.append(Markdown.oneLine(markdown))
    }

    /// A bullet list of plain-text items (escaped). Nothing is added for an empty list.
    public mutating func bullets(_ items: [String]) {
        if !items.isEmpty { blocks.append(Markdown.bulletList(items)) }
    }

    /// A bullet list of Markdown items inserted as is. Nothing is added for an empty list.
    public mutating func bullets(markdown items: [String]) {
        if !items.isEmpty { blocks.append(Markdown.bulletList(markdown: items)) }
    }

    public mutating func table(_ table: MarkdownTable) {
        blocks.append(table.render())
    }

    /// An image on its own line, e.g. a chart: `![alt](charts/plays.svg)`.
    public mutating func image(alt: String, path: String) {
        blocks.append(Markdown.image(alt: alt, path: path))
    }

    /// The document: blocks joined by blank lines, ending with one newline (empty when no blocks).
    public var text: String {
        blocks.isEmpty ? "" : blocks.joined(separator: "\n\n") + "\n"
    }
}
