/// A GitHub-flavoured Markdown table.
///
/// ```swift
/// var table = MarkdownTable(header: ["平台", "播放量", "完播率"], alignments: [.left, .right, .right])
/// table.append(["抖音", f.count(123_456), f.percent(0.285)])          // cells escaped
/// table.append(markdown: [Markdown.link("详情", to: "kpi.md"), "", ""]) // cells as is
/// let text = table.render()
/// ```
///
/// Cells appended with `append(_:)` are escaped with `Markdown.escape` (a `|` or newline in a
/// title can't break the table). A row shorter than the header is padded with empty cells; a
/// longer row widens the table (the header gets empty cells), so no data is silently dropped.
public struct MarkdownTable: Sendable, Equatable {
    public enum Alignment: Sendable, Equatable {
        case left, center, right
    }

    public var header: [String]
    /// One per column; missing entries mean `.left`.
    public var alignments: [Alignment]
    /// Rows of cells, already Markdown (escaped).
    public private(set) var rows: [[String]] = []

    /// `header` cells are plain text and are escaped when rendered.
    public init(header: [String], alignments: [Alignment] = []) {
        self.header = header
        self.alignments = alignments
    }

    /// Adds a row of plain-text cells (escaped).
    public mutating func append(_ cells: [String]) {
        rows.append(cells.map(Markdown.escape))
    }

    /// Adds a row of cells that are already Markdown (newlines still become spaces).
    public mutating func append(markdown cells: [String]) {
        rows.append(cells.map(Markdown.oneLine))
    }

    /// The table, one line per row, without a trailing newline.
    public func render() -> String {
        let width = max(header.count, rows.map(\.count).max() ?? 0, 1)
        func line(_ cells: [String]) -> String {
            let padded = cells + Array(repeating: "", count: width - cells.count)
            return "| " + padded.joined(separator: " | ") + " |"
        }
        let rule = (0..<width).map { i -> String in
            switch i < alignments.count ? alignments[i] : .left {
            case .left: return ":---"
            case .center: return ":---:"
            case .right: return "---:"
            }
        }
        var lines = [line(header.map(Markdown.escape)), "|" + rule.joined(separator: "|") + "|"]
        lines += rows.map(line)
        return lines.joined(separator: "\n")
    }
}
