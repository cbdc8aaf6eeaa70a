import Foundation
import Testing
@testable import SluiceCore

/// Every item of the hostile-input corpus ends in a clear error or quarantined rows, and the
/// database stays consistent. Small items are committed under Tests/Corpus/hostile (written by
/// Tests/Corpus/make-hostile.py); large ones are generated here into a temporary folder.
@Suite("Hostile inputs")
struct HostileInputTests {
    /// What must happen to one corpus file.
    enum Outcome: CustomStringConvertible {
        /// The file fails; its error message contains every fragment.
        case fails([String])
        /// The file loads with this many rows and this many quarantined rows.
        case loads(rows: Int, quarantined: Int)

        var description: String {
            switch self {
            case .fails(let fragments): return "fails with \(fragments)"
            case .loads(let rows, let quarantined): return "loads \(rows) rows, quarantines \(quarantined)"
            }
        }
    }

    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Corpus/hostile").path

    static let definition = """
        name: hostile
        database: out/h.sqlite
        input_root: in
        max_reject_ratio: 1
        sources:
          - name: orders
            files: "orders/*"
            format: csv
            record: orders
            constants: {platform: doudian, status: paid}
            columns: &orders {order_id: 订单号, user_id: 买家, ordered_at: 下单时间, paid_fen: 金额, quantity: 数量}
          - name: orders_utf8
            files: "utf8/*"
            format: csv
            encoding: utf-8
            record: orders
            constants: {platform: doudian, status: paid}
            columns: *orders
          - name: orders_gb18030
            files: "gb18030/*"
            format: csv
            encoding: gb18030
            record: orders
            constants: {platform: doudian, status: paid}
            columns: *orders
          - name: events
            files: "events/*"
            format: jsonl
            record: events
            constants: {platform: douyin}
            columns: {user_id: user.id, occurred_at: ts, event: event}
        """

    /// Expected outcome of each committed file (path under `in/`). Every committed file must be listed.
    static let committed: [String: Outcome] = [
        "orders/empty.csv": .fails(["the file is empty"]),
        "orders/header_only.csv": .loads(rows: 0, quarantined: 0),
        "orders/zero_bytes.csv.gz": .fails(["not a gzip file (it is empty)"]),
        "orders/not_gzip.csv.gz": .fails(["not a gzip file", "1f 8b"]),
        "orders/crc_mismatch.csv.gz": .fails(["CRC", "(at byte"]),
        "orders/binary_nul.csv": .fails(["NUL byte", "binary", "(at byte 5)"]),
        "orders/bom_in_the_middle.csv": .loads(rows: 3, quarantined: 0),
        "orders/mixed_crlf_lf.csv": .loads(rows: 4, quarantined: 0),
        "orders/unterminated_quote.csv": .fails(["orders/unterminated_quote.csv:3", "unterminated quoted field"]),
        "orders/duplicated_mapped_header.csv": .fails(["the header has the column 买家 more than once"]),
        "orders/duplicated_unmapped_header.csv": .loads(rows: 1, quarantined: 0),
        "orders/english_header.csv": .fails(["mapped column(s) missing from the header", "header has: Order ID"]),
        "orders/out_of_range.csv": .loads(rows: 4, quarantined: 6),
        "utf8/invalid_utf8.csv": .fails(["invalid UTF-8", "(at byte 80)", "gb18030"]),
        "gb18030/invalid_gb18030.csv": .fails(["GB18030"]),
        // An array where the user id should be is kept as its JSON text (see JSONLineReader); an
        // array on the way to it makes the id absent.
        "events/nested_arrays.jsonl": .loads(rows: 2, quarantined: 1),
        "events/duplicate_keys.jsonl": .loads(rows: 1, quarantined: 0),
        // A lone surrogate escape becomes U+FFFD; 1e400 is not a timestamp.
        "events/broken_lines.jsonl": .loads(rows: 2, quarantined: 3),
    ]

    static let header = "订单号,买家,下单时间,金额,数量\n"

    /// Writes the generated items into `input`; returns their expected outcomes.
    static func generate(into input: String) throws -> [String: Outcome] {
        var expected: [String: Outcome] = [:]
        // A gzip export cut short at many offsets: each fails with the byte offset, none loads a row.
        var text = header
        for i in 0..<400 { text += "A\(i),u\(i),2026-10-12 20:31:05,\(i).50,1\n" }
        let member = try IngestFixture.gzip(Array(text.utf8))
        for cut in stride(from: 1, to: member.count, by: max(1, member.count / 24)) {
            let name = "orders/truncated_\(cut).csv.gz"
            try Data(member[..<cut]).write(to: URL(fileURLWithPath: input + "/" + name))
            expected[name] = .fails(["gzip", "(at byte"])
        }
        // One 50 MB field: above limits.max_field_bytes (16 MiB by default).
        try writeLarge(input + "/orders/field_50mb.csv") { file in
            file.write(Data((header + "A1,u1,2026-10-12 20:31:05,1.00,1\nA2,").utf8))
            let block = Data(repeating: UInt8(ascii: "x"), count: 1 << 20)
            for _ in 0..<50 { file.write(block) }
            file.write(Data(",2026-10-12 20:31:05,1.00,1\n".utf8))
        }
        expected["orders/field_50mb.csv"] = .fails(["field_50mb.csv:3", "exceeds limits.max_field_bytes (16777216)", "raise limits.max_field_bytes"])
        // A row of 100,000 columns: above limits.max_columns (10,000).
        try writeLarge(input + "/orders/columns_100k.csv") { file in
            file.write(Data((header + "A1,u1,2026-10-12 20:31:05,1.00,1").utf8))
            file.write(Data(repeating: UInt8(ascii: ","), count: 100_000))
            file.write(Data("\n".utf8))
        }
        expected["orders/columns_100k.csv"] = .fails(["columns_100k.csv:2", "limits.max_columns (10000)"])
        // JSON nested 10,000 levels deep on one line: that line is quarantined, its neighbours load.
        try writeLarge(input + "/events/deep_10000.jsonl") { file in
            file.write(Data(#"{"user":{"id":"d1"},"ts":1760000000000,"event":"view"}"#.utf8 + [10]))
            file.write(Data(#"{"user":{"id":"u2"},"ts":1760000000000,"event":"view","x":"#.utf8))
            file.write(Data(repeating: UInt8(ascii: "["), count: 10_000))
            file.write(Data(repeating: UInt8(ascii: "]"), count: 10_000))
            file.write(Data("}\n".utf8))
            file.write(Data(#"{"user":{"id":"d3"},"ts":1760000000000,"event":"view"}"#.utf8 + [10]))
        }
        expected["events/deep_10000.jsonl"] = .loads(rows: 2, quarantined: 1)
        // One JSON line of 100 MB: above limits.max_line_bytes (64 MiB).
        try writeLarge(input + "/events/line_100mb.jsonl") { file in
            file.write(Data(#"{"user":{"id":"u1"},"ts":1760000000000,"event":"view","pad":""#.utf8))
            let block = Data(repeating: UInt8(ascii: "y"), count: 1 << 20)
            for _ in 0..<100 { file.write(block) }
            file.write(Data("\"}\n".utf8))
        }
        expected["events/line_100mb.jsonl"] = .fails(["line_100mb.jsonl:1", "limits.max_line_bytes (67108864)", "raise limits.max_line_bytes"])
        return expected
    }

    static func writeLarge(_ path: String, _ body: (FileHandle) throws -> Void) throws {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let file = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? file.close() }
        try body(file)
    }

    /// Every committed file, relative to `in/`.
    static func committedFiles() throws -> [String] {
        try FileDiscovery.files(matching: "**/*", under: corpus + "/in")
    }

    @Test func everyCommittedItemHasAnExpectedOutcome() throws {
        let files = try Self.committedFiles()
        #expect(files.count >= 18)
        #expect(Set(files) == Set(Self.committed.keys))
    }

    @Test func everyItemFailsClearlyOrQuarantinesAndTheDatabaseStaysConsistent() throws {
        let dir = try TemporaryDirectory()
        try dir.write("p/h.yaml", Self.definition)
        let input = dir.path + "/p/in"
        try FileManager.default.copyItem(atPath: Self.corpus + "/in", toPath: input)
        var expected = Self.committed
        expected.merge(try Self.generate(into: input)) { a, _ in a }

        let definition = try DefinitionLoader.load(path: dir.path + "/p/h.yaml", environment: [:])
        let database = try Database(path: definition.databasePath)
        try Schema.migrate(database)
        let summary = try Ingestor(definition: definition, database: database).run()

        #expect(summary.files.count == expected.count)
        for outcome in summary.files {
            guard let want = expected[outcome.path] else {
                Issue.record("unexpected file \(outcome.path)")
                continue
            }
            switch want {
            case .fails(let fragments):
                #expect(outcome.status == .failed, "\(outcome.path): \(want), got \(outcome.status) \(outcome.counts)")
                let message = outcome.error ?? ""
                #expect(message.hasPrefix(outcome.path), "the error names the file: \(message)")
                for fragment in fragments {
                    #expect(message.contains(fragment), "\(outcome.path): missing `\(fragment)` in: \(message.prefix(400))")
                }
            case .loads(let rows, let quarantined):
                #expect(outcome.status == .loaded, "\(outcome.path): \(want), got: \(outcome.error ?? "")")
                #expect(outcome.counts.loaded == rows && outcome.counts.quarantined == quarantined,
                        "\(outcome.path): \(want), got \(outcome.counts)")
            }
        }
        try Self.expectConsistent(database)
        // Failed files leave nothing behind but their manifest entry.
        let leftovers = try database.scalar("""
            SELECT count(*) FROM ingest_files AS f WHERE f.status = 'failed' AND (
              EXISTS (SELECT 1 FROM orders WHERE file_id = f.id) OR EXISTS (SELECT 1 FROM events WHERE file_id = f.id)
              OR EXISTS (SELECT 1 FROM quarantine WHERE file_id = f.id))
            """)?.int
        #expect(leftovers == 0)
        let loaded = summary.loaded.reduce(0) { $0 + $1.counts.loaded }
        #expect(try database.scalar("SELECT (SELECT count(*) FROM orders) + (SELECT count(*) FROM events)")?.int == Int64(loaded))

        // A second run retries the failed files, fails them the same way, and changes nothing.
        let before = try Self.dump(database)
        let again = try Ingestor(definition: definition, database: database).run()
        #expect(again.failed.count == summary.failed.count)
        #expect(again.loaded.isEmpty)
        #expect(try Self.dump(database) == before)
        try Self.expectConsistent(database)
    }

    /// Specific stored values of the committed items.
    @Test func storedValuesOfTrickyItems() throws {
        let dir = try TemporaryDirectory()
        try dir.write("p/h.yaml", Self.definition)
        try FileManager.default.copyItem(atPath: Self.corpus + "/in", toPath: dir.path + "/p/in")
        let definition = try DefinitionLoader.load(path: dir.path + "/p/h.yaml", environment: [:])
        let database = try Database(path: definition.databasePath)
        try Schema.migrate(database)
        _ = try Ingestor(definition: definition, database: database).run()
        // Duplicate JSON keys: the last one wins.
        let dup = try database.rows("SELECT e.user_id, e.event FROM events e JOIN ingest_files f ON f.id = e.file_id WHERE f.path = 'events/duplicate_keys.jsonl'")
        #expect(dup.map { [$0[0].string, $0[1].string] } == [["k2", "click"]])
        let reasons = try database.rows("SELECT line, reason FROM quarantine WHERE path = 'orders/out_of_range.csv' ORDER BY line")
        #expect(reasons.count == 6)
        let text = reasons.map { "\($0[0]): \($0[1])" }.joined(separator: "\n")
        #expect(text.contains("year 1900 outside 1970–2100"))
        #expect(text.contains("year 2200 outside 1970–2100"))
        #expect(text.contains("negative"))
        #expect(text.contains("row has 6 fields, the header has 5"))
        #expect(text.contains("'99999999999999999999' is out of range for a count"))
        #expect(text.contains("out of range for an amount of money"))
        // A byte-order mark in the middle of the file never ends up inside a stored key or amount.
        #expect(try database.scalar("SELECT count(*) FROM orders WHERE instr(order_id, char(65279)) > 0")?.int == 0)
        #expect(try database.scalar("SELECT paid_fen FROM orders WHERE order_id = 'M3' AND file_id = (SELECT id FROM ingest_files WHERE path = 'orders/bom_in_the_middle.csv')")?.int == 200)
    }

    @Test(arguments: [
        ("billion_laughs.yaml", ["columns", "mapping"]),
        ("unknown_keys.yaml", ["unknown key `sourcse`", "did you mean `sources`?", "unknown key `recrod`", "unknown key `colour`"]),
        ("wrong_types.yaml", ["`name` must be a single value", "`max_reject_ratio` must be a number", "limits.max_field_bytes", "limits.max_columns", "`sources` must be a list"]),
    ])
    func hostileDefinitionsAreReportedByLine(file: String, fragments: [String]) throws {
        do {
            _ = try DefinitionLoader.load(path: Self.corpus + "/definitions/" + file, environment: [:])
            Issue.record("\(file) loaded")
        } catch let error as DefinitionError {
            let text = error.description
            for fragment in fragments { #expect(text.contains(fragment), "\(file): missing `\(fragment)` in:\n\(text)") }
            #expect(error.problems.allSatisfy { $0.line >= 1 && $0.file.hasSuffix(file) })
        }
    }

    static func expectConsistent(_ database: Database) throws {
        #expect(try database.scalar("PRAGMA integrity_check")?.string == "ok")
        #expect(try database.rows("PRAGMA foreign_key_check").isEmpty)
    }

    static func dump(_ database: Database) throws -> [[Row]] {
        try ["orders", "events", "quarantine"].map { try database.rows("SELECT * FROM \($0) ORDER BY 1, 2, 3") }
            + [try database.rows("SELECT path, status, rows_loaded, rows_quarantined, error FROM ingest_files ORDER BY path")]
    }
}


/// A NUL byte past the first 64 KiB (where the binary check looks) still fails the file, at its
/// offset, under either encoding and through gzip: it would otherwise cut a stored text short.
@Suite("NUL bytes")
struct NULByteTests {
    static func text(nulAt line: Int) -> [UInt8] {
        var bytes = Array("id,user\n".utf8)
        for i in 0..<10_000 {
            bytes += Array("N\(i),u\(i)".utf8)
            if i == line { bytes.append(0) }
            bytes.append(10)
        }
        return bytes
    }

    @Test(arguments: [TextEncoding.utf8, .auto, .gb18030], [false, true])
    func nulAfterTheSniffWindowFailsTheFile(encoding: TextEncoding, gzipped: Bool) throws {
        let plain = Self.text(nulAt: 9_000)
        let offset = try #require(plain.firstIndex(of: 0))
        #expect(offset > TextInput.sniffBytes)
        let bytes = gzipped ? try IngestFixture.gzip(plain) : plain
        let path = try IngestFixture.file(bytes, name: gzipped ? "n.csv.gz" : "n.csv")
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let error = IngestFixture.error {
            let (source, _) = try TextInput.open(path: path, encoding: encoding, chunkSize: 4096)
            _ = try IngestFixture.records(CSVRowReader(source: source, path: path))
        }
        #expect(error?.kind == .encoding)
        #expect(error?.message.contains("NUL byte") == true, "\(String(describing: error))")
        #expect(error?.byteOffset == offset)
    }
}
