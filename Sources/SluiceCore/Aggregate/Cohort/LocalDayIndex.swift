import Foundation

/// Maps instants to calendar days in one time zone without calling Foundation per instant.
///
/// Gives exactly `LocalDate(epochMillis:in:).dayNumber`: the UTC offset is read once per UTC day of
/// the covered span (and bisected to the second on the rare days when it changes); instants outside
/// the span fall back to `LocalDate(epochMillis:in:)`. Assumes a zone changes its offset at most
/// once per UTC day, which holds for every zone in the tz database.
struct LocalDayIndex {
    private static let dayMillis: Int64 = 86_400_000
    /// Longest span the table covers (about 40 years); other instants use the slow path.
    private static let maximumDays: Int64 = 15_000

    let timeZone: TimeZone
    private let firstUTCDay: Int64
    /// UTC offset (seconds) at the start of each covered UTC day, plus one day after the last.
    private var offsets: [Int32] = []
    /// The second from which a day's offset becomes the next day's offset; Int64.max when unchanged.
    private var changes: [Int64] = []

    /// Covers at least the instants `fromMillis...toMillis` (clamped to `maximumDays` ending at `toMillis`).
    init(timeZone: TimeZone, fromMillis: Int64, toMillis: Int64) {
        self.timeZone = timeZone
        let last = toMillis.dividedRoundingDown(by: Self.dayMillis) + 1
        let first = max(fromMillis.dividedRoundingDown(by: Self.dayMillis) - 1, last - Self.maximumDays)
        firstUTCDay = first
        guard last >= first else { return }
        let days = Int(last - first + 1)
        offsets.reserveCapacity(days + 1)
        for d in 0...days {
            offsets.append(Int32(Self.offset(timeZone, second: (first + Int64(d)) * 86_400)))
        }
        changes = Array(repeating: .max, count: days)
        for d in 0..<days where offsets[d] != offsets[d + 1] {
            // Smallest second of the day whose offset differs from the day's starting offset.
            var lo = (first + Int64(d)) * 86_400, hi = lo + 86_400
            while lo + 1 < hi {
                let mid = (lo + hi) / 2
                if Self.offset(timeZone, second: mid) == Int(offsets[d]) { lo = mid } else { hi = mid }
            }
            changes[d] = hi
        }
    }

    private static func offset(_ zone: TimeZone, second: Int64) -> Int {
        zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(second)))
    }

    /// `LocalDate(epochMillis: millis, in: timeZone).dayNumber`.
    @inline(__always)
    func dayNumber(_ millis: Int64) -> Int {
        let second = millis.dividedRoundingDown(by: 1000)
        let d = Int(second.dividedRoundingDown(by: 86_400) - firstUTCDay)
        guard d >= 0, d < changes.count else { return LocalDate(epochMillis: millis, in: timeZone).dayNumber }
        let offset = Int64(second >= changes[d] ? offsets[d + 1] : offsets[d])
        return Int((second + offset).dividedRoundingDown(by: 86_400))
    }
}
