/// A conversion funnel: one centred bar per step, width proportional to the step's count, with
/// the count and the conversion from the previous step and from the first step beside it, and the
/// overall conversion (last step / first step) underneath. A conversion whose denominator is zero
/// prints `n/a`.
///
/// ```swift
/// let chart = FunnelChart(title: "抖音 → 小程序 转化漏斗", steps: [
///     .init(label: "曝光", count: 120_000), .init(label: "点击", count: 8_400),
///     .init(label: "下单", count: 520)], locale: .zh)
/// ```
public struct FunnelChart: SVGChart {
    public struct Step: Sendable, Equatable {
        public var label: String
        public var count: Int64

        public init(label: String, count: Int64) {
            self.label = label
            self.count = count
        }
    }

    public var title: String
    public var subtitle: String?
    public var steps: [Step]
    public var locale: ReportLocale
    public var width: Double

    public init(title: String, subtitle: String? = nil, steps: [Step], locale: ReportLocale = .zh, width: Double = 800) {
        self.title = title
        self.subtitle = subtitle
        self.steps = steps
        self.locale = locale
        self.width = width
    }

    static let row = 50.0
    static let barHeight = 32.0

    /// `part / whole` as a percentage, `n/a` when `whole` is zero.
    private func share(_ part: Int64, _ whole: Int64) -> String {
        NumberFormat(locale).percent(whole == 0 ? nil : Double(part) / Double(whole))
    }

    /// The second line beside step `i`: conversion from the previous and from the first step.
    func conversionText(_ i: Int) -> String? {
        guard i > 0, i < steps.count else { return nil }
        let fromPrevious = share(steps[i].count, steps[i - 1].count)
        let fromFirst = share(steps[i].count, steps[0].count)
        return locale == .zh
            ? "较上一步 \(fromPrevious) · 占首步 \(fromFirst)"
            : "\(fromPrevious) of previous · \(fromFirst) of first"
    }

    public func svg() -> String {
        let m = ChartFrame.margin
        let size = ChartStyle.labelSize, small = ChartStyle.smallSize
        let format = NumberFormat(locale)
        let headerHeight = ChartFrame.headerHeight(subtitle: subtitle)
        let height = headerHeight + 8 + Double(max(steps.count, 1)) * Self.row + 30 + m
        var canvas = SVGCanvas(width: width, height: height)
        let top = ChartFrame.header(&canvas, title: title, subtitle: subtitle) + 8

        let labelColumn = min(width * 0.25, steps.map { TextMetrics.width($0.label, size: size) }.max() ?? 0)
        let rightTexts = steps.indices.flatMap { i in
            [TextMetrics.width(format.count(steps[i].count, compact: false), size: size),
             TextMetrics.width(conversionText(i) ?? "", size: small)]
        }
        let rightColumn = min(width * 0.4, rightTexts.max() ?? 0)
        let areaLeft = m + labelColumn + 12
        let areaRight = width - m - rightColumn - 12
        let areaWidth = max(1, areaRight - areaLeft)
        let centreX = areaLeft + areaWidth / 2
        let largest = max(1, steps.map(\.count).max() ?? 0)
        func barWidth(_ count: Int64) -> Double {
            count <= 0 ? 0 : max(2, Double(count) / Double(largest) * areaWidth)
        }

        if steps.isEmpty {
            ChartFrame.noData(&canvas, locale, centreX: centreX, centreY: top + Self.row / 2)
        }
        let colour = ChartStyle.colour(0)
        for (i, step) in steps.enumerated() {
            let rowTop = top + Double(i) * Self.row
            let barTop = rowTop + (Self.row - Self.barHeight) / 2
            let w = barWidth(step.count)
            // The band joining this bar to the next one.
            if i + 1 < steps.count {
                let nw = barWidth(steps[i + 1].count)
                let nextTop = barTop + Self.row
                canvas.polygon([(centreX - w / 2, barTop + Self.barHeight), (centreX + w / 2, barTop + Self.barHeight),
                                (centreX + nw / 2, nextTop), (centreX - nw / 2, nextTop)], fill: "#dbe4ee")
            }
            canvas.rect(x: centreX - w / 2, y: barTop, width: w, height: Self.barHeight, fill: colour, rx: 2)
            let centre = barTop + Self.barHeight / 2
            canvas.text(step.label, x: areaLeft - 12, y: SVGCanvas.baseline(centredOn: centre, size: size), size: size,
                        anchor: .end, maxWidth: labelColumn)
            let textX = areaRight + 12
            if let conversion = conversionText(i) {
                canvas.text(format.count(step.count, compact: false), x: textX, y: centre - 2, size: size, bold: true)
                canvas.text(conversion, x: textX, y: centre + 2 + small, size: small, fill: ChartStyle.muted,
                            maxWidth: rightColumn)
            } else {
                canvas.text(format.count(step.count, compact: false), x: textX,
                            y: SVGCanvas.baseline(centredOn: centre, size: size), size: size, bold: true)
            }
        }
        if steps.count >= 2, let first = steps.first, let last = steps.last {
            let overall = share(last.count, first.count)
            let text = locale == .zh
                ? "整体转化率 \(overall)（\(last.label) / \(first.label)）"
                : "Overall conversion \(overall) (\(last.label) / \(first.label))"
            canvas.text(text, x: m, y: top + Double(steps.count) * Self.row + 22, size: size, fill: ChartStyle.muted,
                        maxWidth: width - 2 * m)
        }
        return canvas.document(title: title)
    }
}
