import Dispatch
import Glibc

/// `sluice-fixtures large --rows N --out DIR`: benchmark data. N user events (2026-08-01 … 90 days,
/// ~N/50 users) written twice — `events.csv.gz` and `events.jsonl.gz`, the same rows — by two
/// streaming writers in parallel, plus proportionate content, order and spend exports in the demo's
/// formats (without the demo's deliberate defects). Memory stays constant in N.
enum LargeSet {
    static let start = Cal.day(2026, 8, 1)
    static let days = 90
    static var end: Int { start + days - 1 }

    static let csvHeader: StaticString = "event_id,user_id,occurred_at,platform,channel,event,content_id,campaign_id,kol_id,value_fen"

    static func write(rows: Int, out: String) {
        let universe = LargeUniverse(rows: rows)
        var csvSum = "", jsonSum = ""
        var sideSummary: [String] = []
        DispatchQueue.concurrentPerform(iterations: 3) { task in
            switch task {
            case 0: csvSum = writeEvents(universe, path: out + "/events.csv.gz", json: false)
            case 1: jsonSum = writeEvents(universe, path: out + "/events.jsonl.gz", json: true)
            default: sideSummary = LargeSideExports.write(universe, out: out)
            }
        }
        guard csvSum == jsonSum else { fatal("internal error: CSV and JSONL checksums differ (\(csvSum) vs \(jsonSum))") }
        print("events.csv.gz\trows=\(rows)\tfnv1a64=\(csvSum)")
        print("events.jsonl.gz\trows=\(rows)\tfnv1a64=\(jsonSum)")
        print("users=\(universe.users) days=\(days) from=\(Cal.iso(start)) to=\(Cal.iso(end))")
        for line in sideSummary { print(line) }
        print("checksum: FNV-1a 64 over each event_id's bytes followed by a newline, in file order")
    }

    /// Writes all rows in one format; returns the FNV-1a checksum of the event ids.
    static func writeEvents(_ u: LargeUniverse, path: String, json: Bool) -> String {
        let file = OutputFile(path, gzipLevel: 6)
        if !json { file.write(csvHeader); file.endLine() }
        var stream = LargeEventStream(u)
        var checksum = FNV1a64()
        var e = LargeEvent()
        var idBytes = [UInt8](repeating: 0, count: 24)
        for i in 0..<u.rows {
            stream.next(i, into: &e)
            // event id: "e" + zero-padded row number.
            var n = i + 1
            var k = u.idWidth
            idBytes[0] = UInt8(ascii: "e")
            while k > 0 { idBytes[k] = UInt8(48 + n % 10); n /= 10; k -= 1 }
            for j in 0...u.idWidth { checksum.add(idBytes[j]) }
            checksum.add(10)
            let id = idBytes[0...u.idWidth]
            if json {
                file.write("{\"event_id\":\""); file.write(bytes: Array(id))
                file.write("\",\"user_id\":\""); file.write(bytes: u.userPrefix); file.write(int: e.user, width: u.userWidth)
                file.write("\",\"occurred_at\":\""); writeTime(file, u, e)
                file.write("\",\"platform\":\""); file.write(bytes: u.platformNames[e.platform])
                file.write("\",\"channel\":\""); file.write(bytes: u.channelNames[e.channel])
                file.write("\",\"event\":\""); file.write(bytes: u.eventNames[e.event])
                file.write("\"")
                if e.content >= 0 { file.write(",\"content_id\":"); file.write(bytes: u.contentJSON[e.platform][e.content]) }
                if e.campaign >= 0 { file.write(",\"campaign_id\":\""); file.write(bytes: u.campaignIDs[e.campaign]); file.write("\"") }
                if e.kol >= 0 { file.write(",\"kol_id\":\""); file.write(bytes: u.kolIDs[e.kol]); file.write("\"") }
                if e.valueFen >= 0 { file.write(",\"value_fen\":"); file.write(int: e.valueFen) }
                file.write("}")
            } else {
                file.write(bytes: Array(id)); file.write(byte: 44)
                file.write(bytes: u.userPrefix); file.write(int: e.user, width: u.userWidth); file.write(byte: 44)
                writeTime(file, u, e); file.write(byte: 44)
                file.write(bytes: u.platformNames[e.platform]); file.write(byte: 44)
                file.write(bytes: u.channelNames[e.channel]); file.write(byte: 44)
                file.write(bytes: u.eventNames[e.event]); file.write(byte: 44)
                if e.content >= 0 { file.write(bytes: u.contentCSV[e.platform][e.content]) }
                file.write(byte: 44)
                if e.campaign >= 0 { file.write(bytes: u.campaignIDs[e.campaign]) }
                file.write(byte: 44)
                if e.kol >= 0 { file.write(bytes: u.kolIDs[e.kol]) }
                file.write(byte: 44)
                if e.valueFen >= 0 { file.write(int: e.valueFen) }
            }
            file.endLine()
        }
        file.close()
        return checksum.hex
    }

    @inline(__always)
    static func writeTime(_ file: OutputFile, _ u: LargeUniverse, _ e: LargeEvent) {
        file.write(bytes: u.datePrefix[e.day])
        file.write(int: e.second / 3600, width: 2); file.write(byte: 58)
        file.write(int: e.second / 60 % 60, width: 2); file.write(byte: 58)
        file.write(int: e.second % 60, width: 2)
    }
}

struct LargeEvent {
    var day = 0, second = 0, user = 0, platform = 0, channel = 0, event = 0
    var content = -1, campaign = -1, kol = -1, valueFen = -1
}

/// Ids and names shared by the event writers and the side exports.
final class LargeUniverse {
    let rows: Int
    let users: Int
    let userWidth: Int
    let idWidth: Int
    let userPrefix: [UInt8] = [UInt8(ascii: "u")]
    let userStride: Int
    /// "2026-08-01 " for each day of the period.
    let datePrefix: [[UInt8]]
    let platformNames = ["douyin", "xiaohongshu", "channels", "miniprogram"].map { Array($0.utf8) }
    let channelNames = ["organic", "paid", "kol", "search"].map { Array($0.utf8) }
    let eventNames = ["impression", "view", "click", "like", "comment", "share", "follow", "visit", "add_to_cart"].map { Array($0.utf8) }
    /// Content per platform index (douyin, xiaohongshu, channels).
    let content: [[ContentItem]]
    let contentCSV: [[[UInt8]]]
    let contentJSON: [[[UInt8]]]
    let campaigns: [Campaign]
    let campaignIDs: [[UInt8]]
    let kols: [KOL]
    let kolIDs: [[UInt8]]
    /// KOL indexes per platform index.
    let kolsByPlatform: [[Int]]
    /// The KOL index of each campaign (-1: not a KOL boost).
    let campaignKol: [Int]
    /// publishedCount[p][d]: how many items of platform p are published by the end of period day d.
    let publishedCount: [[Int]]
    /// Cumulative hour-of-day weights, for a monotone map from a day fraction to a time.
    let hourCumulative: [Double]

    init(rows: Int) {
        self.rows = rows
        users = max(100, rows / 50)
        userWidth = max(6, String(users).count)
        idWidth = max(8, String(rows).count)
        var stride = 1_000_003
        while gcd(stride, users) != 1 { stride += 2 }
        userStride = stride
        datePrefix = (0..<LargeSet.days).map { Array((Cal.iso(LargeSet.start + $0) + " ").utf8) }
        var cum = [0.0]
        for w in Journeys.hourWeights { cum.append(cum.last! + w) }
        hourCumulative = cum

        var ids = SplitMix64("large-content-ids")
        var sim = SplitMix64("large-content")
        let scale = Double(rows) / 10_000_000
        let counts = [max(8, iround(400 * scale)), max(8, iround(250 * scale)), max(4, iround(140 * scale))]
        let first = LargeSet.start - 60
        let span = LargeSet.days + 60
        var pools: [[ContentItem]] = []
        let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
        let topics = ["冷泡茶", "白桃乌龙", "桂花红茶", "龙井", "茶具", "下午茶", "办公室好物", "秋冬养生", "囤货清单", "茶园vlog"]
        for (p, count) in counts.enumerated() {
            var pool: [ContentItem] = []
            for k in 0..<count {
                let day = first + k * span / count
                let at = Cal.at(day, 0) + Int64(sim.weighted(Journeys.hourWeights) * 3600 + sim.below(3600))
                let topic = topics[k % topics.count]
                let item: ContentItem
                switch p {
                case 0:
                    item = ContentItem(platform: "douyin", id: "75" + ids.digits(17, first: "4567"), title: "\(topic)｜第\(k + 1)期",
                                       kind: sim.chance(0.9) ? "视频" : "图文", publishedAt: at, kolID: nil)
                    item.simulate(peak: iround(2_000 + 14_000 * sim.unit() * sim.unit()), rates: .douyin, rng: &sim, through: LargeSet.end)
                case 1:
                    let title = "\(topic)#\(k + 1)"
                    item = ContentItem(platform: "xiaohongshu", id: title, title: title,
                                       kind: sim.chance(0.3) ? "视频" : "图文", publishedAt: at, kolID: nil)
                    item.simulate(peak: iround(800 + 5_000 * sim.unit() * sim.unit()),
                                  rates: item.kind == "视频" ? .xiaohongshuVideo : .xiaohongshuImage, rng: &sim, through: LargeSet.end)
                default:
                    item = ContentItem(platform: "channels", id: "export/UzFfAgtgekIEAQAAAAAA" + ids.string(14, from: alphabet),
                                       title: "\(topic)｜视频号第\(k + 1)期", kind: "视频", publishedAt: at, kolID: nil)
                    item.simulate(peak: iround(1_000 + 6_000 * sim.unit() * sim.unit()), rates: .channels, rng: &sim, through: LargeSet.end)
                }
                pool.append(item)
            }
            pools.append(pool)
        }
        content = pools
        contentCSV = pools.map { $0.map { Array(Fmt.csv($0.id).utf8) } }
        contentJSON = pools.map { $0.map { Array(Fmt.json($0.id).utf8) } }

        var cids = SplitMix64("large-campaign-ids")
        let campaignCount = max(6, iround(50 * scale))
        let kolCount = max(6, iround(60 * scale))
        var k: [KOL] = []
        for j in 0..<kolCount {
            let platform = ["douyin", "xiaohongshu", "channels"][j % 3]
            let id: String
            switch platform {
            case "douyin": id = cids.digits(11)
            case "xiaohongshu": id = cids.string(8, from: "0123456789abcdef") + "0000000001" + cids.string(6, from: "0123456789abcdef")
            default: id = "sph" + cids.string(8, from: alphabet)
            }
            k.append(KOL(id: id, name: "达人\(j + 1)", platform: platform, firstDay: LargeSet.start, lastDay: LargeSet.end))
        }
        kols = k
        kolIDs = k.map { Array($0.id.utf8) }
        kolsByPlatform = ["douyin", "xiaohongshu", "channels"].map { p in k.indices.filter { k[$0].platform == p } }
        var c: [Campaign] = []
        for j in 0..<campaignCount {
            let kol: String? = j % 4 == 3 ? kolsByPlatform[0].isEmpty ? nil : k[kolsByPlatform[0][j % kolsByPlatform[0].count]].id : nil
            let a = LargeSet.start + (j * 7) % 60
            let b = min(LargeSet.end, a + 20 + (j * 13) % 45)
            c.append(Campaign(id: "1781" + cids.digits(12, first: "0123456789"),
                              name: kol != nil ? "达人加热_\(j + 1)" : "\(topics[j % topics.count])_计划\(j + 1)", kolID: kol,
                              promotedTitle: nil, activeDays: Array(a...b), weight: 1, targetROI: 2 + Double(j % 5) * 0.5,
                              cpmFen: 1_800 + (j % 7) * 250, ctrPermille: 15 + j % 12, fatigue: false))
        }
        campaigns = c
        campaignIDs = c.map { Array($0.id.utf8) }
        campaignKol = c.map { camp in camp.kolID.flatMap { id in k.firstIndex { $0.id == id } } ?? -1 }
        publishedCount = pools.map { pool in
            (0..<LargeSet.days).map { d in pool.filter { $0.publishDay <= LargeSet.start + d }.count }
        }
    }

    /// A user index in 1...users, skewed so that some users are much more active than others.
    @inline(__always)
    func user(_ rng: inout SplitMix64) -> Int {
        let r = rng.unit()
        let idx = min(users - 1, Int(r * r * Double(users)))
        return idx &* userStride % users + 1
    }
}

func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }

/// The deterministic event sequence: both writers run their own copy and see the same rows.
struct LargeEventStream {
    let u: LargeUniverse
    var rng = SplitMix64("large-events")
    var day = -1
    var dayStart = 0, dayEnd = 0

    init(_ u: LargeUniverse) { self.u = u }

    @inline(__always)
    mutating func next(_ i: Int, into e: inout LargeEvent) {
        while i >= dayEnd {
            day += 1
            dayStart = dayEnd
            dayEnd = (day + 1) * u.rows / LargeSet.days
        }
        // Times rise monotonically through the day, denser in the evening.
        let f = (Double(i - dayStart) + 0.5) / Double(max(1, dayEnd - dayStart)) * u.hourCumulative[24]
        var h = 0
        while h < 23 && u.hourCumulative[h + 1] <= f { h += 1 }
        let within = (f - u.hourCumulative[h]) / (u.hourCumulative[h + 1] - u.hourCumulative[h])
        e.day = day
        e.second = h * 3600 + min(3599, Int(within * 3600))
        e.user = u.user(&rng)
        let p = rng.below(1000)
        e.platform = p < 450 ? 0 : p < 650 ? 1 : p < 750 ? 2 : 3
        let c = rng.below(1000)
        var channel = c < 500 ? 0 : c < 750 ? 1 : c < 900 ? 2 : 3
        if channel == 1 && e.platform != 0 && e.platform != 3 { channel = 0 }
        e.channel = channel
        let x = rng.below(1000)
        e.content = -1; e.campaign = -1; e.kol = -1; e.valueFen = -1
        if e.platform == 3 {
            e.event = x < 650 ? 7 : x < 900 ? 8 : 2
            if e.event == 8 {
                let product = Catalog.products[rng.below(Catalog.products.count)]
                e.valueFen = product.priceFen * (rng.below(10) < 8 ? 1 : 2)
            }
        } else {
            e.event = x < 300 ? 0 : x < 700 ? 1 : x < 810 ? 2 : x < 910 ? 3 : x < 935 ? 4 : x < 970 ? 5 : 6
            // Recent content is watched most: pick among items published up to this day, skewed to the
            // newest. Feed impressions are logged without a content id.
            let hi = max(1, u.publishedCount[e.platform][day])
            let r = rng.unit()
            if e.event != 0 { e.content = max(0, hi - 1 - Int(r * r * r * Double(hi))) }
        }
        if channel == 1 {
            e.campaign = rng.below(u.campaigns.count)
            e.kol = u.campaignKol[e.campaign]
        } else if channel == 2 {
            let candidates = u.kolsByPlatform[e.platform == 3 ? 0 : e.platform]
            if !candidates.isEmpty { e.kol = candidates[rng.below(candidates.count)] }
        }
    }
}
