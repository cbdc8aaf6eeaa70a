import Foundation
import Testing
@testable import SluiceCore

/// End-to-end ingest over small files written by each test.
@Suite("Ingest runner")
struct IngestorTests {
    let dir: TemporaryDirectory

    init() throws { dir = try TemporaryDirectory() }

    static let definition = """
        name: t
        timezone: Asia/Shanghai
        database: out/t.sqlite
        input_root: in
        sources:
          - name: shop
            files: "shop/*.csv*"
            encoding: auto
            record: orders
            constants: {platform: doudian}
            columns:
              order_id: 子订单编号
              parent_order_id: 主订单编号
              user_id: 买家ID
              ordered_at: 订单提交时间
              paid_fen: 订单应付金额
              quantity: 商品数量
              status: 订单状态
              product_name: 选购商品
            value_maps:
              status: {已支付: paid, 已完成: completed, 退款成功: refunded, 已关闭: cancelled}
          - name: events
            files: "events/*.jsonl*"
            record: events
            columns:
              user_id: user.id
              occurred_at: ts
              platform: platform
              event: event
              value_fen: value
          - name: videos
            files: "douyin/videos_*.csv"
            record: content_daily
            counters: cumulative
            snapshot_date: {filename: 'videos_(\\d{4}-\\d{2}-\\d{2})'}
            constants: {platform: douyin}
            columns:
              content_id: 作品ID
              published_at: 发布时间
              plays: 播放量
              completed_plays: {column: 完播率, rate_of: plays}
              likes: 点赞量
        """

    static let ordersHeader = "主订单编号,子订单编号,选购商品,商品数量,订单应付金额,收件人手机号,买家ID,订单提交时间,订单状态\n"

    func write(_ relative: String, _ text: String) throws { try dir.write("in/" + relative, text) }

    func pipeline() throws -> (PipelineDefinition, Database) { try dir.pipeline(Self.definition) }

    func ingest(_ definition: PipelineDefinition, _ database: Database) throws -> IngestSummary {
        try Ingestor(definition: definition, database: database).run()
    }

    /// Every canonical table's rows, for comparing whole database states.
    func dump(_ database: Database) throws -> [String: [Row]] {
        var tables: [String: [Row]] = [:]
        for table in ["content_daily", "account_daily", "events", "orders", "spend_daily", "content_snapshots", "quarantine"] {
            tables[table] = try database.rows("SELECT * FROM \(table) ORDER BY 1, 2, 3")
        }
        tables["ingest_files"] = try database.rows("SELECT path, size, content_hash, rows_read, rows_loaded, rows_quarantined, rows_skipped, status FROM ingest_files ORDER BY path")
        return tables
    }

    @Test func loadsOrdersWithDirtAndQuarantinesBadRows() throws {
        try write("shop/orders_1.csv", Self.ordersHeader + """
            \t6932514890123456789,\t6932514890123456790,T恤,1,¥129.00,138****0000,u1,2026-10-12 20:31:05,已完成
            \t6932514890123456789,\t6932514890123456791,赠品,1,0.00,138****0000,u1,2026/10/12 20:31,已完成
            ="6932514890123456800",="6932514890123456801","帽子, 红",2,"1,058.50",-,u2,2026-10-13 09:00:00,已支付
            \t6932514890123456802,\t6932514890123456803,袜子,1,abc,-,u3,2026-10-13 10:00:00,已支付
            合计,,,4,"1,187.50",,,,

            """)
        let (definition, database) = try pipeline()
        var summary = try ingest(definition, database)
        // One bad row of four is 25%: above the default 5% ratio, so the file fails as a whole.
        #expect(summary.files.first?.status == .failed)
        #expect(summary.files.first?.error?.contains("1 of 4 rows (25.0%) were rejected, above max_reject_ratio 0.05") == true)
        #expect(try database.scalar("SELECT count(*) FROM orders")?.int == 0, "nothing from a failed file is kept")

        var lenient = definition
        lenient.maxRejectRatio = 0.5
        summary = try Ingestor(definition: lenient, database: database).run()
        let file = try #require(summary.files.first)
        #expect(file.status == .loaded)
        #expect(file.counts == { var c = FileCounts(); c.read = 4; c.loaded = 3; c.quarantined = 1; c.skipped = 1; return c }())
        let orders = try database.rows("SELECT order_id, parent_order_id, paid_fen, quantity, status, ordered_at, product_name FROM orders ORDER BY order_id")
        #expect(orders.map { $0[0].string } == ["6932514890123456790", "6932514890123456791", "6932514890123456801"])
        #expect(orders.map { $0[1].string } == ["6932514890123456789", "6932514890123456789", "6932514890123456800"])
        #expect(orders.map { $0[2].int } == [12_900, 0, 105_850])
        #expect(orders.map { $0[4].string } == ["completed", "completed", "paid"])
        #expect(orders[0][5].int == 1_791_808_265_000, "2026-10-12 20:31:05 in Shanghai")
        #expect(orders[2][6].string == "帽子, 红")
        let q = try database.rows("SELECT path, line, column_name, field, reason, raw FROM quarantine")
        #expect(q.count == 1)
        #expect(q[0][0].string == "shop/orders_1.csv")
        #expect(q[0][1].int == 5)
        #expect(q[0][2].string == "订单应付金额")
        #expect(q[0][3].string == "paid_fen")
        #expect(q[0][4].string?.contains("abc") == true)
        #expect(q[0][5].string?.hasPrefix("\t6932514890123456802") == true)
        // Personal fields are never stored: no column holds the phone number.
        #expect(try database.scalar("SELECT count(*) FROM orders WHERE product_name LIKE '%138%'")?.int == 0)
    }

    @Test func rerunsAreIdempotentAndChangedFilesReplaceTheirRows() throws {
        try write("shop/orders_1.csv", Self.ordersHeader + """
            1,11,A,1,10.00,-,u1,2026-10-12 20:31:05,已支付
            1,12,B,1,20.00,-,u1,2026-10-12 20:31:05,已支付

            """)
        try write("shop/orders_2.csv", Self.ordersHeader + "2,21,C,1,30.00,-,u2,2026-10-14 08:00:00,已支付\n")
        let (definition, database) = try pipeline()
        let first = try ingest(definition, database)
        #expect(first.loaded.count == 2)
        let before = try dump(database)
        let second = try ingest(definition, database)
        #expect(second.files.allSatisfy { $0.status == .unchanged })
        #expect(try dump(database) == before, "a rerun on unchanged files changes nothing")

        // A later export of order 11, now refunded, replaces it; order 12 is gone from the changed file.
        try write("shop/orders_1.csv", Self.ordersHeader + "1,11,A,1,10.00,-,u1,2026-10-12 20:31:05,退款成功\n")
        let third = try ingest(definition, database)
        #expect(third.loaded.map(\.path) == ["shop/orders_1.csv"])
        let rows = try database.rows("SELECT order_id, status FROM orders ORDER BY order_id")
        #expect(rows.map { "\($0[0]):\($0[1])" } == ["11:refunded", "21:paid"])
    }

    @Test func overlappingExportsNeverDoubleCount() throws {
        try write("shop/orders_a.csv", Self.ordersHeader + "1,11,A,1,10.00,-,u1,2026-10-12 20:31:05,已支付\n")
        try write("shop/orders_b.csv", Self.ordersHeader + "1,11,A,1,10.00,-,u1,2026-10-12 20:31:05,退款成功\n2,21,C,1,30.00,-,u2,2026-10-14 08:00:00,已支付\n")
        let (definition, database) = try pipeline()
        _ = try ingest(definition, database)
        let rows = try database.rows("SELECT order_id, status, file_id FROM orders ORDER BY order_id")
        #expect(rows.count == 2)
        #expect(rows[0][1].string == "refunded", "the file later in sorted order wins")
    }

    @Test func missingColumnsFailTheFileBeforeLoadingAnything() throws {
        try write("shop/orders_1.csv", "主订单编号,子订单号,选购商品,商品数量,订单应付金额,买家ID,下单时间,订单状态\n1,11,A,1,10.00,u1,2026-10-12 20:31:05,已支付\n")
        try write("shop/orders_2.csv", Self.ordersHeader + "2,21,C,1,30.00,-,u2,2026-10-14 08:00:00,已支付\n")
        let (definition, database) = try pipeline()
        let summary = try ingest(definition, database)
        let failed = try #require(summary.failed.first)
        #expect(failed.path == "shop/orders_1.csv")
        let error = failed.error ?? ""
        #expect(error.contains("shop/orders_1.csv:1"))
        #expect(error.contains("子订单编号 (closest header: 子订单号)"))
        #expect(error.contains("订单提交时间"))
        #expect(summary.loaded.map(\.path) == ["shop/orders_2.csv"], "other files still load")
        #expect(try database.scalar("SELECT status FROM ingest_files WHERE path = 'shop/orders_1.csv'")?.string == "failed")

        // Fixed on disk: the failed file is retried and loads.
        try write("shop/orders_1.csv", Self.ordersHeader + "1,11,A,1,10.00,-,u1,2026-10-12 20:31:05,已支付\n")
        let retry = try ingest(definition, database)
        #expect(retry.loaded.map(\.path) == ["shop/orders_1.csv"])
        #expect(try database.scalar("SELECT count(*) FROM orders")?.int == 2)
    }

    @Test func unknownStatusesAreQuarantinedWithTheFix() throws {
        var rows = Self.ordersHeader
        for i in 0..<30 { rows += "1,\(100 + i),A,1,10.00,-,u1,2026-10-12 20:31:05,已完成\n" }
        rows += "1,999,A,1,10.00,-,u1,2026-10-12 20:31:05,待评价\n"
        try write("shop/orders_1.csv", rows)
        let (definition, database) = try pipeline()
        let summary = try ingest(definition, database)
        #expect(summary.loaded.first?.counts.quarantined == 1)
        let reason = try database.scalar("SELECT reason FROM quarantine")?.string
        #expect(reason == "unknown 订单状态 value '待评价'; add it to value_maps.status")
    }

    @Test func gb18030AndGzipAndTruncatedGzip() throws {
        let text = Self.ordersHeader + "1,11,羊毛衫,1,10.00,-,u1,2026-10-12 20:31:05,已支付\n"
        let gb = try IngestFixture.gb18030(text)
        try dir.write("in/shop/orders_1.csv", bytes: gb)
        let gz = try IngestFixture.gzip(Array(text.replacingOccurrences(of: ",11,", with: ",12,").utf8))
        try dir.write("in/shop/orders_2.csv.gz", bytes: gz)
        try dir.write("in/shop/orders_3.csv.gz", bytes: Array(gz.prefix(gz.count - 12)))
        let (definition, database) = try pipeline()
        let summary = try ingest(definition, database)
        #expect(summary.files.map(\.status) == [.loaded, .loaded, .failed])
        #expect(summary.files[0].encoding == "gb18030")
        #expect(summary.files[2].error?.contains("shop/orders_3.csv.gz") == true)
        #expect(summary.files[2].error?.contains("byte") == true)
        #expect(try database.scalar("SELECT product_name FROM orders WHERE order_id = '11'")?.string == "羊毛衫")
        #expect(try database.scalar("SELECT count(*) FROM orders")?.int == 2)
    }

    @Test func jsonlEventsWithNestedKeysAndBadLines() throws {
        var lines = ""
        for i in 0..<40 {
            lines += #"{"user":{"id":"u\#(i % 7)"},"ts":\#(1_760_000_000_000 + Int64(i) * 60_000),"platform":"douyin","event":"view","value":"0"}"# + "\n"
        }
        lines += #"{"user":{"id":"u1"},"ts":"2026-10-12 20:31:05","platform":"channels","event":"click","value":12.5}"# + "\n\n"
        lines += #"{"user":{"id":"u1"},"ts":1760000000000,"event":"#  + "\n"
        lines += #"{"user":{"id":"u0"},"ts":1760000000000,"platform":"douyin","event":"view","value":"0"}"# + "\n"
        try write("events/e1.jsonl", lines)
        let (definition, database) = try pipeline()
        let summary = try ingest(definition, database)
        let file = try #require(summary.files.first { $0.source == "events" })
        #expect(file.status == .loaded)
        #expect(file.counts.read == 43)
        #expect(file.counts.quarantined == 1)
        #expect(file.counts.loaded == 42)
        // The last line repeats the first exactly: same derived id, stored once.
        #expect(try database.scalar("SELECT count(*) FROM events")?.int == 41)
        let click = try database.rows("SELECT occurred_at, value_fen, platform, event_id FROM events WHERE event = 'click'")
        #expect(click.first?[0].int == 1_791_808_265_000)
        #expect(click.first?[1].int == 1250)
        #expect(click.first?[3].string?.hasPrefix("h") == true)
        #expect(try database.scalar("SELECT line FROM quarantine")?.int == 43)
    }

    @Test func cumulativeSnapshotsBecomeDailyDifferences() throws {
        let header = "作品ID,发布时间,播放量,完播率,点赞量\n"
        try write("douyin/videos_2026-10-05.csv", header + "v1,2026-10-05 10:00:00,1000,30%,10\nv0,2026-09-01 10:00:00,5万,25.0%,900\n")
        try write("douyin/videos_2026-10-06.csv", header + "v1,2026-10-05 10:00:00,1500,30%,16\nv0,2026-09-01 10:00:00,5.01万,25.0%,905\n")
        try write("douyin/videos_2026-10-07.csv", header + "v1,2026-10-05 10:00:00,1400,30%,17\nv0,2026-09-01 10:00:00,5.01万,25.0%,905\n")
        let (definition, database) = try pipeline()
        let summary = try ingest(definition, database)
        #expect(summary.derivedSources == ["videos"])
        #expect(summary.cumulative.corrections == 1)
        #expect(summary.cumulative.baselines == 1)
        let rows = try database.rows("SELECT content_id, stat_date, plays, completed_plays, likes FROM content_daily ORDER BY content_id, stat_date")
        #expect(rows.map { "\($0[0]) \($0[1]) \($0[2]) \($0[3]) \($0[4])" } == [
            "v0 2026-10-06 100 25 5",
            "v0 2026-10-07 0 0 0",
            "v1 2026-10-05 1000 300 10",
            "v1 2026-10-06 500 150 6",
            "v1 2026-10-07 -100 -30 1",
        ])
        // No change: no re-derivation.
        let again = try ingest(definition, database)
        #expect(again.derivedSources.isEmpty)
    }
}
