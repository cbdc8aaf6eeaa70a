import Foundation

/// What acquisition and buyer cohorts share: the cohorts of the window, the periods k = 0...N after
/// each, which cells the data end has fully observed, and a fast instant → period lookup.
struct CohortFrame {
    let unit: CohortPeriodUnit
    /// N: cells k = 0...N.
    let periods: Int
    /// The first cohort whose start falls in the window.
    let firstCohort: CohortPeriod
    /// Number of cohorts whose start falls in the window (may be 0).
    let cohortCount: Int
    let dataEndMillis: Int64
    private let dayIndex: LocalDayIndex
    /// For period firstCohort + i (i = 0 ..< cohortCount + periods), whether it ends by the data end.
    private let periodObserved: [Bool]

    init(timeline: Timeline, window: ReportWindow, options: CohortOptions, dataEndMillis: Int64) {
        unit = options.period
        periods = max(0, options.periods)
        self.dataEndMillis = dataEndMillis
        var first = CohortPeriod(unit: unit, containing: window.from)
        if first.start < window.from { first = first.adding(1) }
        let last = CohortPeriod(unit: unit, containing: window.to)
        firstCohort = first
        cohortCount = max(0, last.index - first.index + 1)
        var earliest = window.startMillis
        for range in timeline.userRanges { earliest = min(earliest, timeline.time[range.lowerBound]) }
        dayIndex = LocalDayIndex(timeZone: window.timeZone, fromMillis: earliest,
                                 toMillis: max(dataEndMillis, window.endMillis))
        periodObserved = (0..<(cohortCount + periods)).map { i in
            first.adding(i + 1).start.startEpochMillis(in: window.timeZone) <= dataEndMillis
        }
    }

    /// Index of the period containing the instant.
    @inline(__always)
    func periodIndex(_ millis: Int64) -> Int {
        CohortPeriod.index(unit: unit, dayNumber: dayIndex.dayNumber(millis))
    }

    /// Cohort number (0 ..< cohortCount) of a period index, or nil when its start is outside the window.
    @inline(__always)
    func cohort(ofPeriod index: Int) -> Int? {
        let c = index - firstCohort.index
        return c >= 0 && c < cohortCount ? c : nil
    }

    /// Whether period k of cohort c has ended by the data end.
    func observed(cohort c: Int, k: Int) -> Bool { periodObserved[c + k] }

    func period(cohort c: Int) -> CohortPeriod { firstCohort.adding(c) }
}
