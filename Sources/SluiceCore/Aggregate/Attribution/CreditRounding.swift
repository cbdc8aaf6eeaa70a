/// Turns fractional credits into integers that sum exactly to a total.
///
/// Conversions are credited in a fixed-point unit, millionths of a conversion
/// (`microPerConversion`), and value in whole fen; both are `Int64`, so "credits sum to the total"
/// is an exact integer identity rather than a floating-point approximation.
///
/// Method: largest remainder (Hamilton). Each item's quota is `total × weight / Σ weights`; every
/// item gets the floor of its quota, and the units still missing go one each to the items with
/// the largest fractional remainders, ties broken by the item's position in the `order` given
/// (callers pass channels sorted by key, so ties go to the smaller key). Should floating-point
/// error make the floors overshoot, units are taken back from the smallest remainders first.
/// When the weights are already integers that sum to the total (first and last touch) they are
/// returned unchanged.
enum CreditRounding {
    /// Credited conversions are stored in millionths: 1 conversion = 1,000,000 units.
    static let microPerConversion: Int64 = 1_000_000

    /// Splits `total` over `weights` (negative weights count as 0) so the parts sum to `total`.
    /// `order[i]` is item i's tie-break rank (smaller wins a tied unit first); defaults to index order.
    /// When every weight is 0 but `total` is not, the total is split evenly.
    static func apportion(total: Int64, weights: [Double], order: [Int]? = nil) -> [Int64] {
        let n = weights.count
        guard n > 0 else { return [] }
        let clean = weights.map { $0.isFinite && $0 > 0 ? $0 : 0 }
        if let exact = exactIntegers(clean, total: total) { return exact }
        var sum = 0.0
        for w in clean { sum += w }
        let quotas: [Double]
        if sum > 0 {
            let scale = Double(total) / sum
            quotas = clean.map { $0 * scale }
        } else {
            quotas = [Double](repeating: Double(total) / Double(n), count: n)
        }
        var parts = [Int64](repeating: 0, count: n)
        var remainders = [Double](repeating: 0, count: n)
        var assigned: Int64 = 0
        for i in 0..<n {
            let f = quotas[i].rounded(.down)
            parts[i] = Int64(f)
            remainders[i] = quotas[i] - f
            assigned += parts[i]
        }
        var missing = total - assigned
        if missing == 0 { return parts }
        let rank = order ?? Array(0..<n)
        if missing > 0 {
            let byRemainder = (0..<n).sorted { a, b in
                remainders[a] != remainders[b] ? remainders[a] > remainders[b] : rank[a] < rank[b]
            }
            var k = 0
            while missing > 0 {
                parts[byRemainder[k % n]] += 1
                missing -= 1
                k += 1
            }
        } else {
            let byRemainder = (0..<n).sorted { a, b in
                remainders[a] != remainders[b] ? remainders[a] < remainders[b] : rank[a] > rank[b]
            }
            var k = 0
            var idle = 0
            while missing < 0 && idle < n {
                let i = byRemainder[k % n]
                if parts[i] > 0 || total < 0 {
                    parts[i] -= 1
                    missing += 1
                    idle = 0
                } else {
                    idle += 1
                }
                k += 1
            }
            if missing < 0 { parts[byRemainder[0]] += missing }
        }
        return parts
    }

    /// The weights as integers when each is a whole number and they sum to `total`.
    private static func exactIntegers(_ weights: [Double], total: Int64) -> [Int64]? {
        var parts: [Int64] = []
        parts.reserveCapacity(weights.count)
        var sum: Int64 = 0
        for w in weights {
            guard w < 9.0e15, w == w.rounded(.down) else { return nil }
            let v = Int64(w)
            parts.append(v)
            sum += v
        }
        return sum == total ? parts : nil
    }
}
