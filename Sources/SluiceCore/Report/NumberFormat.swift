/// Numbers for prose and Markdown tables, by locale. CSV files never use this (they carry exact
/// values, see `CSVCell`); charts use it for data labels.
///
/// Conventions (the same in every report):
///
/// | value | `.zh` | `.en` |
/// |---|---|---|
/// | count 9,999 / 12,345 / 100,000,000 | `9,999` / `1.2万` / `1.0亿` | `9,999` / `12.3K` / `100.0M` |
/// | money from fen 123,450 / 1,200,000 | `¥1,234.50` / `¥1.2万` | `¥1,234.50` / `¥12.0K` |
/// | percent 0.285 | `28.5%` | `28.5%` |
/// | percentage-point change 0.012 | `+1.2个百分点` | `+1.2 pp` |
/// | percent change 0.123 | `+12.3%` | `+12.3%` |
/// | ratio 4.2 (ROI) | `4.2 : 1` | `4.2 : 1` |
/// | duration 12,345 ms / 65,000 ms / 3,720,000 ms | `12.3秒` / `1分05秒` / `1小时02分` | `12.3 s` / `1 m 05 s` / `1 h 02 m` |
/// | nil, NaN or infinite | `n/a` | `n/a` |
///
/// - Below 10,000 counts and amounts are exact with `,` between thousands in both locales. From
///   10,000 they are compact with one decimal: 万 and 亿 in `.zh`; K, M and B in `.en` (a value
///   that would round up to the next unit's threshold moves to that unit: 99,999,999 → `1.0亿`).
///   Compact forms round half away from zero, in exact integer arithmetic. Pass `compact: false`
///   for the exact value.
/// - A missing value (a rate with a zero denominator) prints `n/a` in both locales, so it can't be
///   mistaken for a Chinese word of a different meaning or for zero.
/// - Changes carry an explicit `+` when positive; a value that rounds to zero carries no sign.
public struct NumberFormat: Sendable, Equatable {
    /// What every formatter prints for a missing value, in both locales.
    public static let notAvailable = "n/a"

    public var locale: ReportLocale

    public init(_ locale: ReportLocale) {
        self.locale = locale
    }

    /// A count: `12345` → `1.2万` / `12.3K`; `1234` → `1,234`. `signed` adds `+` to positive values.
    public func count<T: BinaryInteger>(_ n: T?, compact: Bool = true, signed: Bool = false) -> String {
        guard let n else { return Self.notAvailable }
        let value = Int64(clamping: n)
        let magnitude = value.magnitude
        var text: String
        if !compact || magnitude < 10_000 {
            text = DecimalText.grouped(String(magnitude))
        } else {
            text = compactText(magnitude, unit: 1)
        }
        if value < 0 { text = "-" + text }
        return signed ? DecimalText.signed(text) : text
    }

    /// An amount of money from integer fen, in yuan: `123450` → `¥1,234.50`; `1200000` →
    /// `¥1.2万` / `¥12.0K`; negative amounts print `-¥…`. No floating point is involved.
    public func money(fen: Int64?, compact: Bool = true, signed: Bool = false) -> String {
        guard let fen else { return Self.notAvailable }
        let magnitude = fen.magnitude
        var text: String
        if !compact || magnitude < 1_000_000 {
            text = "¥" + DecimalText.grouped(DecimalText.yuan(fen: Int64(clamping: magnitude)))
        } else {
            text = "¥" + compactText(magnitude, unit: 100)
        }
        if fen < 0 { text = "-" + text }
        return signed && fen > 0 ? "+" + text : text
    }

    /// A plain decimal with `places` decimals and `,` between thousands: `8.66` → `8.7`.
    public func decimal(_ x: Double?, places: Int = 1, signed: Bool = false) -> String {
        guard let x, let text = DecimalText.fixed(x, places: places) else { return Self.notAvailable }
        let grouped = DecimalText.grouped(text)
        return signed ? DecimalText.signed(grouped) : grouped
    }

    /// A fraction as a percentage: `0.285` → `28.5%`.
    public func percent(_ ratio: Double?, places: Int = 1) -> String {
        guard let ratio, let text = DecimalText.fixed(ratio * 100, places: places) else { return Self.notAvailable }
        return DecimalText.grouped(text) + "%"
    }

    /// The difference of two rates, in percentage points: `0.012` → `+1.2个百分点` / `+1.2 pp`.
    public func percentagePointChange(_ difference: Double?, places: Int = 1) -> String {
        guard let difference, let text = DecimalText.fixed(difference * 100, places: places) else {
            return Self.notAvailable
        }
        return DecimalText.signed(text) + (locale == .zh ? "个百分点" : " pp")
    }

    /// A relative change as a signed percentage: `0.123` → `+12.3%` (pass `(new − old) / old`;
    /// nil when `old` is zero).
    public func percentChange(_ relative: Double?, places: Int = 1) -> String {
        guard let relative, let text = DecimalText.fixed(relative * 100, places: places) else {
            return Self.notAvailable
        }
        return DecimalText.signed(DecimalText.grouped(text)) + "%"
    }

    /// A ratio against one: `4.2` → `4.2 : 1` (ROI as revenue per 1 yuan spent).
    public func ratio(_ x: Double?, places: Int = 1) -> String {
        guard let x, let text = DecimalText.fixed(x, places: places) else { return Self.notAvailable }
        return DecimalText.grouped(text) + " : 1"
    }

    /// A duration from milliseconds: under a minute with tenths of a second (`12.3秒` / `12.3 s`),
    /// under an hour as minutes and seconds (`1分05秒` / `1 m 05 s`), else hours and minutes
    /// (`1小时02分` / `1 h 02 m`). Each form rounds half up.
    public func duration(ms: Int64?) -> String {
        guard let ms else { return Self.notAvailable }
        let magnitude = ms.magnitude
        let zh = locale == .zh
        var text: String
        let tenths = DecimalText.roundedQuotient(magnitude, 100)
        if tenths < 600 {
            text = DecimalText.tenths(tenths) + (zh ? "秒" : " s")
        } else {
            let seconds = DecimalText.roundedQuotient(magnitude, 1000)
            if seconds < 3600 {
                let m = String(seconds / 60), s = twoDigits(seconds % 60)
                text = zh ? "\(m)分\(s)秒" : "\(m) m \(s) s"
            } else {
                let minutes = DecimalText.roundedQuotient(magnitude, 60_000)
                let h = String(minutes / 60), m = twoDigits(minutes % 60)
                text = zh ? "\(h)小时\(m)分" : "\(h) h \(m) m"
            }
        }
        return ms < 0 && magnitude > 0 ? "-" + text : text
    }

    // MARK: - Compact forms

    /// `magnitude` (in units of `unit`, e.g. 100 fen per yuan) as `1.2万` / `12.3K`, for magnitudes
    /// of at least 10,000 units.
    func compactText(_ magnitude: UInt64, unit: UInt64) -> String {
        // Each step: (divisor of one tenth of the suffix, in units; suffix). Ascending.
        let steps: [(tenth: UInt64, suffix: String)] =
            locale == .zh
            ? [(1_000, "万"), (10_000_000, "亿")]
            : [(100, "K"), (100_000, "M"), (100_000_000, "B")]
        var chosen = 0
        for (i, step) in steps.enumerated() {
            // The next suffix starts where this one's value would reach its own size (万→亿: 10000.0万).
            let threshold = i + 1 < steps.count ? steps[i + 1].tenth * 10 : UInt64.max
            chosen = i
            let tenths = DecimalText.roundedQuotient(magnitude, step.tenth * unit)
            if threshold == UInt64.max || tenths * step.tenth < threshold { break }
        }
        let step = steps[chosen]
        let tenths = DecimalText.roundedQuotient(magnitude, step.tenth * unit)
        let number = DecimalText.tenths(tenths)
        return (locale == .zh ? number : DecimalText.grouped(number)) + step.suffix
    }

    private func twoDigits(_ n: UInt64) -> String { n < 10 ? "0" + String(n) : String(n) }
}
