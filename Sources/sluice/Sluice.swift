import ArgumentParser
import Foundation
import SluiceCore

@main
struct SluiceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sluice",
        abstract: "Batch analytics for brand social-media exports: ingest, clean, store, report.",
        discussion: """
            Exit codes: 0 success; 1 completed, but some files were rejected; 2 usage or \
            pipeline-definition error; 4 internal error.
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

/// The report window: a range, one day, or (neither) the nightly default.
struct WindowOptions: ParsableArguments {
    @Option(name: .long, help: "First day of the report window (YYYY-MM-DD, in the pipeline's time zone).")
    var from: String?

    @Option(name: .long, help: "Last day of the report window (inclusive).")
    var to: String?

    @Option(name: .long, help: "Report this one day.")
    var date: String?

    @Option(name: .long, help: "Report language: zh or en (default from the definition).")
    var locale: String?

    /// The windows asked for: the explicit one, or the definition's nightly windows relative to `as_of` (or today).
    func windows(_ definition: PipelineDefinition) throws -> [ReportWindow] {
        func day(_ text: String, _ flag: String) throws -> LocalDate {
            guard let date = LocalDate(iso: text) else { throw Failure(message: "--\(flag) must be a date like 2026-11-08, not `\(text)`", code: 2) }
            return date
        }
        if let date {
            if from != nil || to != nil { throw Failure(message: "use --date alone, or --from and --to", code: 2) }
            let d = try day(date, "date")
            return [ReportWindow(from: d, to: d, timeZone: definition.timeZone)]
        }
        switch (from, to) {
        case (let f?, let t?):
            let (a, b) = (try day(f, "from"), try day(t, "to"))
            guard a <= b else { throw Failure(message: "--from \(f) is after --to \(t)", code: 2) }
            return [ReportWindow(from: a, to: b, timeZone: definition.timeZone)]
        case (nil, nil):
            let today = definition.asOf ?? NightlyWindows.today(in: definition.timeZone)
            return NightlyWindows.resolve(definition.reporting.windows, today: today, timeZone: definition.timeZone)
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

/// Runs a command that changes the database, recorded in the `runs` table: optionally ingest, then
/// write the reports of the requested windows. Returns the exit code.
func recordedRun(
    _ command: String, _ options: PipelineOptions, windows windowOptions: WindowOptions?,
    ingest: ((Ingestor, Int64) throws -> IngestSummary)?, reportOptions: ReportOptions = ReportOptions()
) throws -> Int32 {
    let definition = try options.load()
    let windows = try windowOptions?.windows(definition) ?? []
    let locale = try windowOptions?.reportLocale()
    let database = try options.open(definition)
    let runs = RunLog(database: database)
    let runID = try runs.start(command: command, pipeline: definition.name, from: windows.map(\.from).min(), to: windows.map(\.to).max())
    do {
        var summary: IngestSummary?
        var code: Int32 = 0
        if let ingest {
            let result = try ingest(Ingestor(definition: definition, database: database, log: note), runID)
            code = report(result)
            summary = result
            print("database: \(definition.databasePath)")
        }
        let written = try writeReports(definition, database, windows, locale: locale, options: reportOptions)
        try runs.finish(id: runID, summary: summary, reportsWritten: written, outcome: code == 0 ? "ok" : "rejected_files")
        return code
    } catch {
        try? runs.finish(id: runID, summary: nil, outcome: "error", message: "\(error)")
        throw error
    }
}

/// Writes the reports of each window and prints where they are.
func writeReports(_ definition: PipelineDefinition, _ database: Database, _ windows: [ReportWindow], locale: ReportLocale?,
                  options: ReportOptions = ReportOptions()) throws -> Int {
    var runner = ReportRunner(definition: definition, database: database, locale: locale)
    runner.only = options.only
    if options.profile {
        runner.profile = { stage, value in
            note(stage == "timeline rows" ? "profile report: timeline rows \(Int(value))" : "profile report: \(stage) \(String(format: "%.3f", value)) s")
        }
    }
    var written = 0
    for window in windows {
        let started = DispatchTime.now().uptimeNanoseconds
        let (folder, files) = try runner.write(window: window)
        if options.profile {
            note("profile report \(window.from.iso) … \(window.to.iso): wall \(String(format: "%.3f", Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)) s")
        }
        written += files.count
        print("reports \(window.from.iso) … \(window.to.iso): \(folder) (\(files.count) files)")
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
    FileHandle.standardError.write(Data((text + "\n").utf8))
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
        code = error.kind == .usage || error.kind == .definition ? 2 : 4
    } catch let error as DefinitionError {
        note("error: \(error)")
        code = 2
    }
    if code != 0 { throw ExitCode(code) }
}

/// Prints the per-file outcome of an ingest and returns the exit code it implies.
func report(_ summary: IngestSummary) -> Int32 {
    let loaded = summary.loaded.count, unchanged = summary.files.filter { $0.status == .unchanged }.count
    print("files: \(loaded) loaded, \(unchanged) unchanged, \(summary.failed.count) failed; rows: \(summary.rowsLoaded) loaded, \(summary.rowsQuarantined) quarantined")
    if summary.cumulative.corrections > 0 {
        print("note: \(summary.cumulative.corrections) day(s) with negative differences in cumulative counters were kept as corrections")
    }
    for failed in summary.failed { note("rejected file: \(failed.error ?? failed.path)") }
    return summary.failed.isEmpty ? 0 : 1
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

        @Option(name: .long, help: "Only this source (repeatable).")
        var source: [String] = []

        @Flag(name: .long, help: "Reload every file even when unchanged.")
        var force = false

        @Flag(name: .long, help: "Print where each loaded file's time went (decompress, parse, clean, insert, commit) to standard error.")
        var profile = false

        func run() throws {
            try withExitCodes {
                try recordedRun("ingest", options, windows: nil) { ingestor, runID in
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

        @Flag(name: .long, help: "Reload every file and rebuild derived tables, even when unchanged.")
        var fullRefresh = false

        func run() throws {
            try withExitCodes {
                try recordedRun("run", options, windows: window) { ingestor, runID in
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
                return try recordedRun("report", options, windows: window, ingest: nil,
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
