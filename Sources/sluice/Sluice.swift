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
        subcommands: [Run.self, Ingest.self, Status.self, Validate.self]
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

        func run() throws {
            try withExitCodes {
                let definition = try options.load()
                let database = try options.open(definition)
                let runs = RunLog(database: database)
                let runID = try runs.start(command: "ingest", pipeline: definition.name)
                let summary = try Ingestor(definition: definition, database: database, log: note)
                    .run(sources: source.isEmpty ? nil : source, force: force, runID: runID)
                try runs.finish(id: runID, summary: summary, outcome: summary.failed.isEmpty ? "ok" : "rejected_files")
                return report(summary)
            }
        }
    }

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the pipeline: ingest new and changed files, then build the outputs.",
            discussion: "Prints where the database is. Exit code 1 when some files were rejected.")

        @OptionGroup var options: PipelineOptions

        @Flag(name: .long, help: "Reload every file even when unchanged.")
        var fullRefresh = false

        func run() throws {
            try withExitCodes {
                let definition = try options.load()
                let database = try options.open(definition)
                let runs = RunLog(database: database)
                let runID = try runs.start(command: "run", pipeline: definition.name)
                let summary = try Ingestor(definition: definition, database: database, log: note)
                    .run(force: fullRefresh, runID: runID)
                try runs.finish(id: runID, summary: summary, outcome: summary.failed.isEmpty ? "ok" : "rejected_files")
                let code = report(summary)
                print("database: \(definition.databasePath)")
                return code
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
