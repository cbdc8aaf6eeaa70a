import Foundation

/// A timeline column that can name an attribution channel.
public enum ChannelDimension: String, CaseIterable, Sendable, Hashable {
    case platform
    case channel
    case campaign = "campaign_id"
    case content = "content_id"
    case kol = "kol_id"
}

/// The dimension, or combination of dimensions, that names a channel: `platform` (default),
/// `platform/channel`, `campaign_id`, `content_id`, `kol_id`, or any `/`-joined combination.
///
/// Key text: a single dimension's value as is; a combination joins the values with `/`
/// (`douyin/paid`), writing an empty component as `(none)` (`douyin/(none)`). A touch whose
/// every component is empty has the key `(none)`; a conversion without touchpoints is credited
/// to `(direct)`.
public struct ChannelKey: Sendable, Hashable, CustomStringConvertible {
    /// Key of touches whose channel value is empty.
    public static let noneLabel = "(none)"
    /// Key credited with conversions that have no touchpoint.
    public static let directLabel = "(direct)"
    /// Separator of a combination's components, in both the spec and the key text.
    public static let separator = "/"

    public static let platform = ChannelKey([.platform])
    public static let platformChannel = ChannelKey([.platform, .channel])
    public static let campaign = ChannelKey([.campaign])
    public static let content = ChannelKey([.content])
    public static let kol = ChannelKey([.kol])

    /// The dimensions, in key order (never empty; no repeats).
    public let dimensions: [ChannelDimension]

    /// A key over `dimensions` (repeats dropped; an empty list means `platform`).
    public init(_ dimensions: [ChannelDimension]) {
        var unique: [ChannelDimension] = []
        for d in dimensions where !unique.contains(d) { unique.append(d) }
        self.dimensions = unique.isEmpty ? [.platform] : unique
    }

    /// Parses `platform`, `platform/channel`, `campaign_id`, `kol_id`, …; nil for an unknown
    /// dimension, an empty component or a repeated one.
    public init?(spec: String) {
        var dims: [ChannelDimension] = []
        for part in spec.split(separator: "/", omittingEmptySubsequences: false) {
            let name = part.trimmingCharacters(in: .whitespaces)
            guard let d = ChannelDimension(rawValue: name), !dims.contains(d) else { return nil }
            dims.append(d)
        }
        guard !dims.isEmpty else { return nil }
        self.init(dims)
    }

    /// The spec text, e.g. `platform/channel`.
    public var description: String { dimensions.map(\.rawValue).joined(separator: ChannelKey.separator) }
}

/// Turns touch rows into dense channel ids (0, 1, 2, … in order of first appearance) from the
/// pooled codes of the key's columns, without building strings; names are made once at the end.
struct ChannelCoder {
    private let columns: [[Int32]]
    /// Single dimension: pool code → channel id (-1 unseen). Combinations: pool code of the first column → level id.
    private var firstLevel: [Int32]
    private var firstLevelCount: Int32 = 0
    /// Combinations: for columns 1…, (previous level id << 32 | pool code) → next level id (the last level gives channel ids).
    private var levels: [[Int64: Int32]]
    /// Pool codes of each channel's components, `columns.count` per channel.
    private var components: [Int32] = []
    private var lastCodes: [Int32]
    private var lastID: Int32 = -1

    /// Number of channel ids handed out.
    private(set) var count: Int = 0

    init(timeline: Timeline, key: ChannelKey) {
        columns = key.dimensions.map { dim in
            switch dim {
            case .platform: return timeline.platform
            case .channel: return timeline.channel
            case .campaign: return timeline.campaign
            case .content: return timeline.content
            case .kol: return timeline.kol
            }
        }
        firstLevel = [Int32](repeating: -1, count: timeline.pool.strings.count)
        levels = Array(repeating: [:], count: max(0, columns.count - 1))
        lastCodes = [Int32](repeating: -1, count: columns.count)
    }

    /// The channel id of row `row` (a touch).
    @inline(__always)
    mutating func code(row: Int) -> Int32 {
        let c0 = columns[0][row]
        if columns.count == 1 {
            let known = firstLevel[Int(c0)]
            if known >= 0 { return known }
            let id = Int32(count)
            firstLevel[Int(c0)] = id
            components.append(c0)
            count += 1
            return id
        }
        var same = lastID >= 0
        if same {
            for d in 0..<columns.count where columns[d][row] != lastCodes[d] { same = false; break }
            if same { return lastID }
        }
        var level = firstLevel[Int(c0)]
        if level < 0 {
            level = firstLevelCount
            firstLevel[Int(c0)] = level
            firstLevelCount += 1
        }
        for d in 1..<columns.count {
            let k = Int64(level) << 32 | Int64(UInt32(bitPattern: columns[d][row]))
            if let next = levels[d - 1][k] {
                level = next
            } else {
                let isLast = d == columns.count - 1
                let next = isLast ? Int32(count) : Int32(levels[d - 1].count)
                levels[d - 1][k] = next
                if isLast {
                    for c in 0..<columns.count { components.append(columns[c][row]) }
                    count += 1
                }
                level = next
            }
        }
        for d in 0..<columns.count { lastCodes[d] = columns[d][row] }
        lastID = level
        return level
    }

    /// Whether every component of channel `id` is empty (its key is `(none)`).
    func isNone(_ id: Int) -> Bool {
        let width = columns.count
        for d in 0..<width where components[id * width + d] != 0 { return false }
        return true
    }

    /// The key text of every channel id, in id order.
    func names(pool: StringPool) -> [String] {
        let width = columns.count
        return (0..<count).map { id in
            if isNone(id) { return ChannelKey.noneLabel }
            if width == 1 { return pool.string(components[id]) ?? ChannelKey.noneLabel }
            return (0..<width).map { pool.string(components[id * width + $0]) ?? ChannelKey.noneLabel }
                .joined(separator: ChannelKey.separator)
        }
    }
}
