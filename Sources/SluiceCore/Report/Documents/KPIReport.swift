import Foundation

/// The KPI scorecard: `kpi.md`, `kpi.csv`, `kpi_daily.csv` and trend and target charts.
public enum KPIReport {
    /// Metrics written to `kpi_daily.csv` and drawn as trends.
    static let dailyMetrics = ["plays", "completion_rate", "interaction_rate", "net_follower_change", "orders", "gmv", "spend", "roi"]

    public static func render(scorecard card: Scorecard, engine: KPIEngine, locale: ReportLocale) throws -> ReportBundle {
        var bundle = ReportBundle()
        let zh = locale == .zh
        let f = MetricFormatter(locale)
        let window = card.window
        var doc = MarkdownDocument()
        doc.heading((zh ? "KPI 记分卡 " : "KPI scorecard ") + "\(window.from.iso) — \(window.to.iso)", level: 1)
        doc.paragraph(zh
            ? "窗口 \(window.from.iso) 至 \(window.to.iso)（\(window.dayCount) 天，时区 \(window.timeZone.identifier)），对比上一期 \(card.previousWindow.from.iso) 至 \(card.previousWindow.to.iso)。比率的变化以百分点表示，其余为相对变化；分母为 0 的指标记为 n/a。"
            : "Window \(window.from.iso) to \(window.to.iso) (\(window.dayCount) days, time zone \(window.timeZone.identifier)), compared with the previous window \(card.previousWindow.from.iso) to \(card.previousWindow.to.iso). Rates change in percentage points, other metrics in percent; a metric whose denominator is zero is n/a.")

        if card.rows.isEmpty {
            doc.paragraph(zh ? "本窗口及上一期均无数据。" : "There is no data in this window or the previous one.")
        }
        let flagged = card.rows.filter(\.redTwoWeeksRunning)
        if !flagged.isEmpty {
            doc.heading(zh ? "连续两周未达标" : "Red two weeks running", level: 2)
            let weeks = card.weeksChecked.map { "\($0.from.iso)…\($0.to.iso)" }.joined(separator: ", ")
            doc.bullets(flagged.map { row in
                zh ? "\(PlatformName.of(row.platform, locale)) · \(row.metric.labelZh)：\(f.text(row.current, row.metric))，目标 \(row.target.map { f.text($0.value, row.metric) } ?? "")（\(weeks) 均未达标，需调整计划）"
                   : "\(PlatformName.of(row.platform, locale)) · \(row.metric.labelEn): \(f.text(row.current, row.metric)) against \(row.target.map { f.text($0.value, row.metric) } ?? "") (red in \(weeks): revise the plan)"
            })
        }
        for platform in [nil] + card.platforms.map(Optional.some) {
            let rows = card.rows.filter { $0.platform == platform }
            guard !rows.isEmpty else { continue }
            doc.heading(PlatformName.of(platform, locale), level: 2)
            var table = MarkdownTable(
                header: zh ? ["指标", "本期", "上期", "变化", "目标", "状态"] : ["Metric", "This window", "Previous", "Change", "Target", "Status"],
                alignments: [.left, .right, .right, .right, .right, .left])
            for row in rows {
                var status = row.status.map { $0.marker(locale) } ?? ""
                if row.redTwoWeeksRunning { status += zh ? "（连续两周）" : " (two weeks running)" }
                table.append([
                    row.metric.label(locale), f.text(row.current, row.metric), f.text(row.previous, row.metric), f.change(row),
                    row.target.map { (($0.higherIsBetter ? "≥ " : "≤ ") + f.text($0.value, row.metric)) } ?? "", status,
                ])
            }
            doc.table(table)
        }

        // Charts.
        let charts = trendCharts(card: card, engine: engine, locale: locale)
        if let targets = targetChart(card: card, locale: locale) {
            bundle.files.append(ReportFile(name: "charts/kpi_targets.svg", text: targets.svg()))
            doc.image(alt: zh ? "KPI 与目标" : "KPI against target", path: "charts/kpi_targets.svg")
        }
        if !charts.isEmpty {
            doc.heading(zh ? "每日趋势" : "Daily trends", level: 2)
            for (name, chart) in charts {
                bundle.files.append(ReportFile(name: "charts/\(name).svg", text: chart.svg()))
                doc.image(alt: chart.title, path: "charts/\(name).svg")
            }
        }

        doc.heading(zh ? "异常值" : "Anomalies", level: 2)
        let threshold = NumberFormat(locale).percent(card.anomalyThreshold, places: 0)
        if card.anomalies.isEmpty {
            doc.paragraph(zh ? "没有日值偏离其前 28 天均值超过 \(threshold)。" : "No daily value is more than \(threshold) from its trailing 28-day mean.")
        } else {
            doc.paragraph(zh ? "日值偏离其前 28 天均值超过 \(threshold)（按偏离幅度排序，最多 20 条）：" : "Daily values more than \(threshold) from their trailing 28-day mean (largest first, at most 20):")
            var table = MarkdownTable(header: zh ? ["日期", "平台", "指标", "当日", "28 天均值", "偏离"] : ["Date", "Platform", "Metric", "Value", "28-day mean", "Deviation"],
                                      alignments: [.left, .left, .left, .right, .right, .right])
            for a in card.anomalies.prefix(20) {
                table.append([a.date.iso, PlatformName.of(a.platform, locale), a.metric.label(locale), f.text(a.value, a.metric),
                              f.text(a.trailingMean, a.metric), NumberFormat(locale).percentChange(a.deviation)])
            }
            doc.table(table)
        }

        doc.heading(zh ? "指标定义" : "Definitions", level: 2)
        var definitions = MarkdownTable(header: zh ? ["指标", "公式"] : ["Metric", "Formula"])
        for metric in KPIMetric.all where card.rows.contains(where: { $0.metric == metric }) {
            definitions.append([metric.label(locale) + " (`\(metric.id)`)", metric.formula])
        }
        doc.table(definitions)
        bundle.files.append(ReportFile(name: "kpi.md", text: doc.text))
        bundle.files.append(ReportFile(name: "kpi.csv", data: try CSVWriter.render(csv(card))))
        bundle.files.append(ReportFile(name: "kpi_daily.csv", data: try CSVWriter.render(dailyCSV(card: card, engine: engine))))
        bundle.headlines = headlines(card, locale)
        return bundle
    }

    static func csv(_ card: Scorecard) -> CSVTable {
        var table = CSVTable(columns: [
            "window_from", "window_to", "platform", "metric", "metric_group", "unit", "current", "previous", "change",
            "change_unit", "target", "direction", "status", "red_two_weeks",
        ])
        for row in card.rows {
            let unit: String
            switch row.metric.kind {
            case .count: unit = "count"
            case .money: unit = "yuan"
            case .rate: unit = "fraction"
            case .duration: unit = "ms"
            case .ratio: unit = "ratio"
            }
            table.append([
                .text(card.window.from.iso), .text(card.window.to.iso), .text(row.platform ?? "total"), .text(row.metric.id),
                .text(row.metric.group.rawValue), .text(unit), MetricFormatter.cell(row.current, row.metric),
                MetricFormatter.cell(row.previous, row.metric), row.change.map { .decimal($0, places: 6) } ?? .empty,
                .text(row.change == nil ? "" : row.metric.kind == .rate ? "pp_fraction" : "relative"),
                row.target.map { MetricFormatter.cell($0.value, row.metric) } ?? .empty,
                .text(row.target.map { $0.higherIsBetter ? "higher" : "lower" } ?? ""), .text(row.status?.rawValue ?? ""),
                .text(row.target == nil ? "" : row.redTwoWeeksRunning ? "yes" : "no"),
            ])
        }
        return table
    }

    static func dailyCSV(card: Scorecard, engine: KPIEngine) -> CSVTable {
        var table = CSVTable(columns: ["date", "platform", "metric", "value"])
        for platform in [nil] + card.platforms.map(Optional.some) {
            let present = Set(card.rows.filter { $0.platform == platform }.map(\.metric.id))
            for id in dailyMetrics where present.contains(id) {
                guard let metric = KPIMetric.named(id) else { continue }
                for point in engine.dailySeries(id, platform: platform, window: card.window) {
                    table.append([.text(point.date.iso), .text(platform ?? "total"), .text(id), MetricFormatter.cell(point.value, metric)])
                }
            }
        }
        return table
    }

    static func trendCharts(card: Scorecard, engine: KPIEngine, locale: ReportLocale) -> [(String, LineChart)] {
        let zh = locale == .zh
        var charts: [(String, LineChart)] = []
        for (id, unit, style, scale) in [("plays", zh ? "播放量（次）" : "Plays", ChartValueStyle.count, 1.0),
                                          ("gmv", zh ? "GMV（元）" : "GMV (yuan)", ChartValueStyle.decimal(places: 0), 0.01)] {
            let platforms = card.platforms.filter { p in card.rows.contains { $0.platform == p && $0.metric.id == id } }
            guard !platforms.isEmpty, let metric = KPIMetric.named(id) else { continue }
            let series = platforms.map { p in
                LineChart.Series(name: PlatformName.of(p, locale),
                                 values: engine.dailySeries(id, platform: p, window: card.window).map { $0.value.map { $0 * scale } })
            }
            charts.append(("kpi_\(id)_daily", LineChart(
                title: (zh ? "每日" : "Daily ") + metric.label(locale) + (zh ? "（分平台）" : " by platform"),
                subtitle: "\(card.window.from.iso) — \(card.window.to.iso)", unit: unit, dates: card.window.days,
                series: series, valueStyle: style, locale: locale)))
        }
        return charts
    }

    static func targetChart(card: Scorecard, locale: ReportLocale) -> BarChart? {
        let withTargets = card.rows.filter { $0.target != nil }
        guard !withTargets.isEmpty else { return nil }
        let f = MetricFormatter(locale)
        // Each bar shows attainment (value / target for "higher", target / value for "lower"), so mixed units share one axis.
        let bars = withTargets.map { row -> BarChart.Bar in
            let target = row.target!
            var attainment: Double?
            if let v = row.current { attainment = target.higherIsBetter ? (target.value == 0 ? nil : v / target.value) : (v == 0 ? nil : target.value / v) }
            return BarChart.Bar(
                label: "\(PlatformName.of(row.platform, locale)) · \(row.metric.label(locale))", value: attainment, target: 1,
                status: row.status?.light,
                valueLabel: "\(f.text(row.current, row.metric)) / \(f.text(target.value, row.metric))")
        }
        return BarChart(
            title: locale == .zh ? "KPI 达成率（实际 / 目标）" : "KPI attainment (actual / target)",
            subtitle: "\(card.window.from.iso) — \(card.window.to.iso)",
            unit: locale == .zh ? "达成率" : "attainment", bars: bars, valueStyle: .percent, locale: locale)
    }

    /// The three largest movers, red flags and target misses, for the summary.
    static func headlines(_ card: Scorecard, _ locale: ReportLocale) -> [String] {
        let f = MetricFormatter(locale)
        let zh = locale == .zh
        var lines: [String] = []
        let reds = card.rows.filter { $0.status == .red }
        if !reds.isEmpty {
            lines.append((zh ? "未达标：" : "Off target: ") + reds.prefix(5).map { "\(PlatformName.of($0.platform, locale)) \($0.metric.label(locale)) \(f.text($0.current, $0.metric))" }.joined(separator: zh ? "；" : "; "))
        }
        return lines
    }

    /// Rows with the largest changes (percent for non-rates, points × 10 for rates so 1 pp ranks with 10%).
    static func largestMovers(_ card: Scorecard, count: Int) -> [ScorecardRow] {
        card.rows.filter { $0.platform != nil && $0.change != nil && ($0.metric.kind == .rate || ($0.previous ?? 0) != 0) }
            .sorted { a, b in
                let x = abs(a.change! * (a.metric.kind == .rate ? 10 : 1)), y = abs(b.change! * (b.metric.kind == .rate ? 10 : 1))
                return x != y ? x > y : (a.metric.id, a.platform ?? "") < (b.metric.id, b.platform ?? "")
            }
            .prefix(count).map { $0 }
    }
}

extension KPIMetric {
    public func label(_ locale: ReportLocale) -> String { locale == .zh ? labelZh : labelEn }
}
