import Foundation
import Testing
@testable import SluiceCore
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses SVG with Foundation's XMLParser and collects the text elements.
final class SVGProbe: NSObject, XMLParserDelegate {
    struct Text { var x: Double; var y: Double; var content: String; var rotated: Bool }
    var texts: [Text] = []
    var error: String?
    var root: String?
    private var current: Text?
    private var inTitle = false

    static func parse(_ svg: String) -> SVGProbe {
        let probe = SVGProbe()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = probe
        if !parser.parse() { probe.error = probe.error ?? parser.parserError.map { "\($0)" } ?? "parse failed" }
        return probe
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if root == nil { root = name }
        if name == "text" {
            current = Text(x: Double(attributes["x"] ?? "") ?? .nan, y: Double(attributes["y"] ?? "") ?? .nan, content: "",
                           rotated: attributes["transform"]?.hasPrefix("rotate(") == true)
        }
        if name == "title" { inTitle = true }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "title" { inTitle = false }
        if name == "text", let t = current {
            texts.append(t)
            current = nil
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if !inTitle { current?.content += string }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        error = "\(parseError) at line \(parser.lineNumber)"
    }
}

@Suite("Report: SVG charts")
struct ReportSVGTests {
    static let nasty = "A<b> & \"C\" 'd' \u{1} >"

    /// One chart of each kind with hostile labels everywhere.
    static var hostileCharts: [any SVGChart] {
        [
            LineChart(title: nasty, subtitle: nasty, unit: nasty, dates: ReportChartSamples.march,
                      series: [.init(name: nasty, values: ReportChartSamples.wave(100, 30, 0, count: 31))]),
            BarChart(title: nasty, unit: nasty, bars: [.init(label: nasty, value: 3, target: 4, status: .red, valueLabel: nasty)]),
            BarChart(title: nasty, unit: nasty, bars: [.init(label: nasty, value: -2)], orientation: .vertical),
            FunnelChart(title: nasty, subtitle: nasty, steps: [.init(label: nasty, count: 10), .init(label: nasty, count: 0)]),
            HeatmapChart(title: nasty, columns: [nasty], rows: [.init(label: nasty, size: 5, cells: [.value(0.5), .inProgress])],
                         sizeHeader: nasty),
        ]
    }

    @Test func everySampleIsWellFormedXML() {
        for (name, chart) in ReportChartSamples.all {
            let probe = SVGProbe.parse(chart.svg())
            #expect(probe.error == nil, "\(name): \(probe.error ?? "")")
            #expect(probe.root == "svg", "\(name)")
            #expect(!probe.texts.isEmpty, "\(name)")
        }
    }

    @Test func hostileLabelsAreEscaped() {
        for chart in Self.hostileCharts {
            let svg = chart.svg()
            let probe = SVGProbe.parse(svg)
            #expect(probe.error == nil, "\(probe.error ?? "")")
            #expect(svg.contains("A&lt;b&gt; &amp; &quot;C&quot; &apos;d&apos;"))
            #expect(!svg.contains("<b>"))
            #expect(!svg.contains("\u{1}"))
            // The parser gives the text back unescaped (the control character became a space).
            #expect(probe.texts.contains { $0.content.hasPrefix("A<b> & \"C\" 'd'") })
        }
    }

    @Test func renderingIsDeterministic() {
        for (name, chart) in ReportChartSamples.all {
            #expect(chart.svg() == chart.svg(), "\(name)")
        }
        #expect(ReportChartSamples.line(.zh).svg() == ReportChartSamples.line(.zh).svg())
        let svg = ReportChartSamples.heatmap(.en).svg()
        #expect(svg.range(of: "[0-9][eE][-+]?[0-9]", options: .regularExpression) == nil, "no exponent notation")
    }

    @Test func selfContainedWithTheFontStack() {
        for (_, chart) in ReportChartSamples.all {
            let svg = chart.svg()
            #expect(svg.contains("font-family='\"Noto Sans CJK SC\",\"PingFang SC\",\"Microsoft YaHei\",\"Source Han Sans SC\",sans-serif'"))
            #expect(!svg.contains("<script"))
            let outside = svg.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
            #expect(!outside.contains("http"), "no references outside the file")
            #expect(!outside.replacingOccurrences(of: "url(#", with: "").contains("url("))
            #expect(!svg.contains("@import") && !svg.contains("<image"))
        }
    }

    @Test(arguments: [
        (0.0, 37.0, [0.0, 10, 20, 30, 40]),
        (0.0, 1.0, [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]),
        (0.0, 1.2e6, [0.0, 200_000, 400_000, 600_000, 800_000, 1_000_000, 1_200_000]),
        (0.0, 0.0, [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]),
        (0.0, 0.1 + 0.2, [0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3]),
        (-5.0, 12.0, [-5.0, 0, 5, 10, 15]),
        (0.0, 7.0, [0.0, 2, 4, 6, 8]),
        (0.0, 0.045, [0.0, 0.01, 0.02, 0.03, 0.04, 0.05]),
    ])
    func niceTicks(low: Double, high: Double, expected: [Double]) {
        #expect(AxisTicks(covering: low, high).values == expected)
    }

    @Test func ticksAlwaysCoverTheRange() {
        for (low, high) in [(0.0, 123_456.0), (-3.3, 0.0), (17.0, 17.0), (0.0, 3.5e9), (1e-5, 3e-5), (0, 999_999)] {
            let ticks = AxisTicks(covering: low, high)
            #expect(ticks.lower <= min(low, high) && ticks.upper >= max(low, high), "\(low)…\(high)")
            #expect((3...9).contains(ticks.values.count), "\(low)…\(high): \(ticks.values)")
        }
    }

    @Test func extremeRangesDoNotTrap() {
        for (low, high) in [(0.0, Double.greatestFiniteMagnitude), (-Double.greatestFiniteMagnitude, 0), (0, 1e-300),
                            (.nan, 5), (0, .infinity)] {
            let ticks = AxisTicks(covering: low, high)
            #expect(ticks.values.count >= 2 && ticks.values.count <= 51, "\(low)…\(high)")
            #expect(ticks.upper > ticks.lower)
        }
        let svg = LineChart(title: "t", unit: "u", dates: Array(ReportChartSamples.march.prefix(2)),
                            series: [.init(name: "s", values: [Double.greatestFiniteMagnitude, .nan])]).svg()
        #expect(SVGProbe.parse(svg).error == nil)
    }

    @Test func tickLabelsShareOneUnit() {
        let big = AxisTicks(covering: 0, 1.2e6)
        #expect(ChartValueStyle.count.tickLabels(big, .zh) == ["0", "20万", "40万", "60万", "80万", "100万", "120万"])
        #expect(ChartValueStyle.count.tickLabels(big, .en) == ["0", "0.2M", "0.4M", "0.6M", "0.8M", "1.0M", "1.2M"])
        #expect(ChartValueStyle.count.tickLabels(AxisTicks(covering: 0, 37), .en) == ["0", "10", "20", "30", "40"])
        #expect(ChartValueStyle.count.tickLabels(AxisTicks(covering: 0, 8000), .zh) == ["0", "2,000", "4,000", "6,000", "8,000"])
        #expect(ChartValueStyle.percent.tickLabels(AxisTicks(covering: 0, 1), .zh) == ["0%", "20%", "40%", "60%", "80%", "100%"])
        #expect(ChartValueStyle.percent.tickLabels(AxisTicks(covering: 0, 0.045), .en) == ["0%", "1%", "2%", "3%", "4%", "5%"])
        #expect(ChartValueStyle.decimal(places: 1).tickLabels(AxisTicks(covering: 0, 1), .en) == ["0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    }

    @Test func longLabelsAreTruncatedToFit() {
        let long = "快手品牌号（一个很长很长的账号名称用于测试截断）"
        let cut = TextMetrics.truncate(long, maxWidth: 100, size: 12)
        #expect(cut.hasSuffix("…"))
        #expect(TextMetrics.width(cut, size: 12) <= 100)
        #expect(TextMetrics.truncate("抖音", maxWidth: 100, size: 12) == "抖音")
        let svg = BarChart(title: "t", unit: "u", bars: [.init(label: long, value: 1)], width: 400).svg()
        #expect(svg.contains("<title>\(long)</title>"))  // full text kept as a tooltip
        #expect(!svg.contains(">\(long)</text>"))
    }

    @Test func dateLabelsDoNotCollide() {
        let start = LocalDate(dayNumber: LocalDate(iso: "2024-01-01")?.dayNumber ?? 0)
        let days = (0..<90).map { start.adding(days: $0) }
        let chart = LineChart(title: "t", unit: "u", dates: days, series: [.init(name: "s", values: days.map { _ in 1 })])
        let probe = SVGProbe.parse(chart.svg())
        let labels = probe.texts.filter { $0.content.count == 5 && $0.content.dropFirst(2).first == "-" }
        #expect(labels.count >= 5 && labels.count < 30)
        for (a, b) in zip(labels, labels.dropFirst()) {
            #expect(b.x - a.x > TextMetrics.width(a.content, size: ChartStyle.smallSize) + 4)
        }
        #expect(LineChart.labelStep(spacing: 25, labelWidth: 40) == 2)
        #expect(LineChart.labelStep(spacing: 50, labelWidth: 40) == 1)
        #expect(LineChart.labelStep(spacing: 8, labelWidth: 40) == 7)
        #expect(LineChart.labelStep(spacing: 0.5, labelWidth: 40) == 112)
    }

    @Test func crowdedCategoryLabelsTurnAndStayOnTheCanvas() {
        let long = "抖音品牌官方旗舰店直播间（主号）"
        let bars = (0..<12).map { BarChart.Bar(label: $0 == 0 ? long : "账号 \($0)", value: Double($0 + 1)) }
        let chart = BarChart(title: "t", unit: "u", bars: bars, orientation: .vertical, width: 600)
        let probe = SVGProbe.parse(chart.svg())
        let turned = probe.texts.filter(\.rotated)
        #expect(turned.count == 12)
        for t in turned {
            // Anchored at its end and turned 45°, the label reaches 0.71 × its width to the left.
            #expect(t.x - 0.71 * TextMetrics.width(t.content, size: ChartStyle.labelSize) >= 0, "\(t.content)")
        }
        #expect(turned.first?.content.hasSuffix("…") == true)
    }

    @Test func datesAcrossYearsShowTheYear() {
        let days = [LocalDate(year: 2023, month: 12, day: 31), LocalDate(year: 2024, month: 1, day: 1)].compactMap { $0 }
        let svg = LineChart(title: "t", unit: "u", dates: days, series: [.init(name: "s", values: [1, 2])]).svg()
        #expect(svg.contains(">2023-12-31</text>") && svg.contains(">2024-01-01</text>"))
    }

    @Test func emptyChartsSayNoData() {
        let charts: [any SVGChart] = [
            LineChart(title: "t", unit: "u", dates: ReportChartSamples.march, series: [.init(name: "s", values: [])]),
            BarChart(title: "t", unit: "u", bars: []),
            BarChart(title: "t", unit: "u", bars: [], orientation: .vertical, locale: .en),
            FunnelChart(title: "t", steps: []),
            HeatmapChart(title: "t", columns: [], rows: [], locale: .en),
        ]
        for chart in charts {
            let svg = chart.svg()
            #expect(SVGProbe.parse(svg).error == nil)
            #expect(svg.contains(">无数据</text>") || svg.contains(">no data</text>"))
        }
    }

    @Test func missingDaysBreakTheLine() {
        let chart = LineChart(title: "t", unit: "u", dates: Array(ReportChartSamples.march.prefix(5)),
                              series: [.init(name: "s", values: [1, 2, nil, 4, 5])])
        let svg = chart.svg()
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 2)
    }

    @Test func barChartShowsStatusTargetsAndNA() {
        let svg = ReportChartSamples.bars(.zh).svg()
        for status in TrafficLight.allCases { #expect(svg.contains("fill=\"\(status.colour)\"")) }
        #expect(svg.contains(">28.0%（目标 45.0%）</text>"))
        #expect(svg.contains(">n/a（目标 20.0%）</text>"))
        #expect(svg.contains(">未达标</text>") && svg.contains(">目标</text>"))
    }

    @Test func funnelShowsConversionsAndZeroDenominatorAsNA() {
        let svg = ReportChartSamples.funnel(.en).svg()
        #expect(svg.contains(">120,000</text>"))
        #expect(svg.contains(">7.0% of previous · 7.0% of first</text>"))
        #expect(svg.contains("Overall conversion 0.4% (Paid / Saw content)"))
        let zero = FunnelChart(title: "t", steps: [.init(label: "a", count: 0), .init(label: "b", count: 0)], locale: .en).svg()
        #expect(zero.contains(">n/a of previous · n/a of first</text>"))
    }

    @Test func heatmapMarksInProgressCells() {
        let svg = ReportChartSamples.heatmap(.zh).svg()
        #expect(svg.contains("<pattern id=\"sluice-hatch\""))
        #expect(svg.contains(">进行中</text>"))
        #expect(svg.contains(">100.0%</text>"))
        #expect(svg.contains(">1,200</text>"))
        #expect(HeatmapChart.colour(0) == "#eef4fa" && HeatmapChart.colour(1) == "#08519c")
    }
}

/// Writes every sample chart to `$SLUICE_CHART_SAMPLES` (a folder) so people can look at them:
/// `SLUICE_CHART_SAMPLES=/tmp/charts swift test --filter ReportChartSampleWriter && scripts/render-charts.sh /tmp/charts`.
@Suite("Report: chart samples")
struct ReportChartSampleWriter {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["SLUICE_CHART_SAMPLES"] != nil))
    func writeSamples() throws {
        let folder = ProcessInfo.processInfo.environment["SLUICE_CHART_SAMPLES"] ?? "/tmp"
        for (name, chart) in ReportChartSamples.all {
            try chart.write(to: folder + "/" + name + ".svg")
        }
    }
}
