/// WeChat Channels (视频号助手) per-video daily export: daily (not cumulative) counters, UTF-8 with
/// a byte-order mark, CRLF line endings, and a 合计 totals row at the end.
enum ChannelsExport {
    static let header = ["日期", "视频ID", "视频描述", "发布时间", "播放量", "完播率", "平均播放时长", "点赞量", "评论量", "分享量", "关注量"]

    static func write(world: World, out: String, log: DirtLog) {
        var week = Demo.start
        while week <= Demo.end {
            let last = week + 6
            let name = "channels/videos_\(Cal.iso(week))_\(Cal.iso(last)).csv"
            let file = OutputFile(out + "/" + name, crlf: true)
            file.writeRaw([0xEF, 0xBB, 0xBF])
            file.write(Fmt.csvLine(header)); file.endLine()
            var total = DayStats()
            var rows = 0
            for day in week...last {
                for item in world.channels where item.publishDay <= day {
                    let s = item.stats(on: day)
                    guard s.plays > 0 else { continue }
                    total += s
                    rows += 1
                    file.write(Fmt.csvLine(row(item, day: day, s))); file.endLine()
                }
            }
            file.write(Fmt.csvLine(totals(total))); file.endLine()
            file.close()
            log.rows(name, rows, extra: "+ 合计 row")
            week += 7
        }
        log.dirt("channels/videos_*.csv", "UTF-8 with BOM and CRLF line endings; last line is a 合计 totals row (skipped, counted as a totals row); 平均播放时长 as mm:ss")
    }

    static func row(_ item: ContentItem, day: Int, _ s: DayStats) -> [String] {
        [
            Cal.iso(day), item.id, item.title, Cal.dateTime(item.publishedAt), String(s.plays),
            Fmt.pct(s.completed, s.plays), Fmt.ms(s.plays > 0 ? (s.watchSeconds + s.plays / 2) / s.plays : 0),
            String(s.likes), String(s.comments), String(s.shares), String(s.newFollowers),
        ]
    }

    static func totals(_ total: DayStats) -> [String] {
        [
            "合计", "", "", "", String(total.plays), Fmt.pct(total.completed, total.plays),
            Fmt.ms(total.plays > 0 ? (total.watchSeconds + total.plays / 2) / total.plays : 0),
            String(total.likes), String(total.comments), String(total.shares), String(total.newFollowers),
        ]
    }
}
