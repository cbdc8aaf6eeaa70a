import Foundation
import Testing
@testable import SluiceCore

@Suite("Pipeline definition loading")
struct DefinitionLoaderTests {
    let valid = """
        name: shop
        timezone: Asia/Shanghai
        database: db/shop.sqlite
        input_root: exports
        sources:
          - name: orders
            files: "doudian/*.csv"
            encoding: gb18030
            record: orders
            constants: {platform: doudian}
            columns:
              order_id: 子订单编号
              parent_order_id: 主订单编号
              ordered_at: 订单提交时间
              paid_fen: 订单应付金额
              status: 订单状态
            value_maps:
              status: {已完成: completed, 退款成功: refunded}
          - name: videos
            files: "douyin/videos_*.csv.gz"
            record: content_daily
            counters: cumulative
            snapshot_date: {filename: 'videos_(\\d{4}-\\d{2}-\\d{2})'}
            constants: {platform: douyin}
            columns:
              content_id: 作品ID
              plays: 播放量
              completed_plays: {column: 完播率, rate_of: plays}
        """

    @Test func loadsAValidDefinition() throws {
        let definition = try DefinitionLoader.parse(yaml: valid, path: "/work/p/shop.yaml")
        #expect(definition.name == "shop")
        #expect(definition.databasePath == "/work/p/db/shop.sqlite")
        #expect(definition.inputRoot == "/work/p/exports")
        #expect(definition.timeZone.identifier == "Asia/Shanghai")
        #expect(definition.maxRejectRatio == 0.05)
        #expect(definition.sources.count == 2)
        let orders = definition.sources[0]
        #expect(orders.encoding == .gb18030)
        #expect(orders.record == .orders)
        #expect(orders.valueMaps["status"]?["退款成功"] == "refunded")
        let videos = definition.sources[1]
        #expect(videos.counters == .cumulative)
        #expect(videos.columns["completed_plays"] == ColumnMapping(column: "完播率", rateOf: "plays"))
        if case .filename(let pattern)? = videos.snapshotDate { #expect(pattern.hasPrefix("videos_(")) } else {
            Issue.record("expected a filename snapshot date")
        }
    }

    func problems(_ yaml: String) -> [DefinitionProblem] {
        do {
            _ = try DefinitionLoader.parse(yaml: yaml, path: "p.yaml")
            return []
        } catch let error as DefinitionError {
            return error.problems
        } catch {
            return [DefinitionProblem(file: "", line: 0, column: 0, message: "\(error)")]
        }
    }

    @Test func reportsEveryProblemWithItsLine() {
        let yaml = """
            name: shop
            timezon: Asia/Shanghai
            sources:
              - name: orders
                files: "*.csv"
                record: order
                columns: {order_id: 编号}
              - name: videos
                files: "*.csv"
                record: content_daily
                counters: cumulative
                columns:
                  content_id: 作品ID
                  plays: 播放量
                  play_count: 播放
            """
        let found = problems(yaml)
        let byLine = Dictionary(grouping: found, by: \.line)
        #expect(byLine[2]?.first?.message.contains("unknown key `timezon`") == true)
        #expect(byLine[2]?.first?.message.contains("did you mean `timezone`") == true)
        #expect(byLine[6]?.first?.message.contains("`record` must be one of") == true)
        #expect(byLine[11]?.contains { $0.message.contains("needs `snapshot_date`") } == true)
        #expect(byLine[15]?.first?.message.contains("`play_count` is not a field of content_daily") == true)
        #expect(found.allSatisfy { $0.file == "p.yaml" })
    }

    @Test func requiredFieldsMustBeMapped() {
        let found = problems("""
            name: x
            sources:
              - name: events
                files: "*.jsonl"
                record: events
                columns: {user_id: user.id}
            """)
        let messages = found.map(\.message)
        #expect(messages.contains { $0.contains("must map `occurred_at`") })
        #expect(messages.contains { $0.contains("must map `event`") })
        #expect(!messages.contains { $0.contains("event_id") }, "event_id is derived when absent")
    }

    @Test func invalidYAMLPointsAtTheLine() {
        let found = problems("name: x\nsources:\n  - name: [unclosed\n")
        #expect(found.count == 1)
        #expect(found.first?.message.hasPrefix("invalid YAML") == true)
        #expect((found.first?.line ?? 0) >= 3)
    }

    @Test func rejectsBadValuesAndUnknownStatuses() {
        let found = problems("""
            name: bad name!
            timezone: Mars/Olympus
            max_reject_ratio: 2
            sources:
              - name: o
                files: "*.csv"
                record: orders
                encoding: latin1
                columns: {order_id: a, ordered_at: b, status: c}
                value_maps: {status: {已完成: done}}
            """)
        let text = found.map(\.description).joined(separator: "\n")
        #expect(text.contains("p.yaml:1:7: `name` may use letters"))
        #expect(text.contains("p.yaml:2:11: unknown time zone `Mars/Olympus`"))
        #expect(text.contains("p.yaml:3:19: `max_reject_ratio` must be a number from 0 to 1"))
        #expect(text.contains("`encoding` must be auto, utf-8 or gb18030"))
        #expect(text.contains("status value `已完成` maps to `done`"))
    }

    @Test func aliasesDoNotExplode() {
        // "Billion laughs": aliases are shared, and only known keys of known shapes are walked.
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1..<30 { yaml += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        yaml += "name: lol\nsources: *a29\n"
        let found = problems(yaml)
        #expect(!found.isEmpty)
        #expect(found.contains { $0.message.contains("unknown key `a0`") })
    }

    @Test func demoAndPlatformDefinitionsAreValid() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("pipelines")
        let files = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasSuffix(".yaml") }
        #expect(files.contains("demo.yaml"))
        for file in files {
            #expect(throws: Never.self, "\(file)") { try DefinitionLoader.load(path: root.appendingPathComponent(file).path) }
        }
    }
}

@Suite("File discovery")
struct FileDiscoveryTests {
    @Test(arguments: [
        ("douyin/*.csv", "douyin/a.csv", true),
        ("douyin/*.csv", "douyin/sub/a.csv", false),
        ("**/*.csv.gz", "a.csv.gz", true),
        ("**/*.csv.gz", "x/y/a.csv.gz", true),
        ("videos_????-??-??.csv", "videos_2026-10-05.csv", true),
        ("videos_[0-9]*.csv", "videos_x.csv", false),
        ("a+b(1).csv", "a+b(1).csv", true),
    ])
    func globs(glob: String, path: String, matches: Bool) throws {
        let regex = try NSRegularExpression(pattern: FileDiscovery.regexPattern(forGlob: glob))
        let found = regex.firstMatch(in: path, range: NSRange(path.startIndex..., in: path)) != nil
        #expect(found == matches)
    }

    @Test func listsMatchingFilesInSortedOrder() throws {
        let dir = try TemporaryDirectory()
        for name in ["b/2.csv", "b/10.csv", "a/1.csv", "a/notes.txt", "b/c/3.csv"] { try dir.write(name, "x") }
        #expect(try FileDiscovery.files(matching: "*/*.csv", under: dir.path) == ["a/1.csv", "b/10.csv", "b/2.csv"])
        #expect(try FileDiscovery.files(matching: "**/*.csv", under: dir.path) == ["a/1.csv", "b/10.csv", "b/2.csv", "b/c/3.csv"])
        #expect(throws: SluiceError.self) { try FileDiscovery.files(matching: "*", under: dir.path + "/missing") }
    }
}
