/// Reads the inputs of the aggregate content funnel: `content_daily` summed per platform over a
/// report window.
public enum ContentFunnelQueries {
    /// One `ContentTotals` per platform with `content_daily` rows in `window` (by `stat_date`), in
    /// platform order. A column the platform never fills sums to NULL and stays nil, not zero.
    public static func totals(database: Database, window: ReportWindow) throws -> [ContentTotals] {
        try database.rows(
            """
            SELECT coalesce(platform, '(none)'), sum(impressions), sum(plays), sum(completed_plays), sum(likes),
                sum(comments), sum(shares), sum(new_followers)
            FROM content_daily WHERE stat_date BETWEEN ? AND ? GROUP BY 1 ORDER BY 1
            """, [.text(window.from.iso), .text(window.to.iso)]
        ).compactMap { r in
            guard let platform = r[0].string else { return nil }
            return ContentTotals(platform: platform, impressions: r[1].int, plays: r[2].int, completedPlays: r[3].int,
                                 likes: r[4].int, comments: r[5].int, shares: r[6].int, newFollowers: r[7].int)
        }
    }
}
