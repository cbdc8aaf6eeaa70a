/// The demo universe: one tea brand ("青岚茶研") with accounts on Douyin, WeChat Channels and
/// Xiaohongshu, a mini-program shop and a Douyin shop, a few KOLs and Ocean Engine campaigns.
///
/// Everything is built from named SplitMix64 streams, so the world is identical on every run.
enum Demo {
    /// 2026-10-05 (Monday) … 2026-11-08 (Sunday): five ISO weeks.
    static let start = Cal.day(2026, 10, 5)
    static let days = 35
    static let end = start + days - 1
    static let userCount = 1500

    static let douyinAccount = "qinglan_tea"
    static let channelsAccount = "青岚茶研"
    static let xiaohongshuAccount = "5f1c2a9e000000000101a7c3"
}

struct Product {
    let code: String
    let name: String
    let spec: String
    let priceFen: Int
    let weight: Double
}

enum Catalog {
    static let products = [
        Product(code: "QL-101", name: "青岚茶研 明前龙井礼盒", spec: "250g 礼盒装", priceFen: 29900, weight: 0.12),
        Product(code: "QL-102", name: "青岚茶研 冷泡茶", spec: "12袋/盒", priceFen: 5900, weight: 0.30),
        Product(code: "QL-103", name: "青岚茶研 白桃乌龙三角茶包", spec: "20袋/盒", priceFen: 6900, weight: 0.25),
        Product(code: "QL-104", name: "青岚茶研 桂花红茶", spec: "150g 罐装", priceFen: 12900, weight: 0.20),
        Product(code: "QL-105", name: "青岚茶研 陶瓷旅行茶具套装", spec: "一壶两杯", priceFen: 18900, weight: 0.13),
        Product(code: "QL-106", name: "青岚茶研 武夷大红袍礼盒", spec: "300g 礼盒装", priceFen: 39900, weight: 0.06),
    ]
    /// A 0-yuan gift line added to larger Douyin shop orders.
    static let gift = Product(code: "QL-900", name: "【赠品】青岚茶研 试饮装", spec: "3袋", priceFen: 0, weight: 0)
    static let giftThresholdFen = 19900

    static func pick(_ rng: inout SplitMix64) -> Product { products[rng.weighted(products.map(\.weight))] }
}

struct KOL {
    let id: String
    let name: String
    let platform: String
    /// Window in which the KOL drives traffic (day numbers).
    let firstDay: Int
    let lastDay: Int
}

struct Campaign {
    let id: String
    let name: String
    let kolID: String?
    /// Title of the brand video the campaign promotes (nil: the live room).
    let promotedTitle: String?
    let activeDays: [Int]
    let weight: Double
    /// Attributed GMV / spend the spend is scaled to (so reports show green and red campaigns).
    let targetROI: Double
    let cpmFen: Int
    let ctrPermille: Int
    /// Click-through rate falls for the last days of the period (creative fatigue).
    let fatigue: Bool
    /// Least spend per active day (a brand-day splash ad spends its budget whatever it sells).
    var floorFen = 1_500
}

/// One day of a content item's figures (daily, not cumulative).
struct DayStats {
    var plays = 0, completed = 0, fiveSec = 0, bounce2s = 0, watchSeconds = 0
    var likes = 0, comments = 0, shares = 0, favorites = 0
    var profileVisits = 0, newFollowers = 0, impressions = 0

    static func += (a: inout DayStats, b: DayStats) {
        a.plays += b.plays; a.completed += b.completed; a.fiveSec += b.fiveSec; a.bounce2s += b.bounce2s
        a.watchSeconds += b.watchSeconds; a.likes += b.likes; a.comments += b.comments; a.shares += b.shares
        a.favorites += b.favorites; a.profileVisits += b.profileVisits; a.newFollowers += b.newFollowers
        a.impressions += b.impressions
    }
}

/// A video or note on one of the brand's accounts, with its simulated daily figures.
final class ContentItem {
    let platform: String
    let id: String
    let title: String
    let kind: String
    let publishedAt: Int64
    let kolID: String?
    /// Daily figures from the publish day to the end of the period.
    private(set) var daily: [DayStats] = []

    var publishDay: Int { Cal.dayOf(publishedAt) }

    init(platform: String, id: String, title: String, kind: String, publishedAt: Int64, kolID: String?) {
        self.platform = platform
        self.id = id
        self.title = title
        self.kind = kind
        self.publishedAt = publishedAt
        self.kolID = kolID
    }

    func stats(on day: Int) -> DayStats {
        let i = day - publishDay
        return i >= 0 && i < daily.count ? daily[i] : DayStats()
    }

    /// Lifetime totals at the end of `day`.
    func cumulative(through day: Int) -> DayStats {
        var total = DayStats()
        var d = publishDay
        while d <= day && d - publishDay < daily.count {
            total += daily[d - publishDay]
            d += 1
        }
        return total
    }

    /// Simulates daily figures: a launch peak decaying to a long tail, weekends busier.
    func simulate(peak: Int, rates: Rates, rng: inout SplitMix64, through end: Int = Demo.end) {
        let decay = [0.55, 1.0, 0.58, 0.34, 0.21, 0.14, 0.10, 0.08]
        let completion = rates.completion * rng.around(0.15)
        let avgSeconds = Double(rates.avgSeconds) * rng.around(0.2)
        let ctr = rates.coverCTR * rng.around(0.2)
        daily = []
        // The publish day only counts the hours after publication.
        let hoursLeft = Double(24 - Int((publishedAt % 86400) / 3600)) / 24
        for day in publishDay...max(publishDay, end) {
            let age = day - publishDay
            var w = age < decay.count ? decay[age] : max(0.012, 0.08 * power(0.9, age - decay.count + 1))
            if age == 0 { w = max(0.15, hoursLeft) * 0.9 }
            if Cal.isWeekend(day) { w *= 1.15 }
            let plays = max(0, iround(Double(peak) * w * rng.around(0.2)))
            var s = DayStats()
            s.plays = plays
            func part(_ rate: Double, _ spread: Double = 0.3) -> Int { iround(Double(plays) * rate * rng.around(spread)) }
            s.completed = min(plays, part(completion, 0.08))
            s.fiveSec = min(plays, part(rates.fiveSec, 0.08))
            s.bounce2s = min(plays, part(rates.bounce2s, 0.08))
            s.watchSeconds = iround(Double(plays) * avgSeconds * rng.around(0.05))
            s.likes = part(rates.like)
            s.comments = part(rates.comment, 0.5)
            s.shares = part(rates.share, 0.4)
            s.favorites = part(rates.favorite, 0.4)
            s.profileVisits = part(rates.profile)
            s.newFollowers = part(rates.follow, 0.4)
            s.impressions = ctr > 0 ? iround(Double(plays) / ctr) : 0
            daily.append(s)
        }
    }
}

/// Per-platform engagement rates (each per play).
struct Rates {
    var completion: Double, fiveSec: Double, bounce2s: Double, avgSeconds: Int, coverCTR: Double
    var like: Double, comment: Double, share: Double, favorite: Double, profile: Double, follow: Double

    static let douyin = Rates(completion: 0.28, fiveSec: 0.46, bounce2s: 0.34, avgSeconds: 12, coverCTR: 0.075,
                              like: 0.012, comment: 0.0016, share: 0.0021, favorite: 0.0026, profile: 0.016, follow: 0.008)
    static let channels = Rates(completion: 0.35, fiveSec: 0.52, bounce2s: 0.28, avgSeconds: 17, coverCTR: 0.09,
                                like: 0.018, comment: 0.0022, share: 0.0045, favorite: 0, profile: 0.01, follow: 0.006)
    static let xiaohongshuVideo = Rates(completion: 0.3, fiveSec: 0.5, bounce2s: 0.3, avgSeconds: 24, coverCTR: 0.11,
                                        like: 0.032, comment: 0.004, share: 0.003, favorite: 0.018, profile: 0.02, follow: 0.01)
    static let xiaohongshuImage = Rates(completion: 0, fiveSec: 0, bounce2s: 0, avgSeconds: 15, coverCTR: 0.12,
                                        like: 0.028, comment: 0.0035, share: 0.0025, favorite: 0.022, profile: 0.018, follow: 0.009)
}

/// x^n for a small non-negative integer n (repeated multiplication: identical on every machine).
func power(_ x: Double, _ n: Int) -> Double {
    var r = 1.0
    for _ in 0..<max(0, n) { r *= x }
    return r
}

/// The brand, its content, KOLs and campaigns.
final class World {
    var douyin: [ContentItem] = []
    var channels: [ContentItem] = []
    var xiaohongshu: [ContentItem] = []
    var kols: [KOL] = []
    var campaigns: [Campaign] = []
    /// Titles of Douyin videos whose lifetime plays are written as `x.y万`.
    let wanTitles: Set<String> = ["秋天的第一杯桂花红茶"]
    /// A Douyin video whose lifetime plays drop on one snapshot (the platform removed fake plays).
    let fakePlaysTitle = "打工人下午茶挑战 Day1"
    let fakePlaysDay = Cal.day(2026, 10, 22)
    let fakePlaysRemoved = 3_860

    init() {
        buildKOLs()
        buildContent()
        buildCampaigns()
    }

    func content(platform: String) -> [ContentItem] {
        switch platform {
        case "douyin": return douyin
        case "channels": return channels
        default: return xiaohongshu
        }
    }

    func douyinVideo(_ title: String) -> ContentItem { douyin.first { $0.title == title }! }

    private func buildKOLs() {
        let d = Cal.day
        kols = [
            KOL(id: "70391855120", name: "茶小满", platform: "douyin", firstDay: d(2026, 10, 8), lastDay: d(2026, 10, 24)),
            KOL(id: "82014477365", name: "阿岚的下午茶", platform: "douyin", firstDay: d(2026, 10, 24), lastDay: d(2026, 11, 8)),
            KOL(id: "61857230946", name: "一只茶小白", platform: "douyin", firstDay: d(2026, 10, 15), lastDay: d(2026, 10, 31)),
            KOL(id: "sphA7kq2Lw9", name: "老周说茶", platform: "channels", firstDay: d(2026, 10, 16), lastDay: d(2026, 10, 30)),
            KOL(id: "60a3f1c2000000000100b7e4", name: "桃桃爱喝茶", platform: "xiaohongshu", firstDay: d(2026, 10, 9), lastDay: d(2026, 10, 25)),
            KOL(id: "5e9b07d1000000000101f2a8", name: "Mia的慢生活", platform: "xiaohongshu", firstDay: d(2026, 10, 22), lastDay: d(2026, 11, 8)),
        ]
    }

    private func buildContent() {
        var ids = SplitMix64("content-ids")
        func douyinID() -> String { "75" + ids.digits(17, first: "4567") }
        func channelsID() -> String {
            "export/UzFfAgtgekIEAQAAAAAA" + ids.string(14, from: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        }
        let d = Cal.day
        // (title, published, kind, peak daily plays, KOL)
        let douyinPlan: [(String, Int64, String, Int, String?)] = [
            ("青岚茶研｜一杯白桃乌龙的诞生", Cal.at(d(2026, 9, 12), 18, 0), "视频", 9_000, nil),
            ("办公室冷泡茶教程，3分钟搞定", Cal.at(d(2026, 9, 20), 12, 10), "视频", 12_000, nil),
            ("龙井到底该怎么泡？茶艺师教你", Cal.at(d(2026, 9, 28), 19, 30), "视频", 7_500, nil),
            ("国庆返工续命茶｜白桃乌龙冷泡", Cal.at(d(2026, 10, 6), 18, 30), "视频", 11_000, nil),
            ("@茶小满 带你逛茶园（达人合作）", Cal.at(d(2026, 10, 8), 20, 0), "视频", 14_000, "70391855120"),
            ("秋天的第一杯桂花红茶", Cal.at(d(2026, 10, 10), 17, 45), "视频", 62_000, nil),
            ("打工人下午茶挑战 Day1", Cal.at(d(2026, 10, 14), 15, 0), "视频", 10_500, nil),
            ("陶瓷旅行茶具开箱", Cal.at(d(2026, 10, 17), 11, 20), "图文", 3_800, nil),
            ("茶叶罐里的秘密：为什么要避光", Cal.at(d(2026, 10, 21), 19, 0), "视频", 6_200, nil),
            ("@阿岚的下午茶 三种喝法测评", Cal.at(d(2026, 10, 24), 20, 30), "视频", 16_000, "82014477365"),
            ("双11囤货指南｜青岚茶研", Cal.at(d(2026, 10, 29), 12, 0), "视频", 13_000, nil),
            ("立冬暖胃茶，一周喝法不重样", Cal.at(d(2026, 11, 3), 18, 0), "视频", 8_800, nil),
        ]
        var rng = SplitMix64("douyin-content")
        for (title, at, kind, peak, kol) in douyinPlan {
            let item = ContentItem(platform: "douyin", id: douyinID(), title: title, kind: kind, publishedAt: at, kolID: kol)
            item.simulate(peak: peak, rates: .douyin, rng: &rng)
            douyin.append(item)
        }
        let channelsPlan: [(String, Int64, Int, String?)] = [
            ("青岚茶研｜一片茶叶的旅程", Cal.at(d(2026, 9, 25), 20, 0), 2_600, nil),
            ("周末茶席布置灵感", Cal.at(d(2026, 10, 7), 10, 30), 3_200, nil),
            ("冷泡茶的正确打开方式", Cal.at(d(2026, 10, 13), 12, 0), 4_100, nil),
            ("跟着@老周说茶 走进龙井茶园", Cal.at(d(2026, 10, 16), 19, 0), 7_400, "sphA7kq2Lw9"),
            ("双11茶礼怎么选？三款不踩雷", Cal.at(d(2026, 10, 28), 18, 30), 3_900, nil),
            ("立冬围炉煮茶，暖到心里", Cal.at(d(2026, 11, 2), 17, 0), 4_600, nil),
        ]
        rng = SplitMix64("channels-content")
        for (title, at, peak, kol) in channelsPlan {
            let item = ContentItem(platform: "channels", id: channelsID(), title: title, kind: "视频", publishedAt: at, kolID: kol)
            item.simulate(peak: peak, rates: .channels, rng: &rng)
            channels.append(item)
        }
        let xhsPlan: [(String, Int64, String, Int, String?)] = [
            ("夏日冷泡茶｜一瓶搞定一整天", Cal.at(d(2026, 6, 18), 12, 0), "图文", 3_400, nil),
            ("白桃乌龙测评：真的有桃子味吗？", Cal.at(d(2026, 6, 29), 20, 15), "图文", 2_100, nil),
            ("办公室养生茶清单📝", Cal.at(d(2026, 7, 8), 9, 30), "图文", 4_800, nil),
            ("茶小白入门：绿茶红茶乌龙怎么分", Cal.at(d(2026, 7, 17), 21, 0), "图文", 2_900, nil),
            ("青岚茶研开箱｜包装也太好看了吧", Cal.at(d(2026, 7, 26), 18, 40), "视频", 1_700, nil),
            ("冷泡 vs 热泡，到底哪个好喝", Cal.at(d(2026, 8, 3), 12, 30), "图文", 3_600, nil),
            ("周末在家做一杯桃子乌龙奶盖", Cal.at(d(2026, 8, 9), 16, 0), "视频", 2_300, nil),
            ("被问爆的\"桃子水\"做法", Cal.at(d(2026, 8, 16), 20, 0), "图文", 5_200, nil),
            ("中秋茶礼清单｜送长辈不踩雷", Cal.at(d(2026, 8, 27), 19, 0), "图文", 3_100, nil),
            ("我的桌面茶角落🍵", Cal.at(d(2026, 9, 3), 22, 10), "图文", 1_500, nil),
            ("喝茶会失眠吗？说说我的体验", Cal.at(d(2026, 9, 9), 21, 30), "图文", 2_600, nil),
            ("旅行也要好好喝茶：便携茶具推荐", Cal.at(d(2026, 9, 14), 12, 0), "图文", 1_900, nil),
            ("桂花红茶的一百种喝法", Cal.at(d(2026, 9, 19), 18, 0), "视频", 2_800, nil),
            ("早C晚A, 换季喝什么茶", Cal.at(d(2026, 9, 24), 8, 30), "图文", 3_300, nil),
            ("秋天第一杯奶茶，我选自己煮", Cal.at(d(2026, 9, 27), 15, 0), "图文", 4_400, nil),
            ("龙井新手冲泡指南（附水温）", Cal.at(d(2026, 10, 1), 10, 0), "图文", 2_200, nil),
            ("国庆回来第一天｜打工人续命茶", Cal.at(d(2026, 10, 6), 19, 0), "图文", 2_700, nil),
            ("和@桃桃爱喝茶 一起做冷泡茶🍑", Cal.at(d(2026, 10, 9), 20, 0), "视频", 5_600, "60a3f1c2000000000100b7e4"),
            ("秋冬通勤穿搭🍂也要配一杯热茶", Cal.at(d(2026, 10, 13), 8, 0), "图文", 3_000, nil),
            ("青岚茶研 桂花红茶｜秋天的味道", Cal.at(d(2026, 10, 16), 18, 0), "视频", 2_400, nil),
            ("和@Mia的慢生活 过一个慢下来的周末", Cal.at(d(2026, 10, 22), 20, 30), "图文", 4_900, "5e9b07d1000000000101f2a8"),
            ("双11茶叶囤货清单，照着买不踩雷", Cal.at(d(2026, 10, 27), 12, 0), "图文", 3_800, nil),
            ("立冬倒计时｜暖身茶清单", Cal.at(d(2026, 11, 3), 19, 0), "图文", 2_500, nil),
            ("一周喝茶打卡 Day7 总结", Cal.at(d(2026, 11, 5), 21, 0), "图文", 1_800, nil),
        ]
        rng = SplitMix64("xiaohongshu-content")
        for (title, at, kind, peak, kol) in xhsPlan {
            // The export has no note id: the title is the id (and the brand's link tags use it too).
            let item = ContentItem(platform: "xiaohongshu", id: title, title: title, kind: kind, publishedAt: at, kolID: kol)
            item.simulate(peak: peak, rates: kind == "视频" ? .xiaohongshuVideo : .xiaohongshuImage, rng: &rng)
            xiaohongshu.append(item)
        }
    }

    private func buildCampaigns() {
        var ids = SplitMix64("campaign-ids")
        func planID() -> String { "1781" + ids.digits(12, first: "0123456789") }
        let d = Cal.day
        let all = Array(Demo.start...Demo.end)
        func range(_ a: Int, _ b: Int) -> [Int] { Array(a...b) }
        campaigns = [
            Campaign(id: planID(), name: "品牌曝光_白桃乌龙_10月", kolID: nil, promotedTitle: "国庆返工续命茶｜白桃乌龙冷泡",
                     activeDays: range(d(2026, 10, 6), Demo.end), weight: 0.30, targetROI: 2.4, cpmFen: 2_150, ctrPermille: 21, fatigue: true),
            Campaign(id: planID(), name: "小程序拉新_冷泡茶", kolID: nil, promotedTitle: "办公室冷泡茶教程，3分钟搞定",
                     activeDays: all, weight: 0.28, targetROI: 3.6, cpmFen: 2_600, ctrPermille: 27, fatigue: false),
            Campaign(id: planID(), name: "直播间引流_周末", kolID: nil, promotedTitle: nil,
                     activeDays: all.filter(Cal.isWeekend), weight: 0.10, targetROI: 1.7, cpmFen: 3_400, ctrPermille: 16, fatigue: false),
            Campaign(id: planID(), name: "达人加热_茶小满", kolID: "70391855120", promotedTitle: "@茶小满 带你逛茶园（达人合作）",
                     activeDays: range(d(2026, 10, 9), d(2026, 10, 21)), weight: 0.12, targetROI: 3.2, cpmFen: 1_850, ctrPermille: 24, fatigue: false),
            Campaign(id: planID(), name: "达人加热_阿岚的下午茶", kolID: "82014477365", promotedTitle: "@阿岚的下午茶 三种喝法测评",
                     activeDays: range(d(2026, 10, 25), d(2026, 11, 6)), weight: 0.10, targetROI: 2.7, cpmFen: 1_950, ctrPermille: 22, fatigue: false),
            Campaign(id: planID(), name: "双11预热_囤货指南", kolID: nil, promotedTitle: "双11囤货指南｜青岚茶研",
                     activeDays: range(d(2026, 10, 29), Demo.end), weight: 0.10, targetROI: 4.1, cpmFen: 2_800, ctrPermille: 25, fatigue: false),
            // A two-day splash (开屏) ad for the brand day: big reach, high CPM, few direct sales.
            Campaign(id: planID(), name: "品牌日_开屏_桂花红茶", kolID: nil, promotedTitle: "秋天的第一杯桂花红茶",
                     activeDays: range(d(2026, 10, 17), d(2026, 10, 18)), weight: 0.05, targetROI: 0.8, cpmFen: 9_800, ctrPermille: 58,
                     fatigue: false, floorFen: 115_000),
        ]
    }
}
