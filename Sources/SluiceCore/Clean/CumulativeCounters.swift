/// Lifetime counters of one content item as exported on one day.
public struct ContentSnapshot: Sendable, Equatable {
    public var platform: String
    public var contentID: String
    public var snapshotDate: LocalDate
    public var accountID: String?
    public var title: String?
    public var contentType: String?
    public var publishedDate: LocalDate?
    public var publishedAt: Int64?
    /// Values of `RecordType.contentCounters`, in that order; nil where the export had none.
    public var counters: [Int64?]

    public init(platform: String, contentID: String, snapshotDate: LocalDate, accountID: String? = nil, title: String? = nil,
                contentType: String? = nil, publishedAt: Int64? = nil, publishedDate: LocalDate? = nil, counters: [Int64?]) {
        self.platform = platform
        self.contentID = contentID
        self.snapshotDate = snapshotDate
        self.accountID = accountID
        self.title = title
        self.contentType = contentType
        self.publishedAt = publishedAt
        self.publishedDate = publishedDate
        self.counters = counters
    }
}

/// One derived day of a content item: the change in its lifetime counters since the previous snapshot.
public struct ContentDay: Sendable, Equatable {
    public var snapshot: ContentSnapshot
    /// Day-over-day differences, in `RecordType.contentCounters` order (`avg_watch_ms` is the
    /// average over the day's plays, derived from the two lifetime averages).
    public var counters: [Int64?]
    /// Days since the previous snapshot (1 normally; more when snapshots are missing, in which
    /// case the difference covers every day in the gap and is booked on this day).
    public var spanDays: Int
}

/// What the derivation noticed, for the run log.
public struct CumulativeSummary: Sendable, Equatable {
    /// Day rows with at least one negative difference (platforms remove fake plays); kept, not clamped.
    public var corrections: Int = 0
    /// Day rows covering more than one day because snapshots were missing.
    public var gaps: Int = 0
    /// First snapshots of items published before the source's first snapshot: a baseline, no day row.
    public var baselines: Int = 0
}

/// Derives daily figures from lifetime-total snapshots (Douyin creator centre, Xiaohongshu notes).
public enum CumulativeCounters {
    static let averageIndex = RecordType.contentCounters.firstIndex(of: "avg_watch_ms")!
    static let playsIndex = RecordType.contentCounters.firstIndex(of: "plays")!

    /// Differences consecutive snapshots per (platform, content id).
    ///
    /// The first snapshot of an item counts from zero when the item was published on or after
    /// the first snapshot date of the whole export family (so all its activity was observed);
    /// otherwise it is only a baseline. A negative difference is kept as a correction.
    public static func dailyDifferences(_ snapshots: [ContentSnapshot]) -> (days: [ContentDay], summary: CumulativeSummary) {
        guard let familyStart = snapshots.map(\.snapshotDate).min() else { return ([], CumulativeSummary()) }
        let ordered = snapshots.sorted {
            ($0.platform, $0.contentID, $0.snapshotDate.dayNumber) < ($1.platform, $1.contentID, $1.snapshotDate.dayNumber)
        }
        var days: [ContentDay] = []
        var summary = CumulativeSummary()
        var previous: ContentSnapshot?
        for snapshot in ordered {
            let sameItem = previous.map { $0.platform == snapshot.platform && $0.contentID == snapshot.contentID } ?? false
            if sameItem, let previous {
                let day = difference(from: previous, to: snapshot)
                if day.counters.contains(where: { ($0 ?? 0) < 0 }) { summary.corrections += 1 }
                if day.spanDays > 1 { summary.gaps += 1 }
                days.append(day)
            } else if let published = snapshot.publishedDate, published >= familyStart {
                days.append(ContentDay(snapshot: snapshot, counters: snapshot.counters,
                                       spanDays: snapshot.snapshotDate.dayNumber - published.dayNumber + 1))
            } else {
                summary.baselines += 1
            }
            previous = snapshot
        }
        return (days, summary)
    }

    static func difference(from old: ContentSnapshot, to new: ContentSnapshot) -> ContentDay {
        var counters = [Int64?](repeating: nil, count: new.counters.count)
        for i in counters.indices where i != averageIndex {
            if let a = old.counters[i], let b = new.counters[i] { counters[i] = b &- a }
        }
        // Average watch time over the day's plays: (avg₁·plays₁ − avg₀·plays₀) / (plays₁ − plays₀).
        if let avg0 = old.counters[averageIndex], let avg1 = new.counters[averageIndex],
           let plays0 = old.counters[playsIndex], let plays1 = new.counters[playsIndex], plays1 > plays0 {
            let total = avg1.multipliedReportingOverflow(by: plays1)
            let before = avg0.multipliedReportingOverflow(by: plays0)
            if !total.overflow, !before.overflow {
                let watched = total.partialValue - before.partialValue
                let value = roundedHalfEven(watched, plays1 - plays0)
                counters[averageIndex] = value >= 0 ? value : nil
            }
        }
        return ContentDay(snapshot: new, counters: counters, spanDays: new.snapshotDate.dayNumber - old.snapshotDate.dayNumber)
    }

    /// `n / d` rounded half to even (d > 0).
    static func roundedHalfEven(_ n: Int64, _ d: Int64) -> Int64 {
        var q = n / d
        var r = n % d
        if r < 0 { q -= 1; r += d }
        let twice = 2 * r
        if twice > d || (twice == d && q % 2 != 0) { q += 1 }
        return q
    }
}
