import Foundation

/// The one-page management summary, `summary.md`: conclusions first, then links to the details.
public enum SummaryReport {
    /// Metrics of the summary's KPI table, in order.
    static let keyMetrics = ["plays", "completion_rate", "interaction_rate", "follow_conversion", "net_follower_change", "orders", "gmv",
                             "repurchase_rate", "spend", "roi"]

    /// - Parameter sections: other reports' headlines by report file (e.g. `funnel.md`); nil when that report was not written.
    public static func render(scorecard card: Scorecard, freshness: [String], sections: [(title: String, file: String, headlines: [String]?)],
                              locale: ReportLocale) -> ReportFile {
        let zh = locale == .zh
        let f = MetricFormatter(locale)
        var doc = MarkdownDocument()
        doc.heading((zh ? "管理摘要 " : "Management summary ") + "\(card.window.from.iso) — \(card.window.to.iso)", level: 1)
        var top: [String] = [zh
            ? "窗口：\(card.window.from.iso) 至 \(card.window.to.iso)（\(card.window.dayCount) 天，\(card.window.timeZone.identifier)），对比 \(card.previousWindow.from.iso) 至 \(card.previousWindow.to.iso)。"
            : "Window: \(card.window.from.iso) to \(card.window.to.iso) (\(card.window.dayCount) days, \(card.window.timeZone.identifier)), against \(card.previousWindow.from.iso) to \(card.previousWindow.to.iso)."]
        top += freshness.isEmpty ? [zh ? "数据新鲜度：所有平台的数据都覆盖到窗口结束日。" : "Freshness: every platform's data reaches the end of the window."] : freshness
        doc.bullets(top)

        let flagged = card.rows.filter(\.redTwoWeeksRunning)
        if !flagged.isEmpty {
            doc.heading(zh ? "需要调整计划" : "Plans to revise", level: 2)
            doc.bullets(flagged.map { row -> String in
                let target = row.target.map { f.text($0.value, row.metric) } ?? ""
                let name = PlatformName.of(row.platform, locale)
                return zh ? "🔴 \(name) \(row.metric.labelZh) 连续两周未达标：\(f.text(row.current, row.metric))，目标 \(target)"
                          : "🔴 \(name) \(row.metric.labelEn) red two weeks running: \(f.text(row.current, row.metric)) against \(target)"
            })
        }

        doc.heading(zh ? "关键指标" : "Key metrics", level: 2)
        let scopes: [String?] = [nil] + card.platforms.map(Optional.some)
        var table = MarkdownTable(header: [zh ? "指标" : "Metric"] + scopes.map { PlatformName.of($0, locale) },
                                  alignments: [.left] + scopes.map { _ in .right })
        var anyRow = false
        for id in keyMetrics {
            guard let metric = KPIMetric.named(id) else { continue }
            let cells = scopes.map { scope -> String in
                guard let row = card.row(id, platform: scope) else { return "" }
                var text = f.text(row.current, metric)
                if row.change != nil { text += " (\(f.change(row)))" }
                if let status = row.status { text = status.marker(locale).prefix(1) + " " + text }
                return text
            }
            guard cells.contains(where: { !$0.isEmpty }) else { continue }
            anyRow = true
            table.append([metric.label(locale)] + cells)
        }
        if anyRow {
            doc.table(table)
            doc.paragraph(zh ? "括号内为与上一期相比的变化；🟢 达标 🟡 预警 🔴 未达标。" : "In brackets: change against the previous window; 🟢 on target, 🟡 at risk, 🔴 off target.")
        } else {
            doc.paragraph(zh ? "本窗口没有数据。" : "There is no data in this window.")
        }

        let movers = KPIReport.largestMovers(card, count: 3)
        if !movers.isEmpty {
            doc.heading(zh ? "变化最大的三项" : "Largest movers", level: 2)
            doc.bullets(movers.map {
                "\(PlatformName.of($0.platform, locale)) · \($0.metric.label(locale)): \(f.text($0.previous, $0.metric)) → \(f.text($0.current, $0.metric)) (\(f.change($0)))"
            })
        }
        if !card.anomalies.isEmpty {
            doc.heading(zh ? "异常值" : "Anomalies", level: 2)
            doc.bullets(card.anomalies.prefix(5).map {
                "\($0.date.iso) \(PlatformName.of($0.platform, locale)) · \($0.metric.label(locale)): \(f.text($0.value, $0.metric)) "
                    + (zh ? "（28 天均值 \(f.text($0.trailingMean, $0.metric))，偏离 \(NumberFormat(locale).percentChange($0.deviation))）"
                          : "(28-day mean \(f.text($0.trailingMean, $0.metric)), \(NumberFormat(locale).percentChange($0.deviation)))")
            } + (card.anomalies.count > 5 ? [zh ? "……共 \(card.anomalies.count) 条，见 KPI 报告。" : "… \(card.anomalies.count) in all: see the KPI report."] : []))
        }
        for section in sections {
            doc.heading(section.title, level: 2)
            if let lines = section.headlines {
                doc.bullets(markdown: lines.isEmpty ? [zh ? "无要点。" : "Nothing to note."] : lines)
                doc.paragraph(markdown: Markdown.link(zh ? "详细报告" : "Details", to: section.file))
            } else {
                doc.paragraph(zh ? "本次未生成该报告（管道定义中未配置，或没有所需数据）。" : "Not written this time (not configured in the pipeline definition, or its data is missing).")
            }
        }
        doc.heading(zh ? "详细报告" : "Detailed reports", level: 2)
        doc.bullets(markdown: [Markdown.link(zh ? "KPI 记分卡" : "KPI scorecard", to: "kpi.md"),
                               Markdown.link(zh ? "数据质量与新鲜度" : "Data quality and freshness", to: "quality.md")]
                    + sections.filter { $0.headlines != nil }.map { Markdown.link($0.title, to: $0.file) })
        return ReportFile(name: "summary.md", text: doc.text)
    }
}
