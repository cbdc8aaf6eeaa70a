/// A timeline column a funnel step may filter on, or a funnel may be broken down by.
///
/// The raw values are the names used in pipeline definitions.
public enum FunnelField: String, Sendable, CaseIterable, Hashable, Comparable {
    case platform
    case channel
    case contentID = "content_id"
    case campaignID = "campaign_id"
    case kolID = "kol_id"

    /// The pooled codes of this column of `timeline`.
    func column(of timeline: Timeline) -> [Int32] {
        switch self {
        case .platform: return timeline.platform
        case .channel: return timeline.channel
        case .contentID: return timeline.content
        case .campaignID: return timeline.campaign
        case .kolID: return timeline.kol
        }
    }

    public static func < (a: FunnelField, b: FunnelField) -> Bool {
        (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }
}
