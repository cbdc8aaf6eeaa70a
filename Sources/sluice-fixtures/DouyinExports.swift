/// Douyin creator centre exports: per-video lifetime snapshots (one gzip CSV per day) and the
/// account's daily follower figures.
enum DouyinExports {
    static let videoHeader = ["作品ID", "作品名称", "发布时间", "体裁", "审核状态", "播放量", "完播率", "5s完播率", "封面点击率",
                              "2s跳出率", "平均播放时长", "点赞量", "分享量", "评论量", "收藏量", "主页访问量", "粉丝增量"]

    /// Snapshot days: every day of the period except one missing export.
    static let missingSnapshot = Cal.day(2026, 10, 24)
    /// The snapshot written as two concatenated gzip members.
    static let multiMemberSnapshot = Cal.day(2026, 10, 12)
    /// From this snapshot on the export writes 平均播放时长 as `00:00:12` instead of `12s`.
    static let durationFormatChange = Cal.day(2026, 10, 19)

    static func writeVideos(world: World, out: String, log: DirtLog) {
        for day in Demo.start...Demo.end where day != missingSnapshot {
            let name = "douyin/videos_\(Cal.iso(day)).csv.gz"
            let file = OutputFile(out + "/" + name, gzipLevel: 6)
            file.write(Fmt.csvLine(videoHeader)); file.endLine()
            let items = world.douyin.filter { $0.publishDay <= day }.sorted { $0.publishedAt > $1.publishedAt }
            for (i, item) in items.enumerated() {
                if day == multiMemberSnapshot && i == items.count / 2 { file.startNewGzipMember() }
                let wan = world.wanTitles.contains(item.title)
                let removed = item.title == world.fakePlaysTitle && day >= world.fakePlaysDay ? world.fakePlaysRemoved : 0
                file.write(Fmt.csvLine(videoRow(item, day: day, wan: wan, removedPlays: removed))); file.endLine()
            }
            file.close()
            log.rows(name, items.count)
            if day == multiMemberSnapshot {
                log.dirt(name, "two gzip members concatenated (header and \(items.count / 2) rows, then \(items.count - items.count / 2) rows); all \(items.count) rows load")
            }
            if day == world.fakePlaysDay {
                let item = world.douyin.first { $0.title == world.fakePlaysTitle }!
                let before = item.cumulative(through: day - 1).plays
                let after = item.cumulative(through: day).plays - world.fakePlaysRemoved
                let line = items.firstIndex { $0 === item }! + 2
                log.dirt(name, "line \(line): 「\(item.title)」 播放量 \(after) < \(before) the day before (the platform removed \(world.fakePlaysRemoved) fake plays) → a negative daily plays figure for \(Cal.iso(day)), kept and counted as a correction")
            }
        }
        log.dirt("douyin/videos_\(Cal.iso(missingSnapshot)).csv.gz", "missing (no export that day) → the \(Cal.iso(missingSnapshot + 1)) snapshot's differences cover two days (a gap)")
        log.dirt("douyin/videos_*.csv.gz", "平均播放时长 written `12s` up to \(Cal.iso(durationFormatChange - 1)) and `00:00:12` from \(Cal.iso(durationFormatChange)) (export format change)")
        let hit = world.wanTitles.sorted().joined(separator: "、")
        log.dirt("douyin/videos_*.csv.gz", "「\(hit)」: 播放量 written `x.y万` once it passes 10,000 (rounded to 1,000 by the platform) → daily plays come in steps of 1,000 for that video")
    }

    /// One snapshot row: lifetime figures at the end of `day`; `wan` writes plays ≥ 10,000 as `x.y万`.
    static func videoRow(_ item: ContentItem, day: Int, wan: Bool = false, removedPlays: Int = 0) -> [String] {
        let c = item.cumulative(through: day)
        let plays = c.plays - removedPlays
        let avg = plays > 0 ? (c.watchSeconds + plays / 2) / plays : 0
        let playsText = wan && plays >= 10_000 ? Fmt.wan(plays) : String(plays)
        return [
            item.id, item.title, Cal.dateTime(item.publishedAt), item.kind, "审核通过",
            playsText,
            Fmt.pct(c.completed, plays), Fmt.pct(c.fiveSec, plays), Fmt.pct(plays, c.impressions), Fmt.pct(c.bounce2s, plays),
            day >= durationFormatChange ? Fmt.hms(avg) : Fmt.seconds(avg),
            String(c.likes), String(c.shares), String(c.comments), String(c.favorites), String(c.profileVisits),
            String(c.newFollowers),
        ]
    }

    // MARK: Account

    struct AccountDay { let day: Int; let total: Int; let new: Int; let lost: Int }

    static func accountSeries(world: World) -> [AccountDay] {
        var rng = SplitMix64("douyin-account")
        var total = 117_340
        var out: [AccountDay] = []
        for day in Demo.start...Demo.end {
            let fromVideos = world.douyin.reduce(0) { $0 + $1.stats(on: day).newFollowers }
            var new = iround(Double(690 + fromVideos) * rng.around(0.12))
            if Cal.isWeekend(day) { new += rng.int(40...110) }
            let lost = rng.int(70...135) + (new > 1_100 ? rng.int(20...60) : 0)
            new = max(new, 0)
            total += new - lost
            out.append(AccountDay(day: day, total: total, new: new, lost: lost))
        }
        return out
    }

    static let accountExports: [(from: Int, to: Int)] = [
        (Cal.day(2026, 10, 5), Cal.day(2026, 10, 25)),
        (Cal.day(2026, 10, 19), Cal.day(2026, 11, 8)),
    ]

    static func writeAccount(world: World, out: String, log: DirtLog) {
        let series = accountSeries(world: world)
        for (from, to) in accountExports {
            let name = "douyin/account_\(Cal.iso(from))_\(Cal.iso(to)).csv"
            let file = OutputFile(out + "/" + name)
            file.write(Fmt.csvLine(["日期", "粉丝总数", "新增粉丝", "取关粉丝"])); file.endLine()
            let rows = series.filter { $0.day >= from && $0.day <= to }
            for r in rows {
                file.write(Fmt.csvLine([Cal.iso(r.day), String(r.total), String(r.new), String(r.lost)])); file.endLine()
            }
            file.close()
            log.rows(name, rows.count)
        }
        log.dirt("douyin/account_*.csv", "the two exports overlap on \(Cal.iso(accountExports[1].from))…\(Cal.iso(accountExports[0].to)) (7 days) with identical figures → each day stored once")
    }
}
