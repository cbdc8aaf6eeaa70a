import ArgumentParser
import Foundation
import Logging
import SluiceCore

@main
struct SluiceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sluice",
        abstract: "Batch analytics for brand social-media exports: ingest, clean, store, report.",
        discussion: """
            Exit codes: 0 success; 1 completed, but some files were rejected or some source's data is \
            not fresh (use --allow-warnings to exit 0); 2 usage or pipeline-definition error; 3 another \
            run holds the database's lock; 4 internal error (I/O, database).
            """,
        version: Sluice.version,
        subcommands: [Run.self, Ingest.self, Report.self, Status.self, Validate.self]
    )
}

/// Options shared by every command that reads a pipeline definition.
struct PipelineOptions: ParsableArguments {
    @Argument(help: "The pipeline definition (YAML), e.g. pipelines/demo.yaml.")
    var pipeline: String

    @Option(name: .long, help: "Use this SQLite file instead of the definition's `database`.")
    var database: String?

    func load() throws -> PipelineDefinition {
        do {
            var definition = try DefinitionLoader.load(path: pipeline)
            if let database { definition.databasePath = URL(fileURLWithPath: database).standardizedFileURL.path }
            return definition
        } catch let error as DefinitionError {
            throw Failure(message: "the pipeline definition has \(error.problems.count) problem(s):\n" + error.description, code: 2)
        }
    }

    func open(_ definition: PipelineDefinition) throws -> Database {
        let database = try Database(path: definition.databasePath)
        try Schema.migrate(database)
        return database
    }
}

/// Options of commands that change the database.
struct RunOptions: ParsableArguments {
    @Option(name: .long, help: "Wait up to this many seconds for another run on the same database to finish (default: refuse at once, exit 3).")
    var wait: Double = 0

    @Flag(name: .long, help: "Exit 0 even when files were rejected or data is not fresh (they are still logged).")
    var allowWarnings = false
}

/// The report window: a range, one day, the stale reports, or (none of these) the nightly default.
struct WindowOptions: ParsableArguments {
    @Option(name: .long, help: "First day of the report window (YYYY-MM-DD, in the pipeline's time zone).")
    var from: String?

    @Option(name: .long, help: "Last day of the report window (inclusive).")
    var to: String?

    @Option(name: .long, help: "Report this one day.")
    var date: String?

    @Flag(name: .long, help: "Rewrite exactly the reports whose data changed since they were written (see `sluice status`).")
    var stale = false

    @Option(name: .long, help: "Take this day as today for the nightly windows (overrides the definition's `as_of`), e.g. to catch up a missed night.")
    var asOf: String?

    @Option(name: .long, help: "Report language: zh or en (default from the definition).")
    var locale: String?

    /// What to report: the explicit window, the stale reports, or the definition's nightly windows
    /// relative to `as_of` (or today).
    func mode(_ definition: PipelineDefinition) throws -> ReportSchedule.Mode {
        func day(_ text: String, _ flag: String) throws -> LocalDate {
            guard let date = LocalDate(iso: text) else { throw Failure(message: "--\(flag) must be a date like 2026-11-08, not `\(text)`", code: 2) }
            return date
        }
        if asOf != nil, stale || from != nil || to != nil || date != nil {
            throw Failure(message: "--as-of sets the nightly default; it does not combine with --from/--to, --date or --stale", code: 2)
        }
        if stale {
            if from != nil || to != nil || date != nil { throw Failure(message: "--stale takes no dates: it rewrites the reports listed as stale by `sluice status`", code: 2) }
            return .stale
        }
        if let date {
            if from != nil || to != nil { throw Failure(message: "use --date alone, or --from and --to", code: 2) }
            let d = try day(date, "date")
            return .explicit([ReportWindow(from: d, to: d, timeZone: definition.timeZone)])
        }
        switch (from, to) {
        case (let f?, let t?):
            let (a, b) = (try day(f, "from"), try day(t, "to"))
            guard a <= b else { throw Failure(message: "--from \(f) is after --to \(t)", code: 2) }
            return .explicit([ReportWindow(from: a, to: b, timeZone: definition.timeZone)])
        case (nil, nil):
            if let asOf { return .nightly(today: try day(asOf, "as-of")) }
            return .nightly(today: definition.asOf ?? NightlyWindows.today(in: definition.timeZone))
        default:
            throw Failure(message: "give both --from and --to", code: 2)
        }
    }

    func reportLocale() throws -> ReportLocale? {
        guard let locale else { return nil }
        guard let value = ReportLocale(rawValue: locale) else { throw Failure(message: "--locale must be zh or en", code: 2) }
        return value
    }
}

/// Runs a command that changes the database, under the run lock and recorded in the `runs` table:
/// optionally ingest, then write the reports the window options ask for. Returns the exit code.
func recordedRun(
    _ command: String, _ options: PipelineOptions, _ run: RunOptions, _ output: OutputOptions, windows windowOptions: WindowOptions?,
    ingest: ((Ingestor, Int64) throws -> IngestSummary)?, reportOptions: ReportOptions = ReportOptions()
) throws -> Int32 {
    let log = output.logger()
    let definition = try options.load()
    let mode = try windowOptions?.mode(definition)
    let locale = try windowOptions?.reportLocale()
    // Stop before ingesting when the reports could not be written afterwards.
    if mode != nil { try ReportPaths.checkWritable(definition.reportsRoot) }
    let invocation = ([command] + CommandLine.arguments.dropFirst(2)).joined(separator: " ")
    let lock = try RunLock(databasePath: definition.databasePath, command: invocation, wait: run.wait)
    defer { lock.release() }
    if let previous = lock.tookOverFrom {
        log.warning("took over the run lock left by \(previous), which ended without releasing it (killed?); its unfinished work was rolled back")
    }
    let database = try options.open(definition)
    let runs = RunLog(database: database)
    let interrupted = try runs.markInterrupted()
    if interrupted > 0 { log.notice("\(interrupted) earlier run(s) had been interrupted; this run completes their work") }
    var window: (from: LocalDate?, to: LocalDate?) = (nil, nil)
    switch mode {
    case .explicit(let windows)?: window = (windows.map(\.from).min(), windows.map(\.to).max())
    case .nightly(let today)?:
        let windows = NightlyWindows.resolve(definition.reporting.windows, today: today, timeZone: definition.timeZone)
        window = (windows.map(\.from).min(), windows.map(\.to).max())
    default: break
    }
    let runID = try runs.start(command: invocation, pipeline: definition.name, from: window.from, to: window.to)
    log.info("run \(runID) started: \(command) \(definition.name)", metadata: ["run_id": "\(runID)"])
    do {
        var summary: IngestSummary?
        var warnings = 0
        if let ingest {
            let ingestor = Ingestor(definition: definition, database: database) { log.info("\($0)") }
            let bar = IngestProgressBar()
            ingestor.progress = { bar.update($0) }
            let result = try ingest(ingestor, runID)
            Console.shared.clearBar()
            warnings += report(result, log: log)
            summary = result
            print("database: \(definition.databasePath)")
        }
        if case .nightly(let today)? = mode {
            for warning in try Freshness.check(definition: definition, database: database, yesterday: today.adding(days: -1)) {
                log.warning("not fresh: \(warning)")
                warnings += 1
            }
        }
        let written = try mode.map { try writeReports(definition, database, $0, locale: locale, runID: runID, options: reportOptions) } ?? 0
        let code: Int32 = warnings > 0 && !run.allowWarnings ? 1 : 0
        try runs.finish(id: runID, summary: summary, reportsWritten: written, outcome: warnings == 0 ? "ok" : "warnings")
        log.info("run \(runID) finished: \(warnings == 0 ? "ok" : "\(warnings) warning(s)")", metadata: ["run_id": "\(runID)"])
        return code
    } catch {
        Console.shared.clearBar()
        try? runs.finish(id: runID, summary: nil, outcome: "error", message: "\(error)")
        throw error
    }
}

/// Writes the reports the schedule asks for and prints where they are; returns the number of files written.
/// With `--only`, the one report asked for is written whatever the ledger says, and the folder is
/// not recorded as complete.
func writeReports(_ definition: PipelineDefinition, _ database: Database, _ mode: ReportSchedule.Mode, locale: ReportLocale?,
                  runID: Int64, options: ReportOptions = ReportOptions()) throws -> Int {
    let schedule = ReportSchedule(definition: definition, database: database)
    let items = try schedule.plan(mode, locale: locale)
    if items.isEmpty, mode == .stale { print("no stale reports") }
    var runners: [ReportLocale: ReportRunner] = [:]
    var written = 0
    for (n, item) in items.enumerated() {
        let folder = schedule.folder(for: item.window)
        let label = "\(item.window.from.iso) … \(item.window.to.iso)"
        guard item.action == .write || options.only != nil else {
            print("reports \(label): \(folder) (up to date, kept)")
            continue
        }
        Console.shared.bar("reports \(n + 1)/\(items.count): \(label) (\(item.reason))", force: true)
        var runner = runners[item.locale] ?? ReportRunner(definition: definition, database: database, locale: item.locale)
        if runners[item.locale] == nil {
            runner.only = options.only
            if options.profile {
                runner.profile = { stage, value in
                    note(stage == "timeline rows" ? "profile report: timeline rows \(Int(value))" : "profile report: \(stage) \(String(format: "%.3f", value)) s")
                }
            }
            runners[item.locale] = runner
        }
        let started = DispatchTime.now().uptimeNanoseconds
        let files = try schedule.write(item, runner: runner, runID: runID, record: options.only == nil)
        if options.profile {
            note("profile report \(label): wall \(String(format: "%.3f", Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)) s")
        }
        Console.shared.clearBar()
        written += files.count
        print("reports \(label): \(folder) (\(files.count) files\(item.reason == "nightly" || item.reason == "requested" ? "" : ", \(item.reason)"))")
    }
    return written
}

/// `sluice report --only` and `--profile`.
struct ReportOptions {
    var only: ReportKind?
    var profile = false
}

/// An error that ends the command with a message and an exit code.
struct Failure: Error, CustomStringConvertible {
    var message: String
    var code: Int32
    var description: String { message }
}

/// Prints to standard error.
func note(_ text: String) {
    Console.shared.line(text)
}

/// Runs a command body, mapping errors onto the documented exit codes.
func withExitCodes(_ body: () throws -> Int32) throws {
    let code: Int32
    do {
        code = try body()
    } catch let failure as Failure {
        note("error: " + failure.message)
        code = failure.code
    } catch let error as SluiceError {
        note("error: \(error)")
        switch error.kind {
        case .usage, .definition: code = 2
        case .lock: code = 3
        default: code = 4
        }
    } catch let error as DefinitionError {
        note("error: \(error)")
        code = 2
    }
    if code != 0 { throw ExitCode(code) }
}

/// Prints the per-file outcome of an ingest and returns how many warnings it implies (rejected files).
func report(_ summary: IngestSummary, log: Logger) -> Int {
    let loaded = summary.loaded.count, unchanged = summary.files.filter { $0.status == .unchanged }.count
    print("files: \(loaded) loaded, \(unchanged) unchanged, \(summary.failed.count) failed; rows: \(summary.rowsLoaded) loaded, \(summary.rowsQuarantined) quarantined")
    if summary.cumulative.corrections > 0 {
        print("note: \(summary.cumulative.corrections) day(s) with negative differences in cumulative counters were kept as corrections")
    }
    for failed in summary.failed { log.error("rejected file: \(failed.error ?? failed.path)") }
    return summary.failed.count
}

extension SluiceCommand {
    struct Ingest: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load new and changed export files into the database.",
            discussion: """
                Files already loaded with the same content are skipped. A file whose content changed \
                replaces the rows it loaded before. A failed file is retried on the next run.
                """)

        @OptionGroup var options: PipelineOptions
        @OptionGroup var runOptions: RunOptions
        @OptionGroup var output: OutputOptions

        @Option(name: .long, help: "Only this source (repeatable).")
        var source: [String] = []

        @Flag(name: .long, help: "Reload every file even when unchanged.")
        var force = false

        @Flag(name: .long, help: "Print where each loaded file's time went (decompress, parse, clean, insert, commit) to standard error.")
        var profile = false

        func run() throws {
            try withExitCodes {
                try recordedRun("ingest", options, runOptions, output, windows: nil) { ingestor, runID in
                    ingestor.profile = profile
                    return try ingestor.run(sources: source.isEmpty ? nil : source, force: force, runID: runID)
                }
            }
        }
    }

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the pipeline: ingest new and changed files, then write the reports.",
            discussion: """
                With no dates, reports the definition's nightly windows (default: yesterday, week to date and \
                month to date, relative to `as_of` or today in the pipeline's time zone). Prints where the \
                database and the reports are. Exit code 1 when some files were rejected.
                """)

        @OptionGroup var options: PipelineOptions
        @OptionGroup var window: WindowOptions
        @OptionGroup var runOptions: RunOptions
        @OptionGroup var output: OutputOptions

        @Flag(name: .long, help: "Reload every file and rebuild derived tables, even when unchanged.")
        var fullRefresh = false

        func run() throws {
            try withExitCodes {
                try recordedRun("run", options, runOptions, output, windows: window) { ingestor, runID in
                    try ingestor.run(force: fullRefresh, runID: runID)
                }
            }
        }
    }

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the reports for a window from the database alone.",
            discussion: """
                Writes summary.md, kpi.md/.csv, kpi_daily.csv, quality.md/.csv and charts into \
                <reports>/<from>_<to>/. The same database and window always give byte-identical files.
                """)

        @OptionGroup var options: PipelineOptions
        @OptionGroup var window: WindowOptions
        @OptionGroup var runOptions: RunOptions
        @OptionGroup var output: OutputOptions

        @Option(name: .long, help: "Write only this report: kpi (with quality), funnel, cohort or attribution; no summary.")
        var only: String?

        @Flag(name: .long, help: "Print the seconds spent reading the timeline, building each report and writing, to standard error.")
        var profile = false

        func run() throws {
            try withExitCodes {
                var kind: ReportKind?
                if let only {
                    guard let k = ReportKind(rawValue: only) else {
                        throw Failure(message: "--only must be one of \(ReportKind.allCases.map(\.rawValue).joined(separator: ", ")), not `\(only)`", code: 2)
                    }
                    kind = k
                }
                return try recordedRun("report", options, runOptions, output, windows: window, ingest: nil,
                                       reportOptions: ReportOptions(only: kind, profile: profile))
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show table sizes, date coverage, per-file counts, quarantine and recent runs.")

        @OptionGroup var options: PipelineOptions

        func run() throws {
            try withExitCodes {
                let definition = try options.load()
                guard FileManager.default.fileExists(atPath: definition.databasePath) else {
                    print("no database yet at \(definition.databasePath); run `sluice run \(options.pipeline)` first")
                    return 0
                }
                print(try StatusReport.text(definition: definition, database: try options.open(definition)))
                return 0
            }
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a pipeline definition and list every problem with its YAML line.",
            discussion: "Also says how many files each source's glob matches now.")

        @OptionGroup var options: PipelineOptions

        func run() throws {
            try withExitCodes {
                let definition = try options.load()
                print("\(options.pipeline): valid; \(definition.sources.count) source(s), time zone \(definition.timeZone.identifier)")
                for source in definition.sources {
                    let count = (try? FileDiscovery.files(matching: source.files, under: definition.inputRoot).count) ?? 0
                    print("  \(source.name): \(source.record.rawValue) from \(source.files) (\(count) file(s) now)")
                }
                return 0
            }
        }
    }
}
