/// How a chart prints its values: on axis ticks and in data labels (bar ends, heatmap cells).
///
/// - `.count`: whole numbers; data labels exact below 10,000 (`9,999`), compact from 10,000
///   (`1.2万` / `12.3K`); axis ticks share one unit per axis (`0, 20万, 40万` / `0, 0.2M, 0.4M`).
/// - `.decimal(places:)`: like `.count` with `places` decimals below 10,000 (money in yuan, ROI).
/// - `.percent`: values are fractions (`0.285`) printed as percentages (`28.5%`).
public struct ChartValueStyle: Sendable, Equatable {
    enum Kind: Sendable, Equatable { case number, percent }

    let kind: Kind
    let places: Int

    public static let count = ChartValueStyle(kind: .number, places: 0)
    public static let percent = ChartValueStyle(kind: .percent, places: 1)
    public static func decimal(places: Int) -> ChartValueStyle {
        ChartValueStyle(kind: .number, places: max(0, min(places, 6)))
    }

    /// A data label for `value`.
    func label(_ value: Double, _ locale: ReportLocale) -> String {
        let format = NumberFormat(locale)
        switch kind {
        case .percent:
            return format.percent(value, places: places)
        case .number:
            guard value.isFinite else { return NumberFormat.notAvailable }
            let magnitude = value.magnitude
            if magnitude >= 10_000, magnitude < 9e18 {
                let text = format.compactText(UInt64(magnitude.rounded()), unit: 1)
                return value < 0 ? "-" + text : text
            }
            return format.decimal(value, places: places)
        }
    }

    /// One label per tick, with one unit and one number of decimals for the whole axis.
    func tickLabels(_ ticks: AxisTicks, _ locale: ReportLocale) -> [String] {
        switch kind {
        case .percent:
            let decimals = max(0, -(ticks.stepExponent + 2))
            return ticks.values.map { v in
                v == 0 ? "0%" : DecimalText.grouped(DecimalText.fixed(v * 100, places: decimals) ?? "") + "%"
            }
        case .number:
            let largest = ticks.values.map(\.magnitude).max() ?? 0
            let units: [(exponent: Int, suffix: String)] =
                locale == .zh ? [(8, "亿"), (4, "万")] : [(9, "B"), (6, "M"), (3, "K")]
            let threshold: Double = 10_000
            var unit: (exponent: Int, suffix: String) = (0, "")
            if largest >= threshold {
                for candidate in units where largest >= AxisTicks.value(1, candidate.exponent) {
                    unit = candidate
                    break
                }
            }
            let divisor = AxisTicks.value(1, unit.exponent)
            let decimals = max(0, unit.exponent - ticks.stepExponent)
            return ticks.values.map { v in
                if v == 0 { return "0" }
                return DecimalText.grouped(DecimalText.fixed(v / divisor, places: decimals) ?? "") + unit.suffix
            }
        }
    }
}
