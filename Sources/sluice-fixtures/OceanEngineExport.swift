/// Ocean Engine (巨量引擎) daily ad report per plan (计划), gzip CSV. Same-day spend settles the
/// next day, so an export's last days are provisional and the next export restates them.
enum OceanEngineExport {
    static let header = ["日期", "计划ID", "计划名称", "达人ID", "消耗", "展示数", "点击数", "点击率", "平均千次展现费用",
                         "平均点击单价", "转化数", "转化成本", "转化率"]

    struct Export { let name: String; let from: Int; let to: Int; let totalsFirst: Bool; let groupedCounts: Bool }

    static let exports = [
        Export(name: "ads/oceanengine_2026-10-05_2026-10-25.csv.gz", from: Cal.day(2026, 10, 5), to: Cal.day(2026, 10, 25),
               totalsFirst: false, groupedCounts: false),
        Export(name: "ads/oceanengine_2026-10-23_2026-11-08.csv.gz", from: Cal.day(2026, 10, 23), to: Cal.day(2026, 11, 8),
               totalsFirst: true, groupedCounts: true),
    ]

    /// Share of the settled figures an export shows for its last three days (oldest first).
    static let provisional = [0.985, 0.95, 0.86]

    struct Row { let day: Int; let campaign: Campaign; let spendFen: Int; let impressions: Int; let clicks: Int; let conversions: Int }

    /// Settled daily figures: each campaign's spend is sized so that the GMV of the orders of the
    /// users it brought in, divided by its spend, lands near its target ROI.
    static func settledRows(world: World, journeys: Journeys) -> [Row] {
        var rng = SplitMix64("oceanengine")
        var rows: [Row] = []
        for c in world.campaigns {
            let attributed = journeys.attributedOrders(c)
            let gmv = attributed.reduce(0) { $0 + $1.totalFen }
            let floor = c.floorFen * c.activeDays.count
            let total = max(floor, iround(Double(gmv) / c.targetROI))
            let weights = c.activeDays.map { (Cal.isWeekend($0) ? 1.2 : 1.0) * rng.around(0.3) }
            let sum = weights.reduce(0, +)
            for (i, day) in c.activeDays.enumerated() {
                let spend = iround(Double(total) * weights[i] / sum)
                let cpm = Double(c.cpmFen) * rng.around(0.12)
                let impressions = iround(Double(spend) * 1000 / cpm)
                var ctr = Double(c.ctrPermille) / 1000 * rng.around(0.1)
                let fromEnd = Demo.end - day
                if c.fatigue && fromEnd < 4 { ctr = Double(c.ctrPermille) / 1000 * (0.92 - 0.1 * Double(3 - fromEnd)) }
                let clicks = iround(Double(impressions) * ctr)
                let ordersThatDay = attributed.filter { Cal.dayOf($0.submittedAt) == day }.count
                let conversions = ordersThatDay + rng.int(0...2)
                rows.append(Row(day: day, campaign: c, spendFen: spend, impressions: impressions, clicks: clicks, conversions: conversions))
            }
        }
        return rows.sorted { ($0.day, $0.campaign.id) < ($1.day, $1.campaign.id) }
    }

    static func write(world: World, journeys: Journeys, out: String, log: DirtLog) {
        let settled = settledRows(world: world, journeys: journeys)
        for export in exports {
            var lines: [[String]] = []
            var total = (spend: 0, impressions: 0, clicks: 0, conversions: 0)
            for r in settled where r.day >= export.from && r.day <= export.to {
                let back = export.to - r.day
                let factor = back < 3 ? provisional[2 - back] : 1.0
                let spend = iround(Double(r.spendFen) * factor)
                let impressions = iround(Double(r.impressions) * factor)
                let clicks = iround(Double(r.clicks) * factor)
                let conversions = back == 0 ? r.conversions * 7 / 10 : r.conversions
                total.spend += spend; total.impressions += impressions; total.clicks += clicks; total.conversions += conversions
                lines.append(row(date: Cal.iso(r.day), id: r.campaign.id, name: r.campaign.name, kol: r.campaign.kolID ?? "-",
                                 spend: spend, impressions: impressions, clicks: clicks, conversions: conversions,
                                 grouped: export.groupedCounts))
            }
            let totals = row(date: "合计", id: "", name: "", kol: "", spend: total.spend, impressions: total.impressions,
                             clicks: total.clicks, conversions: total.conversions, grouped: export.groupedCounts)
            let file = OutputFile(out + "/" + export.name, gzipLevel: 6)
            file.write(Fmt.csvLine(header)); file.endLine()
            if export.totalsFirst { file.write(Fmt.csvLine(totals)); file.endLine() }
            for l in lines { file.write(Fmt.csvLine(l)); file.endLine() }
            if !export.totalsFirst { file.write(Fmt.csvLine(totals)); file.endLine() }
            file.close()
            log.rows(export.name, lines.count, extra: export.totalsFirst ? "+ 合计 row first" : "+ 合计 row last")
        }
        let first = exports[0], second = exports[1]
        log.dirt(first.name, "\(Cal.iso(first.to - 2))…\(Cal.iso(first.to)) are provisional (消耗 at 98.5%, 95%, 86% of the settled figure) → restated by \(second.name), which loads later and wins")
        log.dirt(second.name, "合计 row directly under the header; 展示数/点击数 written with thousands separators (1,234); \(Cal.iso(second.to - 2))…\(Cal.iso(second.to)) provisional (no later export in the demo)")
        log.dirt("ads/oceanengine_*.csv.gz", "消耗 like \"1,234.50\" (quoted); 达人ID '-' on plans that are not KOL boosts; 转化成本 '-' when 转化数 is 0")
    }

    static func row(date: String, id: String, name: String, kol: String, spend: Int, impressions: Int, clicks: Int,
                    conversions: Int, grouped: Bool) -> [String] {
        func count(_ v: Int) -> String { grouped ? Fmt.grouped(v) : String(v) }
        return [
            date, id, name, kol, Fmt.yuan(spend, grouping: true), count(impressions), count(clicks),
            Fmt.pct(clicks, impressions, decimals: 2), Fmt.ratio2(spend * 10, impressions), Fmt.ratio2(spend, clicks * 100),
            String(conversions), conversions > 0 ? Fmt.ratio2(spend, conversions * 100) : "-",
            Fmt.pct(conversions, clicks, decimals: 2),
        ]
    }
}
