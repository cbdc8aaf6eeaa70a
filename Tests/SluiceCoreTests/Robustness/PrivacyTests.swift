import Foundation
import Testing
@testable import SluiceCore

/// Personal data: unmapped columns never reach the database or reports; user ids can be pseudonymised.
@Suite("Privacy")
struct PrivacyTests {
    static let definition = """
        name: p
        database: out/p.sqlite
        input_root: in
        privacy:
          pseudonymize_user_ids: true
          key_env: TEST_USER_KEY
        sources:
          - name: shop
            files: "shop/*.csv"
            record: orders
            constants: {platform: doudian}
            columns:
              order_id: 子订单编号
              user_id: 买家ID
              ordered_at: 订单提交时间
              paid_fen: 订单应付金额
              status: 订单状态
            value_maps:
              status: {已支付: paid}
          - name: events
            files: "events/*.jsonl"
            record: events
            columns: {user_id: user.id, occurred_at: ts, platform: platform, event: event}
        """

    static let orders = """
        子订单编号,收件人,收件人手机号,详细地址,买家ID,订单提交时间,订单应付金额,订单状态
        11,张三,13800138000,#Enc9aXaddress==,\tu_alice,2026-10-12 20:31:05,10.00,已支付
        12,李四,13900139000,上海市徐汇区某路1号,u_bob,2026-10-12 21:00:00,20.00,已支付
        13,王五,13700137000,北京市朝阳区某路2号,u_carol,2026-10-12 22:00:00,abc,已支付

        """
    static let events = """
        {"user":{"id":"u_alice","phone":"13800138000"},"ts":1760000000000,"platform":"douyin","event":"view"}
        {"user":{"id":"u_bob"},"ts":1760000060000,"platform":"douyin","event":"click"}
        {"user":{"id":"u_carol","phone":"13700137000"},"ts":"not a time","platform":"douyin","event":"view"}
        {"user":{"id":"u_dave","phone":"13600136000"},"ts":17600

        """

    /// Loads the definition with `environment`, ingests the two files into a fresh database and
    /// returns every text value stored in it.
    static func ingest(environment: [String: String], in dir: TemporaryDirectory) throws -> (Database, [String]) {
        try dir.write("p/p.yaml", definition)
        try dir.write("p/in/shop/o.csv", orders)
        try dir.write("p/in/events/e.jsonl", events)
        var loaded = try DefinitionLoader.load(path: dir.path + "/p/p.yaml", environment: environment)
        loaded.maxRejectRatio = 0.5
        let database = try Database(path: loaded.databasePath)
        try Schema.migrate(database)
        let summary = try Ingestor(definition: loaded, database: database).run()
        #expect(summary.failed.isEmpty, "\(summary.failed.map { $0.error ?? "" })")
        var texts: [String] = []
        for table in ["orders", "events", "quarantine"] {
            for row in try database.rows("SELECT * FROM \(table)") { texts += row.values.compactMap(\.string) }
        }
        return (database, texts)
    }

    static let secrets = ["u_alice", "u_bob", "u_carol", "u_dave", "13800138000", "13900139000", "13700137000", "13600136000",
                          "张三", "李四", "王五", "#Enc9aXaddress==", "上海市", "北京市"]

    @Test func noRawUserIDsOrPersonalFieldsAreStored() throws {
        let dir = try TemporaryDirectory()
        let (database, texts) = try Self.ingest(environment: ["TEST_USER_KEY": "a-long-enough-secret-key"], in: dir)
        #expect(try database.scalar("SELECT count(*) FROM orders")?.int == 2)
        #expect(try database.scalar("SELECT count(*) FROM events")?.int == 2)
        #expect(try database.scalar("SELECT count(*) FROM quarantine")?.int == 3)
        for secret in Self.secrets {
            #expect(!texts.contains { $0.contains(secret) }, "\(secret) is stored")
        }
        let ids = try database.rows("SELECT user_id FROM orders UNION ALL SELECT user_id FROM events").compactMap { $0[0].string }
        #expect(ids.count == 4)
        #expect(ids.allSatisfy { $0.hasPrefix("p_") && $0.count == 34 })
        // The quarantined order keeps its mapped columns, with the same pseudonym the loaded rows would get.
        let raw = try database.scalar("SELECT raw FROM quarantine WHERE path = 'shop/o.csv'")?.string ?? ""
        let pseudonym = Pseudonymizer(key: Array("a-long-enough-secret-key".utf8)).pseudonym("u_carol")
        #expect(raw == "13,\(pseudonym),2026-10-12 22:00:00,abc,已支付")
        // A line that is not JSON is quarantined without its text.
        #expect(try database.scalar("SELECT raw FROM quarantine WHERE path = 'events/e.jsonl' AND line = 4")?.string == "")
    }

    @Test func theSameKeyGivesTheSameIDsAndAnotherKeyOthers() throws {
        func ids(_ key: String) throws -> [String] {
            let dir = try TemporaryDirectory()
            let (database, _) = try Self.ingest(environment: ["TEST_USER_KEY": key], in: dir)
            return try database.rows("SELECT user_id FROM orders ORDER BY order_id").compactMap { $0[0].string }
        }
        let first = try ids("key-number-one-0123456789")
        #expect(first.count == 2)
        #expect(try ids("key-number-one-0123456789") == first)
        let other = try ids("key-number-two-0123456789")
        #expect(other.count == 2 && Set(other).isDisjoint(with: first))
        // Orders and events of one user share the pseudonym, so journeys still join.
        let dir = try TemporaryDirectory()
        let (database, _) = try Self.ingest(environment: ["TEST_USER_KEY": "key-number-one-0123456789"], in: dir)
        #expect(try database.scalar(
            "SELECT count(*) FROM orders AS o JOIN events AS e ON e.user_id = o.user_id")?.int == 2)
    }

    @Test(arguments: [[:], ["TEST_USER_KEY": ""], ["TEST_USER_KEY": "short"]])
    func aMissingOrWeakKeyIsADefinitionError(environment: [String: String]) throws {
        let dir = try TemporaryDirectory()
        try dir.write("p/p.yaml", Self.definition)
        do {
            _ = try DefinitionLoader.load(path: dir.path + "/p/p.yaml", environment: environment)
            Issue.record("loaded without a usable key")
        } catch let error as DefinitionError {
            #expect(error.problems.count == 1)
            #expect(error.problems.first?.line == 6, "points at key_env")
            #expect(error.description.contains("TEST_USER_KEY"))
            #expect(error.description.contains("at least 16 characters"))
        }
    }

    @Test func aRejectedUserIDIsNotQuotedInTheReason() throws {
        let dir = try TemporaryDirectory()
        try dir.write("p/p.yaml", Self.definition)
        try dir.write("p/in/shop/o.csv", """
            子订单编号,买家ID,订单提交时间,订单应付金额,订单状态
            11,6.93E+18,2026-10-12 20:31:05,10.00,已支付
            12,u_ok,2026-10-12 20:31:05,10.00,已支付

            """)
        var loaded = try DefinitionLoader.load(path: dir.path + "/p/p.yaml", environment: ["TEST_USER_KEY": "a-long-enough-secret-key"])
        loaded.maxRejectRatio = 1
        let database = try Database(path: loaded.databasePath)
        try Schema.migrate(database)
        _ = try Ingestor(definition: loaded, database: database).run(sources: ["shop"])
        let row = try #require(try database.rows("SELECT reason, raw, field FROM quarantine").first)
        #expect(row[2].string == "user_id")
        #expect(row[0].string?.contains("pseudonymised") == true)
        for text in [row[0].string ?? "", row[1].string ?? ""] {
            #expect(!text.contains("6.93E+18") && !text.contains("6.93"), "\(text)")
        }
    }

    @Test func withoutPrivacyRawIDsStayButUnmappedColumnsStillDoNot() throws {
        let dir = try TemporaryDirectory()
        let plain = Self.definition.replacingOccurrences(of: "pseudonymize_user_ids: true", with: "pseudonymize_user_ids: false")
        try dir.write("p/p.yaml", plain)
        try dir.write("p/in/shop/o.csv", Self.orders)
        var loaded = try DefinitionLoader.load(path: dir.path + "/p/p.yaml", environment: [:])
        loaded.maxRejectRatio = 0.5
        let database = try Database(path: loaded.databasePath)
        try Schema.migrate(database)
        _ = try Ingestor(definition: loaded, database: database).run(sources: ["shop"])
        #expect(try database.rows("SELECT user_id FROM orders ORDER BY order_id").map { $0[0].string } == ["u_alice", "u_bob"])
        let raw = try database.scalar("SELECT raw FROM quarantine")?.string ?? ""
        #expect(raw == "13,u_carol,2026-10-12 22:00:00,abc,已支付")
        #expect(!raw.contains("13700137000") && !raw.contains("王五"))
    }
}
