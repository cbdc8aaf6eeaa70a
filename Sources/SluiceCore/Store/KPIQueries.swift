import Foundation

/// Reads the per-platform, per-day sums and the orders that the KPI scorecard needs: one
/// `GROUP BY` per table over the span of days asked for.
public enum KPIQueries {
    public static func inputs(database: Database, from: LocalDate, to: LocalDate, timeZone: TimeZone) throws -> KPIInputs {
        var facts: [String: DailyFacts] = [:]
        func fact(_ platform: String, _ day: String) -> DailyFacts? {
            guard let date = LocalDate(iso: day) else { return nil }
            return facts[platform + "|" + day] ?? DailyFacts(platform: platform, date: date)
        }
        let range: [SQLValue] = [.text(from.iso), .text(to.iso)]
        for r in try database.rows(
            """
            SELECT coalesce(platform, '(none)'), stat_date, coalesce(sum(plays), 0),
                coalesce(sum(CASE WHEN plays IS NOT NULL THEN completed_plays END), 0),
                coalesce(sum(CASE WHEN completed_plays IS NOT NULL THEN plays END), 0),
                coalesce(sum(CASE WHEN avg_watch_ms IS NOT NULL THEN avg_watch_ms * plays END), 0),
                coalesce(sum(CASE WHEN avg_watch_ms IS NOT NULL THEN plays END), 0),
                coalesce(sum(likes), 0), coalesce(sum(comments), 0), coalesce(sum(shares), 0),
                coalesce(sum(favorites), 0), coalesce(sum(new_followers), 0)
            FROM content_daily WHERE stat_date BETWEEN ? AND ? GROUP BY 1, 2
            """, range)
        {
            guard let platform = r[0].string, let day = r[1].string, var f = fact(platform, day) else { continue }
            f.plays = r[2].int ?? 0; f.completedPlays = r[3].int ?? 0; f.completionBase = r[4].int ?? 0
            f.watchMillis = r[5].int ?? 0; f.watchBase = r[6].int ?? 0
            f.likes = r[7].int ?? 0; f.comments = r[8].int ?? 0; f.shares = r[9].int ?? 0
            f.favorites = r[10].int ?? 0; f.contentFollowers = r[11].int ?? 0
            f.hasContent = true
            facts[platform + "|" + day] = f
        }
        // Posts: the first publication time of each content item, as a local day.
        for r in try database.rows(
            """
            SELECT platform, min(published_at) FROM (
                SELECT coalesce(platform, '(none)') AS platform, content_id, published_at FROM content_daily WHERE published_at IS NOT NULL
                UNION ALL
                SELECT platform, content_id, published_at FROM content_snapshots WHERE published_at IS NOT NULL
            ) GROUP BY platform, content_id
            """)
        {
            guard let platform = r[0].string, let millis = r[1].int else { continue }
            let day = LocalDate(epochMillis: millis, in: timeZone)
            guard day >= from, day <= to, var f = fact(platform, day.iso) else { continue }
            f.postsPublished += 1
            facts[platform + "|" + day.iso] = f
        }
        for r in try database.rows(
            """
            SELECT platform, stat_date, sum(followers_total), count(followers_total), coalesce(sum(new_followers), 0),
                coalesce(sum(lost_followers), 0)
            FROM account_daily WHERE stat_date BETWEEN ? AND ? GROUP BY 1, 2
            """, range)
        {
            guard let platform = r[0].string, let day = r[1].string, var f = fact(platform, day) else { continue }
            f.followersTotal = (r[3].int ?? 0) > 0 ? r[2].int : nil
            f.newFollowers = r[4].int ?? 0
            f.lostFollowers = r[5].int ?? 0
            f.hasAccount = true
            facts[platform + "|" + day] = f
        }
        for r in try database.rows(
            """
            SELECT platform, stat_date, coalesce(sum(spend_fen), 0), coalesce(sum(impressions), 0), coalesce(sum(clicks), 0),
                coalesce(sum(conversions), 0)
            FROM spend_daily WHERE stat_date BETWEEN ? AND ? GROUP BY 1, 2
            """, range)
        {
            guard let platform = r[0].string, let day = r[1].string, var f = fact(platform, day) else { continue }
            f.spendFen = r[2].int ?? 0; f.impressions = r[3].int ?? 0; f.clicks = r[4].int ?? 0; f.conversions = r[5].int ?? 0
            f.hasSpend = true
            facts[platform + "|" + day] = f
        }
        let orders = try database.rows(
            """
            SELECT order_id, parent_order_id, user_id, coalesce(platform, '(none)'), ordered_at, coalesce(paid_fen, 0), status
            FROM orders WHERE ordered_at >= ? AND ordered_at < ? ORDER BY ordered_at, order_id
            """,
            [.integer(from.startEpochMillis(in: timeZone)), .integer(to.adding(days: 1).startEpochMillis(in: timeZone))]
        ).map {
            OrderFact(orderID: $0[0].string ?? "", parentID: $0[1].string, userID: $0[2].string, platform: $0[3].string ?? "(none)",
                      orderedAt: $0[4].int ?? 0, paidFen: $0[5].int ?? 0, status: $0[6].string ?? "")
        }
        let daily = facts.values.sorted { ($0.platform, $0.date.dayNumber) < ($1.platform, $1.date.dayNumber) }
        return KPIInputs(daily: daily, orders: orders)
    }
}
