import Foundation

/// Reads the user timeline: every tracked event, plus every paid or completed order as an event
/// named `order`, in user and time order.
///
/// An order is one parent order: its paid or completed sub-orders (several products, ¥0 gift lines)
/// become one `order` event at the earliest sub-order time, worth the sum of their paid_fen; its
/// platform, source, content and KOL are the sub-orders' (the smallest value if they differ).
public enum TimelineQueries {
    /// The whole timeline and how far data reaches: the end of the last calendar day (in
    /// `timeZone`) that has an event or order, since exports cover whole days.
    public static func load(database: Database, timeZone: TimeZone) throws -> (timeline: Timeline, dataEndMillis: Int64) {
        var builder = Timeline.Builder()
        // Both queries walk their (user, time) index, so the two ordered streams are merged, not sorted.
        let events = try database.prepare(
            """
            SELECT user_id, occurred_at, event, platform, channel, content_id, campaign_id, kol_id, coalesce(value_fen, 0)
            FROM events ORDER BY user_id, occurred_at, event_id
            """)
        let orders = try database.prepare(
            """
            SELECT user_id, min(ordered_at) AS at, 'order', min(platform), min(source), min(content_id), NULL, min(kol_id),
                sum(coalesce(paid_fen, 0)), coalesce(parent_order_id, order_id) AS parent
            FROM orders WHERE status IN ('paid', 'completed') AND user_id IS NOT NULL AND user_id <> ''
            GROUP BY user_id, parent ORDER BY user_id, at, parent
            """)
        func event(_ row: Row?) -> TimelineEvent? {
            guard let row, let user = row[0].string, let time = row[1].int else { return nil }
            return TimelineEvent(user: user, time: time, event: row[2].string ?? "", platform: row[3].string, channel: row[4].string,
                                 contentID: row[5].string, campaignID: row[6].string, kolID: row[7].string, valueFen: row[8].int ?? 0)
        }
        var nextEvent = event(try events.step())
        var nextOrder = event(try orders.step())
        var end: Int64 = 0
        while nextEvent != nil || nextOrder != nil {
            let takeEvent: Bool
            if let e = nextEvent, let o = nextOrder {
                // Same user and instant: the tracked event first, so a touch never follows the order it led to.
                takeEvent = e.userID.utf8.lexicographicallyPrecedes(o.userID.utf8) || (e.userID == o.userID && e.time <= o.time)
            } else {
                takeEvent = nextEvent != nil
            }
            if takeEvent, let e = nextEvent {
                builder.append(e)
                end = max(end, e.time + 1)
                nextEvent = event(try events.step())
            } else if let o = nextOrder {
                builder.append(o)
                end = max(end, o.time + 1)
                nextOrder = event(try orders.step())
            }
        }
        let lastDay = LocalDate(epochMillis: end - 1, in: timeZone)
        return (builder.finish(), end == 0 ? 0 : lastDay.adding(days: 1).startEpochMillis(in: timeZone))
    }
}
