import Foundation
@testable import SluiceCore

/// A small brand whose exports arrive night by night: tracking events, shop orders (one refunded
/// after a later re-export), and ad spend whose latest day is provisional until the next export
/// restates it. Deterministic for a given time zone and first day.
struct NightlySimulation {
    let zone: String
    /// "Today" of the first simulated night; its data day is the day before.
    let firstToday: LocalDate
    let restateDays: Int

    var definition: String {
        """
        name: simulation
        timezone: \(zone)
        database: db/simulation.sqlite
        input_root: inbox
        reports: reports
        reporting:
          locale: en
          windows: [yesterday, week_to_date, month_to_date]
        funnels:
          - name: view_to_order
            steps: [view, click, order]
            window: 7d
        cohorts:
          period: week
          periods: 4
        attribution:
          channel_key: platform
          lookback: 30d
          touch_events: [view, click]
        sources:
          - name: tracking
            files: "events/*.csv"
            record: events
            columns: {event_id: id, user_id: user, occurred_at: time, platform: platform, channel: channel, event: event}
          - name: shop
            files: "orders/*.csv"
            record: orders
            constants: {platform: miniprogram}
            columns: {order_id: order, user_id: user, ordered_at: time, paid_fen: paid, status: status}
            value_maps: {status: {已支付: paid, 已完成: completed, 已退款: refunded}}
          - name: ads
            files: "ads/*.csv"
            record: spend_daily
            restate_days: \(restateDays)
            constants: {channel: paid}
            columns: {stat_date: date, platform: platform, campaign_id: campaign, spend_fen: spend}
        """
    }

    /// The files that arrive on night `night` (1-based): relative path → CSV text.
    func arrivals(night: Int) -> [(String, String)] {
        let dataDay = firstToday.adding(days: night - 2)
        var files = [
            ("events/events_\(dataDay.iso).csv", events(day: dataDay, users: 30, tag: "")),
            ("orders/orders_\(dataDay.iso).csv", orders(day: dataDay, refundFrom: night == 3 ? firstToday.adding(days: -1) : nil)),
            ("ads/spend_\(dataDay.iso).csv", spend(through: dataDay)),
        ]
        if night == 3 {
            // A tracking batch that missed an earlier night, for a day before the first report.
            let late = firstToday.adding(days: -6)
            files.append(("events/events_\(late.iso)_late.csv", events(day: late, users: 12, tag: "late")))
        }
        return files
    }

    /// Local time text of a moment on `day`.
    func time(_ day: LocalDate, _ seconds: Int) -> String {
        String(format: "%@ %02d:%02d:%02d", day.iso, seconds / 3600, seconds / 60 % 60, seconds % 60)
    }

    func events(day: LocalDate, users: Int, tag: String) -> String {
        var random = SplitMix(seed: UInt64(day.dayNumber) &* 31 &+ UInt64(tag.utf8.count))
        var lines = ["id,user,time,platform,channel,event"]
        let platforms = ["douyin", "xiaohongshu", "channels"], channels = ["organic", "paid"]
        for u in 1...users {
            let user = String(format: "u%03d", u)
            // The first two users act on the edges of the local day.
            var at = u == 1 ? 30 : u == 2 ? 86_370 : Int(random.next() % 80_000)
            let platform = platforms[Int(random.next() % 3)], channel = channels[Int(random.next() % 2)]
            lines.append("e-\(day.iso)\(tag)-\(user)-v,\(user),\(time(day, at)),\(platform),\(channel),view")
            if random.next() % 3 != 0, at < 86_000 {
                at += Int(random.next() % 300) + 1
                lines.append("e-\(day.iso)\(tag)-\(user)-c,\(user),\(time(day, at)),\(platform),\(channel),click")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func orders(day: LocalDate, refundFrom: LocalDate?) -> String {
        var random = SplitMix(seed: UInt64(day.dayNumber) &* 7 &+ 3)
        var lines = ["order,user,time,paid,status"]
        for u in stride(from: 3, through: 30, by: 3) {
            let user = String(format: "u%03d", u)
            let yuan = 59 + Int(random.next() % 200)
            lines.append("o-\(day.iso)-\(u),\(user),\(time(day, 82_000 + u)),\(yuan).50,\(random.next() % 4 == 0 ? "已完成" : "已支付")")
        }
        if let refundFrom {
            // The shop's re-export shows an earlier order as refunded.
            var earlier = SplitMix(seed: UInt64(refundFrom.dayNumber) &* 7 &+ 3)
            let yuan = 59 + Int(earlier.next() % 200)
            lines.append("o-\(refundFrom.iso)-3,u003,\(time(refundFrom, 82_003)),\(yuan).50,已退款")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// An ad export covering the three days through `last`: settled figures, except `last`, which
    /// is provisional (90%) until the next export restates it.
    func spend(through last: LocalDate) -> String {
        var lines = ["date,platform,campaign,spend"]
        for back in (0..<3).reversed() {
            let day = last.adding(days: -back)
            for (n, campaign) in ["c-brand", "c-kol"].enumerated() {
                let settled = 1_000 + (day.dayNumber % 17) * 37 + n * 211
                let amount = back == 0 ? settled * 9 / 10 : settled
                lines.append("\(day.iso),douyin,\(campaign),\(amount).00")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
