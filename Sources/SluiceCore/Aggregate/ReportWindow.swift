import Foundation

/// The calendar days `[from, to]` (inclusive) a report covers, in the pipeline's time zone.
public struct ReportWindow: Sendable, Equatable {
    public var from: LocalDate
    public var to: LocalDate
    public var timeZone: TimeZone

    public init(from: LocalDate, to: LocalDate, timeZone: TimeZone) {
        self.from = from
        self.to = to
        self.timeZone = timeZone
    }

    /// Number of days in the window.
    public var dayCount: Int { to.dayNumber - from.dayNumber + 1 }

    /// Every day of the window, in order.
    public var days: [LocalDate] { (0..<max(0, dayCount)).map { from.adding(days: $0) } }

    /// The instant the window starts (UTC epoch ms, inclusive).
    public var startMillis: Int64 { from.startEpochMillis(in: timeZone) }

    /// The instant after the window ends (UTC epoch ms, exclusive): the start of the day after `to`.
    public var endMillis: Int64 { to.adding(days: 1).startEpochMillis(in: timeZone) }

    /// Whether the instant falls inside the window.
    public func contains(millis: Int64) -> Bool { millis >= startMillis && millis < endMillis }

    /// The window of equal length that ends the day before this one starts.
    public var previous: ReportWindow {
        ReportWindow(from: from.adding(days: -dayCount), to: from.adding(days: -1), timeZone: timeZone)
    }

    /// `from_to`, the name of the window's report folder.
    public var folderName: String { "\(from.iso)_\(to.iso)" }
}
