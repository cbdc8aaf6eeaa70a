import Foundation
import Testing
@testable import SluiceCore

/// Ingests the committed demo fixtures end to end and checks the database against a golden summary.
@Suite("Demo pipeline ingest", .serialized)
struct DemoIngestTests {
    static func ingestDemo(into dir: TemporaryDirectory) throws -> (IngestSummary, Database) {
        var definition = try DefinitionLoader.load(path: Golden.repository.appendingPathComponent("pipelines/demo.yaml").path)
        definition.databasePath = dir.path + "/demo.sqlite"
        let database = try Database(path: definition.databasePath)
        try Schema.migrate(database)
        return (try Ingestor(definition: definition, database: database).run(), database)
    }

    /// A stable text summary of the database: per table and platform, row counts and column sums,
    /// a hash of every row in key order, then the whole quarantine and manifest.
    static func summary(_ database: Database) throws -> String {
        var lines: [String] = []
        let tables: [(String, String, [String])] = [
            ("content_daily", "platform, content_id, stat_date", ["plays", "completed_plays", "likes", "comments", "shares", "favorites", "new_followers", "impressions"]),
            ("content_snapshots", "platform, content_id, snapshot_date", ["plays", "likes"]),
            ("account_daily", "platform, account_id, stat_date", ["followers_total", "new_followers", "lost_followers"]),
            ("events", "event_id", ["value_fen", "occurred_at"]),
            ("orders", "order_id", ["paid_fen", "quantity"]),
            ("spend_daily", "platform, campaign_id, kol_id, stat_date", ["spend_fen", "impressions", "clicks", "conversions"]),
        ]
        for (table, key, sums) in tables {
            let columns = try database.rows("SELECT name FROM pragma_table_info('\(table)') WHERE name <> 'file_id'").compactMap { $0[0].string }
            let all = try database.rows("SELECT \(columns.joined(separator: ", ")) FROM \(table) ORDER BY \(key)")
            let text = all.map { $0.values.map(\.description).joined(separator: "\u{1F}") }.joined(separator: "\n")
            lines.append("\(table): \(all.count) rows, hash \(ContentHash.of(Array(text.utf8)))")
            let sumSQL = sums.map { "coalesce(sum(\($0)), 'null')" }.joined(separator: ", ")
            for r in try database.rows("SELECT coalesce(platform, '(none)'), count(*), \(sumSQL) FROM \(table) GROUP BY 1 ORDER BY 1") {
                let parts = zip(sums, r.values.dropFirst(2)).map { "\($0)=\($1)" }
                lines.append("  \(r[0]) rows=\(r[1]) " + parts.joined(separator: " "))
            }
        }
        lines.append("orders by status: " + (try database.rows("SELECT status, count(*) FROM orders GROUP BY 1 ORDER BY 1").map { "\($0[0])=\($0[1])" }.joined(separator: " ")))
        lines.append("quarantine:")
        for r in try database.rows("SELECT source, path, line, coalesce(column_name, ''), coalesce(field, ''), reason FROM quarantine ORDER BY path, line") {
            lines.append("  " + r.values.map(\.description).joined(separator: " | "))
        }
        lines.append("files (read/loaded/quarantined/skipped):")
        for r in try database.rows("SELECT path, status, encoding, rows_read, rows_loaded, rows_quarantined, rows_skipped FROM ingest_files ORDER BY path") {
            lines.append("  \(r[0]) \(r[1]) \(r[2]) \(r[3])/\(r[4])/\(r[5])/\(r[6])")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func demoFixturesLoadAsExpected() throws {
        let dir = try TemporaryDirectory()
        let (summary, database) = try Self.ingestDemo(into: dir)
        #expect(summary.failed.isEmpty, "\(summary.failed.map { $0.error ?? $0.path })")
        #expect(summary.rowsQuarantined == 6)
        #expect(summary.cumulative.corrections > 0, "the demo holds a fake-play removal")
        try Golden.check(try Self.summary(database), against: "demo_ingest.txt")

        // The 19-digit ids of the GB18030 shop export survive exactly, with tab and ="…" wrappers gone.
        let ids = try database.rows("SELECT order_id FROM orders WHERE platform = 'doudian'").compactMap { $0[0].string }
        #expect(!ids.isEmpty)
        #expect(ids.allSatisfy { $0.count == 19 && $0.allSatisfy(\.isNumber) })
        // Restated spend: the later export wins; the totals rows were skipped, not loaded.
        #expect(try database.scalar("SELECT count(*) FROM spend_daily WHERE campaign_id = '' OR stat_date = ''")?.int == 0)
        // Personal fields are never stored anywhere.
        for table in ["orders", "quarantine"] {
            let text = try database.rows("SELECT * FROM \(table)").map { $0.values.map(\.description).joined() }.joined()
            #expect(!text.contains("收件人"), "\(table)")
        }
    }

    @Test func ingestingTwiceChangesNothing() throws {
        let dir = try TemporaryDirectory()
        let (_, database) = try Self.ingestDemo(into: dir)
        let first = try Self.summary(database)
        var definition = try DefinitionLoader.load(path: Golden.repository.appendingPathComponent("pipelines/demo.yaml").path)
        definition.databasePath = database.path
        let again = try Ingestor(definition: definition, database: database).run()
        #expect(again.files.allSatisfy { $0.status == .unchanged })
        #expect(again.derivedSources.isEmpty)
        #expect(try Self.summary(database) == first)
        // A forced reload of every file gives the same tables too.
        let forced = try Ingestor(definition: definition, database: database).run(force: true)
        #expect(forced.loaded.count == forced.files.count)
        #expect(try Self.summary(database) == first)
    }
}
