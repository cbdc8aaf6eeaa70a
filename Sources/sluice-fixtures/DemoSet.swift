/// `sluice-fixtures demo`: the small demo data set (five weeks, one brand).
enum DemoSet {
    static func write(out: String) {
        let world = World()
        let journeys = Journeys(world: world)
        let log = DirtLog()
        DouyinExports.writeVideos(world: world, out: out, log: log)
        DouyinExports.writeAccount(world: world, out: out, log: log)
        ChannelsExport.write(world: world, out: out, log: log)
        XiaohongshuExport.write(world: world, out: out, log: log)
        DoudianExport.write(journeys: journeys, out: out, log: log)
        MiniProgramExport.write(journeys: journeys, out: out, log: log)
        OceanEngineExport.write(world: world, journeys: journeys, out: out, log: log)
        EventsExport.write(journeys: journeys, out: out, log: log)
        log.print(summary: figures(world: world, journeys: journeys))
    }

    /// Headline figures of the simulated world, to check they look like domain.md.
    static func figures(world: World, journeys: Journeys) -> [String] {
        var out: [String] = []
        func rate(_ a: Int, _ b: Int) -> String { Fmt.pct(a, b) }
        for (label, items) in [("douyin", world.douyin), ("channels", world.channels), ("xiaohongshu", world.xiaohongshu)] {
            var t = DayStats()
            for day in Demo.start...Demo.end { for i in items { t += i.stats(on: day) } }
            out.append("\(label): plays \(t.plays) in the period, completion \(rate(t.completed, t.plays)), like rate \(rate(t.likes, t.plays)), follow conversion \(rate(t.newFollowers, t.plays)), avg watch \(t.plays > 0 ? t.watchSeconds / t.plays : 0)s")
        }
        let series = DouyinExports.accountSeries(world: world)
        let newSum = series.reduce(0) { $0 + $1.new }, lostSum = series.reduce(0) { $0 + $1.lost }
        out.append("douyin followers: \(series.first!.total - series.first!.new + series.first!.lost) → \(series.last!.total), new \(newSum / series.count)/day, lost \(lostSum / series.count)/day")
        let events = journeys.events
        out.append("events: \(events.count) (users with events: \(Set(events.map(\.user)).count))")
        var byName: [String: Int] = [:]
        for e in events { byName[e.name, default: 0] += 1 }
        out.append("  by event: " + byName.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        let orders = journeys.orders.filter { !$0.isCancelled }
        let gmv = orders.reduce(0) { $0 + $1.totalFen }
        var perUser: [Int: Int] = [:]
        for o in orders { perUser[o.user, default: 0] += 1 }
        let buyers = perUser.count, repeaters = perUser.values.filter { $0 >= 2 }.count
        out.append("orders: \(journeys.orders.count) (doudian \(journeys.orders.filter { $0.platform == "doudian" }.count), miniprogram \(journeys.orders.filter { $0.platform == "miniprogram" }.count)), cancelled \(journeys.orders.count - orders.count), refunded \(orders.filter(\.isRefunded).count)")
        out.append("GMV ¥\(Fmt.yuan(gmv, grouping: true)), AOV ¥\(Fmt.yuan(gmv / max(1, orders.count))), buyers \(buyers) of \(Demo.userCount) users, repurchase \(rate(repeaters, buyers))")
        let spend = OceanEngineExport.settledRows(world: world, journeys: journeys)
        var totalSpend = 0
        for c in world.campaigns {
            let s = spend.filter { $0.campaign.id == c.id }.reduce(0) { $0 + $1.spendFen }
            totalSpend += s
            let g = journeys.attributedOrders(c).reduce(0) { $0 + $1.totalFen }
            out.append("campaign \(c.id) \(c.name): users \(journeys.acquisitionCampaign.values.filter { $0 == c.id }.count), spend ¥\(Fmt.yuan(s, grouping: true)), attributed GMV ¥\(Fmt.yuan(g, grouping: true)), ROI \(Fmt.ratio2(g, s)) : 1")
        }
        let paidGMV = world.campaigns.reduce(0) { sum, c in sum + journeys.attributedOrders(c).reduce(0) { $0 + $1.totalFen } }
        out.append("spend ¥\(Fmt.yuan(totalSpend, grouping: true)); campaign-attributed ROI \(Fmt.ratio2(paidGMV, totalSpend)) : 1; all GMV / spend \(Fmt.ratio2(gmv, totalSpend)) : 1")
        return out
    }
}
