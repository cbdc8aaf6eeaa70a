/// A chart that renders to a self-contained SVG document: no scripts, no external fonts or
/// images, a generic CJK font stack, and deterministic output (the same input gives the same
/// bytes: fixed number formatting, no random ids, no timestamps). All text is XML-escaped and long
/// labels are truncated with `…` to fit.
///
/// Kinds: `LineChart` (daily trends), `BarChart` (KPI vs target), `FunnelChart`,
/// `HeatmapChart` (cohort retention). Look at the output with `scripts/render-charts.sh DIR`.
public protocol SVGChart: Sendable {
    /// The complete SVG document (UTF-8 text, ending with a newline).
    func svg() -> String
}

extension SVGChart {
    /// Writes `svg()` to `path` atomically (see `AtomicFileWriter`).
    public func write(to path: String) throws {
        try AtomicFileWriter.write(svg(), to: path)
    }
}

/// Pieces every chart draws the same way: title block, legend, "no data" note.
enum ChartFrame {
    static let margin = 16.0

    /// Draws the title (bold) and optional subtitle at the top; returns the y below them.
    static func header(_ canvas: inout SVGCanvas, title: String, subtitle: String?) -> Double {
        let maxWidth = canvas.width - 2 * margin
        var y = margin + ChartStyle.titleSize
        canvas.text(title, x: margin, y: y, size: ChartStyle.titleSize, bold: true, maxWidth: maxWidth)
        if let subtitle, !subtitle.isEmpty {
            y += 6 + ChartStyle.subtitleSize
            canvas.text(subtitle, x: margin, y: y, size: ChartStyle.subtitleSize, fill: ChartStyle.muted, maxWidth: maxWidth)
        }
        return y + 10
    }

    /// The height `header` takes, for charts that size themselves before drawing.
    static func headerHeight(subtitle: String?) -> Double {
        var y = margin + ChartStyle.titleSize
        if let subtitle, !subtitle.isEmpty { y += 6 + ChartStyle.subtitleSize }
        return y + 10
    }

    /// A legend entry's symbol.
    enum Symbol {
        case swatch(String)
        case line(String, dash: String?)
        case marker
        case pattern(String)
    }

    struct LegendItem {
        var label: String
        var symbol: Symbol
    }

    static let legendSize = ChartStyle.smallSize
    static let legendRow = 20.0
    static let legendLabelMax = 180.0

    /// The height the legend takes when laid out in rows across `width` (0 for no items).
    static func legendHeight(_ items: [LegendItem], width: Double) -> Double {
        Double(legendRows(items, width: width).count) * legendRow
    }

    /// Draws the legend in rows from (`x`, `top`), wrapping at `width`; returns the y below it.
    static func legend(_ canvas: inout SVGCanvas, _ items: [LegendItem], x: Double, top: Double, width: Double) -> Double {
        let rows = legendRows(items, width: width)
        for (r, row) in rows.enumerated() {
            let centre = top + Double(r) * legendRow + legendRow / 2
            var cx = x
            for item in row {
                switch item.symbol {
                case .swatch(let colour):
                    canvas.rect(x: cx, y: centre - 5, width: 10, height: 10, fill: colour, rx: 2)
                case .line(let colour, let dash):
                    canvas.line(x1: cx - 2, y1: centre, x2: cx + 12, y2: centre, stroke: colour, width: 2.5, dash: dash)
                case .marker:
                    canvas.line(x1: cx + 5, y1: centre - 7, x2: cx + 5, y2: centre + 7, stroke: ChartStyle.targetMarker, width: 2)
                case .pattern(let id):
                    canvas.rect(x: cx, y: centre - 5, width: 10, height: 10, fill: "url(#\(id))", stroke: ChartStyle.axis, strokeWidth: 0.5)
                }
                cx += 16
                let label = TextMetrics.truncate(item.label, maxWidth: legendLabelMax, size: legendSize)
                canvas.text(item.label, x: cx, y: SVGCanvas.baseline(centredOn: centre, size: legendSize),
                            size: legendSize, fill: ChartStyle.muted, maxWidth: legendLabelMax)
                cx += TextMetrics.width(label, size: legendSize) + 18
            }
        }
        return top + Double(rows.count) * legendRow
    }

    private static func legendRows(_ items: [LegendItem], width: Double) -> [[LegendItem]] {
        var rows: [[LegendItem]] = []
        var current: [LegendItem] = []
        var used = 0.0
        for item in items {
            let label = TextMetrics.truncate(item.label, maxWidth: legendLabelMax, size: legendSize)
            let w = 16 + TextMetrics.width(label, size: legendSize) + 18
            if !current.isEmpty, used + w > width {
                rows.append(current)
                current = []
                used = 0
            }
            current.append(item)
            used += w
        }
        if !current.isEmpty { rows.append(current) }
        return rows
    }

    /// "无数据" / "no data", centred in a plot area.
    static func noData(_ canvas: inout SVGCanvas, _ locale: ReportLocale, centreX: Double, centreY: Double) {
        canvas.text(locale == .zh ? "无数据" : "no data", x: centreX,
                    y: SVGCanvas.baseline(centredOn: centreY, size: ChartStyle.labelSize),
                    anchor: .middle, fill: ChartStyle.muted)
    }
}
