import Foundation

/// The attribution report (issue 5): `attribution.md`, `attribution.csv`, `attribution_paths.csv`,
/// `attribution_kol.csv` and `charts/attribution_models.svg`.
///
/// Every option in the header; the models side by side (credited GMV and orders per channel key);
/// spend, ROI and CPA where `spend_daily` has spend for a key; the biggest disagreements between
/// last touch and the multi-touch models in words; Markov and Shapley figures; skipped models with
/// their reasons; path insights; the KOL view. Definitions and worked examples: docs/attribution.md.
public enum AttributionReport {
    /// Smallest gap, in share of GMV, between last touch and a multi-touch model that is called out.
    static let disagreementThreshold = 0.02
    /// Converting paths listed in the Markdown (the engine keeps `options.topPaths`).
    static let markdownPaths = 10
    /// KOL rows listed in the Markdown (the CSV has all).
    static let markdownKOLs = 30

    /// Runs the engine over the timeline, joins spend and KOL fees from `spend_daily`, then renders.
    public static func render(options: AttributionOptions, timeline: Timeline, dataEndMillis: Int64, window: ReportWindow,
                              database: Database, locale: ReportLocale) throws -> ReportBundle {
        let result = AttributionEngine.run(timeline: timeline, window: window, options: options)
        let spend = try AttributionSpendQueries.spend(database: database, window: window, key: options.channelKey)
        let fees = try AttributionSpendQueries.kolFees(database: database, window: window)
        return try render(result: result, spend: spend, kolFees: fees, timelineRows: timeline.count,
                          dataEndMillis: dataEndMillis, locale: locale)
    }

    /// Renders a computed result with its spend (keyed like the result's channel key) and KOL fees (fen per kol_id).
    public static func render(result: AttributionResult, spend: AttributionSpend, kolFees: [String: Int64], timelineRows: Int,
                              dataEndMillis: Int64, locale: ReportLocale) throws -> ReportBundle {
        var bundle = ReportBundle()
        let zh = locale == .zh
        let f = NumberFormat(locale)
        let options = result.options
        let window = result.window
        let models = printedModels(result)
        let rows = channelOrder(result, models: models)
        let label = { (key: String) in channelLabel(key, options.channelKey, locale) }

        var doc = MarkdownDocument()
        doc.heading((zh ? "归因 " : "Attribution ") + "\(window.from.iso) — \(window.to.iso)", level: 1)
        doc.bullets(header(result, spend: spend, timelineRows: timelineRows, dataEndMillis: dataEndMillis, locale: locale))

        // Side by side.
        doc.heading(zh ? "各模型归因的 GMV" : "Credited GMV by model", level: 2)
        if result.conversions == 0 {
            doc.paragraph(zh ? "窗口内没有转化（已支付或已完成的订单），没有可归因的内容。" : "There are no conversions (paid or completed orders) in the window: nothing to attribute.")
        } else if models.isEmpty {
            doc.paragraph(zh ? "所选模型都被跳过了（原因见下文）。" : "Every selected model was skipped (reasons below).")
        } else {
            var gmv = MarkdownTable(header: [zh ? "渠道" : "Channel"] + models.map { modelLabel($0, locale) },
                                    alignments: [.left] + models.map { _ in .right })
            var orders = gmv
            for key in rows {
                gmv.append([label(key)] + models.map { m in
                    guard let c = result.credit(m, key: key) else { return "—" }
                    return f.money(fen: c.valueFen) + " (" + f.percent(c.valueShare) + ")"
                })
                orders.append([label(key)] + models.map { m in
                    guard let c = result.credit(m, key: key) else { return "—" }
                    return f.decimal(c.conversions, places: 1) + " (" + f.percent(c.share) + ")"
                })
            }
            gmv.append([zh ? "合计" : "Total"] + models.map { _ in f.money(fen: result.valueFen) + " (100.0%)" })
            orders.append([zh ? "合计" : "Total"] + models.map { _ in f.count(result.conversions, compact: false) + " (100.0%)" })
            doc.table(gmv)
            doc.paragraph(zh
                ? "单元格：归因的 GMV（占全部 GMV 的比例）。每个模型的各行之和恰好等于合计（分摊按最大余数法取整到分）。"
                : "Cells: credited GMV (share of all GMV). Every model's rows sum exactly to the total (shares are rounded to the fen by largest remainder).")
            doc.heading(zh ? "各模型归因的订单数" : "Credited orders by model", level: 3)
            doc.table(orders)
            doc.paragraph(zh ? "单元格：归因的订单数（占全部订单的比例）；多触点模型会把一笔订单分给多个渠道，所以出现小数。"
                             : "Cells: credited orders (share of all orders); multi-touch models split an order over several channels, hence the decimals.")
        }

        let chart = modelsChart(result, models: models, rows: rows, locale: locale)
        bundle.files.append(ReportFile(name: "charts/attribution_models.svg", text: chart.svg()))
        doc.image(alt: chart.title, path: "charts/attribution_models.svg")

        // Spend, ROI, CPA.
        doc.heading(zh ? "花费、ROI 与 CPA" : "Spend, ROI and CPA", level: 2)
        let spent = rows.filter { (spend.byKey?[$0] ?? 0) != 0 }
        if spend.byKey == nil {
            doc.paragraph(zh ? "渠道键 \(options.channelKey) 含 content_id，spend_daily 没有按内容的花费，因此没有 ROI 与 CPA。"
                             : "The channel key \(options.channelKey) uses content_id, and spend_daily has no spend per content item, so there is no ROI or CPA.")
        } else if spent.isEmpty {
            doc.paragraph(zh ? "窗口内 spend_daily 没有能对应到归因渠道的花费。" : "spend_daily has no spend in the window for any attributed channel key.")
        } else {
            var table = MarkdownTable(
                header: zh ? ["渠道", "花费", "模型", "归因订单", "归因 GMV", "ROI", "CPA"]
                           : ["Channel", "Spend", "Model", "Credited orders", "Credited GMV", "ROI", "CPA"],
                alignments: [.left, .right, .left, .right, .right, .right, .right])
            for key in spent {
                let fen = spend.byKey?[key] ?? 0
                for (i, m) in models.enumerated() {
                    let c = result.credit(m, key: key)
                    table.append([i == 0 ? label(key) : "", i == 0 ? f.money(fen: fen) : "", modelLabel(m, locale),
                                  f.decimal(c?.conversions ?? 0, places: 1), f.money(fen: c?.valueFen ?? 0),
                                  f.ratio(roi(c?.valueFen ?? 0, spendFen: fen)),
                                  f.money(fen: cpaFen(spendFen: fen, conversionsMicro: c?.conversionsMicro ?? 0))])
                }
            }
            doc.table(table)
            doc.paragraph(zh
                ? "ROI = 归因 GMV ÷ 花费（每花 1 元带来的 GMV，记作 x : 1）；CPA = 花费 ÷ 归因订单数。花费为 spend_daily 中 stat_date 落在窗口内的合计。"
                : "ROI = credited GMV ÷ spend (GMV per 1 yuan spent, written x : 1); CPA = spend ÷ credited orders. Spend is spend_daily summed over stat_date in the window.")
            if options.channelKey.dimensions == [.platform] {
                doc.paragraph(zh
                    ? "按平台计算时，一个平台的归因包括它的全部触点（自然、达人、付费），花费却只有投放部分，ROI 因此偏高；要对比付费投放本身，请用渠道键 platform/channel。"
                    : "With the key platform, a platform's credit covers all of its touches (organic, KOL and paid) while its spend is only the paid part, which flatters ROI; to judge paid media itself, use the key platform/channel.")
            }
        }
        let unmatched = (spend.byKey ?? [:]).filter { $0.value != 0 && !rows.contains($0.key) }.sorted { $0.key < $1.key }
        if !unmatched.isEmpty {
            doc.paragraph((zh ? "有花费但没有归因的渠道：" : "Channels with spend but no credit: ")
                + unmatched.map { "\(label($0.key)) \(f.money(fen: $0.value))" }.joined(separator: zh ? "；" : "; ") + (zh ? "。" : "."))
        }

        // Disagreements.
        doc.heading(zh ? "末次触点与多触点模型的分歧" : "Where last touch and the multi-touch models disagree", level: 2)
        let gaps = disagreements(result, models: models)
        if !models.contains(.lastTouch) {
            doc.paragraph(zh ? "未列出末次触点模型，不做比较。" : "The last-touch model is not listed, so there is no comparison.")
        } else if !models.contains(where: { AttributionModel.multiTouch.contains($0) }) {
            doc.paragraph(zh ? "未列出多触点模型，不做比较。" : "No multi-touch model is listed, so there is no comparison.")
        } else if gaps.isEmpty {
            doc.paragraph(zh ? "各多触点模型给每个渠道的 GMV 份额与末次触点相差都不到 \(f.percent(disagreementThreshold, places: 0))。"
                             : "Every multi-touch model gives every channel a GMV share within \(f.percent(disagreementThreshold, places: 0)) of last touch.")
        } else {
            doc.bullets(gaps.map { disagreementText($0, channelKey: options.channelKey, locale: locale) })
            doc.paragraph(zh
                ? "对每个渠道取与末次触点相差最大的多触点模型，列出相差至少 \(f.percent(disagreementThreshold, places: 0)) 的（最多 3 个）。末次触点只奖励成交前的最后一步，被低估的渠道多在旅程前段种草、引流。"
                : "For each channel, the multi-touch model furthest from last touch; listed when at least \(f.percent(disagreementThreshold, places: 0)) apart (at most 3). Last touch rewards only the step before the order; channels it undervalues usually open or carry the journey.")
        }

        // Markov and Shapley.
        if models.contains(.markov), let markov = result.markov {
            doc.heading(zh ? "马尔可夫链" : "Markov chain", level: 2)
            let total = markov.removalEffects.reduce(0.0) { $0 + $1.effect }
            doc.paragraph(zh
                ? "\(markov.order) 阶链，\(markov.states) 个瞬态（含起点）。从起点到转化的概率 P = \(f.percent(markov.conversionProbability, places: 2))。移除某渠道（经过它的路径都流向未转化）后概率为 P₋c，移除效应 = 1 − P₋c ÷ P；各渠道的归因 = 有触点的转化 × 移除效应 ÷ 移除效应之和。精确求解吸收链的线性方程，不做模拟，结果可重现。"
                : "Order \(markov.order) chain with \(markov.states) transient states (start included). Probability of reaching conversion from start P = \(f.percent(markov.conversionProbability, places: 2)). Removing a channel (every path through it goes to null) leaves P₋c; removal effect = 1 − P₋c ÷ P; a channel's credit = touched conversions × its removal effect ÷ the sum of removal effects. Solved exactly (absorbing-chain linear algebra, no simulation), so reruns give the same figures.")
            var table = MarkdownTable(header: zh ? ["渠道", "移除后转化概率 P₋c", "移除效应", "归一化份额"]
                                                 : ["Channel", "P without it (P₋c)", "Removal effect", "Normalised share"],
                                      alignments: [.left, .right, .right, .right])
            for e in markov.removalEffects {
                table.append([label(e.key), f.percent(e.conversionProbabilityWithout, places: 2), f.percent(e.effect, places: 1),
                              f.percent(total > 0 ? e.effect / total : nil)])
            }
            doc.table(table)
        }
        if models.contains(.shapley), let shapley = result.shapley {
            doc.heading("Shapley", level: 2)
            let total = shapley.values.reduce(0.0) { $0 + $1.value }
            doc.paragraph(zh
                ? "参与者为出现在转化路径中的 \(shapley.channels) 个渠道。渠道集合 S 的价值 v(S) = S 的各子集 T 上“渠道集合恰为 T 的旅程的转化率”之和；v(全部) = \(f.decimal(shapley.grandCoalitionValue, places: 4))。Shapley 值 φ 之和等于 v(全部)，归因按 φ 的比例分摊。"
                : "The players are the \(shapley.channels) channels that appear in converting paths. A set S is worth v(S) = the sum over subsets T of S of the conversion rate of journeys whose channel set is exactly T; v(all) = \(f.decimal(shapley.grandCoalitionValue, places: 4)). The Shapley values φ sum to v(all); credit is shared in proportion to φ.")
            var table = MarkdownTable(header: zh ? ["渠道", "Shapley 值 φ", "份额"] : ["Channel", "Shapley value φ", "Share"],
                                      alignments: [.left, .right, .right])
            for v in shapley.values {
                table.append([label(v.key), f.decimal(v.value, places: 4), f.percent(total > 0 ? v.value / total : nil)])
            }
            doc.table(table)
        }
        let skipped = options.models.compactMap { m in result.skipped[m].map { (m, $0) } }
        if !skipped.isEmpty {
            doc.heading(zh ? "跳过的模型" : "Skipped models", level: 2)
            doc.bullets(skipped.map { "\(modelLabel($0.0, locale)) (`\($0.0.rawValue)`): \($0.1)" })
        }

        // Paths.
        doc.heading(zh ? "转化路径" : "Conversion paths", level: 2)
        let insights = result.insights
        func number(_ x: Double?) -> String { f.decimal(x, places: 1) }
        doc.bullets([
            zh ? "有触点的转化：\(f.count(insights.conversionsWithTouches, compact: false)) / \(f.count(insights.conversions, compact: false))"
               : "Conversions with touchpoints: \(f.count(insights.conversionsWithTouches, compact: false)) of \(f.count(insights.conversions, compact: false))",
            zh ? "每笔转化的触点数：中位数 \(number(insights.touchesPerConversionMedian))，P90 \(number(insights.touchesPerConversionP90))（所有转化，无触点计 0）"
               : "Touches per conversion: median \(number(insights.touchesPerConversionMedian)), p90 \(number(insights.touchesPerConversionP90)) (all conversions, 0 for direct ones)",
            zh ? "首次触点到转化的天数：中位数 \(number(insights.daysToConversionMedian))，P90 \(number(insights.daysToConversionP90))（有触点的转化）"
               : "Days from first touch to conversion: median \(number(insights.daysToConversionMedian)), p90 \(number(insights.daysToConversionP90)) (conversions with touchpoints)",
            zh ? "跨平台转化（触点来自两个及以上平台）：\(f.count(insights.multiPlatformConversions, compact: false)) 笔，占全部转化 \(f.percent(insights.multiPlatformShare))"
               : "Multi-platform conversions (touchpoints on two or more platforms): \(f.count(insights.multiPlatformConversions, compact: false)), \(f.percent(insights.multiPlatformShare)) of all conversions",
        ])
        if !insights.topPaths.isEmpty {
            var table = MarkdownTable(header: zh ? ["路径", "转化", "占全部转化", "GMV"] : ["Path", "Conversions", "Share of conversions", "GMV"],
                                      alignments: [.left, .right, .right, .right])
            for path in insights.topPaths.prefix(markdownPaths) {
                table.append([path.steps.map(label).joined(separator: PathInsights.separator), f.count(path.conversions, compact: false),
                              f.percent(insights.conversions > 0 ? Double(path.conversions) / Double(insights.conversions) : nil),
                              f.money(fen: path.valueFen)])
            }
            doc.table(table)
        }
        doc.paragraph(zh
            ? "路径中连续重复的渠道合并为一个；分位数在相邻次序统计量之间线性插值。完整路径表（保留重复，含未转化路径）见 attribution_paths.csv，格式同 R 包 ChannelAttribution，可用来复核马尔可夫结果。"
            : "Consecutive repeats of a channel are collapsed into one step; percentiles interpolate linearly between order statistics. The full path table (repeats kept, non-converting paths included) is attribution_paths.csv, in the layout of the R package ChannelAttribution, for cross-checking the Markov figures.")

        // KOL view.
        kolSection(&doc, result: result, fees: kolFees, models: models, locale: locale)

        bundle.files.append(ReportFile(name: "attribution.md", text: doc.text))
        bundle.files.append(ReportFile(name: "attribution.csv", data: try CSVWriter.render(creditsCSV(result, spend: spend, models: models, rows: rows))))
        bundle.files.append(ReportFile(name: "attribution_paths.csv", data: try CSVWriter.render(pathsCSV(result))))
        bundle.files.append(ReportFile(name: "attribution_kol.csv", data: try CSVWriter.render(kolCSV(result, fees: kolFees, models: models))))
        bundle.headlines = headlines(result, spend: spend, models: models, locale: locale)
        return bundle
    }

    // MARK: Header

    /// Every option, the conversions counted, the spend joined and the data end.
    static func header(_ result: AttributionResult, spend: AttributionSpend, timelineRows: Int, dataEndMillis: Int64,
                       locale: ReportLocale) -> [String] {
        let zh = locale == .zh
        let f = NumberFormat(locale)
        let o = result.options
        let w = result.window
        var lines: [String] = []
        lines.append(zh ? "窗口 \(w.from.iso) 至 \(w.to.iso)（\(w.dayCount) 天，时区 \(w.timeZone.identifier)）。"
                        : "Window \(w.from.iso) to \(w.to.iso) (\(w.dayCount) days, time zone \(w.timeZone.identifier)).")
        lines.append(zh
            ? "转化：时间落在窗口内的已支付或已完成订单 \(f.count(result.conversions, compact: false)) 笔，GMV \(f.money(fen: result.valueFen, compact: false))（paid_fen）；其中 \(f.count(result.directConversions, compact: false)) 笔（\(f.money(fen: result.directValueFen, compact: false))）在回溯窗口内没有触点，各模型都记入 (direct)。"
            : "Conversions counted: \(f.count(result.conversions, compact: false)) paid or completed orders timed inside the window, GMV \(f.money(fen: result.valueFen, compact: false)) (paid_fen); \(f.count(result.directConversions, compact: false)) of them (\(f.money(fen: result.directValueFen, compact: false))) have no touchpoint in the lookback and go to (direct) in every model.")
        lines.append((zh ? "模型：" : "Models: ") + o.models.map { "\(modelLabel($0, locale)) (\($0.rawValue))" }.joined(separator: zh ? "、" : ", "))
        lines.append(zh ? "回溯窗口：\(o.lookbackDays) 天（每笔转化在 t 时刻回看 [t − \(o.lookbackDays) × 24 小时, t)，各自独立）"
                        : "Lookback: \(o.lookbackDays) days (a conversion at time t looks back over [t − \(o.lookbackDays) × 24 h, t), each on its own)")
        lines.append((zh ? "触点事件：" : "Touch events: ") + o.effectiveTouchEvents.joined(separator: ", ")
            + (zh ? "（曝光\(o.includeImpressions ? "计入" : "不计入")）" : " (impressions \(o.includeImpressions ? "included" : "excluded"))"))
        lines.append(zh ? "渠道键：\(o.channelKey)（空值记为 (none)）" : "Channel key: \(o.channelKey) (empty values as (none))")
        lines.append(zh ? "时间衰减半衰期：\(days(o.halfLifeDays, locale))（权重 2^(−Δt ÷ 半衰期)，每笔转化内归一）"
                        : "Time-decay half-life: \(days(o.halfLifeDays, locale)) (weight 2^(−Δt ÷ half-life), normalised per conversion)")
        lines.append(zh ? "位置模型：首 40%、末 40%、中间平分 20%（两个触点各 50%，一个触点 100%）"
                        : "Position-based: 40% first, 40% last, 20% split over the middle (two touches 50/50, one touch 100%)")
        lines.append(zh ? "马尔可夫阶数：\(o.markovOrder)（最多 \(o.markovMaxStates) 个状态）；Shapley：最多 \(o.shapleyMaxChannels) 个渠道时精确计算"
                        : "Markov order: \(o.markovOrder) (at most \(o.markovMaxStates) states); Shapley: exact up to \(o.shapleyMaxChannels) channels")
        lines.append(zh ? "达人复核阈值：转化率低于 \(f.percent(o.kolReviewThreshold, places: o.kolReviewThreshold < 0.01 ? 2 : 1))"
                        : "KOL review threshold: conversion rate below \(f.percent(o.kolReviewThreshold, places: o.kolReviewThreshold < 0.01 ? 2 : 1))")
        if spend.byKey == nil {
            lines.append(zh ? "花费：渠道键含 content_id，spend_daily 无对应花费（窗口内花费合计 \(f.money(fen: spend.totalFen, compact: false))）"
                            : "Spend: the channel key uses content_id, which spend_daily has no spend for (window spend \(f.money(fen: spend.totalFen, compact: false)))")
        } else {
            lines.append(zh
                ? "花费：spend_daily 中 stat_date 在窗口内的合计 \(f.money(fen: spend.totalFen, compact: false))，按渠道键汇总；其中 \(f.money(fen: spend.unallocatedFen, compact: false)) 的渠道键为空，无法对应到渠道"
                : "Spend: spend_daily over stat_date in the window, \(f.money(fen: spend.totalFen, compact: false)), summed per channel key; \(f.money(fen: spend.unallocatedFen, compact: false)) of it has an empty key and goes to no channel")
        }
        lines.append(JourneyText.dataEnd(dataEndMillis, rows: timelineRows, window: w, locale: locale))
        return lines
    }

    // MARK: Tables and ordering

    /// The models the report prints: the selected ones that were computed.
    static func printedModels(_ result: AttributionResult) -> [AttributionModel] {
        result.options.models.filter { result.credits[$0] != nil }
    }

    /// Channel keys of the printed models, by mean GMV share over them (largest first), then key; `(direct)` last.
    static func channelOrder(_ result: AttributionResult, models: [AttributionModel]) -> [String] {
        var share: [String: Double] = [:]
        for m in models {
            for c in result.credits[m] ?? [] { share[c.key, default: 0] += c.valueShare }
        }
        return share.keys.sorted { a, b in
            let ad = a == ChannelKey.directLabel, bd = b == ChannelKey.directLabel
            if ad != bd { return bd }
            let x = share[a] ?? 0, y = share[b] ?? 0
            return x != y ? x > y : a < b
        }
    }

    /// The multi-touch model the headlines and the KOL view lead with: Markov, else Shapley, linear,
    /// time decay, position based (the first printed one); nil when none is printed.
    static func leadModel(_ models: [AttributionModel], computed: [AttributionModel: [ChannelCredit]]) -> AttributionModel? {
        [AttributionModel.markov, .shapley, .linear, .timeDecay, .positionBased].first { models.contains($0) && computed[$0] != nil }
    }

    static func roi(_ valueFen: Int64, spendFen: Int64) -> Double? {
        spendFen > 0 ? Double(valueFen) / Double(spendFen) : nil
    }

    /// Spend per credited order, in fen; nil without credited orders or spend.
    static func cpaFen(spendFen: Int64, conversionsMicro: Int64) -> Int64? {
        guard spendFen > 0, conversionsMicro > 0 else { return nil }
        return Int64((Double(spendFen) * Double(CreditRounding.microPerConversion) / Double(conversionsMicro)).rounded())
    }

    static func creditsCSV(_ result: AttributionResult, spend: AttributionSpend, models: [AttributionModel], rows: [String]) -> CSVTable {
        var table = CSVTable(columns: [
            "window_from", "window_to", "channel_key", "model", "channel", "credited_conversions", "credited_gmv",
            "conversion_share", "gmv_share", "spend", "roi", "cpa",
        ])
        let w = result.window
        for m in models {
            for key in rows {
                guard let c = result.credit(m, key: key) else { continue }
                let fen = spend.byKey?[key]
                let hasSpend = (fen ?? 0) > 0
                table.append([
                    .text(w.from.iso), .text(w.to.iso), .text(result.options.channelKey.description), .text(m.rawValue), .text(key),
                    .decimal(c.conversions, places: 6), .money(fen: c.valueFen), .rate(c.share), .rate(c.valueShare),
                    fen.map { .money(fen: $0) } ?? .empty,
                    hasSpend ? roi(c.valueFen, spendFen: fen ?? 0).map { .decimal($0, places: 4) } ?? .empty : .empty,
                    hasSpend ? cpaFen(spendFen: fen ?? 0, conversionsMicro: c.conversionsMicro).map { .money(fen: $0) } ?? .empty : .empty,
                ])
            }
        }
        return table
    }

    /// The path table in the ChannelAttribution layout (value in yuan).
    static func pathsCSV(_ result: AttributionResult) -> CSVTable {
        var table = CSVTable(columns: PathTableRow.columns)
        for row in result.pathTable {
            table.append([.text(row.path), .integer(Int64(row.totalConversions)), .money(fen: row.totalConversionValue),
                          .integer(Int64(row.totalNull))])
        }
        return table
    }

    static func kolCSV(_ result: AttributionResult, fees: [String: Int64], models: [AttributionModel]) -> CSVTable {
        var table = CSVTable(columns: [
            "window_from", "window_to", "kol_id", "model", "credited_conversions", "credited_gmv", "fee", "roi", "cpa",
            "touches", "users_reached", "converting_users", "conversion_rate", "needs_review",
        ])
        let w = result.window
        let kolModels = models.filter { result.kol.credits[$0] != nil }
        for row in result.kol.rows {
            let fee = fees[row.kolID]
            for m in kolModels {
                let c = row.credits[m]
                let value = c?.valueFen ?? 0, micro = c?.conversionsMicro ?? 0
                table.append([
                    .text(w.from.iso), .text(w.to.iso), .text(row.kolID), .text(m.rawValue),
                    .decimal(Double(micro) / Double(CreditRounding.microPerConversion), places: 6), .money(fen: value),
                    fee.map { .money(fen: $0) } ?? .empty,
                    roi(value, spendFen: fee ?? 0).map { .decimal($0, places: 4) } ?? .empty,
                    cpaFen(spendFen: fee ?? 0, conversionsMicro: micro).map { .money(fen: $0) } ?? .empty,
                    .integer(Int64(row.touches)), .integer(Int64(row.usersReached)), .integer(Int64(row.convertingUsers)),
                    .rate(row.conversionRate), .text(row.needsReview ? "yes" : "no"),
                ])
            }
        }
        return table
    }

    // MARK: Disagreements

    struct Disagreement: Equatable {
        var key: String
        var model: AttributionModel
        var modelShare: Double
        var lastTouchShare: Double
        /// Printed multi-touch models that move the channel the same way (by at least 0.5 pp), and how many there are.
        var agreeing: Int
        var of: Int
        var gap: Double { modelShare - lastTouchShare }
    }

    /// Per channel (not `(direct)`), the printed multi-touch model whose GMV share is furthest from
    /// last touch's; those at least `disagreementThreshold` apart, largest gap first (then key), at most 3.
    static func disagreements(_ result: AttributionResult, models: [AttributionModel]) -> [Disagreement] {
        guard models.contains(.lastTouch), let last = result.credits[.lastTouch] else { return [] }
        let multi = models.filter { AttributionModel.multiTouch.contains($0) && result.credits[$0] != nil }
        guard !multi.isEmpty else { return [] }
        var keys = Set(last.map(\.key))
        for m in multi { for c in result.credits[m] ?? [] { keys.insert(c.key) } }
        keys.remove(ChannelKey.directLabel)
        var found: [Disagreement] = []
        for key in keys {
            let lt = result.credit(.lastTouch, key: key)?.valueShare ?? 0
            var best: Disagreement?
            for m in multi {
                let share = result.credit(m, key: key)?.valueShare ?? 0
                let candidate = Disagreement(key: key, model: m, modelShare: share, lastTouchShare: lt, agreeing: 0, of: multi.count)
                if best.map({ abs(candidate.gap) > abs($0.gap) }) ?? true { best = candidate }
            }
            guard var d = best, abs(d.gap) >= disagreementThreshold else { continue }
            d.agreeing = multi.filter { m in
                let g = (result.credit(m, key: key)?.valueShare ?? 0) - lt
                return d.gap > 0 ? g >= 0.005 : g <= -0.005
            }.count
            found.append(d)
        }
        found.sort { a, b in abs(a.gap) != abs(b.gap) ? abs(a.gap) > abs(b.gap) : a.key < b.key }
        return Array(found.prefix(3))
    }

    static func disagreementText(_ d: Disagreement, channelKey: ChannelKey, locale: ReportLocale) -> String {
        let f = NumberFormat(locale)
        let name = channelLabel(d.key, channelKey, locale)
        let model = modelLabel(d.model, locale)
        let ms = f.percent(d.modelShare), lt = f.percent(d.lastTouchShare)
        if locale == .zh {
            let verdict = d.gap > 0 ? "末次触点低估了它" : "末次触点高估了它"
            let direction = d.gap > 0 ? "更多" : "更少"
            return "\(model)\(model.last?.isASCII == true ? " " : "")模型给 \(name) \(ms) 的 GMV，末次触点 \(lt)：\(verdict)（\(d.of) 个多触点模型中有 \(d.agreeing) 个给它\(direction)）。"
        }
        let verdict = d.gap > 0 ? "last touch undervalues it" : "last touch overvalues it"
        let direction = d.gap > 0 ? "more" : "less"
        return "\(model) credits \(name) with \(ms) of GMV, last touch \(lt): \(verdict) (\(d.agreeing) of \(d.of) multi-touch models give it \(direction))."
    }

    // MARK: KOL view

    static func kolSection(_ doc: inout MarkdownDocument, result: AttributionResult, fees: [String: Int64], models: [AttributionModel],
                           locale: ReportLocale) {
        let zh = locale == .zh
        let f = NumberFormat(locale)
        let kol = result.kol
        doc.heading(zh ? "达人（KOL）" : "KOLs", level: 2)
        let lead = leadModel(models, computed: kol.credits)
        let hasLast = models.contains(.lastTouch) && kol.credits[.lastTouch] != nil
        let threshold = f.percent(kol.reviewThreshold, places: kol.reviewThreshold < 0.01 ? 2 : 1)
        let rowsWithout = fees.filter { fee in fee.value != 0 && !kol.rows.contains { $0.kolID == fee.key } }.sorted { $0.key < $1.key }
        guard !kol.rows.isEmpty else {
            doc.paragraph(zh ? "窗口内没有带 kol_id 的触点。" : "No touch in the window carries a kol_id.")
            if !rowsWithout.isEmpty {
                doc.paragraph((zh ? "有达人费用但窗口内没有触点：" : "KOL fees without any touch in the window: ")
                    + rowsWithout.map { "\($0.key) \(f.money(fen: $0.value))" }.joined(separator: zh ? "；" : "; "))
            }
            return
        }
        doc.paragraph(zh
            ? "按 kol_id 作为渠道键再跑一次归因（触点、转化、回溯窗口相同；没有达人的触点记为 (none)）。触达用户：窗口内有该达人触点的用户；转化用户：其中在窗口内有一笔以该达人为触点的转化的用户；转化率 = 转化用户 ÷ 触达用户。费用为 spend_daily 中该 kol_id 在窗口内的花费；ROI = 归因 GMV ÷ 费用。"
            : "A second attribution run with kol_id as the channel key (same touches, conversions and lookback; touches without a KOL are (none)). Users reached: users with a touch of the KOL in the window; converting users: those of them with a conversion in the window that has a touch of the KOL; conversion rate = converting ÷ reached. Fee: the KOL's spend_daily spend in the window; ROI = credited GMV ÷ fee.")
        var header = zh ? ["达人", "触达用户", "转化用户", "转化率"] : ["KOL", "Users reached", "Converting users", "Conversion rate"]
        var alignments: [MarkdownTable.Alignment] = [.left, .right, .right, .right]
        let shown: [AttributionModel] = (hasLast ? [.lastTouch] : []) + (lead.map { [$0] } ?? [])
        for m in shown {
            header += zh ? ["订单（\(modelLabel(m, locale))）", "GMV（\(modelLabel(m, locale))）"]
                         : ["Orders (\(modelLabel(m, locale)))", "GMV (\(modelLabel(m, locale)))"]
            alignments += [.right, .right]
        }
        header += [zh ? "费用" : "Fee"] + shown.map { "ROI (\(modelLabel($0, locale)))" } + [zh ? "复核" : "Review"]
        alignments += [.right] + shown.map { _ in .right } + [.left]
        var table = MarkdownTable(header: header, alignments: alignments)
        for row in kol.rows.prefix(markdownKOLs) {
            let fee = fees[row.kolID]
            var cells = [row.kolID, f.count(row.usersReached, compact: false), f.count(row.convertingUsers, compact: false),
                         f.percent(row.conversionRate)]
            for m in shown {
                let c = row.credits[m]
                cells += [f.decimal(Double(c?.conversionsMicro ?? 0) / Double(CreditRounding.microPerConversion), places: 1),
                          f.money(fen: c?.valueFen ?? 0)]
            }
            cells.append(fee.map { f.money(fen: $0) } ?? "—")
            cells += shown.map { m in fee.map { f.ratio(roi(row.credits[m]?.valueFen ?? 0, spendFen: $0)) } ?? "—" }
            cells.append(row.needsReview ? (zh ? "⚠️ 低于 \(threshold)" : "⚠️ below \(threshold)") : "")
            table.append(cells)
        }
        doc.table(table)
        if kol.rows.count > markdownKOLs {
            doc.paragraph(zh ? "共 \(kol.rows.count) 位达人，此处列出前 \(markdownKOLs) 位；全部见 attribution_kol.csv。"
                             : "\(kol.rows.count) KOLs in all; the first \(markdownKOLs) are listed here, every one in attribution_kol.csv.")
        }
        let review = kol.forReview
        if review.isEmpty {
            doc.paragraph(zh ? "没有达人的转化率低于 \(threshold)。" : "No KOL converts below \(threshold).")
        } else {
            doc.paragraph(zh ? "转化率低于 \(threshold)、建议复核合作的达人：" : "KOLs converting below \(threshold), to review:")
            doc.bullets(review.map { row in
                let fee = fees[row.kolID].map { f.money(fen: $0) }
                return zh
                    ? "\(row.kolID)：触达 \(f.count(row.usersReached, compact: false)) 人，转化 \(f.count(row.convertingUsers, compact: false)) 人（\(f.percent(row.conversionRate, places: 2))）" + (fee.map { "，费用 \($0)" } ?? "")
                    : "\(row.kolID): \(f.count(row.usersReached, compact: false)) users reached, \(f.count(row.convertingUsers, compact: false)) converted (\(f.percent(row.conversionRate, places: 2)))" + (fee.map { ", fee \($0)" } ?? "")
            })
        }
        if !rowsWithout.isEmpty {
            doc.paragraph((zh ? "有达人费用但窗口内没有触点：" : "KOL fees without any touch in the window: ")
                + rowsWithout.map { "\($0.key) \(f.money(fen: $0.value))" }.joined(separator: zh ? "；" : "; ") + (zh ? "。" : "."))
        }
        let skipped = models.compactMap { m in kol.skipped[m].map { (m, $0) } }
        if !skipped.isEmpty {
            doc.paragraph((zh ? "按达人归因时跳过：" : "Skipped in the KOL run: ")
                + skipped.map { "\(modelLabel($0.0, locale)): \($0.1)" }.joined(separator: zh ? "；" : "; "))
        }
    }

    // MARK: Chart

    /// Credited GMV (yuan) per channel, one bar per printed model within each channel; `(direct)` left out.
    static func modelsChart(_ result: AttributionResult, models: [AttributionModel], rows: [String], locale: ReportLocale) -> BarChart {
        let zh = locale == .zh
        let f = NumberFormat(locale)
        let style = ChartValueStyle.decimal(places: 0)
        var bars: [BarChart.Bar] = []
        for key in rows where key != ChannelKey.directLabel {
            // An empty row between channels keeps the groups apart.
            if !bars.isEmpty { bars.append(BarChart.Bar(label: "", value: nil, valueLabel: "")) }
            for (i, m) in models.enumerated() {
                let c = result.credit(m, key: key)
                let yuan = Double(c?.valueFen ?? 0) / 100
                bars.append(BarChart.Bar(
                    label: i == 0 ? channelLabel(key, result.options.channelKey, locale) : "", value: yuan,
                    valueLabel: "¥" + style.label(yuan, locale) + " (" + f.percent(c?.valueShare ?? 0) + ")", series: i))
            }
        }
        var chart = BarChart(
            title: zh ? "各模型归因的 GMV（按渠道）" : "Credited GMV by channel and model",
            subtitle: "\(result.window.from.iso) — \(result.window.to.iso) · \(result.options.channelKey)"
                + (result.directConversions > 0 ? (zh ? " · 不含 (direct)" : " · (direct) not shown") : ""),
            unit: zh ? "归因 GMV（元）" : "Credited GMV (yuan)", bars: bars, valueStyle: style, locale: locale)
        chart.series = models.map { modelLabel($0, locale) }
        return chart
    }

    // MARK: Headlines

    /// 2–4 Markdown lines for the summary.
    static func headlines(_ result: AttributionResult, spend: AttributionSpend, models: [AttributionModel], locale: ReportLocale) -> [String] {
        let zh = locale == .zh
        let f = NumberFormat(locale)
        let key = result.options.channelKey
        guard result.conversions > 0 else {
            return [zh ? "窗口内没有转化，无可归因。" : "No conversions in the window: nothing to attribute."]
        }
        var lines: [String] = []
        func top(_ m: AttributionModel) -> ChannelCredit? {
            (result.credits[m] ?? []).filter { $0.key != ChannelKey.directLabel }.max { a, b in
                a.valueFen != b.valueFen ? a.valueFen < b.valueFen : a.key > b.key
            }
        }
        var first = zh
            ? "归因 \(f.count(result.conversions)) 笔订单、GMV \(f.money(fen: result.valueFen))" + (result.directConversions > 0 ? "（\(f.count(result.directConversions)) 笔无触点）" : "")
            : "\(f.count(result.conversions)) orders, GMV \(f.money(fen: result.valueFen)) attributed" + (result.directConversions > 0 ? " (\(f.count(result.directConversions)) without touchpoints)" : "")
        let lead = leadModel(models, computed: result.credits)
        var parts: [String] = []
        for m in [lead, models.contains(.lastTouch) ? .lastTouch : nil].compactMap({ $0 }) {
            guard let c = top(m) else { continue }
            let name = Markdown.bold(channelLabel(c.key, key, locale))
            parts.append(zh ? "按\(modelLabel(m, locale))，GMV 最多的是 \(name)（\(f.percent(c.valueShare))）"
                            : "\(modelInProse(m, locale)) gives the most GMV to \(name) (\(f.percent(c.valueShare)))")
        }
        if !parts.isEmpty { first += (zh ? "；" : "; ") + parts.joined(separator: zh ? "，" : ", ") }
        lines.append(first + (zh ? "。" : "."))
        if let gap = disagreements(result, models: models).first {
            lines.append(Markdown.escape(disagreementText(gap, channelKey: key, locale: locale)))
        }
        if let byKey = spend.byKey {
            let spent = byKey.filter { $0.value > 0 && result.credit(models.first ?? .lastTouch, key: $0.key) != nil }
                .sorted { a, b in a.value != b.value ? a.value > b.value : a.key < b.key }.prefix(2)
            let roiModels = [models.contains(.lastTouch) ? AttributionModel.lastTouch : nil, lead].compactMap { $0 }
            let texts = spent.map { entry -> String in
                let rois = roiModels.map { m -> String in
                    let ratio = f.ratio(roi(result.credit(m, key: entry.key)?.valueFen ?? 0, spendFen: entry.value))
                    return zh ? "\(modelLabel(m, locale)) \(ratio)" : "\(ratio) by \(modelInProse(m, locale))"
                }
                return Markdown.escape(zh
                    ? "\(channelLabel(entry.key, key, locale)) 花费 \(f.money(fen: entry.value))，ROI：" + rois.joined(separator: "，")
                    : "\(channelLabel(entry.key, key, locale)) spent \(f.money(fen: entry.value)): ROI " + rois.joined(separator: ", "))
            }
            if !texts.isEmpty { lines.append(texts.joined(separator: zh ? "；" : "; ") + (zh ? "。" : ".")) }
        }
        let review = result.kol.forReview
        if !review.isEmpty, lines.count < 4 {
            let threshold = f.percent(result.kol.reviewThreshold, places: result.kol.reviewThreshold < 0.01 ? 2 : 1)
            let ids = review.prefix(3).map(\.kolID).joined(separator: ", ") + (review.count > 3 ? " …" : "")
            lines.append(Markdown.escape(zh ? "\(review.count) 位达人转化率低于 \(threshold)，待复核：\(ids)。"
                                            : "\(review.count) KOLs convert below \(threshold), to review: \(ids)."))
        }
        return Array(lines.prefix(4))
    }

    // MARK: Labels

    /// The model's name inside an English sentence (`last touch`, `Markov`); the label itself in Chinese.
    static func modelInProse(_ model: AttributionModel, _ locale: ReportLocale) -> String {
        let label = modelLabel(model, locale)
        return locale == .zh || model == .markov || model == .shapley ? label : label.lowercased()
    }

    static func modelLabel(_ model: AttributionModel, _ locale: ReportLocale) -> String {
        let zh = locale == .zh
        switch model {
        case .firstTouch: return zh ? "首次触点" : "First touch"
        case .lastTouch: return zh ? "末次触点" : "Last touch"
        case .linear: return zh ? "线性" : "Linear"
        case .timeDecay: return zh ? "时间衰减" : "Time decay"
        case .positionBased: return zh ? "位置加权" : "Position-based"
        case .markov: return zh ? "马尔可夫" : "Markov"
        case .shapley: return "Shapley"
        }
    }

    /// A channel key's display text: platforms and channels by their display names (`douyin/paid` →
    /// `抖音/付费`), other components, `(none)` and `(direct)` as they are.
    static func channelLabel(_ key: String, _ channelKey: ChannelKey, _ locale: ReportLocale) -> String {
        guard key != ChannelKey.directLabel, key != ChannelKey.noneLabel else { return key }
        let parts = channelKey.dimensions.count == 1 ? [key] : key.components(separatedBy: ChannelKey.separator)
        guard parts.count == channelKey.dimensions.count else { return key }
        return zip(channelKey.dimensions, parts).map { dimension, part in
            guard part != ChannelKey.noneLabel else { return part }
            switch dimension {
            case .platform: return PlatformName.of(part, locale)
            case .channel: return JourneyText.channel(part, locale)
            default: return part
            }
        }.joined(separator: ChannelKey.separator)
    }

    /// `7 天` / `7 days`; fractions with up to two decimals.
    static func days(_ value: Double, _ locale: ReportLocale) -> String {
        let text = value == value.rounded() ? NumberFormat(locale).decimal(value, places: 0) : NumberFormat(locale).decimal(value, places: 2)
        return locale == .zh ? "\(text) 天" : "\(text) " + (value == 1 ? "day" : "days")
    }
}
