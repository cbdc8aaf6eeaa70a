/// A bar chart of values by category, with optional targets and red/amber/green status colours
/// (KPI vs target).
///
/// ```swift
/// let chart = BarChart(
///     title: "完播率 vs 目标", unit: "完播率", valueStyle: .percent, locale: .zh,
///     bars: [.init(label: "抖音", value: 0.28, target: 0.45, status: .red),
///            .init(label: "视频号", value: 0.52, target: 0.50, status: .green)])
/// ```
///
/// - `.horizontal` (default): one row per bar, category labels on the left (truncated with `…` to
///   at most 30% of the width), value labels after the bar end, the value axis at the bottom with
///   the unit under it. The height grows with the number of bars unless given.
/// - `.vertical`: bars side by side, category labels under them (turned 45° when they don't fit
///   side by side), value labels above the bars, the unit above the y axis.
/// - A target is a dark marker across the bar; the default value label then reads
///   "28.0%（目标 45.0%）" / "28.0% (target 45.0%)". A bar's status colours it; without a status
///   bars use the first series colour. The legend lists the statuses used and the target marker.
/// - A nil value draws no bar and labels it `n/a`.
/// - Grouped bars: give bars a `series` index (into `series`, the legend names) and they take that
///   series' colour (a status still wins), e.g. one bar per model within each channel.
public struct BarChart: SVGChart {
    public enum Orientation: Sendable, Equatable { case horizontal, vertical }

    public struct Bar: Sendable, Equatable {
        public var label: String
        public var value: Double?
        public var target: Double?
        public var status: TrafficLight?
        /// Replaces the default value label (e.g. a different unit per bar).
        public var valueLabel: String?
        /// Index of the bar's series (colour `ChartStyle.colour(series)`; name `BarChart.series[series]`).
        public var series: Int?

        public init(label: String, value: Double?, target: Double? = nil, status: TrafficLight? = nil, valueLabel: String? = nil,
                    series: Int? = nil) {
            self.label = label
            self.value = value
            self.target = target
            self.status = status
            self.valueLabel = valueLabel
            self.series = series
        }
    }

    public var title: String
    public var subtitle: String?
    /// What the values measure, e.g. "完播率" or "GMV（元）".
    public var unit: String
    public var bars: [Bar]
    public var orientation: Orientation
    public var valueStyle: ChartValueStyle
    public var locale: ReportLocale
    public var width: Double
    /// Nil: computed from the number of bars (horizontal) or 420 (vertical).
    public var height: Double?
    /// Legend names of the bar series (see `Bar.series`); empty: no series legend.
    public var series: [String] = []

    public init(
        title: String, subtitle: String? = nil, unit: String, bars: [Bar], orientation: Orientation = .horizontal,
        valueStyle: ChartValueStyle = .count, locale: ReportLocale = .zh, width: Double = 800, height: Double? = nil
    ) {
        self.title = title
        self.subtitle = subtitle
        self.unit = unit
        self.bars = bars
        self.orientation = orientation
        self.valueStyle = valueStyle
        self.locale = locale
        self.width = width
        self.height = height
    }

    /// The label printed for a bar.
    func valueText(_ bar: Bar) -> String {
        if let custom = bar.valueLabel { return custom }
        let value = bar.value.map { valueStyle.label($0, locale) } ?? NumberFormat.notAvailable
        guard let target = bar.target, target.isFinite else { return value }
        let t = valueStyle.label(target, locale)
        return locale == .zh ? "\(value)（目标 \(t)）" : "\(value) (target \(t))"
    }

    var legendItems: [ChartFrame.LegendItem] {
        var items: [ChartFrame.LegendItem] = series.enumerated().map {
            .init(label: $0.element, symbol: .swatch(ChartStyle.colour($0.offset)))
        }
        let used = Set(bars.compactMap(\.status))
        for status in TrafficLight.allCases where used.contains(status) {
            items.append(.init(label: status.label(locale), symbol: .swatch(status.colour)))
        }
        if bars.contains(where: { $0.target != nil }) {
            items.append(.init(label: locale == .zh ? "目标" : "target", symbol: .marker))
        }
        return items
    }

    /// The tick scale covering every value and target, and zero.
    var ticks: AxisTicks {
        let all = bars.flatMap { [$0.value, $0.target] }.compactMap { $0 }.filter(\.isFinite)
        return AxisTicks(covering: min(0, all.min() ?? 0), max(0, all.max() ?? 0))
    }

    public func svg() -> String {
        orientation == .horizontal ? horizontal() : vertical()
    }

    private func fill(_ bar: Bar) -> String { bar.status?.colour ?? ChartStyle.colour(bar.series ?? 0) }

    // MARK: - Horizontal

    private func horizontal() -> String {
        let m = ChartFrame.margin
        let size = ChartStyle.labelSize, small = ChartStyle.smallSize
        let row = 30.0, barHeight = 18.0
        let legend = legendItems
        // Height: header + legend + rows + axis labels + unit.
        let headerHeight = ChartFrame.headerHeight(subtitle: subtitle)
        let legendHeight = ChartFrame.legendHeight(legend, width: width - 2 * m)
        let autoHeight = headerHeight + legendHeight + 8 + Double(max(bars.count, 1)) * row + 8 + 20 + 20 + m
        var canvas = SVGCanvas(width: width, height: height ?? autoHeight)
        var top = ChartFrame.header(&canvas, title: title, subtitle: subtitle)
        top = ChartFrame.legend(&canvas, legend, x: m, top: top, width: width - 2 * m) + 8

        let ticks = self.ticks
        let tickLabels = valueStyle.tickLabels(ticks, locale)
        let labelColumn = min(width * 0.3, bars.map { TextMetrics.width($0.label, size: size) }.max() ?? 0)
        let valueColumn = min(width * 0.3, bars.map { TextMetrics.width(valueText($0), size: small) }.max() ?? 0)
        let lastTickHalf = TextMetrics.width(tickLabels.last ?? "", size: small) / 2
        let plotLeft = m + labelColumn + 10
        let plotRight = width - m - max(valueColumn + 8, lastTickHalf)
        let plotWidth = max(1, plotRight - plotLeft)
        let plotTop = top
        let plotBottom = (height.map { $0 - m - 40 }) ?? (plotTop + Double(max(bars.count, 1)) * row)
        let rowHeight = bars.isEmpty ? row : (plotBottom - plotTop) / Double(bars.count)
        func x(_ v: Double) -> Double { plotLeft + (v - ticks.lower) / (ticks.upper - ticks.lower) * plotWidth }

        for (v, label) in zip(ticks.values, tickLabels) {
            canvas.line(x1: x(v), y1: plotTop, x2: x(v), y2: plotBottom, stroke: v == 0 ? ChartStyle.axis : ChartStyle.grid)
            canvas.text(label, x: x(v), y: plotBottom + 6 + small, size: small, anchor: .middle, fill: ChartStyle.muted)
        }
        canvas.line(x1: plotLeft, y1: plotBottom, x2: plotRight, y2: plotBottom, stroke: ChartStyle.axis)
        canvas.text(unit, x: plotLeft + plotWidth / 2, y: plotBottom + 26 + small, size: small, anchor: .middle,
                    fill: ChartStyle.muted, maxWidth: plotWidth)

        if bars.isEmpty {
            ChartFrame.noData(&canvas, locale, centreX: plotLeft + plotWidth / 2, centreY: (plotTop + plotBottom) / 2)
        }
        let zero = x(0)
        for (i, bar) in bars.enumerated() {
            let centre = plotTop + (Double(i) + 0.5) * rowHeight
            let h = min(barHeight, rowHeight * 0.7)
            canvas.text(bar.label, x: plotLeft - 10, y: SVGCanvas.baseline(centredOn: centre, size: size), size: size,
                        anchor: .end, maxWidth: labelColumn)
            var end = zero
            if let v = bar.value, v.isFinite {
                end = x(v)
                canvas.rect(x: min(zero, end), y: centre - h / 2, width: abs(end - zero), height: h, fill: fill(bar), rx: 2)
            }
            var labelX = max(zero, end)
            if let t = bar.target, t.isFinite {
                let tx = x(t)
                canvas.line(x1: tx, y1: centre - h / 2 - 4, x2: tx, y2: centre + h / 2 + 4, stroke: ChartStyle.targetMarker, width: 2.5)
                labelX = max(labelX, tx)
            }
            canvas.text(valueText(bar), x: labelX + 6, y: SVGCanvas.baseline(centredOn: centre, size: small), size: small,
                        fill: ChartStyle.muted, maxWidth: max(20, width - m - labelX - 6))
        }
        return canvas.document(title: title)
    }

    // MARK: - Vertical

    private func vertical() -> String {
        let m = ChartFrame.margin
        let size = ChartStyle.labelSize, small = ChartStyle.smallSize
        let height = self.height ?? 420
        var canvas = SVGCanvas(width: width, height: height)
        var top = ChartFrame.header(&canvas, title: title, subtitle: subtitle)
        top = ChartFrame.legend(&canvas, legendItems, x: m, top: top, width: width - 2 * m)

        let ticks = self.ticks
        let tickLabels = valueStyle.tickLabels(ticks, locale)
        let tickLabelWidth = tickLabels.map { TextMetrics.width($0, size: small) }.max() ?? 0
        let plotLeft = m + tickLabelWidth + 8
        let plotRight = width - m
        let plotWidth = max(1, plotRight - plotLeft)
        let slot = plotWidth / Double(max(bars.count, 1))
        let fits = bars.allSatisfy { TextMetrics.width($0.label, size: size) <= slot - 6 }
        let rotatedMax = 120.0
        let labelDepth = fits
            ? size + 8
            : min(rotatedMax, bars.map { TextMetrics.width($0.label, size: size) }.max() ?? 0) * 0.71 + size + 8
        let unitBaseline = top + 14
        let plotTop = unitBaseline + 12 + small + 4  // room for value labels above the tallest bar
        let plotBottom = height - m - labelDepth
        let plotHeight = max(1, plotBottom - plotTop)
        canvas.text(unit, x: m, y: unitBaseline, size: small, fill: ChartStyle.muted, maxWidth: width - 2 * m)
        func y(_ v: Double) -> Double { plotBottom - (v - ticks.lower) / (ticks.upper - ticks.lower) * plotHeight }

        for (v, label) in zip(ticks.values, tickLabels) {
            canvas.line(x1: plotLeft, y1: y(v), x2: plotRight, y2: y(v), stroke: v == 0 ? ChartStyle.axis : ChartStyle.grid)
            canvas.text(label, x: plotLeft - 6, y: SVGCanvas.baseline(centredOn: y(v), size: small), size: small,
                        anchor: .end, fill: ChartStyle.muted)
        }
        canvas.line(x1: plotLeft, y1: plotBottom, x2: plotRight, y2: plotBottom, stroke: ChartStyle.axis)
        if bars.isEmpty {
            ChartFrame.noData(&canvas, locale, centreX: plotLeft + plotWidth / 2, centreY: (plotTop + plotBottom) / 2)
        }
        let zero = y(0)
        let barWidth = min(60, slot * 0.6)
        for (i, bar) in bars.enumerated() {
            let cx = plotLeft + (Double(i) + 0.5) * slot
            var end = zero
            if let v = bar.value, v.isFinite {
                end = y(v)
                canvas.rect(x: cx - barWidth / 2, y: min(zero, end), width: barWidth, height: abs(end - zero), fill: fill(bar), rx: 2)
            }
            // The value label sits just above the bar, or above the target marker when the marker
            // is where the label would be.
            var labelY = min(zero, end)
            if let t = bar.target, t.isFinite {
                let ty = y(t)
                canvas.line(x1: cx - barWidth / 2 - 4, y1: ty, x2: cx + barWidth / 2 + 4, y2: ty, stroke: ChartStyle.targetMarker, width: 2.5)
                if ty < labelY + 3, ty > labelY - small - 8 { labelY = ty }
            }
            let text = bar.valueLabel ?? bar.value.map { valueStyle.label($0, locale) } ?? NumberFormat.notAvailable
            canvas.text(text, x: cx, y: labelY - 5, size: small, anchor: .middle, fill: ChartStyle.muted, maxWidth: slot - 2)
            if fits {
                canvas.text(bar.label, x: cx, y: plotBottom + 6 + size, size: size, anchor: .middle)
            } else {
                // Turned 45°, a label of width w reaches 0.71 w to the left of its anchor: keep it on the canvas.
                let room = (cx + 4 - m / 2) / 0.71
                canvas.text(bar.label, x: cx + 4, y: plotBottom + 6 + size * 0.7, size: size, anchor: .end,
                            maxWidth: min(rotatedMax, room), rotate: -45)
            }
        }
        return canvas.document(title: title)
    }
}
