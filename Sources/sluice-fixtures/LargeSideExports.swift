/// The content, order and spend exports that accompany the large event files: the demo's formats
/// at benchmark scale, streamed day by day, without the demo's deliberate defects.
enum LargeSideExports {
    static func write(_ u: LargeUniverse, out: String) -> [String] {
        var summary: [String] = []
        summary += douyin(u, out: out)
        summary += channels(u, out: out)
        summary += xiaohongshu(u, out: out)
        summary += orders(u, out: out)
        summary += ads(u, out: out)
        return summary
    }

    /// Month windows [from, to] covering the period, each exported the next morning.
    static var months: [(from: Int, to: Int)] {
        var result: [(Int, Int)] = []
        var d = LargeSet.start
        while d <= LargeSet.end {
            let c = Cal.civil(d)
            let next = c.m == 12 ? Cal.day(c.y + 1, 1, 1) : Cal.day(c.y, c.m + 1, 1)
            result.append((d, min(next - 1, LargeSet.end)))
            d = next
        }
        return result
    }

    static func douyin(_ u: LargeUniverse, out: String) -> [String] {
        var rows = 0
        for day in LargeSet.start...LargeSet.end {
            let file = OutputFile(out + "/douyin/videos_\(Cal.iso(day)).csv.gz", gzipLevel: 6)
            file.write(Fmt.csvLine(DouyinExports.videoHeader)); file.endLine()
            for item in u.content[0].reversed() where item.publishDay <= day {
                file.write(Fmt.csvLine(DouyinExports.videoRow(item, day: day))); file.endLine()
                rows += 1
            }
            file.close()
        }
        var rng = SplitMix64("large-account")
        let name = "douyin/account_\(Cal.iso(LargeSet.start))_\(Cal.iso(LargeSet.end)).csv"
        let file = OutputFile(out + "/" + name)
        file.write(Fmt.csvLine(["日期", "粉丝总数", "新增粉丝", "取关粉丝"])); file.endLine()
        var total = 98_200
        for day in LargeSet.start...LargeSet.end {
            let new = u.content[0].reduce(0) { $0 + $1.stats(on: day).newFollowers } + rng.int(400...700)
            let lost = rng.int(60...140)
            total += new - lost
            file.write(Fmt.csvLine([Cal.iso(day), String(total), String(new), String(lost)])); file.endLine()
        }
        file.close()
        return ["douyin/videos_*.csv.gz\t\(LargeSet.days) files, \(rows) rows (\(u.content[0].count) videos)", "\(name)\t\(LargeSet.days) rows"]
    }

    static func channels(_ u: LargeUniverse, out: String) -> [String] {
        var rows = 0, files = 0
        var week = LargeSet.start
        while week <= LargeSet.end {
            let last = min(week + 6, LargeSet.end)
            let file = OutputFile(out + "/channels/videos_\(Cal.iso(week))_\(Cal.iso(last)).csv", crlf: true)
            file.writeRaw([0xEF, 0xBB, 0xBF])
            file.write(Fmt.csvLine(ChannelsExport.header)); file.endLine()
            var total = DayStats()
            for day in week...last {
                for item in u.content[2] where item.publishDay <= day {
                    let s = item.stats(on: day)
                    guard s.plays > 0 else { continue }
                    total += s
                    rows += 1
                    file.write(Fmt.csvLine(ChannelsExport.row(item, day: day, s))); file.endLine()
                }
            }
            file.write(Fmt.csvLine(ChannelsExport.totals(total))); file.endLine()
            file.close()
            files += 1
            week += 7
        }
        return ["channels/videos_*.csv\t\(files) files, \(rows) rows + a 合计 row each"]
    }

    static func xiaohongshu(_ u: LargeUniverse, out: String) -> [String] {
        var rows = 0, files = 0
        for day in LargeSet.start...LargeSet.end where day == LargeSet.start || Cal.weekday(day) == 7 || day == LargeSet.end {
            let file = OutputFile(out + "/xiaohongshu/notes_\(Cal.iso(day)).csv")
            file.write(XiaohongshuExport.banner(day)); file.endLine()
            file.write(Fmt.csvLine(XiaohongshuExport.header)); file.endLine()
            for item in u.content[1].reversed() where item.publishDay <= day {
                file.write(Fmt.csvLine(XiaohongshuExport.row(item, day: day))); file.endLine()
                rows += 1
            }
            file.close()
            files += 1
        }
        return ["xiaohongshu/notes_*.csv\t\(files) files, \(rows) rows"]
    }

    /// Douyin shop (GB18030 CSV) and mini-program (JSONL) orders, one file per month each.
    static func orders(_ u: LargeUniverse, out: String) -> [String] {
        let doudianPerDay = max(1, u.rows / 60 / LargeSet.days)
        let miniPerDay = max(1, u.rows / 90 / LargeSet.days)
        var doudianRows = 0, miniRows = 0
        var pii = SplitMix64("large-personal")
        let people = (0..<64).map { _ in DoudianExport.maskedPerson(&pii) }
        for (from, to) in months {
            let exportedAt = Cal.at(to + 1, 9, 0)
            let tag = Cal.iso(from).prefix(7)
            let doudian = OutputFile(out + "/doudian/orders_\(tag).csv", encoding: .gb18030, crlf: true)
            doudian.write(Fmt.csvLine(DoudianExport.header)); doudian.endLine()
            let mini = OutputFile(out + "/miniprogram/orders_\(tag).jsonl")
            for day in from...to {
                var rng = SplitMix64("large-orders", UInt64(day))
                var ids = SplitMix64("large-order-ids", UInt64(day))
                for (platform, count) in [("doudian", doudianPerDay), ("miniprogram", miniPerDay)] {
                    for k in 0..<count {
                        let f = (Double(k) + rng.unit()) / Double(count) * u.hourCumulative[24]
                        var h = 0
                        while h < 23 && u.hourCumulative[h + 1] <= f { h += 1 }
                        let within = (f - u.hourCumulative[h]) / (u.hourCumulative[h + 1] - u.hourCumulative[h])
                        let at = Cal.at(day, h) + Int64(min(3599, Int(within * 3600)))
                        let user = u.user(&rng)
                        let channel = rng.weighted([0.5, 0.25, 0.15, 0.1])
                        var kol: String?, campaign: String?
                        if channel == 1 { let c = rng.below(u.campaigns.count); campaign = u.campaigns[c].id; kol = u.campaigns[c].kolID }
                        if channel == 2 { kol = u.kols[rng.below(u.kols.count)].id }
                        let source = channel == 3 ? "search" : rng.pick(["short_video", "short_video", "live", "product_card"])
                        let content = source == "short_video" ? u.content[0][rng.below(max(1, u.publishedCount[0][day - LargeSet.start]))].id : nil
                        let order = Journeys.makeOrder(platform: platform, user: user, at: at, source: source, kol: kol,
                                                       content: content, campaign: campaign, rng: &rng)
                        if platform == "doudian" {
                            order.id = "69" + ids.digits(17, first: "0123456789")
                            for j in order.lines.indices { order.lines[j].subID = "69" + ids.digits(17, first: "0123456789") }
                            let (status, afterSale) = order.doudianStatus(at: exportedAt)
                            for j in order.lines.indices {
                                let row = DoudianExport.rowFields(order, line: j, status: status, afterSale: afterSale, exportedAt: exportedAt,
                                                                  spreadsheet: false, personal: people[user % people.count], remark: "-")
                                doudian.write(Fmt.csvLine(row)); doudian.endLine()
                                doudianRows += 1
                            }
                        } else {
                            let compact = Cal.dateTime(at).filter { $0.isNumber }
                            order.id = "MP" + compact + Fmt.padded(k % 10_000, 4)
                            order.lines[0].subID = order.id
                            mini.write(MiniProgramExport.json(order, status: order.miniStatus(at: exportedAt), openid: "oQl" + Fmt.padded(user, 25)))
                            mini.endLine()
                            miniRows += 1
                        }
                    }
                }
            }
            doudian.close()
            mini.close()
        }
        return ["doudian/orders_*.csv\t\(months.count) files, \(doudianRows) sub-order rows (GB18030)",
                "miniprogram/orders_*.jsonl\t\(months.count) files, \(miniRows) orders"]
    }

    static func ads(_ u: LargeUniverse, out: String) -> [String] {
        var rows = 0
        for (from, to) in months {
            let file = OutputFile(out + "/ads/oceanengine_\(Cal.iso(from))_\(Cal.iso(to)).csv.gz", gzipLevel: 6)
            file.write(Fmt.csvLine(OceanEngineExport.header)); file.endLine()
            var total = (spend: 0, impressions: 0, clicks: 0, conversions: 0)
            for day in from...to {
                var rng = SplitMix64("large-ads", UInt64(day))
                for c in u.campaigns where c.activeDays.contains(day) {
                    let spend = iround(Double(30_000 + rng.below(270_000)) * (Cal.isWeekend(day) ? 1.2 : 1))
                    let impressions = spend * 1000 / (c.cpmFen * (90 + rng.below(20)) / 100)
                    let clicks = impressions * (c.ctrPermille * (90 + rng.below(20)) / 100) / 1000
                    let conversions = clicks * (10 + rng.below(40)) / 1000
                    total.spend += spend; total.impressions += impressions; total.clicks += clicks; total.conversions += conversions
                    file.write(Fmt.csvLine(OceanEngineExport.row(date: Cal.iso(day), id: c.id, name: c.name, kol: c.kolID ?? "-",
                                                                 spend: spend, impressions: impressions, clicks: clicks,
                                                                 conversions: conversions, grouped: false)))
                    file.endLine()
                    rows += 1
                }
            }
            file.write(Fmt.csvLine(OceanEngineExport.row(date: "合计", id: "", name: "", kol: "", spend: total.spend,
                                                         impressions: total.impressions, clicks: total.clicks,
                                                         conversions: total.conversions, grouped: false)))
            file.endLine()
            file.close()
        }
        return ["ads/oceanengine_*.csv.gz\t\(months.count) files, \(rows) rows (\(u.campaigns.count) plans) + a 合计 row each"]
    }
}
