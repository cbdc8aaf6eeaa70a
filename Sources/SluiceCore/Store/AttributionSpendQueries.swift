/// Spend from `spend_daily` keyed like the attribution channels, for ROI and CPA in the attribution report.
///
/// - Window: `stat_date` from `window.from` to `window.to` (inclusive), the report window. Spend
///   during the lookback before the window is not counted, just as conversions before it are not.
/// - Key: the same text `ChannelKey` gives a touch, built from `spend_daily`'s columns: `platform`,
///   `channel`, `campaign_id`, `kol_id`, or a `/`-joined combination of them (`platform/channel` →
///   `douyin/paid`; an empty component reads `(none)`, as for touches). `content_id` has no spend,
///   so a key that uses it has no spend at all (`AttributionSpend.byKey` is nil).
/// - A spend row whose every key component is empty (e.g. a plan without a KOL when the key is
///   `kol_id`) cannot be given to a channel: it is summed as `unallocatedFen`, not joined to `(none)`.
/// - `NULL` spend counts as 0.
public struct AttributionSpend: Sendable, Equatable {
    /// Spend in fen per channel key text; nil when the key cannot carry spend (it uses `content_id`).
    public var byKey: [String: Int64]?
    /// Spend in the window whose key would be `(none)`.
    public var unallocatedFen: Int64
    /// All spend in the window.
    public var totalFen: Int64

    public init(byKey: [String: Int64]?, unallocatedFen: Int64, totalFen: Int64) {
        self.byKey = byKey
        self.unallocatedFen = unallocatedFen
        self.totalFen = totalFen
    }
}

public enum AttributionSpendQueries {
    /// `spend_daily` summed over `window` per key of `key` (see `AttributionSpend`): one `GROUP BY`.
    public static func spend(database: Database, window: ReportWindow, key: ChannelKey) throws -> AttributionSpend {
        let range: [SQLValue] = [.text(window.from.iso), .text(window.to.iso)]
        let total = try database.scalar(
            "SELECT coalesce(sum(spend_fen), 0) FROM spend_daily WHERE stat_date BETWEEN ? AND ?", range)?.int ?? 0
        var columns: [String] = []
        for dimension in key.dimensions {
            switch dimension {
            case .platform: columns.append("platform")
            case .channel: columns.append("channel")
            case .campaign: columns.append("campaign_id")
            case .kol: columns.append("kol_id")
            case .content: return AttributionSpend(byKey: nil, unallocatedFen: 0, totalFen: total)
            }
        }
        let selected = columns.map { "coalesce(\($0), '')" }.joined(separator: ", ")
        let groups = (1...columns.count).map(String.init).joined(separator: ", ")
        var byKey: [String: Int64] = [:]
        var unallocated: Int64 = 0
        for r in try database.rows(
            "SELECT \(selected), coalesce(sum(spend_fen), 0) FROM spend_daily WHERE stat_date BETWEEN ? AND ? GROUP BY \(groups)",
            range)
        {
            let parts = (0..<columns.count).map { r[$0].string ?? "" }
            let fen = r[columns.count].int ?? 0
            guard parts.contains(where: { !$0.isEmpty }) else {
                unallocated += fen
                continue
            }
            let text = parts.map { $0.isEmpty ? ChannelKey.noneLabel : $0 }.joined(separator: ChannelKey.separator)
            byKey[text, default: 0] += fen
        }
        return AttributionSpend(byKey: byKey, unallocatedFen: unallocated, totalFen: total)
    }

    /// KOL fees for the KOL view: `spend_daily` summed over `window` per non-empty `kol_id`, in fen.
    public static func kolFees(database: Database, window: ReportWindow) throws -> [String: Int64] {
        let spend = try spend(database: database, window: window, key: .kol)
        return spend.byKey ?? [:]
    }
}
