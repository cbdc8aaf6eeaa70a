/// One calendar period (a day, an ISO week or a month), numbered consecutively.
public struct CohortPeriod: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let unit: CohortPeriodUnit
    /// Day: days since 1970-01-01; week: weeks since the week of Monday 1970-01-05 (index 0);
    /// month: year × 12 + month − 1.
    public let index: Int

    public init(unit: CohortPeriodUnit, index: Int) {
        self.unit = unit
        self.index = index
    }

    /// The period containing `date`.
    public init(unit: CohortPeriodUnit, containing date: LocalDate) {
        self.init(unit: unit, index: Self.index(unit: unit, dayNumber: date.dayNumber))
    }

    /// Index of the period of `unit` containing day number `day`.
    @inline(__always)
    static func index(unit: CohortPeriodUnit, dayNumber day: Int) -> Int {
        switch unit {
        case .day: return day
        case .week: return floorDiv(day - 4, 7)  // 1970-01-05 (day 4) was a Monday
        case .month:
            let date = LocalDate(dayNumber: day)
            return date.year * 12 + date.month - 1
        }
    }

    @inline(__always) static func floorDiv(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// First day of the period.
    public var start: LocalDate {
        switch unit {
        case .day: return LocalDate(dayNumber: index)
        case .week: return LocalDate(dayNumber: 4 + 7 * index)
        case .month:
            let year = Self.floorDiv(index, 12)
            return LocalDate(year: year, month: index - year * 12 + 1, day: 1) ?? LocalDate(dayNumber: 0)
        }
    }

    /// Last day of the period (inclusive).
    public var end: LocalDate { adding(1).start.adding(days: -1) }

    /// The period `k` periods later.
    public func adding(_ k: Int) -> CohortPeriod { CohortPeriod(unit: unit, index: index + k) }

    /// `2024-03-05` for a day, the ISO week `2024-W10` for a week, `2024-03` for a month.
    public var label: String {
        switch unit {
        case .day: return start.iso
        case .month: return String(start.iso.prefix(7))
        case .week:
            let thursday = start.adding(days: 3)
            let jan1 = LocalDate(year: thursday.year, month: 1, day: 1)?.dayNumber ?? thursday.dayNumber
            let week = (thursday.dayNumber - jan1) / 7 + 1
            return "\(thursday.year)-W" + (week < 10 ? "0\(week)" : "\(week)")
        }
    }

    public var description: String { label }

    public static func < (a: CohortPeriod, b: CohortPeriod) -> Bool { a.index < b.index }
}
