/// Interns strings as small integer codes so a timeline of millions of events stays compact.
/// Code 0 always means "no value".
public struct StringPool: Sendable {
    public private(set) var strings: [String] = [""]
    private var codes: [String: Int32] = [:]

    public init() {}

    /// The code for `text`, adding it when new; 0 for nil or the empty string.
    public mutating func code(_ text: String?) -> Int32 {
        guard let text, !text.isEmpty else { return 0 }
        if let code = codes[text] { return code }
        let code = Int32(strings.count)
        strings.append(text)
        codes[text] = code
        return code
    }

    /// The code for `text` if it is already pooled (0 for nil; -1 when unknown).
    public func existingCode(_ text: String?) -> Int32 {
        guard let text, !text.isEmpty else { return 0 }
        return codes[text] ?? -1
    }

    /// The text for a code; nil for 0.
    @inline(__always)
    public func string(_ code: Int32) -> String? { code == 0 ? nil : strings[Int(code)] }
}

/// One event on a user's timeline, as plain values (for building timelines in tests and loaders).
public struct TimelineEvent: Sendable, Equatable {
    public var userID: String
    /// UTC epoch milliseconds.
    public var time: Int64
    /// Event name; paid or completed orders appear as `order`.
    public var event: String
    public var platform: String?
    public var channel: String?
    public var contentID: String?
    public var campaignID: String?
    public var kolID: String?
    /// Order value or event value in fen; 0 when none.
    public var valueFen: Int64

    public init(user: String, time: Int64, event: String, platform: String? = nil, channel: String? = nil,
                contentID: String? = nil, campaignID: String? = nil, kolID: String? = nil, valueFen: Int64 = 0) {
        self.userID = user
        self.time = time
        self.event = event
        self.platform = platform
        self.channel = channel
        self.contentID = contentID
        self.campaignID = campaignID
        self.kolID = kolID
        self.valueFen = valueFen
    }
}

/// Every user's events in user order, and within a user in time order, stored column by column.
///
/// The journey reports (funnels, cohorts, attribution) each make one ordered pass over it. Rows
/// with equal user and time keep the order in which they were added (the loader adds them in a
/// deterministic order), so ties are resolved the same way on every run.
public struct Timeline: Sendable {
    /// Pool for every string column.
    public var pool = StringPool()
    public var user: [Int32] = []
    public var time: [Int64] = []
    public var event: [Int32] = []
    public var platform: [Int32] = []
    public var channel: [Int32] = []
    public var content: [Int32] = []
    public var campaign: [Int32] = []
    public var kol: [Int32] = []
    public var value: [Int64] = []
    /// Row ranges of each user, in order of first appearance after sorting.
    public private(set) var userRanges: [Range<Int>] = []

    public var count: Int { time.count }

    public init() {}

    /// Builds a sorted timeline from plain events (sorted by user, then time, then input order).
    public init(events: [TimelineEvent]) {
        var builder = Builder()
        for e in events { builder.append(e) }
        self = builder.finish()
    }

    /// The pooled code of the event name `name` (-1 when no event has that name, so it matches nothing).
    public func eventCode(_ name: String) -> Int32 { pool.existingCode(name) }

    /// The event at row `i` as plain values.
    public func row(_ i: Int) -> TimelineEvent {
        TimelineEvent(
            user: pool.string(user[i]) ?? "", time: time[i], event: pool.string(event[i]) ?? "",
            platform: pool.string(platform[i]), channel: pool.string(channel[i]), contentID: pool.string(content[i]),
            campaignID: pool.string(campaign[i]), kolID: pool.string(kol[i]), valueFen: value[i])
    }

    /// Accumulates events in any order, then sorts them once.
    public struct Builder {
        var timeline = Timeline()

        public init() {}

        public mutating func append(_ e: TimelineEvent) {
            timeline.user.append(timeline.pool.code(e.userID))
            timeline.time.append(e.time)
            timeline.event.append(timeline.pool.code(e.event))
            timeline.platform.append(timeline.pool.code(e.platform))
            timeline.channel.append(timeline.pool.code(e.channel))
            timeline.content.append(timeline.pool.code(e.contentID))
            timeline.campaign.append(timeline.pool.code(e.campaignID))
            timeline.kol.append(timeline.pool.code(e.kolID))
            timeline.value.append(e.valueFen)
        }

        /// Makes room for `n` rows.
        public mutating func reserve(_ n: Int) {
            let n = max(0, n)
            timeline.user.reserveCapacity(n); timeline.time.reserveCapacity(n); timeline.event.reserveCapacity(n)
            timeline.platform.reserveCapacity(n); timeline.channel.reserveCapacity(n); timeline.content.reserveCapacity(n)
            timeline.campaign.reserveCapacity(n); timeline.kol.reserveCapacity(n); timeline.value.reserveCapacity(n)
        }

        /// The pool code of `text`, adding it when new (0 for nil or empty).
        public mutating func code(_ text: String?) -> Int32 { timeline.pool.code(text) }

        /// Rows added so far.
        public var count: Int { timeline.time.count }
        /// User code and time of the last row added (meaningless when `count` is 0).
        public var lastUser: Int32 { timeline.user.last ?? -1 }
        public var lastTime: Int64 { timeline.time.last ?? .min }

        /// Appends one row whose strings are already pooled with `code(_:)`.
        @inline(__always)
        public mutating func append(user: Int32, time: Int64, event: Int32, platform: Int32, channel: Int32,
                                    content: Int32, campaign: Int32, kol: Int32, valueFen: Int64) {
            timeline.user.append(user)
            timeline.time.append(time)
            timeline.event.append(event)
            timeline.platform.append(platform)
            timeline.channel.append(channel)
            timeline.content.append(content)
            timeline.campaign.append(campaign)
            timeline.kol.append(kol)
            timeline.value.append(valueFen)
        }

        /// Puts rows `start ..< start + order.count` in the order `order` (offsets from `start`).
        public mutating func reorder(from start: Int, order: [Int]) {
            func permute<T>(_ column: inout [T]) {
                let moved = order.map { column[start + $0] }
                for (k, v) in moved.enumerated() { column[start + k] = v }
            }
            permute(&timeline.user); permute(&timeline.time); permute(&timeline.event)
            permute(&timeline.platform); permute(&timeline.channel); permute(&timeline.content)
            permute(&timeline.campaign); permute(&timeline.kol); permute(&timeline.value)
        }

        /// Sorts by (user id text, time, insertion order) and computes the user ranges.
        public func finish() -> Timeline {
            var t = timeline
            let pool = t.pool
            func precedes(_ a: Int, _ b: Int) -> Bool {
                if t.user[a] != t.user[b] {
                    return pool.strings[Int(t.user[a])].utf8.lexicographicallyPrecedes(pool.strings[Int(t.user[b])].utf8)
                }
                return t.time[a] < t.time[b]
            }
            // Loaders add rows already in order; then the sort is skipped.
            let presorted = t.count < 2 || (1..<t.count).allSatisfy { !precedes($0, $0 - 1) }
            if !presorted {
                let order = t.time.indices.sorted { a, b in
                    if t.user[a] != t.user[b] {
                        return pool.strings[Int(t.user[a])].utf8.lexicographicallyPrecedes(pool.strings[Int(t.user[b])].utf8)
                    }
                    if t.time[a] != t.time[b] { return t.time[a] < t.time[b] }
                    return a < b
                }
                func permute<T>(_ column: [T]) -> [T] { order.map { column[$0] } }
                t.user = permute(t.user); t.time = permute(t.time); t.event = permute(t.event)
                t.platform = permute(t.platform); t.channel = permute(t.channel); t.content = permute(t.content)
                t.campaign = permute(t.campaign); t.kol = permute(t.kol); t.value = permute(t.value)
            }
            var ranges: [Range<Int>] = []
            var start = 0
            for i in 0..<t.count where i > 0 && t.user[i] != t.user[start] {
                ranges.append(start..<i)
                start = i
            }
            if t.count > 0 { ranges.append(start..<t.count) }
            t.userRanges = ranges
            return t
        }
    }
}
