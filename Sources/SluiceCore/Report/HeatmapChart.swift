/// A heatmap of values by row and column, for cohort retention: one row per cohort (with its size),
/// one column per period since acquisition, each cell coloured on a light-to-dark blue scale with
/// its value printed. A period that has not ended yet is `.inProgress`: hatched grey and labelled
/// "进行中" / "partial" instead of showing a misleadingly low value; `.empty` cells (periods that
/// have not started for a young cohort) are left blank.
///
/// ```swift
/// let chart = HeatmapChart(
///     title: "周留存（按首购周）", columns: ["第0周", "第1周", "第2周"],
///     rows: [.init(label: "2024-03-04", size: 1_234, cells: [.value(1), .value(0.32), .inProgress])],
///     valueStyle: .percent, locale: .zh)
/// ```
///
/// The colour scale runs from 0 to `scaleMax` (default: the largest value outside the first column,
/// since period 0 is 100% by definition; pass 1 for a fixed 0–100% scale); larger values get the
/// darkest colour. The legend shows five steps of the scale (the top one as "≥ x") and the
/// in-progress pattern. The width grows
/// with the number of columns unless given; the height with the number of rows.
public struct HeatmapChart: SVGChart {
    public enum Cell: Sendable, Equatable {
        case value(Double)
        case inProgress
        case empty
    }

    public struct Row: Sendable, Equatable {
        public var label: String
        /// Cohort size, printed in its own column when any row has one.
        public var size: Int64?
        public var cells: [Cell]

        public init(label: String, size: Int64? = nil, cells: [Cell]) {
            self.label = label
            self.size = size
            self.cells = cells
        }
    }

    public var title: String
    public var subtitle: String?
    public var columns: [String]
    public var rows: [Row]
    public var valueStyle: ChartValueStyle
    public var scaleMax: Double?
    /// Header of the size column; default "人数" / "size".
    public var sizeHeader: String?
    public var locale: ReportLocale
    /// Nil: computed from the number of columns.
    public var width: Double?

    public init(
        title: String, subtitle: String? = nil, columns: [String], rows: [Row], valueStyle: ChartValueStyle = .percent,
        scaleMax: Double? = nil, sizeHeader: String? = nil, locale: ReportLocale = .zh, width: Double? = nil
    ) {
        self.title = title
        self.subtitle = subtitle
        self.columns = columns
        self.rows = rows
        self.valueStyle = valueStyle
        self.scaleMax = scaleMax
        self.sizeHeader = sizeHeader
        self.locale = locale
        self.width = width
    }

    static let hatchID = "sluice-hatch"
    static let rowHeight = 28.0
    /// Light-to-dark blue (ColorBrewer Blues).
    static let scale: [(Int, Int, Int)] = [(0xee, 0xf4, 0xfa), (0xc6, 0xdb, 0xef), (0x9e, 0xca, 0xe1), (0x42, 0x92, 0xc6), (0x08, 0x51, 0x9c)]

    /// The colour at `t` ∈ 0…1 along `scale`.
    static func colour(_ t: Double) -> String {
        let clamped = t.isFinite ? max(0, min(1, t)) : 0
        let position = clamped * Double(scale.count - 1)
        let i = min(scale.count - 2, Int(position))
        let f = position - Double(i)
        let a = scale[i], b = scale[i + 1]
        func mix(_ x: Int, _ y: Int) -> Int { Int((Double(x) + Double(y - x) * f).rounded()) }
        return hex(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
    }

    private static func hex(_ r: Int, _ g: Int, _ b: Int) -> String {
        let digits: [Character] = Array("0123456789abcdef")
        var out = "#"
        for component in [r, g, b] {
            let v = max(0, min(255, component))
            out.append(digits[v >> 4])
            out.append(digits[v & 15])
        }
        return out
    }

    var inProgressLabel: String { locale == .zh ? "进行中" : "partial" }

    /// The top of the colour scale: `scaleMax`, else the largest value after the first column
    /// (period 0 is 100% by definition and would wash out every later period), else the largest.
    var effectiveMax: Double {
        if let scaleMax, scaleMax.isFinite, scaleMax > 0 { return scaleMax }
        func largest(_ cells: [Cell]) -> Double {
            cells.compactMap { cell -> Double? in
                if case .value(let v) = cell, v.isFinite { return v }
                return nil
            }.max() ?? 0
        }
        let later = largest(rows.flatMap { $0.cells.dropFirst() })
        if later > 0 { return later }
        let all = largest(rows.flatMap(\.cells))
        return all > 0 ? all : 1
    }

    public func svg() -> String {
        let m = ChartFrame.margin
        let size = ChartStyle.labelSize, small = ChartStyle.smallSize
        let format = NumberFormat(locale)
        let columnCount = max(columns.count, rows.map(\.cells.count).max() ?? 0)
        let labelColumn = min(180, rows.map { TextMetrics.width($0.label, size: size) }.max() ?? 0)
        let showSize = rows.contains { $0.size != nil }
        let sizeTitle = sizeHeader ?? (locale == .zh ? "人数" : "size")
        let sizeTexts = rows.map { $0.size.map { format.count($0, compact: false) } ?? "" }
        let sizeColumn = showSize
            ? max(TextMetrics.width(sizeTitle, size: small), sizeTexts.map { TextMetrics.width($0, size: small) }.max() ?? 0) + 12
            : 0
        let fixed = 2 * m + labelColumn + 10 + sizeColumn
        let cellWidth: Double
        let chartWidth: Double
        if let width {
            chartWidth = width
            cellWidth = max(30, (width - fixed) / Double(max(columnCount, 1)))
        } else {
            cellWidth = max(56, min(90, (560 - fixed) / Double(max(columnCount, 1))))
            chartWidth = max(560, fixed + cellWidth * Double(columnCount))
        }

        let top0 = ChartFrame.headerHeight(subtitle: subtitle)
        let maxValue = effectiveMax
        var legend: [ChartFrame.LegendItem] = (0...4).map { k in
            let t = Double(k) / 4
            let text = valueStyle.label(t * maxValue, locale)
            return .init(label: k == 4 ? "≥ " + text : text, symbol: .swatch(Self.colour(t)))
        }
        legend.append(.init(label: locale == .zh ? "进行中（本期未结束）" : "partial (period not over)", symbol: .pattern(Self.hatchID)))
        let legendHeight = ChartFrame.legendHeight(legend, width: chartWidth - 2 * m)
        let headerRow = 24.0
        let height = top0 + legendHeight + 8 + headerRow + Double(max(rows.count, 1)) * Self.rowHeight + m

        var canvas = SVGCanvas(width: chartWidth, height: height)
        canvas.addDef(
            "<pattern id=\"\(Self.hatchID)\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
                + "<rect width=\"6\" height=\"6\" fill=\"#f0f0f0\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#c8c8c8\" stroke-width=\"2\"/></pattern>")
        var top = ChartFrame.header(&canvas, title: title, subtitle: subtitle)
        top = ChartFrame.legend(&canvas, legend, x: m, top: top, width: chartWidth - 2 * m) + 8

        let gridLeft = m + labelColumn + 10 + sizeColumn
        let headerCentre = top + headerRow / 2
        if showSize {
            canvas.text(sizeTitle, x: gridLeft - 8, y: SVGCanvas.baseline(centredOn: headerCentre, size: small), size: small,
                        anchor: .end, fill: ChartStyle.muted)
        }
        for c in 0..<columnCount {
            let label = c < columns.count ? columns[c] : ""
            canvas.text(label, x: gridLeft + (Double(c) + 0.5) * cellWidth, y: SVGCanvas.baseline(centredOn: headerCentre, size: small),
                        size: small, anchor: .middle, fill: ChartStyle.muted, maxWidth: cellWidth - 4)
        }
        let gridTop = top + headerRow
        if rows.isEmpty {
            ChartFrame.noData(&canvas, locale, centreX: chartWidth / 2, centreY: gridTop + Self.rowHeight / 2)
        }
        for (r, row) in rows.enumerated() {
            let y = gridTop + Double(r) * Self.rowHeight
            let centre = y + Self.rowHeight / 2
            canvas.text(row.label, x: m, y: SVGCanvas.baseline(centredOn: centre, size: size), size: size, maxWidth: labelColumn)
            if showSize {
                canvas.text(sizeTexts[r], x: gridLeft - 8, y: SVGCanvas.baseline(centredOn: centre, size: small), size: small,
                            anchor: .end, fill: ChartStyle.muted)
            }
            for (c, cell) in row.cells.enumerated() {
                let x = gridLeft + Double(c) * cellWidth
                let textY = SVGCanvas.baseline(centredOn: centre, size: small)
                switch cell {
                case .value(let v):
                    let t = v.isFinite ? v / maxValue : 0
                    canvas.rect(x: x, y: y, width: cellWidth, height: Self.rowHeight, fill: Self.colour(t),
                                stroke: ChartStyle.background, strokeWidth: 1)
                    canvas.text(valueStyle.label(v, locale), x: x + cellWidth / 2, y: textY, size: small, anchor: .middle,
                                fill: t > 0.55 ? "#ffffff" : ChartStyle.text, maxWidth: cellWidth - 4)
                case .inProgress:
                    canvas.rect(x: x, y: y, width: cellWidth, height: Self.rowHeight, fill: "url(#\(Self.hatchID))",
                                stroke: ChartStyle.background, strokeWidth: 1)
                    canvas.text(inProgressLabel, x: x + cellWidth / 2, y: textY, size: small, anchor: .middle,
                                fill: ChartStyle.muted, maxWidth: cellWidth - 4)
                case .empty:
                    break
                }
            }
        }
        return canvas.document(title: title)
    }
}
