import Foundation
import Testing
@testable import SluiceCore

/// A file that adds many rows loads with its table's secondary indexes dropped and rebuilds them
/// inside the file's transaction (`IndexRebuild`); the threshold is lowered so small files trigger it.
@Suite("Ingest index rebuild")
struct IngestIndexRebuildTests {
    let dir: TemporaryDirectory

    init() throws { dir = try TemporaryDirectory() }

    static let definition = """
        name: t
        timezone: Asia/Shanghai
        database: out/t.sqlite
        input_root: in
        sources:
          - name: events
            files: "events/*.jsonl"
            record: events
            columns:
              event_id: id
              user_id: user
              occurred_at: ts
              event: event
        """

    func pipeline() throws -> (PipelineDefinition, Database) { try dir.pipeline(Self.definition) }

    func events(_ range: Range<Int>, bad: Int = 0) -> String {
        var text = ""
        for i in range { text += "{\"id\":\"e\(i)\",\"user\":\"u\(i % 7)\",\"ts\":\(1_760_000_000_000 + i),\"event\":\"view\"}\n" }
        for _ in 0..<bad { text += "{not json\n" }
        return text
    }

    func indexes(_ database: Database) throws -> [Row] {
        try database.rows("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' ORDER BY name")
    }

    @Test func largeLoadRebuildsTheIndexBeforeCommit() throws {
        try dir.write("in/events/a.jsonl", events(0..<60))
        let (definition, database) = try pipeline()
        let before = try indexes(database)
        #expect(before.contains { $0[0].string == "events_user_time" })
        let ingestor = Ingestor(definition: definition, database: database)
        ingestor.indexRebuildMinimumRows = 10
        let summary = try ingestor.run()
        #expect(summary.files.first?.status == .loaded)
        #expect(summary.rowsLoaded == 60)
        #expect(try indexes(database) == before)
        #expect(try database.scalar("PRAGMA integrity_check")?.string == "ok")
        // i % 7 == 3 for i in 0..<60: 3, 10, …, 59.
        #expect(try database.scalar("SELECT count(*) FROM events INDEXED BY events_user_time WHERE user_id = 'u3'")?.int == 9)

        // A second file, smaller than the table: the index stays in place and takes its rows (66 and 73 for u3).
        try dir.write("in/events/b.jsonl", events(60..<80))
        let second = Ingestor(definition: definition, database: database)
        second.indexRebuildMinimumRows = 10
        #expect(try second.run().rowsLoaded == 20)
        #expect(try indexes(database) == before)
        #expect(try database.scalar("PRAGMA integrity_check")?.string == "ok")
        #expect(try database.scalar("SELECT count(*) FROM events INDEXED BY events_user_time WHERE user_id = 'u3'")?.int == 11)
    }

    @Test func failedLoadKeepsTheIndex() throws {
        // 10 malformed lines of 70: above the 5% reject ratio, after the index was dropped.
        try dir.write("in/events/a.jsonl", events(0..<60, bad: 10))
        let (definition, database) = try pipeline()
        let before = try indexes(database)
        let ingestor = Ingestor(definition: definition, database: database)
        ingestor.indexRebuildMinimumRows = 10
        let summary = try ingestor.run()
        #expect(summary.files.first?.status == .failed)
        #expect(summary.files.first?.error?.contains("10 of 70 rows (14.3%) were rejected") == true)
        #expect(try indexes(database) == before)
        #expect(try database.scalar("SELECT count(*) FROM events")?.int == 0)
        #expect(try database.scalar("PRAGMA integrity_check")?.string == "ok")
    }
}
