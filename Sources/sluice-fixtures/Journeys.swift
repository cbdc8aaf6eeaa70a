/// User journeys of the demo: ~1,500 tracked users who see the brand's content on Douyin, Channels
/// or Xiaohongshu, click through to the mini-program or the Douyin shop, and order — some of them
/// again. Produces the tracking events and the orders that the exports are written from.

struct Event {
    var at: Int64            // local seconds
    var millis: Int
    var user: Int            // 1-based; 0 = visitor not logged in
    var platform: String
    var channel: String
    var name: String
    var content: String?
    var campaign: String?
    var kol: String?
    var valueFen: Int?
    var os: String
    var seq: Int
    var id = ""
}

struct OrderLine {
    let product: Product
    let quantity: Int
    let payableFen: Int
    var subID = ""
}

final class Order {
    let platform: String      // "doudian" or "miniprogram"
    var id = ""
    let user: Int
    let submittedAt: Int64
    var lines: [OrderLine]
    let source: String        // live, short_video, product_card, search
    let kolID: String?
    let contentID: String?
    let campaignID: String?
    /// Last campaign touch within 7 days before the order (the session's own campaign first):
    /// what the demo's ad spend is sized against.
    var attributedCampaignID: String?
    var platformDiscountFen = 0, merchantDiscountFen = 0
    var shippedAt: Int64?, completedAt: Int64?, refundRequestedAt: Int64?, refundedAt: Int64?, cancelledAt: Int64?
    var cancelReason = ""

    init(platform: String, user: Int, submittedAt: Int64, lines: [OrderLine], source: String,
         kolID: String?, contentID: String?, campaignID: String?) {
        self.platform = platform
        self.user = user
        self.submittedAt = submittedAt
        self.lines = lines
        self.source = source
        self.kolID = kolID
        self.contentID = contentID
        self.campaignID = campaignID
    }

    var totalFen: Int { lines.reduce(0) { $0 + $1.payableFen } }

    /// Douyin shop 订单状态 and 售后状态 at the export moment `t`.
    func doudianStatus(at t: Int64) -> (status: String, afterSale: String) {
        if let c = cancelledAt, c <= t { return ("已关闭", "-") }
        if let r = refundedAt, r <= t { return ("退款成功", "退款成功") }
        if let r = refundRequestedAt, r <= t { return ("退款中", "退款中") }
        if let c = completedAt, c <= t { return ("已完成", "-") }
        if let s = shippedAt, s <= t { return ("已发货", "-") }
        return ("待发货", "-")
    }

    /// Mini-program status (already canonical) at `t`.
    func miniStatus(at t: Int64) -> String {
        if let r = refundedAt, r <= t { return "refunded" }
        if let c = completedAt, c <= t { return "completed" }
        return "paid"
    }

    var isCancelled: Bool { cancelledAt != nil }
    var isRefunded: Bool { refundedAt != nil }
}

final class Journeys {
    let world: World
    private(set) var events: [Event] = []
    private(set) var orders: [Order] = []
    /// The campaign through which each user first arrived (user → campaign id).
    private(set) var acquisitionCampaign: [Int: String] = [:]
    private var seq = 0
    /// The current user's last campaign touch.
    private var lastTouch: (campaign: String, at: Int64)?

    /// Evening-heavy hour-of-day weights.
    static let hourWeights: [Double] = [0.6, 0.35, 0.2, 0.1, 0.1, 0.15, 0.4, 0.9, 1.6, 1.9, 1.8, 2.0,
                                        2.8, 2.5, 1.9, 1.8, 2.0, 2.3, 2.8, 3.6, 4.4, 4.8, 4.2, 2.4]

    init(world: World) {
        self.world = world
        for u in 1...Demo.userCount { simulateUser(u) }
        addAnonymousVisits()
        finish()
    }

    static func userID(_ u: Int) -> String { "u" + Fmt.padded(u, 6) }

    /// Orders (not cancelled) whose last campaign touch within 7 days was `campaign`.
    func attributedOrders(_ campaign: Campaign) -> [Order] {
        orders.filter { !$0.isCancelled && $0.attributedCampaignID == campaign.id }
    }

    // MARK: Users

    private func simulateUser(_ u: Int) {
        var rng = SplitMix64("user", UInt64(u))
        lastTouch = nil
        let os = rng.chance(0.56) ? "iOS" : "Android"
        let platform = ["douyin", "xiaohongshu", "channels"][rng.weighted([0.55, 0.25, 0.20])]
        let channelWeights: [Double]
        switch platform {
        case "douyin": channelWeights = [0.32, 0.42, 0.17, 0.09]
        case "xiaohongshu": channelWeights = [0.55, 0, 0.33, 0.12]
        default: channelWeights = [0.58, 0, 0.27, 0.15]
        }
        let channel = ["organic", "paid", "kol", "search"][rng.weighted(channelWeights)]

        var campaign: Campaign?
        var kol: KOL?
        var content: ContentItem?
        var day: Int
        switch channel {
        case "paid":
            let c = world.campaigns[rng.weighted(world.campaigns.map(\.weight))]
            campaign = c
            day = rng.pick(c.activeDays)
            if let k = c.kolID { kol = world.kols.first { $0.id == k } }
            if let title = c.promotedTitle { content = world.douyinVideo(title) }
        case "kol":
            let candidates = world.kols.filter { $0.platform == platform }
            let k = rng.pick(candidates)
            kol = k
            day = rng.int(k.firstDay...k.lastDay)
            content = world.content(platform: platform).first { $0.kolID == k.id }
            // Part of a boosted KOL's audience arrives through the boost campaign.
            if let boost = world.campaigns.first(where: { $0.kolID == k.id && $0.activeDays.contains(day) }), rng.chance(0.5) {
                campaign = boost
            }
        default:
            day = organicDay(platform: platform, rng: &rng)
        }
        if let c = campaign { acquisitionCampaign[u] = c.id }
        var t = Cal.at(day, 0) + timeOfDay(&rng)
        if let c = content, c.publishedAt + 600 > t {
            // Not out yet at that moment: come back a little after it was published.
            t = c.publishedAt + Int64(rng.int(1800...30 * 3600))
        }
        if channel == "organic" || channel == "search" {
            content = organicContent(platform: platform, at: t, rng: &rng)
        }
        var orders = 0
        if session(u, os, at: t, platform: platform, channel: channel, campaign: campaign, kol: kol,
                   content: content, first: true, bought: false, rng: &rng) {
            orders += 1
        }
        // Return visits, sometimes on another platform or straight into the mini-program.
        var last = t
        var returns = 0
        while returns < 5 && rng.chance(orders > 0 ? 0.72 : returns == 0 ? 0.66 : 0.52) {
            returns += 1
            let next = Cal.dayOf(last) + rng.int(1...8)
            guard next <= Demo.end else { break }
            let at = Cal.at(next, 0) + timeOfDay(&rng)
            last = at
            let kind = rng.weighted([0.5, 0.15, 0.35])
            if kind == 2 && platform == "douyin" && orders > 0 && rng.chance(0.5) {
                // A repeat buyer who goes straight back to the Douyin shop (no tracking events).
                if rng.chance(0.45) {
                    placeOrder(platform: "doudian", user: u, at: at, source: "product_card", kol: nil, content: nil,
                               campaign: nil, rng: &rng)
                    orders += 1
                }
            } else if kind == 2 {
                if miniSession(u, os, at: at, channel: "organic", campaign: nil, kol: nil, content: nil,
                               bought: orders > 0, rng: &rng) { orders += 1 }
            } else {
                let p = kind == 0 ? platform : rng.pick(["douyin", "xiaohongshu", "channels"].filter { $0 != platform })
                let active = world.campaigns.filter { $0.activeDays.contains(next) && $0.kolID == nil }
                if p == "douyin" && !active.isEmpty && rng.chance(0.4) {
                    // Retargeted: the ad plans show the brand's video to people who have seen it before.
                    let c = active[rng.weighted(active.map(\.weight))]
                    var content = c.promotedTitle.map { world.douyinVideo($0) }
                    if let item = content, item.publishedAt + 600 > at { content = nil }
                    if session(u, os, at: at, platform: p, channel: "paid", campaign: c, kol: nil, content: content,
                               first: false, bought: orders > 0, rng: &rng) { orders += 1 }
                } else {
                    let ch = rng.chance(0.2) ? "search" : "organic"
                    let c = organicContent(platform: p, at: at, rng: &rng)
                    if session(u, os, at: at, platform: p, channel: ch, campaign: nil, kol: nil, content: c,
                               first: false, bought: orders > 0, rng: &rng) { orders += 1 }
                }
            }
        }
    }

    /// One visit on a content platform. Returns true when it ended in an order.
    private func session(_ u: Int, _ os: String, at t: Int64, platform: String, channel: String, campaign: Campaign?,
                         kol: KOL?, content: ContentItem?, first: Bool, bought: Bool, rng: inout SplitMix64) -> Bool {
        func emit(_ name: String, _ dt: Int, platform p: String = platform, value: Int? = nil) {
            add(at: t + Int64(dt), user: u, os: os, platform: p, channel: channel, name: name, content: content?.id,
                campaign: campaign?.id, kol: kol?.id, value: value, rng: &rng)
        }
        if let c = campaign { lastTouch = (c.id, t) }
        if rng.chance(0.6) { emit("impression", -rng.int(2...45)) }
        emit("view", 0)
        var dt = rng.int(8...40)
        if rng.chance(0.16) { emit("like", dt); dt += rng.int(2...20) }
        if rng.chance(0.035) { emit("comment", dt); dt += rng.int(10...90) }
        if rng.chance(0.045) { emit("share", dt); dt += rng.int(3...30) }
        if rng.chance(first ? 0.07 : 0.03) { emit("follow", dt); dt += rng.int(2...10) }
        let clickP: Double
        switch channel {
        case "paid": clickP = 0.5
        case "kol": clickP = 0.40
        case "search": clickP = 0.48
        default: clickP = first ? 0.26 : 0.3
        }
        guard rng.chance(clickP) else { return false }
        emit("click", dt)
        let live = campaign != nil && campaign!.promotedTitle == nil
        if platform == "douyin" && (live || rng.chance(0.68)) {
            // Product card / shop window inside Douyin: the order lands in the Douyin shop export.
            guard rng.chance(bought ? 0.5 : 0.4) else { return false }
            let at = t + Int64(dt + rng.int(60...900))
            let source = live ? "live" : channel == "search" ? "search" : content != nil ? "short_video" : "product_card"
            placeOrder(platform: "doudian", user: u, at: at, source: source, kol: kol?.id, content: content?.id,
                       campaign: campaign?.id, rng: &rng)
            return true
        }
        return miniSession(u, os, at: t + Int64(dt + rng.int(6...60)), channel: channel, campaign: campaign, kol: kol,
                           content: content, bought: bought, rng: &rng)
    }

    /// A mini-program visit (after a click, or directly). Returns true when it ended in an order.
    private func miniSession(_ u: Int, _ os: String, at t: Int64, channel: String, campaign: Campaign?, kol: KOL?,
                             content: ContentItem?, bought: Bool, rng: inout SplitMix64) -> Bool {
        func emit(_ name: String, _ dt: Int, value: Int? = nil) {
            add(at: t + Int64(dt), user: u, os: os, platform: "miniprogram", channel: channel, name: name,
                content: content?.id, campaign: campaign?.id, kol: kol?.id, value: value, rng: &rng)
        }
        guard rng.chance(0.92) else { return false }
        emit("visit", 0)
        guard rng.chance(bought ? 0.6 : 0.48) else { return false }
        let product = Catalog.pick(&rng)
        let quantity = rng.weighted([0.8, 0.15, 0.05]) + 1
        let cartAt = rng.int(40...600)
        emit("add_to_cart", cartAt, value: product.priceFen * quantity)
        guard rng.chance(bought ? 0.7 : 0.6) else { return false }
        let source = channel == "search" ? "search" : content != nil ? "short_video" : "product_card"
        placeOrder(platform: "miniprogram", user: u, at: t + Int64(cartAt + rng.int(30...480)), source: source,
                   kol: kol?.id, content: content?.id, campaign: campaign?.id, rng: &rng,
                   product: product, quantity: quantity)
        return true
    }

    private func add(at t: Int64, user: Int, os: String, platform: String, channel: String, name: String, content: String?,
                     campaign: String?, kol: String?, value: Int?, rng: inout SplitMix64) {
        guard Cal.dayOf(t) >= Demo.start && Cal.dayOf(t) <= Demo.end else { return }
        seq += 1
        events.append(Event(at: t, millis: rng.below(1000), user: user, platform: platform, channel: channel, name: name,
                            content: content, campaign: campaign, kol: kol, valueFen: value, os: os, seq: seq))
    }

    // MARK: Orders

    private func placeOrder(platform: String, user: Int, at: Int64, source: String, kol: String?, content: String?,
                            campaign: String?, rng: inout SplitMix64, product: Product? = nil, quantity: Int? = nil) {
        guard Cal.dayOf(at) <= Demo.end else { return }
        let order = Journeys.makeOrder(platform: platform, user: user, at: at, source: source, kol: kol, content: content,
                                       campaign: campaign, rng: &rng, product: product, quantity: quantity)
        if let touch = lastTouch, at - touch.at <= 7 * 86400 { order.attributedCampaignID = campaign ?? touch.campaign }
        orders.append(order)
    }

    /// An order with its lines, discounts and what happens to it next (shipping, completion,
    /// refund or cancellation). Ids are given later.
    static func makeOrder(platform: String, user: Int, at: Int64, source: String, kol: String?, content: String?,
                          campaign: String?, rng: inout SplitMix64, product: Product? = nil, quantity: Int? = nil) -> Order {
        let first = product ?? Catalog.pick(&rng)
        let qty = quantity ?? rng.weighted([0.8, 0.15, 0.05]) + 1
        var lines = [OrderLine(product: first, quantity: qty, payableFen: first.priceFen * qty)]
        if platform == "doudian" && rng.chance(0.16) {
            var second = Catalog.pick(&rng)
            while second.code == first.code { second = Catalog.pick(&rng) }
            lines.append(OrderLine(product: second, quantity: 1, payableFen: second.priceFen))
        }
        let order = Order(platform: platform, user: user, submittedAt: at, lines: lines, source: source,
                          kolID: kol, contentID: content, campaignID: campaign)
        // Discounts come off the first line: 满199减20 by the shop, occasional platform subsidies.
        if order.totalFen >= 19900 { order.merchantDiscountFen = 2000 }
        if platform == "doudian" && rng.chance(0.25) { order.platformDiscountFen = rng.pick([250, 300, 500, 1000]) }
        if platform == "miniprogram" && rng.chance(0.2) { order.merchantDiscountFen += 500 }
        let discount = order.merchantDiscountFen + order.platformDiscountFen
        order.lines[0] = OrderLine(product: first, quantity: qty, payableFen: max(0, order.lines[0].payableFen - discount))
        if platform == "doudian" && order.totalFen + discount >= Catalog.giftThresholdFen {
            order.lines.append(OrderLine(product: Catalog.gift, quantity: 1, payableFen: 0))
        }
        if platform == "doudian" && rng.chance(0.03) {
            order.cancelledAt = at + Int64(rng.int(5...300) * 60)
            order.cancelReason = rng.pick(["买家取消订单", "拍错/多拍", "地址信息填写错误"])
        } else {
            let shipped = at + Int64(rng.int(6...40) * 3600 + rng.int(0...3599))
            order.shippedAt = shipped
            if rng.chance(platform == "doudian" ? 0.09 : 0.06) {
                let requested = shipped + Int64(rng.int(24...120) * 3600 + rng.int(0...3599))
                order.refundRequestedAt = requested
                order.refundedAt = requested + Int64(rng.int(20...96) * 3600 + rng.int(0...3599))
            } else {
                order.completedAt = shipped + Int64(rng.int(4 * 24...9 * 24) * 3600 + rng.int(0...3599))
            }
        }
        return order
    }

    // MARK: Helpers

    private func timeOfDay(_ rng: inout SplitMix64) -> Int64 {
        let hour = rng.weighted(Journeys.hourWeights)
        return Int64(hour * 3600 + rng.below(3600))
    }

    /// A day weighted by the platform's total plays (busy days bring more people).
    private func organicDay(platform: String, rng: inout SplitMix64) -> Int {
        let items = world.content(platform: platform)
        let weights = (Demo.start...Demo.end).map { day in
            Double(items.reduce(0) { $0 + $1.stats(on: day).plays }) + 1
        }
        return Demo.start + rng.weighted(weights)
    }

    /// A content item already published at `t`, weighted by its plays that day.
    private func organicContent(platform: String, at t: Int64, rng: inout SplitMix64) -> ContentItem? {
        let items = world.content(platform: platform).filter { $0.publishedAt + 600 <= t }
        guard !items.isEmpty else { return nil }
        let day = Cal.dayOf(t)
        return items[rng.weighted(items.map { Double($0.stats(on: day).plays) + 5 })]
    }

    /// Visitors who were not logged in have no user id (their events are quarantined).
    private func addAnonymousVisits() {
        var rng = SplitMix64("anonymous")
        let at = Cal.at(Cal.day(2026, 10, 20), 21, 14, 9)
        seq += 1
        events.append(Event(at: at, millis: rng.below(1000), user: 0, platform: "miniprogram", channel: "organic",
                            name: "visit", content: nil, campaign: nil, kol: nil, valueFen: nil, os: "Android", seq: seq))
    }

    /// Sorts events and orders by time and gives them their ids.
    private func finish() {
        events.sort { ($0.at, $0.millis, $0.seq) < ($1.at, $1.millis, $1.seq) }
        for i in events.indices { events[i].id = "e" + Fmt.padded(i + 1, 8) }
        orders.sort { ($0.submittedAt, $0.user) < ($1.submittedAt, $1.user) }
        var ids = SplitMix64("order-ids")
        var used: Set<String> = []
        func unique(_ make: () -> String) -> String {
            while true {
                let id = make()
                if used.insert(id).inserted { return id }
            }
        }
        for order in orders {
            if order.platform == "doudian" {
                order.id = unique { "69" + ids.digits(17, first: "0123456789") }
                for j in order.lines.indices {
                    order.lines[j].subID = unique { "69" + ids.digits(17, first: "0123456789") }
                }
            } else {
                let compact = Cal.dateTime(order.submittedAt).filter { $0.isNumber }
                order.id = unique { "MP" + compact + ids.digits(4, first: "0123456789") }
                order.lines[0].subID = order.id
            }
        }
    }
}
