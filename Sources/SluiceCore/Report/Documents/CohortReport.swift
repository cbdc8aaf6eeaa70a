import Foundation

/// The cohort report: `cohort.md`, `cohort.csv`, `charts/cohort_retention.svg` and
/// `charts/cohort_buyers.svg`.
///
/// Acquisition cohorts (retention by period, the size-weighted average, the split by first source),
/// buyer cohorts (repeat purchase, orders per buyer and LTV by period) and N-day repurchase rates.
/// Cells of periods not over by the data end are marked in progress, never shown as a low value.
/// Definitions: docs/journeys.md.
public enum CohortReport {
    /// Runs both cohort computations over the timeline, then renders.
    public static func render(options: CohortOptions, timeline: Timeline, dataEndMillis: Int64, window: ReportWindow,
                              locale: ReportLocale) throws -> ReportBundle {
        let acquisition = CohortEngine.acquisition(timeline: timeline, window: window, options: options, dataEndMillis: dataEndMillis)
        let buyers = CohortEngine.buyers(timeline: timeline, window: window, options: options, dataEndMillis: dataEndMillis)
        return try render(acquisition: acquisition, buyers: buyers, timelineRows: timeline.count, locale: locale)
    }

    /// How a cell shows: a value, in progress (the period has started but not ended by the data
    /// end), not started yet, or empty (a cohort without members).
    enum CellState { case value, inProgress, notStarted, empty }

    public static func render(acquisition: AcquisitionCohorts, buyers: BuyerCohorts, timelineRows: Int,
                              locale: ReportLocale) throws -> ReportBundle {
        var bundle = ReportBundle()
        let zh = locale == .zh
        let f = NumberFormat(locale)
        let options = acquisition.options
        let window = acquisition.window
        let dataEnd = acquisition.dataEndMillis
        let zone = window.timeZone
        let columns = (0...max(0, options.periods)).map { periodName($0, options.period, locale) }
        let started: (CohortPeriod) -> Bool = { $0.start.startEpochMillis(in: zone) < dataEnd }
        func state(_ period: CohortPeriod, inProgress: Bool, hasValue: Bool) -> CellState {
            if inProgress { return started(period) ? .inProgress : .notStarted }
            return hasValue ? .value : .empty
        }
        func cellText(_ state: CellState, _ value: String) -> String {
            switch state {
            case .value: return value
            case .inProgress: return zh ? "进行中" : "in progress"
            case .notStarted: return ""
            case .empty: return "—"
            }
        }

        var doc = MarkdownDocument()
        doc.heading((zh ? "同期群 " : "Cohorts ") + "\(window.from.iso) — \(window.to.iso)", level: 1)
        doc.bullets(header(options, acquisition: acquisition, timelineRows: timelineRows, locale: locale))
        guard !acquisition.cohorts.isEmpty else {
            // A window shorter than one period (a daily report with weekly cohorts): nothing to tabulate.
            let note = zh
                ? "没有起始日落在本窗口内的\(unitName(options.period, locale))，因此本窗口没有同期群；请看覆盖整\(unitName(options.period, locale))的窗口（如本周至今、本月至今）。"
                : "No \(options.period.rawValue) starts inside this window, so it has no cohorts; see a window that covers whole \(options.period.rawValue)s (week or month to date)."
            doc.paragraph(note)
            bundle.files.append(ReportFile(name: "cohort.md", text: doc.text))
            bundle.files.append(ReportFile(name: "cohort.csv", data: try CSVWriter.render(csv(acquisition: acquisition, buyers: buyers))))
            bundle.headlines = [note]
            return bundle
        }

        // Acquisition cohorts.
        doc.heading(zh ? "新用户同期群（按首次事件）" : "Acquisition cohorts (by first event)", level: 2)
        doc.paragraph(zh
            ? "每位用户归入其在全部数据中首次出现（任何事件）的\(unitName(options.period, locale))；第 k 列为该同期群在其后第 k 个\(unitName(options.period, locale))\(options.retention == .classic ? "活跃" : "或之后任一期活跃")的比例。“进行中”表示该期尚未结束，空白表示该期尚未开始，“—”表示该期没有新用户。"
            : "Each user belongs to the \(options.period.rawValue) of their first event of any kind in all the data; column k is the share of the cohort active in the k-th \(options.period.rawValue) after it\(options.retention == .classic ? "" : " or any later one"). \"in progress\": the period has not ended; blank: it has not started; \"—\": the cohort has no users.")
        var table = MarkdownTable(header: (zh ? ["同期群", "起始日", "人数"] : ["Cohort", "Starts", "Users"]) + columns,
                                  alignments: [.left, .left, .right] + columns.map { _ in .right })
        for cohort in acquisition.cohorts {
            table.append([cohort.period.label, cohort.period.start.iso, f.count(cohort.size, compact: false)] + cohort.cells.map { cell in
                cellText(state(cell.period, inProgress: cell.inProgress, hasValue: cell.share != nil), f.percent(cell.share))
            })
        }
        table.append([zh ? "加权平均" : "Weighted average", "", f.count(acquisition.users, compact: false)]
            + averageTexts(acquisition.average.map(\.share), cohorts: times(acquisition.cohorts), started: started,
                           text: { f.percent($0) }, zh: zh))
        table.append([zh ? "（平均所含同期群 / 人数）" : "(cohorts / users averaged)", "", ""]
            + acquisition.average.map { "\($0.cohorts) / \(f.count($0.users, compact: false))" })
        doc.table(table)
        doc.paragraph(zh ? "加权平均 = 各列已结束的非空同期群的留存人数之和 ÷ 其人数之和。"
                         : "Weighted average = retained users ÷ users, summed over the non-empty cohorts whose period k has ended.")

        let retentionChart = HeatmapChart(
            title: zh ? "新用户留存（按首次事件\(unitName(options.period, locale))）" : "Retention by acquisition \(options.period.rawValue)",
            subtitle: "\(window.from.iso) — \(window.to.iso) · \(options.retention.rawValue)",
            columns: columns,
            rows: acquisition.cohorts.map { cohort in
                HeatmapChart.Row(label: cohort.period.label, size: Int64(cohort.size), cells: cohort.cells.map { cell in
                    heatmapCell(state(cell.period, inProgress: cell.inProgress, hasValue: cell.share != nil), cell.share)
                })
            } + (acquisition.cohorts.isEmpty ? [] : [HeatmapChart.Row(
                label: zh ? "加权平均" : "Average", size: Int64(acquisition.users),
                cells: averageCells(acquisition.average.map(\.share), times(acquisition.cohorts), started: started))]),
            valueStyle: .percent, locale: locale)
        bundle.files.append(ReportFile(name: "charts/cohort_retention.svg", text: retentionChart.svg()))
        doc.image(alt: retentionChart.title, path: "charts/cohort_retention.svg")

        // By source.
        doc.heading(zh ? "按首次事件来源（平台 / 渠道）" : "By source of the first event (platform / channel)", level: 3)
        let sources = acquisition.sources.filter { $0.size > 0 }
        if sources.isEmpty {
            doc.paragraph(zh ? "窗口内没有新用户。" : "No new users in the window.")
        } else {
            var bySource = MarkdownTable(header: (zh ? ["来源", "人数", "占比"] : ["Source", "Users", "Share"]) + columns,
                                         alignments: [.left, .right, .right] + columns.map { _ in .right })
            for source in sources {
                bySource.append([sourceLabel(source, locale), f.count(source.size, compact: false),
                                 f.percent(acquisition.users > 0 ? Double(source.size) / Double(acquisition.users) : nil)]
                                + averageTexts(source.average.map(\.share), cohorts: times(source.cohorts), started: started,
                                               text: { f.percent($0) }, zh: zh))
            }
            doc.table(bySource)
            doc.paragraph(zh ? "每个来源一行：该来源全部同期群的加权平均留存。来源取用户首次事件的平台与渠道，缺失记为 (none)。"
                             : "One row per source: the size-weighted average retention over all its cohorts. The source is the platform and channel of the user's first event; missing values are (none).")
        }

        // Buyer cohorts.
        doc.heading(zh ? "购买者同期群（按首单）" : "Buyer cohorts (by first order)", level: 2)
        doc.paragraph(zh
            ? "每位购买者归入其首单（已支付或已完成）所在的\(unitName(options.period, locale))；各列均为第 0 至 k 期的累计值，除以同期群人数。退款、取消的订单不计入。"
            : "Each buyer belongs to the \(options.period.rawValue) of their first paid or completed order; every column is cumulative over periods 0 to k, divided by the cohort's size. Refunded and cancelled orders do not count.")
        for (title, value) in [
            (zh ? "复购率（有第二单的比例，累计）" : "Repeat-purchase rate (share with a further order, cumulative)", BuyerMeasure.repeatRate),
            (zh ? "人均订单数（累计，含首单）" : "Orders per buyer (cumulative, first order included)", .ordersPerBuyer),
            (zh ? "人均 GMV（LTV，累计）" : "GMV per buyer (LTV, cumulative)", .ltv),
        ] {
            doc.heading(title, level: 3)
            var buyerTable = MarkdownTable(
                header: (zh ? ["同期群", "起始日", "人数", "订单", "GMV"] : ["Cohort", "Starts", "Buyers", "Orders", "GMV"]) + columns,
                alignments: [.left, .left, .right, .right, .right] + columns.map { _ in .right })
            for cohort in buyers.cohorts {
                buyerTable.append([cohort.period.label, cohort.period.start.iso, f.count(cohort.size, compact: false),
                                   f.count(cohort.orders, compact: false), f.money(fen: cohort.gmvFen)]
                                  + cohort.cells.map { cell in
                                      let v = value.of(cell)
                                      return cellText(state(cell.period, inProgress: cell.inProgress, hasValue: v != nil), value.text(v, f))
                                  })
            }
            let allOrders = buyers.cohorts.reduce(0) { $0 + $1.orders }
            let allGMV = buyers.cohorts.reduce(Int64(0)) { $0 &+ $1.gmvFen }
            var row = [zh ? "加权平均" : "Weighted average", "", f.count(buyers.buyers, compact: false), f.count(allOrders, compact: false),
                       f.money(fen: allGMV)]
            row += averageTexts(buyers.average.map { value.of($0) }, cohorts: times(buyers.cohorts), started: started,
                                text: { value.text($0, f) }, zh: zh)
            buyerTable.append(row)
            doc.table(buyerTable)
        }
        doc.paragraph(zh ? "订单与 GMV 列为该同期群截至数据截止的全部订单；加权平均只计入第 k 期已结束的同期群。"
                         : "The Orders and GMV columns hold all of the cohort's orders up to the data end; the weighted average counts only cohorts whose period k has ended.")

        let buyerChart = HeatmapChart(
            title: zh ? "复购率（按首单\(unitName(options.period, locale))，累计）" : "Repeat-purchase rate by first-order \(options.period.rawValue) (cumulative)",
            subtitle: "\(window.from.iso) — \(window.to.iso)",
            columns: columns,
            rows: buyers.cohorts.map { cohort in
                HeatmapChart.Row(label: cohort.period.label, size: Int64(cohort.size), cells: cohort.cells.map { cell in
                    heatmapCell(state(cell.period, inProgress: cell.inProgress, hasValue: cell.repeatRate != nil), cell.repeatRate)
                })
            } + (buyers.cohorts.isEmpty ? [] : [HeatmapChart.Row(
                label: zh ? "加权平均" : "Average", size: Int64(buyers.buyers),
                cells: averageCells(buyers.average.map(\.repeatRate), times(buyers.cohorts), started: started))]),
            valueStyle: .percent, sizeHeader: zh ? "首购人数" : "buyers", locale: locale)
        bundle.files.append(ReportFile(name: "charts/cohort_buyers.svg", text: buyerChart.svg()))
        doc.image(alt: buyerChart.title, path: "charts/cohort_buyers.svg")

        // N-day repurchase.
        if !options.repurchaseDays.isEmpty {
            let days = options.repurchaseDays.map { zh ? "\($0) 天" : "\($0) days" }
            doc.heading(zh ? "\(options.repurchaseDays.map(String.init).joined(separator: "/")) 天复购率" : "\(options.repurchaseDays.map(String.init).joined(separator: "/"))-day repurchase", level: 3)
            doc.paragraph(zh
                ? "N 天复购率 = 在首单后 N×24 小时内再次下单的购买者 ÷ 首单距数据截止至少 N×24 小时的购买者（括号内为可观察人数；其余购买者观察时间不足，不计入分母）。"
                : "N-day repurchase = buyers with a further order less than N × 24 h after their first ÷ buyers whose first order is at least N × 24 h before the data end (in brackets: the buyers observable that long; the others are left out of the denominator).")
            var repurchase = MarkdownTable(header: (zh ? ["同期群", "人数"] : ["Cohort", "Buyers"]) + days,
                                           alignments: [.left, .right] + days.map { _ in .right })
            func cells(_ rates: [RepurchaseRate]) -> [String] {
                rates.map { r in
                    zh ? "\(f.percent(r.rate))（\(f.count(r.repeaters, compact: false)) / \(f.count(r.eligible, compact: false))）"
                       : "\(f.percent(r.rate)) (\(f.count(r.repeaters, compact: false)) / \(f.count(r.eligible, compact: false)))"
                }
            }
            for cohort in buyers.cohorts {
                repurchase.append([cohort.period.label, f.count(cohort.size, compact: false)] + cells(cohort.repurchase))
            }
            repurchase.append([zh ? "全部" : "All", f.count(buyers.buyers, compact: false)] + cells(buyers.repurchase))
            doc.table(repurchase)
        }

        bundle.files.append(ReportFile(name: "cohort.md", text: doc.text))
        bundle.files.append(ReportFile(name: "cohort.csv", data: try CSVWriter.render(csv(acquisition: acquisition, buyers: buyers))))
        bundle.headlines = headlines(acquisition: acquisition, buyers: buyers, locale: locale)
        return bundle
    }

    /// The header bullets: every option, the cohorts listed, and the data end.
    static func header(_ options: CohortOptions, acquisition: AcquisitionCohorts, timelineRows: Int, locale: ReportLocale) -> [String] {
        let zh = locale == .zh
        let window = acquisition.window
        var lines: [String] = []
        let period: String
        switch options.period {
        case .day: period = zh ? "day（自然日）" : "day (calendar day)"
        case .week: period = zh ? "week（ISO 周，周一至周日）" : "week (ISO week, Monday to Sunday)"
        case .month: period = zh ? "month（自然月）" : "month (calendar month)"
        }
        lines.append((zh ? "周期：" : "Period: ") + period + (zh ? "，时区 \(window.timeZone.identifier)" : ", time zone \(window.timeZone.identifier)"))
        lines.append(zh ? "观察期数 N = \(options.periods)（第 0 至第 \(options.periods) 期，第 0 期为同期群本期）"
                        : "Periods N = \(options.periods) (k = 0 to \(options.periods); k = 0 is the cohort's own period)")
        let active: String
        switch options.activeEvents {
        case .allExcept(let names) where names.isEmpty: active = zh ? "所有事件（含订单）" : "every event (orders included)"
        case .allExcept(let names): active = zh ? "除 \(names.joined(separator: "、")) 外的所有事件（含订单）" : "every event except \(names.joined(separator: ", ")) (orders included)"
        case .only(let names): active = zh ? "仅 \(names.joined(separator: "、"))" : "only \(names.joined(separator: ", "))"
        }
        lines.append((zh ? "活跃事件：" : "Active events: ") + active)
        switch options.retention {
        case .classic: lines.append(zh ? "留存口径：classic（第 k 期内活跃）" : "Retention: classic (active in period k)")
        case .unbounded: lines.append(zh ? "留存口径：unbounded（第 k 期或之后任一期活跃，随 k 不增）" : "Retention: unbounded (active in period k or any later period; never rises with k)")
        }
        let days = options.repurchaseDays.map(String.init).joined(separator: zh ? "、" : ", ")
        lines.append((zh ? "复购率天数：" : "Repurchase windows: ") + (days.isEmpty ? (zh ? "无" : "none") : days + (zh ? " 天" : " days")))
        if let first = acquisition.cohorts.first, let last = acquisition.cohorts.last {
            let count = acquisition.cohorts.count
            let span = zh
                ? "\(first.period.label)（\(first.period.start.iso) 起）" + (count > 1 ? "至 \(last.period.label)" : "")
                : "\(first.period.label) (from \(first.period.start.iso))" + (count > 1 ? " to \(last.period.label)" : "")
            lines.append(zh
                ? "同期群：起始日落在窗口内的 \(count) 期，\(span)；首次事件早于第一期的用户不属于任何同期群。"
                : "Cohorts: the \(count == 1 ? "period" : "\(count) periods") starting inside the window, \(span); users first seen before that are in no cohort.")
        } else {
            lines.append(zh ? "同期群：窗口内没有以周期起始日开始的期（窗口短于一个周期）。" : "Cohorts: no period starts inside the window (it is shorter than one period).")
        }
        lines.append(JourneyText.dataEnd(acquisition.dataEndMillis, rows: timelineRows, window: window, locale: locale)
            + (zh ? "某期在数据截止前未结束，则该格为进行中，不显示数值。" : " A cell whose period has not ended by then is in progress and shows no value."))
        return lines
    }

    /// 2–4 short Markdown lines for the summary.
    static func headlines(acquisition: AcquisitionCohorts, buyers: BuyerCohorts, locale: ReportLocale) -> [String] {
        let zh = locale == .zh
        let f = NumberFormat(locale)
        let a = acquisition.headlines(), b = buyers.headlines()
        let unit = unitName(a.unit, locale)
        var lines: [String] = []
        var first = zh ? "新用户 \(f.count(a.users)) 人，分属 \(a.cohorts) 个\(unit)同期群"
                       : "\(f.count(a.users)) new users in \(a.cohorts) \(a.unit == .day ? "daily" : a.unit.rawValue + "ly") cohort\(a.cohorts == 1 ? "" : "s")"
        if let share = a.periodOneShare {
            first += zh ? "；次\(unit)留存 \(f.percent(share))（\(a.retention.rawValue)，按人数加权）"
                        : "; \(f.percent(share)) active again in the \(a.unit.rawValue) after joining (\(a.retention.rawValue), size-weighted)"
        }
        if let k = a.lastObservedK, k > 1, let share = a.lastObservedShare {
            first += zh ? "，\(periodName(k, a.unit, locale)) \(f.percent(share))" : ", \(f.percent(share)) in \(a.unit.rawValue) \(k)"
        }
        lines.append(first + (zh ? "。" : "."))
        if let source = a.bestSource, let share = a.bestSourceShare,
           let best = acquisition.sources.first(where: { $0.label == source }) {
            lines.append(zh ? "留存最好的来源：\(Markdown.escape(sourceLabel(best, locale)))（次\(unit) \(f.percent(share))）。"
                            : "Best-retaining source: \(Markdown.escape(sourceLabel(best, locale))) (\(f.percent(share)) in \(a.unit.rawValue) 1).")
        }
        var second = zh ? "首购用户 \(f.count(b.buyers)) 人" : "\(f.count(b.buyers)) first-time buyers"
        let rates = b.repurchase.filter { $0.rate != nil }
        if !rates.isEmpty {
            second += zh ? "；" + rates.map { "\($0.days) 天复购率 \(f.percent($0.rate))（\($0.eligible) 人可观察）" }.joined(separator: "，")
                         : "; repurchase within " + rates.map { "\($0.days) days \(f.percent($0.rate)) (of \($0.eligible))" }.joined(separator: ", ")
        }
        if let k = b.lastObservedK, let rate = b.lastObservedRepeatRate, let ltv = b.lastObservedLTVFen, ltv.isFinite {
            second += zh ? "；至\(periodName(k, b.unit, locale)) \(f.percent(rate)) 再次购买，人均 GMV \(f.money(fen: Int64(ltv.rounded())))"
                         : "; by \(b.unit.rawValue) \(k) \(f.percent(rate)) bought again, GMV per buyer \(f.money(fen: Int64(ltv.rounded())))"
        }
        lines.append(second + (zh ? "。" : "."))
        return lines
    }

    // MARK: CSV

    /// The CSV: header only when the window has no cohorts.
    static func csv(acquisition: AcquisitionCohorts, buyers: BuyerCohorts) -> CSVTable {
        let window = acquisition.window
        var table = CSVTable(columns: [
            "window_from", "window_to", "kind", "period_unit", "cohort", "cohort_start", "source_platform", "source_channel", "size",
            "k", "period_start", "in_progress", "cohorts_averaged", "retained", "retention_rate", "repeaters", "repeat_rate",
            "orders", "orders_per_buyer", "gmv_yuan", "ltv_yuan", "days", "eligible", "repurchase_rate",
        ])
        let unit = acquisition.options.period.rawValue
        func flag(_ inProgress: Bool) -> CSVCell { .text(inProgress ? "yes" : "no") }
        func yuan(_ fen: Double?) -> CSVCell { fen.flatMap { $0.isFinite ? CSVCell.decimal($0 / 100, places: 2) : nil } ?? .empty }
        func row(kind: String, cohort: String, start: String, platform: String = "", channel: String = "", size: Int,
                 k: Int? = nil, periodStart: String = "", inProgress: CSVCell = .empty, averaged: Int? = nil,
                 retained: Int? = nil, retention: Double? = nil, repeaters: Int? = nil, repeatRate: Double? = nil,
                 orders: Int? = nil, ordersPerBuyer: Double? = nil, gmvFen: Int64? = nil, ltvFen: Double? = nil,
                 days: Int? = nil, eligible: Int? = nil, repurchase: Double? = nil) -> [CSVCell] {
            func int(_ v: Int?) -> CSVCell { v.map { .integer(Int64($0)) } ?? .empty }
            return [
                .text(window.from.iso), .text(window.to.iso), .text(kind), .text(unit), .text(cohort), .text(start), .text(platform),
                .text(channel), .integer(Int64(size)), int(k), .text(periodStart), inProgress, int(averaged), int(retained),
                .rate(retention), int(repeaters), .rate(repeatRate), int(orders),
                ordersPerBuyer.map { .decimal($0, places: 4) } ?? .empty, gmvFen.map { .money(fen: $0) } ?? .empty, yuan(ltvFen),
                int(days), int(eligible), .rate(repurchase),
            ]
        }
        func acquisitionRows(kind: String, cohorts: [AcquisitionCohort], average: [CohortAverageCell], size: Int,
                             platform: String = "", channel: String = "") {
            for cohort in cohorts where !(kind == "source" && cohort.size == 0) {
                for cell in cohort.cells {
                    let observed = !cell.inProgress
                    table.append(row(kind: kind, cohort: cohort.period.label, start: cohort.period.start.iso, platform: platform,
                                     channel: channel, size: cohort.size, k: cell.k, periodStart: cell.period.start.iso,
                                     inProgress: flag(cell.inProgress), retained: observed ? cell.retained : nil, retention: cell.share,
                                     gmvFen: observed ? cell.cumulativeGMVFen : nil, ltvFen: cell.ltvFen))
                }
            }
            for cell in average {
                let observed = cell.cohorts > 0
                table.append(row(kind: kind + "_average", cohort: "average", start: "", platform: platform, channel: channel,
                                 size: size, k: cell.k, inProgress: flag(!observed), averaged: cell.cohorts,
                                 retained: observed ? cell.retained : nil, retention: cell.share,
                                 gmvFen: observed ? cell.cumulativeGMVFen : nil, ltvFen: cell.ltvFen))
            }
        }
        guard !acquisition.cohorts.isEmpty else { return table }
        acquisitionRows(kind: "acquisition", cohorts: acquisition.cohorts, average: acquisition.average, size: acquisition.users)
        for source in acquisition.sources where source.size > 0 {
            acquisitionRows(kind: "source", cohorts: source.cohorts, average: source.average, size: source.size,
                            platform: source.platform ?? FunnelSegmentKey.missingLabel, channel: source.channel ?? FunnelSegmentKey.missingLabel)
        }
        for cohort in buyers.cohorts {
            for cell in cohort.cells {
                let observed = !cell.inProgress
                table.append(row(kind: "buyer", cohort: cohort.period.label, start: cohort.period.start.iso, size: cohort.size, k: cell.k,
                                 periodStart: cell.period.start.iso, inProgress: flag(cell.inProgress),
                                 repeaters: observed ? cell.repeaters : nil, repeatRate: cell.repeatRate,
                                 orders: observed ? cell.orders : nil, ordersPerBuyer: cell.ordersPerBuyer,
                                 gmvFen: observed ? cell.gmvFen : nil, ltvFen: cell.ltvFen))
            }
        }
        for cell in buyers.average {
            let observed = cell.cohorts > 0
            table.append(row(kind: "buyer_average", cohort: "average", start: "", size: buyers.buyers, k: cell.k,
                             inProgress: flag(!observed), averaged: cell.cohorts, repeaters: observed ? cell.repeaters : nil,
                             repeatRate: cell.repeatRate, orders: observed ? cell.orders : nil, ordersPerBuyer: cell.ordersPerBuyer,
                             gmvFen: observed ? cell.gmvFen : nil, ltvFen: cell.ltvFen))
        }
        for cohort in buyers.cohorts {
            for r in cohort.repurchase {
                table.append(row(kind: "repurchase", cohort: cohort.period.label, start: cohort.period.start.iso, size: cohort.size,
                                 repeaters: r.repeaters, orders: cohort.orders, gmvFen: cohort.gmvFen, days: r.days,
                                 eligible: r.eligible, repurchase: r.rate))
            }
        }
        for r in buyers.repurchase {
            table.append(row(kind: "repurchase", cohort: "all", start: "", size: buyers.buyers, repeaters: r.repeaters,
                             days: r.days, eligible: r.eligible, repurchase: r.rate))
        }
        return table
    }

    // MARK: Helpers

    enum BuyerMeasure {
        case repeatRate, ordersPerBuyer, ltv

        func of(_ cell: BuyerCell) -> Double? {
            switch self {
            case .repeatRate: return cell.repeatRate
            case .ordersPerBuyer: return cell.ordersPerBuyer
            case .ltv: return cell.ltvFen
            }
        }

        func of(_ cell: BuyerAverageCell) -> Double? {
            switch self {
            case .repeatRate: return cell.repeatRate
            case .ordersPerBuyer: return cell.ordersPerBuyer
            case .ltv: return cell.ltvFen
            }
        }

        func text(_ value: Double?, _ f: NumberFormat) -> String {
            switch self {
            case .repeatRate: return f.percent(value)
            case .ordersPerBuyer: return f.decimal(value, places: 2)
            case .ltv: return f.money(fen: value.flatMap { $0.isFinite ? Int64($0.rounded()) : nil })
            }
        }
    }

    /// Per cohort and k: the cell's period and whether it is in progress.
    typealias CellTimes = [[(period: CohortPeriod, inProgress: Bool)]]

    static func times(_ cohorts: [AcquisitionCohort]) -> CellTimes { cohorts.map { $0.cells.map { ($0.period, $0.inProgress) } } }
    static func times(_ cohorts: [BuyerCohort]) -> CellTimes { cohorts.map { $0.cells.map { ($0.period, $0.inProgress) } } }

    /// Whether some cohort's period k has started but not ended by the data end (so an average
    /// with no observed cohort is pending rather than empty).
    static func pending(_ cohorts: CellTimes, k: Int, started: (CohortPeriod) -> Bool) -> Bool {
        cohorts.contains { cells in k < cells.count && cells[k].inProgress && started(cells[k].period) }
    }

    static func averageTexts(_ average: [Double?], cohorts: CellTimes, started: (CohortPeriod) -> Bool,
                             text: (Double) -> String, zh: Bool) -> [String] {
        average.enumerated().map { k, value in
            if let value { return text(value) }
            return pending(cohorts, k: k, started: started) ? (zh ? "进行中" : "in progress") : ""
        }
    }

    static func averageCells(_ shares: [Double?], _ cohorts: CellTimes, started: (CohortPeriod) -> Bool) -> [HeatmapChart.Cell] {
        shares.enumerated().map { k, share in
            if let share { return .value(share) }
            return pending(cohorts, k: k, started: started) ? .inProgress : .empty
        }
    }

    static func heatmapCell(_ state: CellState, _ value: Double?) -> HeatmapChart.Cell {
        switch state {
        case .value: return value.map { .value($0) } ?? .empty
        case .inProgress: return .inProgress
        case .notStarted, .empty: return .empty
        }
    }

    /// `第3周` / `Week 3`.
    static func periodName(_ k: Int, _ unit: CohortPeriodUnit, _ locale: ReportLocale) -> String {
        switch unit {
        case .day: return locale == .zh ? "第\(k)天" : "Day \(k)"
        case .week: return locale == .zh ? "第\(k)周" : "Week \(k)"
        case .month: return locale == .zh ? "第\(k)月" : "Month \(k)"
        }
    }

    /// `日` / `周` / `月` (en: the raw unit).
    static func unitName(_ unit: CohortPeriodUnit, _ locale: ReportLocale) -> String {
        guard locale == .zh else { return unit.rawValue }
        switch unit {
        case .day: return "日"
        case .week: return "周"
        case .month: return "月"
        }
    }

    /// `抖音 / 付费`, with `(none)` for a missing value.
    static func sourceLabel(_ source: SourceCohorts, _ locale: ReportLocale) -> String {
        (source.platform.map { PlatformName.of($0, locale) } ?? FunnelSegmentKey.missingLabel) + " / "
            + JourneyText.channel(source.channel, locale)
    }
}
