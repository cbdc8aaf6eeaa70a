import Foundation
import Testing
@testable import SluiceCore

@Suite("Nightly job, end to end", .serialized)
struct NightlyJobTests {
    /// Runs `sluice` in `dir`, expecting `code`.
    @discardableResult
    func sluice(_ arguments: [String], in dir: TemporaryDirectory, expect code: Int32 = 0,
                sourceLocation: SourceLocation = #_sourceLocation) throws -> SluiceProcess.Result {
        let result = try SluiceProcess.run(arguments, in: dir.path)
        #expect(result.code == code, "sluice \(arguments.joined(separator: " ")): \(result.stderr)", sourceLocation: sourceLocation)
        return result
    }

    /// Three nights of arrivals (restated spend, a refund, a late file), then `--stale`, against
    /// one full run over the same files: the same tables, and every report the nights wrote equal
    /// to the same report written fresh from the full database. Across a year boundary in
    /// Shanghai, and across a month boundary and the end of daylight saving time in New York.
    @Test(arguments: [("Asia/Shanghai", "2026-12-31"), ("America/New_York", "2026-11-01")])
    func threeNightsEqualOneFullRun(zone: String, firstToday: String) throws {
        let first = try #require(LocalDate(iso: firstToday))
        let simulation = NightlySimulation(zone: zone, firstToday: first, restateDays: 1)
        let nightly = try TemporaryDirectory(), full = try TemporaryDirectory()
        for dir in [nightly, full] { try dir.write("simulation.yaml", simulation.definition) }

        var outputs: [String] = []
        for night in 1...3 {
            for (path, text) in simulation.arrivals(night: night) { try nightly.write("inbox/" + path, text) }
            let today = first.adding(days: night - 1)
            outputs.append(try sluice(["run", "simulation.yaml", "--as-of", today.iso], in: nightly).stdout)
        }
        let day1 = first.adding(days: -1).iso, day2 = first.iso, day3 = first.adding(days: 1).iso
        // Night 2's export settled night 1's provisional spend: within restate_days, so night 2
        // rewrote night 1's report without being asked.
        #expect(outputs[1].contains("\(day1)_\(day1) (") && outputs[1].contains("restated"), "\(outputs[1])")
        #expect(FileManager.default.fileExists(atPath: nightly.path + "/reports/\(day3)_\(day3)/kpi.md"))

        // Night 3's late file (for a day before every report) makes every earlier report stale;
        // night 2's were restated, night 1's (beyond restate_days) are listed for --stale.
        let status = try sluice(["status", "simulation.yaml"], in: nightly).stdout
        #expect(status.contains("Stale reports"), "\(status)")
        #expect(status.contains("\(day1)_\(day1)"))
        #expect(!status.contains("  \(day2)_\(day2)  ("), "\(status)")

        // The same night again: nothing to do, every report kept, nothing changes.
        let before = PipelineSnapshot.files(nightly.path + "/reports")
        let again = try sluice(["run", "simulation.yaml", "--as-of", first.adding(days: 2).iso], in: nightly).stdout
        #expect(again.contains("files: 0 loaded"), "\(again)")
        #expect(!again.contains(" files)") && !again.contains(" files, "), "\(again)")
        #expect(PipelineSnapshot.files(nightly.path + "/reports") == before)

        let rewritten = try sluice(["run", "simulation.yaml", "--stale"], in: nightly).stdout
        #expect(rewritten.contains("\(day1)_\(day1) (") && rewritten.contains("stale"), "\(rewritten)")
        #expect(try sluice(["status", "simulation.yaml"], in: nightly).stdout.contains("none stale"))
        #expect(try sluice(["run", "simulation.yaml", "--stale"], in: nightly).stdout.contains("no stale reports"))

        // One full run over every file.
        for night in 1...3 {
            for (path, text) in simulation.arrivals(night: night) { try full.write("inbox/" + path, text) }
        }
        try sluice(["run", "simulation.yaml", "--as-of", first.adding(days: 2).iso], in: full)
        let nightlyTables = try PipelineSnapshot.tables(nightly.path + "/db/simulation.sqlite")
        let fullTables = try PipelineSnapshot.tables(full.path + "/db/simulation.sqlite")
        #expect(nightlyTables == fullTables)
        #expect(nightlyTables["orders"]?.contains { $0.hasPrefix("o-\(day1)-3|") && $0.contains("|refunded|") } == true)
        #expect(nightlyTables["spend_daily"]?.count == 2 * 5)

        // Every report folder the nights wrote equals a fresh one from the full database.
        let folders = try FileManager.default.contentsOfDirectory(atPath: nightly.path + "/reports").sorted()
        #expect(folders.count >= 6)
        for folder in folders {
            let parts = folder.split(separator: "_").map(String.init)
            try #require(parts.count == 2)
            try sluice(["report", "simulation.yaml", "--from", parts[0], "--to", parts[1]], in: full)
            let mine = PipelineSnapshot.files(nightly.path + "/reports/" + folder)
            let fresh = PipelineSnapshot.files(full.path + "/reports/" + folder)
            #expect(mine.keys.sorted() == fresh.keys.sorted(), "\(folder)")
            for (name, data) in mine where fresh[name] != data { Issue.record("\(folder)/\(name) differs from a fresh report") }
        }

        if zone == "America/New_York" {
            // 2026-11-01 is 25 hours long in New York: 00:00:30 is EDT (UTC-4), 23:59:30 is EST (UTC-5).
            let database = try Database(path: nightly.path + "/db/simulation.sqlite")
            let at = { (id: String) in try database.scalar("SELECT occurred_at FROM events WHERE event_id = ?", [.text(id)])?.int }
            #expect(try at("e-2026-11-01-u001-v") == 1_793_505_630_000)  // 2026-11-01T04:00:30Z
            #expect(try at("e-2026-11-01-u002-v") == 1_793_595_570_000)  // 2026-11-02T04:59:30Z
        }
    }

    /// A source whose newest data is older than the nightly window needs is a warning (exit 1),
    /// named with the day it reaches; `--allow-warnings` exits 0; `freshness_days` allows a lag.
    /// Logs in JSON are one object per line with the run id.
    @Test func staleSourcesAreWarningsAndJSONLogsParse() throws {
        let first = try #require(LocalDate(iso: "2026-11-10"))
        let simulation = NightlySimulation(zone: "Asia/Shanghai", firstToday: first, restateDays: 3)
        let dir = try TemporaryDirectory()
        try dir.write("simulation.yaml", simulation.definition)
        for (path, text) in simulation.arrivals(night: 1) { try dir.write("inbox/" + path, text) }
        // Two nights later, nothing new has arrived: data reaches 11-09, the reports need 11-11.
        let late = try sluice(["run", "simulation.yaml", "--as-of", "2026-11-12", "--log-format", "json"], in: dir, expect: 1)
        let lines = late.stderr.split(separator: "\n").map(String.init)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["level"] != nil && object?["message"] != nil && object?["time"] != nil, "\(line)")
        }
        let warnings = lines.filter { $0.contains("not fresh") }
        #expect(warnings.count == 3, "\(late.stderr)")
        #expect(warnings.allSatisfy { $0.contains("2026-11-09") && $0.contains("2026-11-11") && $0.contains("freshness_days") }, "\(warnings)")
        try sluice(["run", "simulation.yaml", "--as-of", "2026-11-12", "--allow-warnings"], in: dir)
        // Allowing two days of lag silences it; so does `off`.
        try dir.write("simulation.yaml", simulation.definition.replacingOccurrences(of: "    record: events\n", with: "    record: events\n    freshness_days: 2\n")
            .replacingOccurrences(of: "    record: orders\n", with: "    record: orders\n    freshness_days: off\n")
            .replacingOccurrences(of: "    record: spend_daily\n", with: "    record: spend_daily\n    freshness_days: 2\n"))
        let relaxed = try sluice(["run", "simulation.yaml", "--as-of", "2026-11-12"], in: dir)
        #expect(!relaxed.stderr.contains("not fresh"), "\(relaxed.stderr)")
        // The runs table records each outcome.
        let outcomes = try Database(path: dir.path + "/db/simulation.sqlite").rows("SELECT outcome, window_from, window_to FROM runs ORDER BY id")
        #expect(outcomes.map { $0[0].string ?? "" } == ["warnings", "warnings", "ok"])
        #expect(outcomes.first?[2].string == "2026-11-11")
    }
}
