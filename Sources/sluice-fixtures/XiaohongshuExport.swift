/// Xiaohongshu (小红书) note export: cumulative lifetime figures per note, weekly, with an
/// explanatory banner line above the header, Chinese-style dates and no note id column.
enum XiaohongshuExport {
    static let header = ["笔记标题", "首次发布时间", "体裁", "曝光", "观看量", "封面点击率", "点赞", "收藏", "评论", "分享", "人均观看时长", "涨粉"]
    /// A baseline snapshot the day before the period, then every Sunday.
    static let snapshots = [Cal.day(2026, 10, 4)] + (0..<5).map { Cal.day(2026, 10, 11) + 7 * $0 }
    static let badSnapshot = Cal.day(2026, 11, 1)
    static let badTitle = "秋冬通勤穿搭🍂也要配一杯热茶"

    static func write(world: World, out: String, log: DirtLog) {
        for day in snapshots {
            let name = "xiaohongshu/notes_\(Cal.iso(day)).csv"
            let file = OutputFile(out + "/" + name)
            file.write(banner(day)); file.endLine()
            file.write(Fmt.csvLine(header)); file.endLine()
            let items = world.xiaohongshu.filter { $0.publishDay <= day }.sorted { $0.publishedAt > $1.publishedAt }
            for (i, item) in items.enumerated() {
                var fields = row(item, day: day)
                if day == badSnapshot && item.title == badTitle {
                    fields[4] = "abc"
                    log.dirt(name, "line \(i + 3): 「\(item.title)」 观看量 'abc' → quarantined (1 of \(items.count) rows, under the 5% limit); the note's next snapshot difference then covers two weeks")
                }
                file.write(Fmt.csvLine(fields)); file.endLine()
            }
            file.close()
            log.rows(name, items.count, extra: "+ banner line")
        }
        log.dirt("xiaohongshu/notes_*.csv", "line 1 is a banner above the header (skip_lines: 1); no id column, the title is the content id; 首次发布时间 like 2026年10月05日12时00分00秒; weekly snapshots, so each difference covers 7 days and is booked on the Sunday; titles with emoji, one with an ASCII comma (quoted) and one with double quotes (doubled inside quotes)")
    }

    /// The explanatory line above the header.
    static func banner(_ day: Int) -> String {
        let c = Cal.civil(day)
        return "笔记数据导出（统计截至\(c.y)年\(Cal.pad2(c.m))月\(Cal.pad2(c.d))日 23:59:59）：数据为笔记发布以来的累计值，存在一定延迟，仅供参考"
    }

    /// One note's lifetime figures at the end of `day`.
    static func row(_ item: ContentItem, day: Int) -> [String] {
        let s = item.cumulative(through: day)
        return [
            item.title, Cal.chineseDateTime(item.publishedAt), item.kind, String(s.impressions), String(s.plays),
            Fmt.pct(s.plays, s.impressions), String(s.likes), String(s.favorites), String(s.comments),
            String(s.shares), String(s.plays > 0 ? (s.watchSeconds + s.plays / 2) / s.plays : 0), String(s.newFollowers),
        ]
    }
}
