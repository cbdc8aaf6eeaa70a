import Foundation
import Testing
@testable import SluiceCore

/// The demo pipeline, writing into `dir` (database under db/, reports under reports/).
func demoDefinition(in dir: TemporaryDirectory) throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
    var text = try String(contentsOfFile: root + "/pipelines/demo.yaml", encoding: .utf8)
    text = text.replacingOccurrences(of: "database: ../out/demo.sqlite", with: "database: db/demo.sqlite")
        .replacingOccurrences(of: "input_root: ../fixtures/demo", with: "input_root: \(root)/fixtures/demo")
        .replacingOccurrences(of: "reports: ../out/reports", with: "reports: reports")
    try dir.write("demo.yaml", text)
}

@Suite("Crash safety and the run lock", .serialized)
struct CrashAndLockTests {
    /// `kill -9` at 20 moments of a demo run (mid-file, between files, mid-report), each followed
    /// by a rerun: every time the database passes `integrity_check` and the rerun's tables and
    /// reports equal those of an uninterrupted run.
    @Test func killedRunsRerunToTheCleanResult() throws {
        let clean = try TemporaryDirectory()
        try demoDefinition(in: clean)
        let started = Date()
        let reference = try SluiceProcess.run(["run", "demo.yaml"], in: clean.path)
        let duration = Date().timeIntervalSince(started)
        try #require(reference.code == 0, "\(reference.stderr)")
        let tables = try PipelineSnapshot.tables(clean.path + "/db/demo.sqlite")
        let reports = PipelineSnapshot.files(clean.path + "/reports")
        #expect(!reports.isEmpty)

        var random = SplitMix(seed: 20_261_122)
        // Kill k lands in the k-th twentieth of the run. When a run finished before its kill (the
        // machine is shared, so speed varies), the estimate of the run's length shrinks and the
        // point is tried again: the test always kills 20 runs in flight.
        var estimate = duration
        var kills = 0, attempts = 0
        while kills < 20, attempts < 60 {
            attempts += 1
            let dir = try TemporaryDirectory()
            try demoDefinition(in: dir)
            let delay = estimate * (Double(kills) + Double(random.next() % 1000) / 1000) / 20
            let start = Date()
            let process = try SluiceProcess.start(["run", "demo.yaml"], in: dir.path)
            usleep(useconds_t(delay * 1_000_000))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                kills += 1
            } else {
                estimate = min(estimate, Date().timeIntervalSince(start)) * 0.9
            }
            process.waitUntilExit()
            let database = dir.path + "/db/demo.sqlite"
            if FileManager.default.fileExists(atPath: database) {
                #expect(try PipelineSnapshot.integrity(database) == "ok", "after a kill at \(delay) s")
            }
            let rerun = try SluiceProcess.run(["run", "demo.yaml"], in: dir.path)
            #expect(rerun.code == 0, "rerun after a kill at \(delay) s: \(rerun.stderr)")
            #expect(try PipelineSnapshot.integrity(database) == "ok")
            #expect(try PipelineSnapshot.tables(database) == tables, "tables after a kill at \(delay) s")
            let rerunReports = PipelineSnapshot.files(dir.path + "/reports")
            #expect(rerunReports.keys.sorted() == reports.keys.sorted(), "report files after a kill at \(delay) s")
            for (name, data) in rerunReports where reports[name] != data { Issue.record("\(name) differs after a kill at \(delay) s") }
            let outcomes = try Database(path: database).rows("SELECT outcome FROM runs ORDER BY id").compactMap { $0[0].string }
            #expect(!outcomes.contains("running"))
            #expect(outcomes.last == "ok")
        }
        #expect(kills == 20, "only \(kills) of \(attempts) runs were still going when killed")
    }

    @Test func aSecondRunIsRefusedOrWaitsWhileTheLockIsHeld() throws {
        let dir = try TemporaryDirectory()
        try demoDefinition(in: dir)
        let lock = try RunLock(databasePath: dir.path + "/db/demo.sqlite", command: "test holder")
        let refused = try SluiceProcess.run(["ingest", "demo.yaml"], in: dir.path)
        #expect(refused.code == 3)
        #expect(refused.stderr.contains("another Sluice run") && refused.stderr.contains("pid \(getpid())"), "\(refused.stderr)")
        #expect(refused.stderr.contains("--wait"))

        // With --wait, the second run queues behind the first and then completes.
        let release = Thread { usleep(1_500_000); lock.release() }
        release.start()
        let started = Date()
        let waited = try SluiceProcess.run(["ingest", "demo.yaml", "--wait", "60"], in: dir.path)
        #expect(waited.code == 0, "\(waited.stderr)")
        #expect(Date().timeIntervalSince(started) >= 1)

        // Read-only commands need no lock.
        let holder = try RunLock(databasePath: dir.path + "/db/demo.sqlite", command: "test holder")
        let status = try SluiceProcess.run(["status", "demo.yaml"], in: dir.path)
        #expect(status.code == 0)
        #expect(status.stdout.contains("Running now: pid \(getpid()), `test holder`"), "\(status.stdout)")
        holder.release()
    }

    @Test func aLockLeftByADeadProcessIsTakenOver() throws {
        let dir = try TemporaryDirectory()
        try demoDefinition(in: dir)
        // What a killed holder leaves: its text in an unlocked lock file, and a run still "running".
        try dir.write("db/demo.sqlite.lock", "pid=999999\ncommand=run demo.yaml\nstarted=2026-11-09T01:00:00Z\n")
        let database = try Database(path: dir.path + "/db/demo.sqlite")
        try Schema.migrate(database)
        _ = try RunLog(database: database).start(command: "run", pipeline: "demo")
        let result = try SluiceProcess.run(["ingest", "demo.yaml"], in: dir.path)
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stderr.contains("took over the run lock left by pid 999999"), "\(result.stderr)")
        let outcomes = try database.rows("SELECT outcome FROM runs ORDER BY id").compactMap { $0[0].string }
        #expect(outcomes == ["interrupted", "ok"])
        // A clean release empties the file, so the next run has nothing to take over.
        #expect((try String(contentsOfFile: dir.path + "/db/demo.sqlite.lock", encoding: .utf8)).isEmpty)
    }
}
