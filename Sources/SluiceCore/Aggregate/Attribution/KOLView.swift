/// One KOL (creator) in the KOL view.
///
/// Credits come from a second attribution run keyed by `kol_id` (same touches, conversions and
/// lookback as the main run; touches without a KOL are `(none)` there). `touches`,
/// `usersReached`, `convertingUsers` and `conversionRate` follow `ChannelReach`.
/// Fee, ROI (credited GMV / fee, "x : 1") and CPA (fee / credited orders) need `spend_daily` and are
/// joined by the caller.
public struct KOLRow: Sendable, Equatable {
    public var kolID: String
    /// Credited orders (`conversionsMicro`) and GMV (`valueFen`) per computed model.
    public var credits: [AttributionModel: ChannelCredit]
    public var touches: Int
    public var usersReached: Int
    public var convertingUsers: Int
    /// convertingUsers / usersReached; nil when the KOL reached no user in the window.
    public var conversionRate: Double?
    /// conversionRate is defined and below `AttributionOptions.kolReviewThreshold`.
    public var needsReview: Bool

    public init(kolID: String, credits: [AttributionModel: ChannelCredit], touches: Int, usersReached: Int,
                convertingUsers: Int, conversionRate: Double?, needsReview: Bool) {
        self.kolID = kolID
        self.credits = credits
        self.touches = touches
        self.usersReached = usersReached
        self.convertingUsers = convertingUsers
        self.conversionRate = conversionRate
        self.needsReview = needsReview
    }
}

/// Per-KOL credited orders and GMV under each model, reach and conversion rate, and the KOLs to review.
public struct KOLView: Sendable {
    public var reviewThreshold: Double
    /// Every real kol_id with a touch in the window or a credit, by last-touch credited GMV
    /// (most first), then linear credited GMV, then kol_id. `(none)` and `(direct)` are not rows.
    public var rows: [KOLRow]
    /// The full kol_id-keyed credit lists (including `(none)` and `(direct)`, so they sum to the totals).
    public var credits: [AttributionModel: [ChannelCredit]]
    /// Models skipped in the kol_id run (e.g. Shapley over more than 15 KOLs), with the reason.
    public var skipped: [AttributionModel: String]

    public init(reviewThreshold: Double, rows: [KOLRow], credits: [AttributionModel: [ChannelCredit]],
                skipped: [AttributionModel: String]) {
        self.reviewThreshold = reviewThreshold
        self.rows = rows
        self.credits = credits
        self.skipped = skipped
    }

    /// KOLs whose conversion rate is below the threshold, in row order.
    public var forReview: [KOLRow] { rows.filter(\.needsReview) }

    static func build(from run: KeyedAttribution, threshold: Double) -> KOLView {
        var byKey: [String: [AttributionModel: ChannelCredit]] = [:]
        for (model, list) in run.credits {
            for credit in list { byKey[credit.key, default: [:]][model] = credit }
        }
        var rows: [KOLRow] = []
        for r in run.reach where r.key != ChannelKey.noneLabel && r.key != ChannelKey.directLabel {
            let rate = r.conversionRate
            rows.append(KOLRow(
                kolID: r.key, credits: byKey[r.key] ?? [:], touches: r.touches, usersReached: r.usersReached,
                convertingUsers: r.convertingUsers, conversionRate: rate, needsReview: rate.map { $0 < threshold } ?? false))
        }
        rows.sort { a, b in
            let al = a.credits[.lastTouch]?.valueFen ?? 0, bl = b.credits[.lastTouch]?.valueFen ?? 0
            if al != bl { return al > bl }
            let an = a.credits[.linear]?.valueFen ?? 0, bn = b.credits[.linear]?.valueFen ?? 0
            if an != bn { return an > bn }
            return a.kolID < b.kolID
        }
        return KOLView(reviewThreshold: threshold, rows: rows, credits: run.credits, skipped: run.skipped)
    }
}
