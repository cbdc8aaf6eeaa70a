/// How a canonical field's text is turned into a stored value.
public enum FieldType: String, Sendable {
    case text, id, count, money, duration, timestamp, date, status
}

/// One canonical field of a record type.
public struct FieldSpec: Sendable, Equatable {
    public let name: String
    public let type: FieldType
    /// A row without a value for this field is quarantined.
    public let required: Bool
    /// Part of the table's natural key.
    public let key: Bool

    init(_ name: String, _ type: FieldType, required: Bool = false, key: Bool = false) {
        self.name = name
        self.type = type
        self.required = required || key
        self.key = key
    }
}

/// The five canonical record types and the tables that hold them (see docs/canonical-tables.md).
public enum RecordType: String, CaseIterable, Sendable {
    case contentDaily = "content_daily"
    case accountDaily = "account_daily"
    case events
    case orders
    case spendDaily = "spend_daily"

    /// The SQLite table that holds this record type.
    public var table: String { rawValue }

    /// The canonical fields, in table column order.
    public var fields: [FieldSpec] {
        switch self {
        case .contentDaily:
            return [
                FieldSpec("platform", .text, key: true), FieldSpec("account_id", .id),
                FieldSpec("content_id", .id, key: true), FieldSpec("title", .text),
                FieldSpec("content_type", .text), FieldSpec("published_at", .timestamp),
                FieldSpec("stat_date", .date, key: true),
            ] + RecordType.contentCounters.map { FieldSpec($0, $0 == "avg_watch_ms" ? .duration : .count) }
        case .accountDaily:
            return [
                FieldSpec("platform", .text, key: true), FieldSpec("account_id", .id, key: true),
                FieldSpec("stat_date", .date, key: true), FieldSpec("followers_total", .count),
                FieldSpec("new_followers", .count), FieldSpec("lost_followers", .count),
            ]
        case .events:
            return [
                FieldSpec("event_id", .id, key: true), FieldSpec("user_id", .id, required: true),
                FieldSpec("occurred_at", .timestamp, required: true), FieldSpec("platform", .text),
                FieldSpec("channel", .text), FieldSpec("event", .text, required: true),
                FieldSpec("content_id", .id), FieldSpec("campaign_id", .id), FieldSpec("kol_id", .id),
                FieldSpec("value_fen", .money),
            ]
        case .orders:
            return [
                FieldSpec("order_id", .id, key: true), FieldSpec("parent_order_id", .id), FieldSpec("user_id", .id),
                FieldSpec("ordered_at", .timestamp, required: true), FieldSpec("paid_fen", .money),
                FieldSpec("quantity", .count), FieldSpec("status", .status, required: true),
                FieldSpec("platform", .text), FieldSpec("source", .text), FieldSpec("content_id", .id),
                FieldSpec("kol_id", .id), FieldSpec("product_id", .id), FieldSpec("product_name", .text),
            ]
        case .spendDaily:
            return [
                FieldSpec("platform", .text, key: true), FieldSpec("channel", .text),
                FieldSpec("campaign_id", .id, key: true), FieldSpec("campaign_name", .text),
                FieldSpec("kol_id", .id, key: true), FieldSpec("stat_date", .date, key: true),
                FieldSpec("spend_fen", .money), FieldSpec("impressions", .count), FieldSpec("clicks", .count),
                FieldSpec("conversions", .count),
            ]
        }
    }

    /// Counter fields of content records, in column order (also the columns of `content_snapshots`).
    public static let contentCounters = [
        "plays", "completed_plays", "avg_watch_ms", "likes", "comments", "shares", "favorites",
        "new_followers", "profile_visits", "impressions",
    ]

    /// Key fields that may be absent in an export and are then stored as the empty string,
    /// so that SQLite's uniqueness (which treats NULLs as distinct) still holds.
    public var keyFieldsDefaultingToEmpty: Set<String> {
        self == .spendDaily ? ["campaign_id", "kol_id"] : []
    }

    /// Counters that may legitimately be negative (a net change).
    public static let signedCounts: Set<String> = ["new_followers"]

    /// The column that names the producing source: `orders` already has a `source` field (sales
    /// channel), so its bookkeeping column is `source_name`.
    public var sourceColumn: String { self == .orders ? "source_name" : "source" }

    /// The field that dates a row: which day's reports the row feeds.
    public var dayField: String {
        switch self {
        case .events: return "occurred_at"
        case .orders: return "ordered_at"
        case .contentDaily, .accountDaily, .spendDaily: return "stat_date"
        }
    }

    public static let orderStatuses: Set<String> = ["paid", "completed", "refunded", "cancelled"]

    public func field(named name: String) -> FieldSpec? { fields.first { $0.name == name } }
}
