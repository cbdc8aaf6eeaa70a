import Foundation

/// Decides which report folders a command writes, and writes them, recording each in the
/// `report_outputs` ledger (see `ReportLedger` for "stale" and "current").
///
/// - `.explicit`: the windows asked for (`--from/--to`, `--date`) are always written.
/// - `.nightly`: the definition's nightly windows are written unless current (a second run on the
///   same day with no new data rewrites nothing); then every stale report whose window ended within
///   the restatement horizon (the largest `restate_days` of the sources, counted back from
///   yesterday) is rewritten, in the locale it was written in, so settled spend and late refunds
///   reach the recent daily reports without a range being given.
/// - `.stale`: exactly the stale reports (`sluice run --stale`).
public struct ReportSchedule {
    public enum Mode: Sendable, Equatable {
        case explicit([ReportWindow])
        case nightly(today: LocalDate)
        case stale
    }

    /// One report folder the schedule considered.
    public struct Item: Sendable, Equatable {
        public enum Action: String, Sendable { case write, keep }
        public var window: ReportWindow
        public var locale: ReportLocale
        public var action: Action
        /// Why: `requested`, `nightly`, `stale` (data changed since written), `restated`, `current`.
        public var reason: String
    }

    public let definition: PipelineDefinition
    public let database: Database

    public init(definition: PipelineDefinition, database: Database) {
        self.definition = definition
        self.database = database
    }

    /// How many trailing days before yesterday the nightly run re-reports when their data changed.
    public var restateHorizon: Int { definition.sources.map(\.restateDays).max() ?? 0 }

    /// The definition file's fingerprint: reports written from another definition are rewritten.
    public func definitionHash() -> String {
        (try? ContentHash.ofFile(at: definition.definitionPath)) ?? "unknown"
    }

    /// The folders to write (or keep) for `mode`; `locale` overrides the definition's for requested windows.
    public func plan(_ mode: Mode, locale: ReportLocale?) throws -> [Item] {
        let ledger = ReportLedger(database: database)
        let defaultLocale = locale ?? ReportLocale(rawValue: definition.reporting.locale) ?? .zh
        let zone = definition.timeZone
        switch mode {
        case .explicit(let windows):
            return windows.map { Item(window: $0, locale: defaultLocale, action: .write, reason: "requested") }
        case .stale:
            return try ledger.stale().map { stale in
                Item(window: ReportWindow(from: stale.entry.window.first, to: stale.entry.window.last, timeZone: zone),
                     locale: ReportLocale(rawValue: stale.entry.locale) ?? defaultLocale, action: .write, reason: "stale")
            }
        case .nightly(let today):
            let hash = definitionHash()
            var items: [Item] = []
            for window in NightlyWindows.resolve(definition.reporting.windows, today: today, timeZone: zone) {
                let current = try ledger.isCurrent(
                    folder: window.folderName, absoluteFolder: folder(for: window), window: window,
                    locale: defaultLocale.rawValue, definitionHash: hash)
                items.append(Item(window: window, locale: defaultLocale, action: current ? .keep : .write, reason: current ? "current" : "nightly"))
            }
            let horizon = today.adding(days: -1 - restateHorizon)
            for stale in try ledger.stale() where stale.entry.window.last >= horizon {
                let window = ReportWindow(from: stale.entry.window.first, to: stale.entry.window.last, timeZone: zone)
                if items.contains(where: { $0.window == window }) { continue }
                items.append(Item(window: window, locale: ReportLocale(rawValue: stale.entry.locale) ?? defaultLocale,
                                  action: .write, reason: "restated"))
            }
            return items
        }
    }

    /// The absolute folder of a window's reports.
    public func folder(for window: ReportWindow) -> String { definition.reportsRoot + "/" + window.folderName }

    /// Writes one planned folder and (unless `record` is false: a partial folder) records it in
    /// the ledger; returns the file names written.
    public func write(_ item: Item, runner: ReportRunner, runID: Int64?, record: Bool = true) throws -> [String] {
        let changeSequence = try ChangeLog(database: database).latest()
        let (_, files) = try runner.write(window: item.window)
        guard record else { return files }
        try ReportLedger(database: database).record(
            folder: item.window.folderName, window: item.window, locale: item.locale.rawValue, definitionHash: definitionHash(),
            changeSequence: changeSequence, files: files, runID: runID)
        return files
    }
}
