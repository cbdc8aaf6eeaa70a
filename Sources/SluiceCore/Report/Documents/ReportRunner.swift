import Foundation

/// Builds every report for a window from the database alone and writes them into
/// `<reports root>/<from>_<to>/`, each file through a temporary name and a rename.
public struct ReportRunner {
    public let definition: PipelineDefinition
    public let database: Database
    public let locale: ReportLocale

    /// The one report to build, or nil for all of them (and the summary).
    public var only: ReportKind?
    /// Receives the seconds each stage took (`timeline read`, `kpi`, `funnel`, …, `write`).
    public var profile: ((String, Double) -> Void)?

    public init(definition: PipelineDefinition, database: Database, locale: ReportLocale? = nil,
                only: ReportKind? = nil, profile: ((String, Double) -> Void)? = nil) {
        self.definition = definition
        self.database = database
        self.locale = locale ?? ReportLocale(rawValue: definition.reporting.locale) ?? .zh
        self.only = only
        self.profile = profile
    }

    /// Runs `body`, reporting its seconds to `profile` as `stage`.
    func timed<T>(_ stage: String, _ body: () throws -> T) rethrows -> T {
        guard let profile else { return try body() }
        let started = DispatchTime.now().uptimeNanoseconds
        defer { profile(stage, Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9) }
        return try body()
    }

    private func wanted(_ kind: ReportKind) -> Bool { only == nil || only == kind }

    /// Every file of every report for `window`, not yet written.
    public func build(window: ReportWindow) throws -> [ReportFile] {
        startTimelineRead()
        if let only, only != .kpi {
            return try journeyReports(window: window).flatMap(\.bundle.files)
        }
        let options = KPIOptions(targets: definition.targets, anomalyThreshold: definition.reporting.anomalyThreshold)
        let (card, kpi) = try timed("kpi") {
            // The previous window and the trailing days of anomaly detection come before the window.
            let earliest = window.previous.from.adding(days: -options.anomalyTrailingDays)
            let inputs = try KPIQueries.inputs(database: database, from: earliest, to: window.to, timeZone: definition.timeZone)
            let engine = KPIEngine(inputs: inputs, timeZone: definition.timeZone)
            let card = engine.scorecard(window: window, options: options)
            return (card, try KPIReport.render(scorecard: card, engine: engine, locale: locale))
        }
        let quality = try timed("quality") {
            try QualityReport.render(try qualityFacts(), window: window, locale: locale)
        }
        var files = kpi.files + quality.files
        if only == .kpi { return files }
        let zh = locale == .zh
        var sections: [(title: String, file: String, headlines: [String]?)] = []
        for extra in try journeyReports(window: window) {
            files += extra.bundle.files
            sections.append((extra.title, extra.file, extra.bundle.headlines))
        }
        for (title, file) in [(zh ? "漏斗" : "Funnels", "funnel.md"), (zh ? "同期群" : "Cohorts", "cohort.md"),
                              (zh ? "归因" : "Attribution", "attribution.md")] where !sections.contains(where: { $0.file == file }) {
            sections.append((title, file, nil))
        }
        sections.sort { order($0.file) < order($1.file) }
        files.append(SummaryReport.render(scorecard: card, freshness: quality.headlines, sections: sections, locale: locale))
        return files
    }

    private func order(_ file: String) -> Int { ["funnel.md", "cohort.md", "attribution.md"].firstIndex(of: file) ?? 9 }

    /// Reports over the user timeline (funnels, cohorts, attribution), when configured.
    func journeyReports(window: ReportWindow) throws -> [(title: String, file: String, bundle: ReportBundle)] {
        // The aggregate content funnel needs no definition: it is written whenever content data exists
        // (alone, it needs no timeline).
        let content = wanted(.funnel) ? try timed("content funnel query") { try ContentFunnelQueries.totals(database: database, window: window) } : []
        if definition.funnels.isEmpty && definition.cohorts == nil && definition.attribution == nil && !content.isEmpty {
            return [(locale == .zh ? "漏斗" : "Funnels", "funnel.md", try FunnelReport.render(
                results: [], timelineRows: 0, content: AggregateFunnel.run(content), window: window, dataEndMillis: 0, locale: locale))]
        }
        guard needsTimeline else { return [] }
        let (timeline, dataEndMillis) = try timeline()
        var reports: [(title: String, file: String, bundle: ReportBundle)] = []
        let zh = locale == .zh
        if wanted(.funnel) && (!definition.funnels.isEmpty || !content.isEmpty) {
            reports.append((zh ? "漏斗" : "Funnels", "funnel.md", try timed("funnel") {
                try FunnelReport.render(definitions: definition.funnels, timeline: timeline, dataEndMillis: dataEndMillis,
                                        content: content, window: window, locale: locale)
            }))
        }
        if wanted(.cohort), let options = definition.cohorts {
            reports.append((zh ? "同期群" : "Cohorts", "cohort.md", try timed("cohort") {
                try CohortReport.render(options: options, timeline: timeline, dataEndMillis: dataEndMillis, window: window, locale: locale)
            }))
        }
        if wanted(.attribution), let options = definition.attribution {
            reports.append((zh ? "归因" : "Attribution", "attribution.md", try timed("attribution") {
                try AttributionReport.render(options: options, timeline: timeline, dataEndMillis: dataEndMillis, window: window,
                                             database: database, locale: locale)
            }))
        }
        return reports
    }

    /// Whether the reports asked for read the timeline.
    private var needsTimeline: Bool {
        (wanted(.funnel) && !definition.funnels.isEmpty) || (wanted(.cohort) && definition.cohorts != nil)
            || (wanted(.attribution) && definition.attribution != nil)
    }

    /// Starts reading the timeline on a connection and thread of its own, so that the read (most
    /// of it waiting on SQLite's pages) overlaps the KPI and quality queries on this connection.
    /// Only for a database file: an in-memory database is not visible to a second connection.
    private func startTimelineRead() {
        guard cache.timeline == nil, cache.prefetch == nil, needsTimeline else { return }
        let path = database.path
        guard !path.isEmpty, path != ":memory:", !path.hasPrefix("file:"), FileManager.default.fileExists(atPath: path) else { return }
        cache.prefetch = TimelinePrefetch(path: path, timeZone: definition.timeZone)
    }

    /// The user timeline, read once per runner and shared by every window and report.
    func timeline() throws -> (Timeline, Int64) {
        if let cached = cache.timeline { return cached }
        let loaded: (Timeline, Int64)
        if let prefetch = cache.prefetch {
            cache.prefetch = nil
            let (result, seconds) = try timed("timeline wait") { try prefetch.wait() }
            profile?("timeline read (own thread)", seconds)
            loaded = result
        } else {
            loaded = try timed("timeline read") { try TimelineQueries.load(database: database, timeZone: definition.timeZone) }
        }
        profile?("timeline rows", Double(loaded.0.count))
        cache.timeline = loaded
        return loaded
    }

    /// The manifest, quarantine and coverage facts (the same for every window), read once per runner.
    func qualityFacts() throws -> DataQuality {
        if let cached = cache.quality { return cached }
        let facts = try QualityQueries.collect(database: database, timeZone: definition.timeZone)
        cache.quality = facts
        return facts
    }

    private let cache = Cache()

    private final class Cache {
        var timeline: (Timeline, Int64)?
        var quality: DataQuality?
        var prefetch: TimelinePrefetch?
    }

    /// Writes every report for `window`; returns the folder and the files written.
    @discardableResult
    public func write(window: ReportWindow) throws -> (folder: String, files: [String]) {
        let folder = definition.reportsRoot + "/" + window.folderName
        AtomicFileWriter.removeLeftovers(in: folder)
        let files = try build(window: window)
        try timed("write") {
            for file in files {
                try AtomicFileWriter.write(file.data, to: try ReportPaths.resolve(root: definition.reportsRoot, relative: window.folderName + "/" + file.name))
            }
        }
        return (folder, files.map(\.name).sorted())
    }
}

/// A timeline read on its own connection and thread; `wait` returns it (or its error) and the
/// seconds the read took.
final class TimelinePrefetch: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Written by the reading thread before `done` is signalled, read after `wait` returns.
    private var result: Result<(Timeline, Int64), Error> = .failure(SluiceError(.store, "the timeline was not read"))
    private var seconds = 0.0

    init(path: String, timeZone: TimeZone) {
        let thread = Thread { [self] in
            let started = DispatchTime.now().uptimeNanoseconds
            result = Result {
                let connection = try Database(path: path)
                return try TimelineQueries.load(database: connection, timeZone: timeZone)
            }
            seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            done.signal()
        }
        thread.start()
    }

    func wait() throws -> ((Timeline, Int64), Double) {
        done.wait()
        done.signal()
        return (try result.get(), seconds)
    }
}

/// One report of a window, for building it alone (`sluice report --only`).
public enum ReportKind: String, CaseIterable, Sendable {
    /// The KPI scorecard and the data-quality report.
    case kpi
    case funnel
    case cohort
    case attribution
}

/// The windows a nightly run reports, relative to "today" in the pipeline's time zone.
public enum NightlyWindows {
    /// `yesterday`, `week_to_date` (Monday to yesterday), `month_to_date`, `last_N_days` (N days ending yesterday).
    public static func resolve(_ names: [String], today: LocalDate, timeZone: TimeZone) -> [ReportWindow] {
        let yesterday = today.adding(days: -1)
        var windows: [ReportWindow] = []
        for name in names {
            var from: LocalDate?
            switch name {
            case "yesterday": from = yesterday
            case "week_to_date": from = yesterday.adding(days: -(yesterday.isoWeekday - 1))
            case "month_to_date": from = LocalDate(year: yesterday.year, month: yesterday.month, day: 1)
            default:
                if let n = lastDays(name) { from = yesterday.adding(days: -(n - 1)) }
            }
            if let from {
                let window = ReportWindow(from: from, to: yesterday, timeZone: timeZone)
                if !windows.contains(window) { windows.append(window) }
            }
        }
        return windows
    }

    /// N of `last_N_days`, or nil.
    public static func lastDays(_ name: String) -> Int? {
        guard name.hasPrefix("last_"), name.hasSuffix("_days"), let n = Int(name.dropFirst(5).dropLast(5)), (1...3660).contains(n) else { return nil }
        return n
    }

    /// Today in `timeZone`.
    public static func today(in timeZone: TimeZone) -> LocalDate {
        LocalDate(epochMillis: Int64(Date().timeIntervalSince1970 * 1000), in: timeZone)
    }
}
