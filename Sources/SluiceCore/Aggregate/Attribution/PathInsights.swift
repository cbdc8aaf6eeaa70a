/// A converting path with its conversions and value, e.g. `douyin > channels > miniprogram`.
public struct ConvertingPath: Sendable, Equatable {
    /// Steps joined by ` > `.
    public var path: String
    public var steps: [String]
    public var conversions: Int
    public var valueFen: Int64

    public init(steps: [String], conversions: Int, valueFen: Int64) {
        self.path = steps.joined(separator: PathInsights.separator)
        self.steps = steps
        self.conversions = conversions
        self.valueFen = valueFen
    }
}

/// One row of the path table in the ChannelAttribution layout
/// (`path`, `total_conversions`, `total_conversion_value`, `total_null`).
public struct PathTableRow: Sendable, Equatable {
    /// Channel keys joined by ` > `, repeats kept (the exact Markov input).
    public var path: String
    /// Conversions whose touch sequence is exactly this path.
    public var totalConversions: Int
    /// Their value, in fen.
    public var totalConversionValue: Int64
    /// Non-converting users whose in-window touch sequence is exactly this path.
    public var totalNull: Int

    public init(path: String, totalConversions: Int, totalConversionValue: Int64, totalNull: Int) {
        self.path = path
        self.totalConversions = totalConversions
        self.totalConversionValue = totalConversionValue
        self.totalNull = totalNull
    }

    /// Column names of the CSV, in order.
    public static let columns = ["path", "total_conversions", "total_conversion_value", "total_null"]
}

/// Journey statistics for the report's path section.
///
/// - `topPaths`: converting paths with consecutive repeats collapsed (`douyin > douyin > channels`
///   reads `douyin > channels`), grouped, by conversions (most first), then value, then path text;
///   at most `AttributionOptions.topPaths`. (The path table keeps the repeats.)
/// - Touches per conversion: over ALL conversions, direct ones counting 0.
/// - Days from first touch to conversion: (conversion time − first touchpoint time) / 24 h, over
///   conversions with touchpoints.
/// - Percentiles interpolate linearly between order statistics (R type 7, numpy's default):
///   h = (N − 1)·p, value = x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]); nil when N = 0.
/// - Multi-platform: a conversion whose touchpoints carry at least two different non-empty
///   platforms (the timeline's `platform`, whatever the channel key); the share is over all conversions.
public struct PathInsights: Sendable, Equatable {
    public static let separator = " > "

    public var topPaths: [ConvertingPath]
    public var conversions: Int
    public var conversionsWithTouches: Int
    public var touchesPerConversionMedian: Double?
    public var touchesPerConversionP90: Double?
    public var daysToConversionMedian: Double?
    public var daysToConversionP90: Double?
    public var multiPlatformConversions: Int
    /// multiPlatformConversions / conversions; nil without conversions.
    public var multiPlatformShare: Double?

    public init(
        topPaths: [ConvertingPath], conversions: Int, conversionsWithTouches: Int,
        touchesPerConversionMedian: Double?, touchesPerConversionP90: Double?,
        daysToConversionMedian: Double?, daysToConversionP90: Double?,
        multiPlatformConversions: Int, multiPlatformShare: Double?
    ) {
        self.topPaths = topPaths
        self.conversions = conversions
        self.conversionsWithTouches = conversionsWithTouches
        self.touchesPerConversionMedian = touchesPerConversionMedian
        self.touchesPerConversionP90 = touchesPerConversionP90
        self.daysToConversionMedian = daysToConversionMedian
        self.daysToConversionP90 = daysToConversionP90
        self.multiPlatformConversions = multiPlatformConversions
        self.multiPlatformShare = multiPlatformShare
    }
}

enum PathInsightsBuilder {
    static func insights(_ journeys: Journeys, topPaths limit: Int) -> PathInsights {
        let names = journeys.channelNames
        let paths = journeys.paths
        // Collapse consecutive repeats and regroup.
        var groups: [PathStore.Key: (conversions: Int, value: Int64)] = [:]
        var collapsed = PathStore.Key(ids: [])
        for p in 0..<paths.count where paths.conversions[p] > 0 {
            collapsed.ids.removeAll(keepingCapacity: true)
            for c in paths.path(p) where collapsed.ids.last != c { collapsed.ids.append(c) }
            let old = groups[collapsed] ?? (0, 0)
            groups[collapsed] = (old.conversions + paths.conversions[p], old.value + paths.value[p])
        }
        // Only the groups that can make the top list (ties at the cut included) get their text built.
        var counts = groups.map { (conversions: $0.value.conversions, value: $0.value.value) }
        counts.sort { $0.conversions != $1.conversions ? $0.conversions > $1.conversions : $0.value > $1.value }
        let cut = limit > 0 && limit <= counts.count ? counts[limit - 1] : (conversions: 0, value: Int64.min)
        var top = groups.compactMap { entry -> ConvertingPath? in
            let (c, v) = (entry.value.conversions, entry.value.value)
            guard limit > 0, c > cut.conversions || (c == cut.conversions && v >= cut.value) else { return nil }
            return ConvertingPath(steps: entry.key.ids.map { names[Int($0)] }, conversions: c, valueFen: v)
        }
        top.sort { a, b in
            if a.conversions != b.conversions { return a.conversions > b.conversions }
            if a.valueFen != b.valueFen { return a.valueFen > b.valueFen }
            return a.path < b.path
        }
        if top.count > max(0, limit) { top.removeSubrange(max(0, limit)...) }

        let histogram = journeys.touchHistogram
        let touchCount = histogram.reduce(0, +)
        func touches(at rank: Int) -> Double {
            var seen = 0
            for (n, count) in histogram.enumerated() {
                seen += count
                if rank < seen { return Double(n) }
            }
            return Double(max(0, histogram.count - 1))
        }
        let days = journeys.daysToConversion.sorted()
        return PathInsights(
            topPaths: top,
            conversions: journeys.conversions,
            conversionsWithTouches: journeys.touchedConversions,
            touchesPerConversionMedian: percentile(count: touchCount, p: 0.5, at: touches),
            touchesPerConversionP90: percentile(count: touchCount, p: 0.9, at: touches),
            daysToConversionMedian: percentile(count: days.count, p: 0.5) { days[$0] },
            daysToConversionP90: percentile(count: days.count, p: 0.9) { days[$0] },
            multiPlatformConversions: journeys.multiPlatformConversions,
            multiPlatformShare: journeys.conversions > 0
                ? Double(journeys.multiPlatformConversions) / Double(journeys.conversions) : nil)
    }

    /// Type-7 percentile of `count` sorted values read through `at(rank)`; nil when `count == 0`.
    static func percentile(count: Int, p: Double, at: (Int) -> Double) -> Double? {
        guard count > 0 else { return nil }
        let h = Double(count - 1) * min(max(p, 0), 1)
        let lower = Int(h.rounded(.down))
        let fraction = h - Double(lower)
        let low = at(lower)
        if fraction == 0 || lower + 1 >= count { return low }
        return low + fraction * (at(lower + 1) - low)
    }

    /// Every distinct path (converting and non-converting), by conversions, then nulls (most first), then path text.
    static func pathTable(_ journeys: Journeys) -> [PathTableRow] {
        let names = journeys.channelNames
        let paths = journeys.paths
        var rows: [PathTableRow] = []
        rows.reserveCapacity(paths.count)
        for p in 0..<paths.count {
            rows.append(PathTableRow(
                path: paths.path(p).map { names[Int($0)] }.joined(separator: PathInsights.separator),
                totalConversions: paths.conversions[p], totalConversionValue: paths.value[p], totalNull: paths.nulls[p]))
        }
        rows.sort { a, b in
            if a.totalConversions != b.totalConversions { return a.totalConversions > b.totalConversions }
            if a.totalNull != b.totalNull { return a.totalNull > b.totalNull }
            return a.path < b.path
        }
        return rows
    }
}
