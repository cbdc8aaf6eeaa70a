/// Reads the user timeline: every tracked event, plus every paid or completed order as an event
/// named `order` (value = paid_fen, platform and source from the order), in user and time order.
public enum TimelineQueries {
    /// The whole timeline and the instant just after the last event or order (how far data reaches).
    public static func load(database: Database) throws -> (timeline: Timeline, dataEndMillis: Int64) {
        var builder = Timeline.Builder()
        // Both queries walk their (user, time) index, so the two ordered streams are merged, not sorted.
        let events = try database.prepare(
            """
            SELECT user_id, occurred_at, event, platform, channel, content_id, campaign_id, kol_id, coalesce(value_fen, 0)
            FROM events ORDER BY user_id, occurred_at, event_id
            """)
        let orders = try database.prepare(
            """
            SELECT user_id, ordered_at, 'order', platform, source, content_id, NULL, kol_id, coalesce(paid_fen, 0)
            FROM orders WHERE status IN ('paid', 'completed') AND user_id IS NOT NULL AND user_id <> ''
            ORDER BY user_id, ordered_at, order_id
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
        return (builder.finish(), end)
    }
}
