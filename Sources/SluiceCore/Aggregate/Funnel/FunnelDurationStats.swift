/// Median, nearest-rank p90 and mean of a list of durations.
///
/// - median: the middle value of the sorted list; the mean of the two middle values when the count is even.
/// - p90 (nearest rank): the ⌈0.9·n⌉-th smallest value (1-based), an observed value.
///   For n = 1…10 that is the largest value; for n = 11…20 the second largest, and so on.
/// - mean: the arithmetic mean.
public struct FunnelDurationStats: Sendable, Equatable {
    public var count: Int
    public var median: Double
    public var p90: Double
    public var mean: Double

    /// nil for an empty list. Sorts `values` in place.
    public init?(sorting values: inout [Int64]) {
        guard !values.isEmpty else { return nil }
        values.sort()
        let n = values.count
        count = n
        median = n % 2 == 1 ? Double(values[n / 2]) : (Double(values[n / 2 - 1]) + Double(values[n / 2])) / 2
        p90 = Double(values[Self.nearestRankIndex(percent: 90, count: n)])
        var sum = 0.0
        for v in values { sum += Double(v) }
        mean = sum / Double(n)
    }

    /// 0-based index of the nearest-rank `percent` percentile in a sorted list of `count` (> 0) values:
    /// ⌈percent·count/100⌉ − 1.
    public static func nearestRankIndex(percent: Int, count: Int) -> Int {
        max(0, min(count - 1, (percent * count + 99) / 100 - 1))
    }
}
