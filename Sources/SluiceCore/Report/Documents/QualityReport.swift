import Foundation

/// The data-quality and freshness report: `quality.md` and `quality.csv`.
public enum QualityReport {
    public static func render(_ quality: DataQuality, window: ReportWindow, locale: ReportLocale) throws -> ReportBundle {
        var bundle = ReportBundle()
        let zh = locale == .zh
        let n = NumberFormat(locale)
        var doc = MarkdownDocument()
        doc.heading((zh ? "数据质量与新鲜度 " : "Data quality and freshness ") + "\(window.from.iso) — \(window.to.iso)", level: 1)

        let warnings = freshnessLines(quality, window: window, locale: locale)
        doc.heading(zh ? "新鲜度" : "Freshness", level: 2)
        doc.bullets(warnings.isEmpty ? [zh ? "所有平台的数据都覆盖到窗口结束日 \(window.to.iso)。" : "Every platform's data reaches the window end, \(window.to.iso)."] : warnings)
        var coverage = MarkdownTable(header: zh ? ["表", "平台", "最早", "最新", "行数"] : ["Table", "Platform", "First day", "Latest day", "Rows"],
                                     alignments: [.left, .left, .left, .left, .right])
        for c in quality.coverage {
            coverage.append([c.table, PlatformName.of(c.platform, locale), c.first.iso, c.latest.iso + (c.latest < window.to ? " ⚠️" : ""), n.count(c.rows, compact: false)])
        }
        doc.table(coverage)

        doc.heading(zh ? "文件" : "Files", level: 2)
        doc.paragraph(zh
            ? "读取 = 数据行；跳过 = 合计行与空行；替换 = 已加载但被同键的后续行替换（重叠导出、重复行）。"
            : "Read = data rows; skipped = totals rows and padding; replaced = loaded rows since replaced by a later row with the same key (overlapping exports, repeated rows).")
        var files = MarkdownTable(
            header: zh ? ["来源", "文件", "状态", "读取", "加载", "隔离", "跳过", "替换"] : ["Source", "File", "Status", "Read", "Loaded", "Quarantined", "Skipped", "Replaced"],
            alignments: [.left, .left, .left, .right, .right, .right, .right, .right])
        for f in quality.files {
            files.append([f.source, f.path, f.status == "loaded" ? (zh ? "已加载" : "loaded") : (zh ? "失败" : "FAILED"),
                          String(f.read), String(f.loaded), String(f.quarantined), String(f.skipped), String(f.replaced)])
        }
        doc.table(files)
        let failed = quality.files.filter { $0.status != "loaded" }
        if !failed.isEmpty {
            doc.heading(zh ? "失败的文件（下次运行会重试）" : "Failed files (retried on the next run)", level: 3)
            doc.bullets(failed.map { "\($0.path): \($0.error ?? "")" })
        }

        doc.heading(zh ? "隔离的行" : "Quarantined rows", level: 2)
        if quality.reasons.isEmpty {
            doc.paragraph(zh ? "没有被隔离的行。" : "No rows were quarantined.")
        }
        for reason in quality.reasons {
            doc.paragraph(markdown: "**\(Markdown.escape(reason.source))** · \(Markdown.escape(reason.reason)) — \(reason.count)")
            doc.bullets(reason.examples.map {
                $0.raw.isEmpty ? "\($0.path):\($0.line)"
                    : "\($0.path):\($0.line) `\(String($0.raw.prefix(120)).replacingOccurrences(of: "`", with: "'"))`"
            })
        }
        if !quality.corrections.isEmpty {
            doc.heading(zh ? "累计数据的负向修正" : "Negative corrections in cumulative counters", level: 2)
            doc.paragraph(zh ? "平台删除刷量等原因使累计值下降；这些日差值按负数保留，未被截断。"
                             : "Lifetime counters went down (platforms remove fake plays); these daily differences are kept as negative values, not clamped.")
            doc.bullets(quality.corrections.map { zh ? "\($0.source)：\($0.days) 个内容日" : "\($0.source): \($0.days) content days" })
        }
        bundle.files.append(ReportFile(name: "quality.md", text: doc.text))

        var csv = CSVTable(columns: ["kind", "source", "path", "table", "platform", "status", "rows_read", "rows_loaded", "rows_quarantined",
                                     "rows_skipped", "rows_replaced", "first_date", "latest_date", "detail"])
        for f in quality.files {
            csv.append([.text("file"), .text(f.source), .text(f.path), .empty, .empty, .text(f.status), .integer(f.read), .integer(f.loaded),
                        .integer(f.quarantined), .integer(f.skipped), .integer(f.replaced), .empty, .empty, .text(f.error ?? "")])
        }
        for r in quality.reasons {
            csv.append([.text("quarantine_reason"), .text(r.source), .text(r.examples.first?.path ?? ""), .empty, .empty, .empty, .empty, .empty,
                        .integer(r.count), .empty, .empty, .empty, .empty, .text(r.reason)])
        }
        for c in quality.coverage {
            csv.append([.text("coverage"), .empty, .empty, .text(c.table), .text(c.platform), .text(c.latest < window.to ? "stale" : "fresh"),
                        .integer(c.rows), .empty, .empty, .empty, .empty, .text(c.first.iso), .text(c.latest.iso), .empty])
        }
        for c in quality.corrections {
            csv.append([.text("negative_corrections"), .text(c.source), .empty, .text("content_daily"), .empty, .empty, .integer(c.days),
                        .empty, .empty, .empty, .empty, .empty, .empty, .empty])
        }
        bundle.files.append(ReportFile(name: "quality.csv", data: try CSVWriter.render(csv)))
        bundle.headlines = warnings
        return bundle
    }

    /// "Douyin data ends 2026-11-06, report window ends 2026-11-08", one line per platform and table.
    static func freshnessLines(_ quality: DataQuality, window: ReportWindow, locale: ReportLocale) -> [String] {
        quality.freshnessWarnings(windowEnd: window.to).map { c in
            locale == .zh
                ? "⚠️ \(PlatformName.of(c.platform, locale)) 的 \(c.table) 数据截至 \(c.latest.iso)，报告窗口截至 \(window.to.iso)"
                : "⚠️ \(PlatformName.of(c.platform, locale)) \(c.table) data ends \(c.latest.iso), report window ends \(window.to.iso)"
        }
    }
}
