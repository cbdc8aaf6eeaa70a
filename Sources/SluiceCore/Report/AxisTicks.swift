/// "Nice" axis ticks: evenly spaced round values (steps of 1, 2 or 5 × 10^k) covering a data
/// range, about `target` intervals apart. 0…37 → 0, 10, 20, 30, 40; 0…1 → 0, 0.2, …, 1;
/// 0…1.2e6 → 0, 200000, …, 1200000.
struct AxisTicks: Equatable {
    /// The tick values, ascending; the first is ≤ the data minimum and the last ≥ the maximum.
    let values: [Double]
    /// Distance between ticks.
    let step: Double
    /// The step is (1, 2 or 5) × 10^stepExponent.
    let stepExponent: Int

    var lower: Double { values.first ?? 0 }
    var upper: Double { values.last ?? 1 }

    /// Ticks covering `low…high` (swapped when reversed). A range of zero width is widened (0…1
    /// when both are 0, otherwise from 0 or to 0). Non-finite bounds are treated as 0.
    init(covering low: Double, _ high: Double, target: Int = 5) {
        var lo = low.isFinite ? min(low, high.isFinite ? high : low) : 0
        var hi = high.isFinite ? max(high, low.isFinite ? low : high) : 0
        if !lo.isFinite { lo = 0 }
        if !hi.isFinite { hi = 0 }
        if lo == hi {
            if lo == 0 { hi = 1 } else if lo > 0 { lo = 0 } else { hi = 0 }
        }
        let intervals = Double(max(1, target))
        let rough = (hi - lo) / intervals
        let baseExponent = Int((rough.magnitude).log10Floor)
        // Candidates around the rough step; choose the interval count closest to the target,
        // preferring the larger step on a tie.
        var best: (mantissa: Int, exponent: Int, count: Int, distance: Double)?
        for exponent in (baseExponent - 1)...(baseExponent + 1) {
            for mantissa in [1, 2, 5] {
                let step = AxisTicks.value(Int64(mantissa), exponent)
                guard step > 0 else { continue }
                let first = (lo / step + AxisTicks.slack).rounded(.down)
                let last = (hi / step - AxisTicks.slack).rounded(.up)
                let span = last - first
                guard span.isFinite, span >= 1, span <= 50 else { continue }
                let count = Int(span)
                let distance = (Double(count) - intervals).magnitude
                if let b = best, distance > b.distance || (distance == b.distance && step < AxisTicks.value(Int64(b.mantissa), b.exponent)) {
                    continue
                }
                best = (mantissa, exponent, count, distance)
            }
        }
        guard let chosen = best else {
            // Only for ranges near the limits of Double: no round step fits, so tick the ends.
            self.values = [lo, hi]
            self.step = hi - lo
            self.stepExponent = baseExponent
            return
        }
        let step = AxisTicks.value(Int64(chosen.mantissa), chosen.exponent)
        let first = Int64((lo / step + AxisTicks.slack).rounded(.down))
        let last = Int64((hi / step - AxisTicks.slack).rounded(.up))
        var values: [Double] = []
        var k = first
        while k <= last {
            values.append(AxisTicks.value(k * Int64(chosen.mantissa), chosen.exponent))
            k += 1
        }
        self.values = values
        self.step = step
        self.stepExponent = chosen.exponent
    }

    /// Tolerance for binary residue such as 0.1 + 0.2 = 0.30000000000000004, which must not add a tick.
    static let slack = 1e-9

    /// `n × 10^exponent`, computed so that e.g. 3 × 10^-1 is exactly the double nearest 0.3.
    static func value(_ n: Int64, _ exponent: Int) -> Double {
        if exponent >= 0 { return Double(n) * pow10(exponent) }
        return Double(n) / pow10(-exponent)
    }

    private static func pow10(_ e: Int) -> Double {
        var x = 1.0
        for _ in 0..<min(e, 308) { x *= 10 }
        return x
    }
}

extension Double {
    /// ⌊log10(self)⌋ for positive finite values (0 otherwise), computed without `log10` rounding
    /// surprises at exact powers of ten.
    fileprivate var log10Floor: Int {
        guard self > 0, isFinite else { return 0 }
        var e = 0
        var x = self
        while x >= 10 { x /= 10; e += 1 }
        while x < 1 { x *= 10; e -= 1 }
        return e
    }
}
