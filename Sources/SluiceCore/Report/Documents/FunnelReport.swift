import Foundation

/// The funnel report: `funnel.md`, `funnel.csv` and one `charts/funnel_<name>.svg` per funnel.
///
/// One section per user-level funnel of the pipeline definition (every option in its header, then
/// the steps, the breakdown and the chart), then the aggregate content funnel per platform from
/// `content_daily`. Definitions: docs/journeys.md.
public enum FunnelReport {
    /// Runs every funnel over the timeline and the aggregate funnel over the content totals, then renders.
    public static func render(definitions: [FunnelDefinition], timeline: Timeline, dataEndMillis: Int64,
                              content: [ContentTotals], window: ReportWindow, locale: ReportLocale) throws -> ReportBundle {
        let results = definitions.map {
            FunnelEngine.run(timeline: timeline, window: window, definition: $0, dataEndMillis: dataEndMillis)
        }
        return try render(results: results, timelineRows: timeline.count, content: AggregateFunnel.run(content),
                          window: window, dataEndMillis: dataEndMillis, locale: locale)
    }

    /// Renders computed results. `timelineRows` is the size of the timeline they were computed on
    /// (0: there is no user-level data at all, said so instead of printing a data end of 1970).
    public static func render(results: [FunnelResult], timelineRows: Int, content: [AggregateFunnelResult],
                              window: ReportWindow, dataEndMillis: Int64, locale: ReportLocale) throws -> ReportBundle {
        var bundle = ReportBundle()
        let zh = locale == .zh
        let format = NumberFormat(locale)
        var doc = MarkdownDocument()
        doc.heading((zh ? "漏斗 " : "Funnels ") + "\(window.from.iso) — \(window.to.iso)", level: 1)
        var intro: [String] = [zh
            ? "窗口 \(window.from.iso) 至 \(window.to.iso)（\(window.dayCount) 天，时区 \(window.timeZone.identifier)）。"
            : "Window \(window.from.iso) to \(window.to.iso) (\(window.dayCount) days, time zone \(window.timeZone.identifier))."]
        if !results.isEmpty {
            intro[0] += zh
                ? "第 1 步事件落在窗口内（\(window.from.iso) 00:00 起、\(window.to.adding(days: 1).iso) 00:00 前）即进入漏斗；之后的步骤可以发生在窗口结束之后，但须在转化窗口之内。"
                : " A unit enters when its step-1 event falls inside the window (from \(window.from.iso) 00:00 to before \(window.to.adding(days: 1).iso) 00:00); later steps may happen after the window ends, within the conversion window."
            intro.append(JourneyText.dataEnd(dataEndMillis, rows: timelineRows, window: window, locale: locale))
        }
        doc.bullets(intro)
        if results.isEmpty {
            doc.paragraph(markdown: zh ? "管道定义中没有配置用户级漏斗（`funnels`），以下仅有内容汇总漏斗。"
                                       : "The pipeline definition configures no user-level funnel (`funnels`); only the aggregate content funnel follows.")
        }

        var csv = CSVTable(columns: [
            "window_from", "window_to", "kind", "funnel", "order_mode", "counting_unit", "window_ms", "data_end", "segment_field",
            "segment", "step", "step_label", "step_events", "count", "conversion_from_previous", "conversion_from_first",
            "drop_off", "in_progress", "median_ms_from_previous", "p90_ms_from_previous", "mean_ms_from_previous",
        ])
        let dataEndText = timelineRows > 0 ? JourneyText.localTime(dataEndMillis, window.timeZone) : ""
        var chartNames: Set<String> = []

        for result in results {
            let definition = result.definition
            let unitNoun = noun(definition.countingUnit, locale)
            doc.heading((zh ? "漏斗：" : "Funnel: ") + definition.name, level: 2)
            doc.bullets(options(result, locale: locale))
            if !result.warnings.isEmpty {
                doc.paragraph(zh ? "定义有问题，引擎跳过了相应部分：" : "The definition has problems; the engine skipped what they name:")
                doc.bullets(result.warnings.map { "⚠️ " + $0 })
            }

            var table = MarkdownTable(
                header: zh ? ["步骤", "事件", unitNoun, "较上一步", "占第 1 步", "流失", "其中进行中", "中位耗时", "P90 耗时", "平均耗时"]
                           : ["Step", "Events", unitNoun.prefix(1).uppercased() + unitNoun.dropFirst(), "From previous", "From step 1", "Drop-off", "In progress",
                              "Median time", "P90 time", "Mean time"],
                alignments: [.left, .left, .right, .right, .right, .right, .right, .right, .right, .right])
            for (k, step) in result.overall.steps.enumerated() {
                let events = k < definition.steps.count ? JourneyText.matcher(definition.steps[k].events, definition.steps[k].filters) : ""
                table.append([
                    "\(k + 1). \(step.label)", events, format.count(step.count, compact: false),
                    k == 0 ? "" : format.percent(step.conversionFromPrevious), format.percent(step.conversionFromFirst),
                    step.dropOff.map { format.count($0, compact: false) } ?? "", format.count(step.inProgress, compact: false),
                    k == 0 ? "" : JourneyText.duration(step.medianMillisFromPrevious, locale),
                    k == 0 ? "" : JourneyText.duration(step.p90MillisFromPrevious, locale),
                    k == 0 ? "" : JourneyText.duration(step.meanMillisFromPrevious, locale),
                ])
            }
            doc.table(table)
            var notes: [String] = []
            if let median = result.overall.medianMillisToComplete {
                notes.append(zh ? "完成全部步骤的中位耗时：\(JourneyText.duration(median, locale))（第 1 步至最后一步）。"
                                : "Median time to complete: \(JourneyText.duration(median, locale)) (step 1 to the last step).")
            }
            notes.append(zh
                ? "耗时均为距上一步的时间，统计到达该步的\(unitNoun)；P90 取最近秩（排序后第 ⌈0.9n⌉ 个）。“其中进行中”：停在该步、仍在转化窗口内、之后可能继续转化的\(unitNoun)，已计入该步数量。"
                : "Times are from the previous step, over the \(unitNoun) that reached the step; P90 is the nearest rank (the ⌈0.9n⌉-th smallest). In progress: \(unitNoun) that stopped at this step but are still inside their window and may advance; they are included in the step's count.")
            doc.paragraph(notes.joined(separator: " "))

            // Chart.
            let chartName = chartFileName(definition.name, taken: &chartNames)
            let chart = FunnelChart(
                title: (zh ? "漏斗：" : "Funnel: ") + definition.name,
                subtitle: "\(window.from.iso) — \(window.to.iso) · " + unitNoun + " · " + definition.order.rawValue,
                steps: result.overall.steps.map { FunnelChart.Step(label: $0.label, count: Int64($0.count)) }, locale: locale)
            bundle.files.append(ReportFile(name: "charts/\(chartName).svg", text: chart.svg()))
            doc.image(alt: chart.title, path: "charts/\(chartName).svg")

            // Breakdown.
            if let field = definition.breakdown {
                doc.heading((zh ? "按第 1 步事件的 \(field.rawValue) 分组" : "By \(field.rawValue) of the step-1 event"), level: 3)
                if result.segments.isEmpty {
                    doc.paragraph(zh ? "没有\(unitNoun)进入漏斗。" : "No \(unitNoun) entered the funnel.")
                } else {
                    let labels = result.overall.steps.map(\.label)
                    var breakdown = MarkdownTable(
                        header: [field.rawValue] + labels + (zh ? ["整体转化", "进行中"] : ["Conversion", "In progress"]),
                        alignments: [.left] + labels.map { _ in .right } + [.right, .right])
                    for segment in result.segments {
                        var row = [segmentLabel(segment.key, field: field, locale: locale)]
                        for (k, step) in segment.steps.enumerated() {
                            let count = format.count(step.count, compact: false)
                            row.append(k == 0 ? count : count + " (" + format.percent(step.conversionFromFirst) + ")")
                        }
                        row += [format.percent(segment.conversion), format.count(segment.inProgress, compact: false)]
                        breakdown.append(row)
                    }
                    doc.table(breakdown)
                    doc.paragraph(zh ? "括号内为占该组第 1 步的比例；分组按进入\(unitNoun)从多到少排列。缺失值记为 (none)，不从其他步骤补取。"
                                     : "In brackets: share of the segment's step 1. Segments by entrants, most first. A missing value is (none), never taken from another step.")
                }
            }

            for segment in [result.overall] + result.segments {
                let isAll = segment.key == .all
                for (k, step) in segment.steps.enumerated() {
                    csv.append([
                        .text(window.from.iso), .text(window.to.iso), .text("user_funnel"), .text(definition.name),
                        .text(definition.order.rawValue), .text(definition.countingUnit.rawValue), .integer(definition.windowMillis),
                        .text(dataEndText), .text(isAll ? "" : definition.breakdown?.rawValue ?? ""), .text(segment.key.label),
                        .integer(Int64(k + 1)), .text(step.label),
                        .text(k < definition.steps.count ? definition.steps[k].events.joined(separator: "|") : ""),
                        .integer(Int64(step.count)), .rate(step.conversionFromPrevious), .rate(step.conversionFromFirst),
                        step.dropOff.map { .integer(Int64($0)) } ?? .empty, .integer(Int64(step.inProgress)),
                        millisCell(step.medianMillisFromPrevious), millisCell(step.p90MillisFromPrevious),
                        millisCell(step.meanMillisFromPrevious),
                    ])
                }
            }
        }

        if !content.isEmpty {
            doc.heading(zh ? "内容漏斗（content_daily 平台汇总）" : "Content funnel (content_daily totals per platform)", level: 2)
            doc.paragraph(zh
                ? "窗口内（stat_date \(window.from.iso) 至 \(window.to.iso)）各平台 content_daily 的合计：曝光 → 播放 → 完播 → 互动（点赞 + 评论 + 分享）→ 新增关注。这是平台汇总的次数，不是用户：各步之间的比例只是量级关系，不是同一批人的转化。空白表示平台不提供该数据（不是 0）；“占顶部”以第一个有数据的步骤为基数。"
                : "Sums of content_daily per platform over the window (stat_date \(window.from.iso) to \(window.to.iso)): impressions → plays → completed plays → interactions (likes + comments + shares) → new followers. These are platform totals, not users: the ratios relate volumes, not the conversion of one group of people. An empty cell means the platform does not report the figure (not zero); \"from top\" divides by the first step that has a value.")
            for platform in content {
                doc.heading(PlatformName.of(platform.platform, locale), level: 3)
                var table = MarkdownTable(
                    header: zh ? ["步骤", "数量", "较上一步", "占顶部", "流失"] : ["Step", "Count", "From previous", "From top", "Drop-off"],
                    alignments: [.left, .right, .right, .right, .right])
                for step in platform.steps {
                    let present = step.count != nil
                    table.append([
                        contentStepLabel(step.key, locale), step.count.map { format.count($0, compact: false) } ?? "",
                        present && step.conversionFromPrevious != nil ? format.percent(step.conversionFromPrevious) : "",
                        present ? format.percent(step.conversionFromTop) : "",
                        step.dropOff.map { format.count($0, compact: false) } ?? "",
                    ])
                }
                doc.table(table)
                var notes: [String] = []
                if let top = platform.topStep, top != AggregateFunnel.stepKeys.first {
                    notes.append(zh ? "平台不提供曝光数据，“占顶部”以\(contentStepLabel(top, locale))为基数。"
                                    : "The platform reports no impressions; \"from top\" divides by \(contentStepLabel(top, locale).lowercased()).")
                }
                if !platform.missingInteractionParts.isEmpty {
                    let parts = platform.missingInteractionParts.map { contentStepLabel($0, locale) }
                    notes.append(zh ? "互动只含已提供的部分（缺：\(parts.joined(separator: "、"))）。"
                                    : "Interactions sum the parts reported (missing: \(parts.joined(separator: ", ").lowercased())).")
                }
                if !notes.isEmpty { doc.paragraph(notes.joined(separator: " ")) }
                for (k, step) in platform.steps.enumerated() {
                    csv.append([
                        .text(window.from.iso), .text(window.to.iso), .text("content_funnel"), .text("content_daily"), .empty, .empty,
                        .empty, .empty, .text("platform"), .text(platform.platform), .integer(Int64(k + 1)), .text(step.key),
                        .text(step.key), step.count.map { .integer($0) } ?? .empty, .rate(step.conversionFromPrevious),
                        .rate(step.conversionFromTop), step.dropOff.map { .integer($0) } ?? .empty, .empty, .empty, .empty, .empty,
                    ])
                }
            }
        }

        bundle.files.append(ReportFile(name: "funnel.md", text: doc.text))
        bundle.files.append(ReportFile(name: "funnel.csv", data: try CSVWriter.render(csv)))
        bundle.headlines = headlines(results: results, content: content, locale: locale)
        return bundle
    }

    /// The header bullets of one funnel: every option, and how many units are still in progress.
    static func options(_ result: FunnelResult, locale: ReportLocale) -> [String] {
        let zh = locale == .zh
        let d = result.definition
        let unitNoun = noun(d.countingUnit, locale)
        var lines: [String] = []
        let steps = d.steps.map(\.label).joined(separator: " → ")
        lines.append((zh ? "步骤：" : "Steps: ") + (steps.isEmpty ? (zh ? "（无）" : "(none)") : steps))
        let order: String
        switch d.order {
        case .ordered: order = zh ? "ordered（按顺序，步骤之间可夹杂其他事件）" : "ordered (in order; other events may happen in between)"
        case .strict: order = zh ? "strict（按顺序，相邻两步之间不能有该用户的任何其他事件）" : "strict (in order, with no other event of the user between consecutive steps)"
        case .any: order = zh ? "any（第 1 步在先，其余步骤顺序不限）" : "any (step 1 first, then the other steps in any order)"
        }
        lines.append((zh ? "顺序：" : "Order: ") + order)
        lines.append(zh ? "转化窗口：\(JourneyText.span(d.windowMillis, locale))（每一步须在第 1 步之后这段时间内发生，不含端点）"
                        : "Conversion window: \(JourneyText.span(d.windowMillis, locale)) (every step must happen less than this after step 1)")
        let stepWindows = d.steps.dropFirst().compactMap { step in
            step.windowFromPreviousMillis.map { "\(step.label) \(JourneyText.span($0, locale))" }
        }
        lines.append((zh ? "单步窗口（距上一步）：" : "Step windows (from the previous step): ")
            + (stepWindows.isEmpty ? (zh ? "无" : "none") : stepWindows.joined(separator: zh ? "；" : "; ")))
        let exclusions = d.exclusions.map { x in
            zh ? "\(JourneyText.matcher(x.events, x.filters)) 发生在 \(x.afterStep) 之后、\(x.beforeStep) 之前"
               : "\(JourneyText.matcher(x.events, x.filters)) between \(x.afterStep) and \(x.beforeStep)"
        }
        lines.append((zh ? "排除事件：" : "Exclusions: ")
            + (exclusions.isEmpty ? (zh ? "无" : "none") : exclusions.joined(separator: zh ? "；" : "; ")))
        switch d.countingUnit {
        case .users:
            lines.append(zh ? "计数单位：users（每位用户计一次，取走得最远的一次尝试；并列取最早的一次）"
                            : "Counting unit: users (each user once, with the attempt that got furthest; ties: the earliest)")
        case .totals:
            lines.append(zh ? "计数单位：totals（每个第 1 步事件开始一次尝试，每次尝试都计入，重复购买也算）"
                            : "Counting unit: totals (every step-1 event starts an attempt and every attempt counts, repeat purchases too)")
        }
        if let field = d.breakdown {
            lines.append(zh ? "分组：第 1 步事件的 \(field.rawValue)（缺失记为 (none)）" : "Breakdown: \(field.rawValue) of the step-1 event (missing as (none))")
        } else {
            lines.append(zh ? "分组：无" : "Breakdown: none")
        }
        let overall = result.overall
        lines.append(zh
            ? "进入 \(NumberFormat(locale).count(overall.entrants, compact: false)) \(unitNoun)，完成 \(NumberFormat(locale).count(overall.completed, compact: false))（\(NumberFormat(locale).percent(overall.conversion))）；进行中 \(NumberFormat(locale).count(overall.inProgress, compact: false))（尚未完成、仍在转化窗口内）"
            : "\(NumberFormat(locale).count(overall.entrants, compact: false)) \(unitNoun) entered, \(NumberFormat(locale).count(overall.completed, compact: false)) completed (\(NumberFormat(locale).percent(overall.conversion))); \(NumberFormat(locale).count(overall.inProgress, compact: false)) in progress (not completed, still inside their window)")
        return lines
    }

    /// 2–4 short Markdown lines for the summary: one per funnel (at most three), then the content
    /// funnel when there is room.
    static func headlines(results: [FunnelResult], content: [AggregateFunnelResult], locale: ReportLocale) -> [String] {
        let zh = locale == .zh
        let f = NumberFormat(locale)
        var lines: [String] = []
        for result in results.prefix(3) {
            let h = result.headlines()
            let unitNoun = noun(h.unit, locale)
            var line = zh
                ? "\(Markdown.bold(h.funnel))：进入 \(f.count(h.entrants)) \(unitNoun)，完成 \(f.count(h.completed))（\(f.percent(h.conversion))）"
                : "\(Markdown.bold(h.funnel)): \(f.count(h.entrants)) \(unitNoun) entered, \(f.count(h.completed)) completed (\(f.percent(h.conversion)))"
            if let drop = h.biggestDrop, drop.lost > 0 {
                line += zh ? "；流失最多在 \(Markdown.escape(drop.fromStep)) → \(Markdown.escape(drop.toStep))（\(f.percent(drop.share))）"
                           : "; largest drop \(Markdown.escape(drop.fromStep)) → \(Markdown.escape(drop.toStep)) (\(f.percent(drop.share)))"
            }
            if h.inProgress > 0 { line += zh ? "；\(f.count(h.inProgress)) 进行中" : "; \(f.count(h.inProgress)) in progress" }
            lines.append(line + (zh ? "。" : "."))
        }
        if lines.count < 4 {
            let parts = content.compactMap { platform -> String? in
                guard let top = platform.steps.first(where: { $0.key == platform.topStep }), let topCount = top.count,
                      let last = platform.steps.last, let lastCount = last.count, topCount > 0
                else { return nil }
                let share = f.percent(last.conversionFromTop, places: 2)
                let from = contentStepLabel(top.key, locale), to = contentStepLabel(last.key, locale)
                return "\(PlatformName.of(platform.platform, locale)) \(zh ? from : from.lowercased()) \(f.count(topCount)) → "
                    + "\(zh ? to : to.lowercased()) \(f.count(lastCount))" + (zh ? "（\(share)）" : " (\(share))")
            }
            if !parts.isEmpty {
                lines.append((zh ? "内容汇总漏斗：" : "Content totals: ") + Markdown.escape(parts.joined(separator: zh ? "；" : "; ")) + (zh ? "。" : "."))
            }
        }
        return lines
    }

    // MARK: Labels

    static func noun(_ unit: FunnelCountingUnit, _ locale: ReportLocale) -> String {
        switch unit {
        case .users: return locale == .zh ? "人" : "users"
        case .totals: return locale == .zh ? "次" : "attempts"
        }
    }

    static func contentStepLabel(_ key: String, _ locale: ReportLocale) -> String {
        let labels: [String: (String, String)] = [
            "impressions": ("曝光", "Impressions"), "plays": ("播放", "Plays"), "completed_plays": ("完播", "Completed plays"),
            "interactions": ("互动", "Interactions"), "new_followers": ("新增关注", "New followers"),
            "likes": ("点赞", "Likes"), "comments": ("评论", "Comments"), "shares": ("分享", "Shares"),
        ]
        guard let pair = labels[key] else { return key }
        return locale == .zh ? pair.0 : pair.1
    }

    static func segmentLabel(_ key: FunnelSegmentKey, field: FunnelField, locale: ReportLocale) -> String {
        switch key {
        case .value(let v) where field == .platform: return PlatformName.of(v, locale)
        case .value(let v) where field == .channel: return JourneyText.channel(v, locale)
        default: return key.label
        }
    }

    /// `funnel_<name>`, made unique (a second funnel whose name differs only in case gets `_2`).
    static func chartFileName(_ name: String, taken: inout Set<String>) -> String {
        let base = "funnel_" + name
        var candidate = base
        var n = 2
        while !taken.insert(candidate.lowercased()).inserted {
            candidate = base + "_\(n)"
            n += 1
        }
        return candidate
    }

    static func millisCell(_ value: Double?) -> CSVCell {
        guard let value, value.isFinite else { return .empty }
        return .integer(Int64(value.rounded()))
    }
}

/// Wording shared by the funnel and cohort reports.
enum JourneyText {
    /// `2026-11-08 23:41:07`: the instant as a local wall-clock time in `zone`.
    static func localTime(_ millis: Int64, _ zone: TimeZone) -> String {
        let second = millis.dividedRoundingDown(by: 1000)
        let offset = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(second))))
        let local = second + offset
        let day = local.dividedRoundingDown(by: 86_400)
        let rest = local - day * 86_400
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return LocalDate(dayNumber: Int(day)).iso + " " + two(rest / 3600) + ":" + two(rest / 60 % 60) + ":" + two(rest % 60)
    }

    /// The header line saying how far the data reaches.
    static func dataEnd(_ millis: Int64, rows: Int, window: ReportWindow, locale: ReportLocale) -> String {
        let zh = locale == .zh
        guard rows > 0 else {
            return zh ? "数据库中没有用户级数据（events 与已支付订单均为空）。" : "The database holds no user-level data (no events and no paid orders)."
        }
        let time = localTime(millis, window.timeZone)
        var line = zh
            ? "数据截至 \(time)（\(window.timeZone.identifier)，即最后一条事件或已支付订单之后；此后的数据不计入）。"
            : "Data reaches \(time) (\(window.timeZone.identifier), just after the last event or paid order; anything later is ignored)."
        // The data end is just after the last row, so it always falls a little before midnight:
        // warn only when the data stops before the window's last day.
        if LocalDate(epochMillis: millis - 1, in: window.timeZone) < window.to {
            line += zh ? "数据未覆盖到窗口结束，尚未观察完的部分标记为进行中。" : " The data stops before the window ends; what is not fully observed yet is marked in progress."
        }
        return line
    }

    /// A human duration: `2.5秒`, `4分10秒`, `3小时05分`, `2天03小时` (en `2 d 03 h`).
    static func duration(_ millis: Double?, _ locale: ReportLocale) -> String {
        guard let millis, millis.isFinite, millis.magnitude < 9e15 else { return NumberFormat.notAvailable }
        let ms = Int64(millis.rounded())
        guard ms.magnitude >= 86_400_000 else { return NumberFormat(locale).duration(ms: ms) }
        let hours = (ms.magnitude + 1_800_000) / 3_600_000
        let d = hours / 24, h = hours % 24
        let text = locale == .zh ? "\(d)天" + (h < 10 ? "0\(h)" : "\(h)") + "小时" : "\(d) d " + (h < 10 ? "0\(h)" : "\(h)") + " h"
        return ms < 0 ? "-" + text : text
    }

    /// An exact span for an option: `7天`, `24小时`, `1天12小时` / `7 days`, `1 day 12 hours`.
    static func span(_ millis: Int64, _ locale: ReportLocale) -> String {
        let units: [(Int64, String, String)] = [(86_400_000, "天", "day"), (3_600_000, "小时", "hour"), (60_000, "分钟", "minute"),
                                                 (1000, "秒", "second"), (1, "毫秒", "millisecond")]
        var rest = millis.magnitude
        var parts: [String] = []
        for (size, zh, en) in units where rest >= UInt64(size) {
            let n = rest / UInt64(size)
            rest -= n * UInt64(size)
            parts.append(locale == .zh ? "\(n)\(zh)" : "\(n) \(en)" + (n == 1 ? "" : "s"))
        }
        if parts.isEmpty { return locale == .zh ? "0秒" : "0 seconds" }
        return (millis < 0 ? "-" : "") + parts.joined(separator: locale == .zh ? "" : " ")
    }

    /// `view`, `add_to_cart / order`, `view [platform: douyin, channels]`.
    static func matcher(_ events: [String], _ filters: [FunnelField: [String]]) -> String {
        var text = events.joined(separator: " / ")
        if !filters.isEmpty {
            text += " [" + filters.keys.sorted().map { "\($0.rawValue): " + (filters[$0] ?? []).joined(separator: ", ") }
                .joined(separator: "; ") + "]"
        }
        return text
    }

    /// Channel display names.
    static func channel(_ code: String?, _ locale: ReportLocale) -> String {
        guard let code else { return FunnelSegmentKey.missingLabel }
        let zh = ["organic": "自然", "paid": "付费", "kol": "达人", "search": "搜索"]
        let en = ["organic": "organic", "paid": "paid", "kol": "KOL", "search": "search"]
        return (locale == .zh ? zh : en)[code] ?? code
    }
}
