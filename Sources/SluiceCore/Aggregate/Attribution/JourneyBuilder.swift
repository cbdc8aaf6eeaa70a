/// Distinct channel paths with their outcomes: the ChannelAttribution input, in integer codes.
///
/// A path is a sequence of channel ids (repeats kept, including consecutive ones). Each distinct
/// path is stored once, in a flat array, with how many conversions (and their value) ended with
/// exactly that touch sequence and how many non-converting users had exactly that sequence.
struct PathStore {
    /// A path as a dictionary key, hashed as one block of bytes (much faster than element by element).
    struct Key: Hashable {
        var ids: [Int32]
        func hash(into hasher: inout Hasher) { ids.withUnsafeBytes { hasher.combine(bytes: $0) } }
    }

    private var index: [Key: Int32] = [:]
    private var scratch = Key(ids: [])

    /// Room for about `paths` distinct paths.
    mutating func reserve(_ paths: Int) { index.reserveCapacity(paths) }
    /// Start of path p in `channels` is `offsets[p]`, its end `offsets[p + 1]`.
    private(set) var offsets: [Int] = [0]
    private(set) var channels: [Int32] = []
    private(set) var conversions: [Int] = []
    private(set) var value: [Int64] = []
    private(set) var nulls: [Int] = []

    var count: Int { conversions.count }

    func path(_ p: Int) -> ArraySlice<Int32> { channels[offsets[p]..<offsets[p + 1]] }

    /// Records one journey `touches[range]`: a conversion worth `valueFen`, or a null (non-converting) one.
    /// Returns true when the path is new.
    @discardableResult
    mutating func add(_ touches: [Int32], _ range: Range<Int>, converted: Bool, valueFen: Int64) -> Bool {
        scratch.ids.removeAll(keepingCapacity: true)
        scratch.ids.append(contentsOf: touches[range])
        let p: Int
        var isNew = false
        if let known = index[scratch] {
            p = Int(known)
        } else {
            p = conversions.count
            index[scratch] = Int32(p)
            channels.append(contentsOf: scratch.ids)
            offsets.append(channels.count)
            conversions.append(0)
            value.append(0)
            nulls.append(0)
            isNew = true
        }
        if converted {
            conversions[p] += 1
            value[p] += valueFen
        } else {
            nulls[p] += 1
        }
        return isNew
    }
}

/// Everything the models and insights need, gathered in one ordered pass over the timeline.
struct Journeys {
    /// Key text of each channel id.
    var channelNames: [String] = []
    /// Channel ids that appear in a path or have a touch in the window, sorted by key text.
    var universe: [Int] = []
    var paths = PathStore()
    var conversions = 0
    var valueFen: Int64 = 0
    var directConversions = 0
    var directValueFen: Int64 = 0
    var rules = RuleBasedAccumulator(halfLifeDays: 7)
    var reach = ReachCounter()
    /// `touchHistogram[n]`: conversions with n touchpoints (n = 0 are the direct ones).
    var touchHistogram: [Int] = []
    /// Days from the first touchpoint to the conversion, one per conversion with touchpoints, in pass order.
    var daysToConversion: [Double] = []
    /// Conversions whose touchpoints carry at least two different non-empty platforms.
    var multiPlatformConversions = 0

    var touchedConversions: Int { conversions - directConversions }
    var touchedValueFen: Int64 { valueFen - directValueFen }
}

/// Builds the journeys in one pass over `timeline.userRanges` (users in order, each user's rows in time order).
///
/// Definitions:
/// - Conversion: a row with event `order` whose time t is in the window `[start, end)`; its value is `timeline.value`.
/// - Touchpoints of that conversion: the same user's rows whose event is a touch event (see
///   `AttributionOptions.effectiveTouchEvents`) with time in `[t − lookback, t)`: a touch exactly at
///   the lookback edge is included, a touch at the conversion instant is not. Every conversion looks
///   back on its own, so successive conversions may share touches. Touches at equal timestamps keep
///   timeline order. Touches may precede the window.
/// - Non-converting journey: a user without any conversion in the window but with touches in the
///   window contributes one null path: those touches (in the window only), in order.
/// - Conversions without touchpoints are `(direct)` and make no path.
enum JourneyBuilder {
    static func build(timeline: Timeline, window: ReportWindow, options: AttributionOptions, key: ChannelKey) -> Journeys {
        var out = Journeys()
        out.rules = RuleBasedAccumulator(halfLifeDays: options.halfLifeDays)
        let poolCount = timeline.pool.strings.count
        var isTouch = [Bool](repeating: false, count: max(poolCount, 1))
        for name in options.effectiveTouchEvents {
            let c = timeline.eventCode(name)
            if c > 0 { isTouch[Int(c)] = true }
        }
        let orderCode = timeline.eventCode(AttributionOptions.conversionEvent)
        if orderCode > 0 { isTouch[Int(orderCode)] = false }
        let start = window.startMillis, end = window.endMillis
        let lookback = options.lookbackMillis
        var coder = ChannelCoder(timeline: timeline, key: key)
        let times = timeline.time, events = timeline.event, platforms = timeline.platform, values = timeline.value

        var capacity = 0
        var usedInPath: [Bool] = []
        var tTime: [Int64] = [], tChan: [Int32] = [], tPlat: [Int32] = []
        var histogram = [Int](repeating: 0, count: 64)
        out.paths.reserve(timeline.userRanges.count)

        for (u, range) in timeline.userRanges.enumerated() {
            let user = Int32(truncatingIfNeeded: u)
            tTime.removeAll(keepingCapacity: true)
            tChan.removeAll(keepingCapacity: true)
            tPlat.removeAll(keepingCapacity: true)
            var lo = 0
            var converted = false
            for i in range {
                let ev = Int(events[i])
                let t = times[i]
                if ev >= 0, ev < isTouch.count, isTouch[ev] {
                    let ch = coder.code(row: i)
                    if Int(ch) >= capacity {
                        capacity = max(16, coder.count * 2)
                        out.rules.grow(to: capacity)
                        out.reach.grow(to: capacity)
                        usedInPath += [Bool](repeating: false, count: capacity - usedInPath.count)
                    }
                    tTime.append(t)
                    tChan.append(ch)
                    tPlat.append(platforms[i])
                    if t >= start && t < end { out.reach.touch(ch, user: user) }
                } else if ev == Int(orderCode), orderCode > 0, t >= start, t < end {
                    converted = true
                    let v = values[i]
                    var hi = tTime.count
                    while hi > lo && tTime[hi - 1] >= t { hi -= 1 }
                    while lo < hi && tTime[lo] < t - lookback { lo += 1 }
                    let n = hi - lo
                    out.conversions += 1
                    out.valueFen += v
                    if n >= histogram.count { histogram += [Int](repeating: 0, count: n + 1 - histogram.count) }
                    histogram[n] += 1
                    guard n > 0 else {
                        out.directConversions += 1
                        out.directValueFen += v
                        continue
                    }
                    out.rules.add(times: tTime, channels: tChan, range: lo..<hi, time: t, value: v)
                    if out.paths.add(tChan, lo..<hi, converted: true, valueFen: v) {
                        for k in lo..<hi { usedInPath[Int(tChan[k])] = true }
                    }
                    out.daysToConversion.append(Double(t - tTime[lo]) / Double(AttributionOptions.millisPerDay))
                    var firstPlatform: Int32 = 0
                    var multi = false
                    for k in lo..<hi {
                        let p = tPlat[k]
                        if p == 0 { continue }
                        if firstPlatform == 0 { firstPlatform = p } else if p != firstPlatform { multi = true; break }
                    }
                    if multi { out.multiPlatformConversions += 1 }
                    for k in lo..<hi { out.reach.converted(tChan[k], user: user) }
                }
            }
            if !converted, !tTime.isEmpty {
                var a = 0
                while a < tTime.count && tTime[a] < start { a += 1 }
                var b = a
                while b < tTime.count && tTime[b] < end { b += 1 }
                if b > a, out.paths.add(tChan, a..<b, converted: false, valueFen: 0) {
                    for k in a..<b { usedInPath[Int(tChan[k])] = true }
                }
            }
            out.reach.finishUser(user)
        }

        while let lastCount = histogram.last, lastCount == 0, histogram.count > 1 { histogram.removeLast() }
        out.touchHistogram = histogram
        out.rules.grow(to: coder.count)
        out.reach.grow(to: coder.count)
        out.channelNames = coder.names(pool: timeline.pool)
        let used = (0..<coder.count).filter { id in
            (id < usedInPath.count && usedInPath[id]) || out.reach.touches[id] > 0
        }
        let names = out.channelNames
        out.universe = used.sorted { names[$0] < names[$1] }
        return out
    }
}
