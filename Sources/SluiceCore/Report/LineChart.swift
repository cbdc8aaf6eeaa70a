/// A multi-series line chart over calendar days (daily trends per platform).
///
/// ```swift
/// let chart = LineChart(
///     title: "播放量 日趋势", subtitle: "2024-03-01 至 2024-03-31", unit: "播放量（次）",
///     dates: window.days,
///     series: [.init(name: "抖音", values: douyinPlays), .init(name: "小红书", values: xhsPlays)],
///     valueStyle: .count, locale: .zh)
/// try chart.write(to: folder + "/charts/plays_daily.svg")
/// ```
///
/// - x axis: the dates, labelled `MM-DD` (`YYYY-MM-DD` when the dates span years), thinned to every
///   2nd, 3rd, 7th, 14th… day so labels never overlap;
/// - y axis: round ticks (1, 2 or 5 × 10^k) from zero (or below zero for negative values), the unit
///   above the axis, light grid lines;
/// - a nil value is a missing day: the line breaks there (an isolated day shows as a dot);
/// - a legend names the series in order; colours repeat after ten series with dashed lines.
public struct LineChart: SVGChart {
    public struct Series: Sendable, Equatable {
        public var name: String
        /// One value per date (nil = no data that day); extra values are ignored.
        public var values: [Double?]

        public init(name: String, values: [Double?]) {
            self.name = name
            self.values = values
        }
    }

    public var title: String
    public var subtitle: String?
    /// The y axis unit, shown above the axis, e.g. "播放量（次）" or "GMV（元）".
    public var unit: String
    public var dates: [LocalDate]
    public var series: [Series]
    public var valueStyle: ChartValueStyle
    public var locale: ReportLocale
    public var width: Double
    public var height: Double

    public init(
        title: String, subtitle: String? = nil, unit: String, dates: [LocalDate], series: [Series],
        valueStyle: ChartValueStyle = .count, locale: ReportLocale = .zh, width: Double = 800, height: Double = 420
    ) {
        self.title = title
        self.subtitle = subtitle
        self.unit = unit
        self.dates = dates
        self.series = series
        self.valueStyle = valueStyle
        self.locale = locale
        self.width = width
        self.height = height
    }

    public func svg() -> String {
        var canvas = SVGCanvas(width: width, height: height)
        let m = ChartFrame.margin
        var top = ChartFrame.header(&canvas, title: title, subtitle: subtitle)
        let legendItems = series.enumerated().map { i, s in
            ChartFrame.LegendItem(label: s.name, symbol: .line(ChartStyle.colour(i), dash: ChartStyle.dash(for: i)))
        }
        top = ChartFrame.legend(&canvas, legendItems, x: m, top: top, width: width - 2 * m)

        // Y scale over every finite value, always including zero.
        let finite = series.flatMap { $0.values.prefix(dates.count).compactMap { $0 }.filter(\.isFinite) }
        let ticks = AxisTicks(covering: min(0, finite.min() ?? 0), max(0, finite.max() ?? 0))
        let tickLabels = valueStyle.tickLabels(ticks, locale)
        let size = ChartStyle.smallSize
        let tickLabelWidth = tickLabels.map { TextMetrics.width($0, size: size) }.max() ?? 0

        // X labels.
        let sameYear = Set(dates.map(\.year)).count <= 1
        let dateLabels = dates.map { sameYear ? String($0.iso.dropFirst(5)) : $0.iso }
        let dateLabelWidth = dateLabels.map { TextMetrics.width($0, size: size) }.max() ?? 0

        // Unit row above the plot.
        let unitBaseline = top + 14
        let plotTop = unitBaseline + 12
        let plotBottom = height - m - 20
        let plotLeft = max(m + tickLabelWidth + 8, m + dateLabelWidth / 2)
        let plotRight = width - m - dateLabelWidth / 2
        let plotWidth = max(1, plotRight - plotLeft), plotHeight = max(1, plotBottom - plotTop)
        canvas.text(unit, x: m, y: unitBaseline, size: size, fill: ChartStyle.muted, maxWidth: width - 2 * m)

        func y(_ v: Double) -> Double {
            plotBottom - (v - ticks.lower) / (ticks.upper - ticks.lower) * plotHeight
        }
        func x(_ i: Int) -> Double {
            dates.count <= 1 ? plotLeft + plotWidth / 2 : plotLeft + Double(i) * plotWidth / Double(dates.count - 1)
        }

        // Grid and y labels.
        for (v, label) in zip(ticks.values, tickLabels) {
            let yy = y(v)
            canvas.line(x1: plotLeft, y1: yy, x2: plotRight, y2: yy, stroke: v == 0 ? ChartStyle.axis : ChartStyle.grid)
            canvas.text(label, x: plotLeft - 6, y: SVGCanvas.baseline(centredOn: yy, size: size), size: size,
                        anchor: .end, fill: ChartStyle.muted)
        }
        canvas.line(x1: plotLeft, y1: plotBottom, x2: plotRight, y2: plotBottom, stroke: ChartStyle.axis)

        // X labels, thinned so they never collide.
        let spacing = dates.count <= 1 ? plotWidth : plotWidth / Double(dates.count - 1)
        let every = Self.labelStep(spacing: spacing, labelWidth: dateLabelWidth + 10)
        for i in stride(from: 0, to: dates.count, by: every) {
            canvas.line(x1: x(i), y1: plotBottom, x2: x(i), y2: plotBottom + 4, stroke: ChartStyle.axis)
            canvas.text(dateLabels[i], x: x(i), y: plotBottom + 6 + size, size: size, anchor: .middle,
                        fill: ChartStyle.muted)
        }

        if finite.isEmpty {
            ChartFrame.noData(&canvas, locale, centreX: plotLeft + plotWidth / 2, centreY: plotTop + plotHeight / 2)
        }

        // Lines: one polyline per run of consecutive days with data.
        let showDots = dates.count <= 45
        for (s, item) in series.enumerated() {
            let colour = ChartStyle.colour(s), dash = ChartStyle.dash(for: s)
            var runs: [[Int]] = []
            var run: [Int] = []
            for i in 0..<dates.count {
                if i < item.values.count, let v = item.values[i], v.isFinite {
                    run.append(i)
                } else if !run.isEmpty {
                    runs.append(run)
                    run = []
                }
            }
            if !run.isEmpty { runs.append(run) }
            for r in runs {
                if r.count > 1 {
                    canvas.polyline(r.map { (x($0), y(item.values[$0] ?? 0)) }, stroke: colour, width: 2, dash: dash)
                }
                if showDots || r.count == 1 {
                    for i in r { canvas.circle(cx: x(i), cy: y(item.values[i] ?? 0), r: r.count == 1 ? 3 : 2.5, fill: colour) }
                }
            }
        }
        return canvas.document(title: title)
    }

    /// Label every `n`-th day: the smallest of 1, 2, 3, 7, 14, 28, 56… days whose spacing fits a label.
    static func labelStep(spacing: Double, labelWidth: Double) -> Int {
        guard spacing > 0 else { return 1 }
        for step in [1, 2, 3, 7, 14] where Double(step) * spacing >= labelWidth { return step }
        var step = 28
        while Double(step) * spacing < labelWidth, step < 1 << 20 { step *= 2 }
        return step
    }
}
