import Foundation
import Testing
@testable import SluiceCore

@Suite("SQLite store")
struct DatabaseTests {
    @Test func migratesOnceAndRefusesNewerSchemas() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path + "/nested/db.sqlite"
        let db = try Database(path: path)
        try Schema.migrate(db)
        try Schema.migrate(db)
        #expect(try db.scalar("SELECT max(version) FROM schema_version")?.int == Int64(Schema.currentVersion))
        #expect(try db.scalar("SELECT count(*) FROM schema_version")?.int == Int64(Schema.currentVersion))
        #expect(try db.scalar("PRAGMA journal_mode")?.string == "wal")
        try db.run("INSERT INTO schema_version(version) VALUES (999)")
        #expect(throws: SluiceError.self) { try Schema.migrate(db) }
    }

    @Test func upsertsOnTheNaturalKeyAndKeepsIDsExact() throws {
        let dir = try TemporaryDirectory()
        let db = try Database(path: dir.path + "/db.sqlite")
        try Schema.migrate(db)
        let writer = try RecordWriter(database: db, record: .orders)
        func order(_ status: String) -> [SQLValue] {
            [.text("6932514890123456789"), .null, .text("u1"), .integer(1_760_000_000_000), .integer(12_900), .integer(1),
             .text(status), .text("doudian"), .null, .null, .null, .null, .text("T恤")]
        }
        try writer.write(order("paid"), source: "shop", fileID: 1)
        try writer.write(order("refunded"), source: "shop", fileID: 2)
        let rows = try db.rows("SELECT order_id, status, file_id FROM orders")
        #expect(rows == [Row(values: [.text("6932514890123456789"), .text("refunded"), .integer(2)])])
        try RecordWriter.deleteRows(ofFile: 2, in: db)
        #expect(try db.scalar("SELECT count(*) FROM orders")?.int == 0)
    }

    @Test func transactionsRollBackOnError() throws {
        let dir = try TemporaryDirectory()
        let db = try Database(path: dir.path + "/db.sqlite")
        try db.execute("CREATE TABLE t (x INTEGER PRIMARY KEY)")
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try db.transaction {
                try db.run("INSERT INTO t VALUES (1)")
                throw Boom()
            }
        }
        #expect(try db.scalar("SELECT count(*) FROM t")?.int == 0)
        let error = #expect(throws: SluiceError.self) { try db.run("INSERT INTO nowhere VALUES (1)") }
        #expect(error?.message.contains("no such table: nowhere") == true)
        #expect(error?.message.contains("INSERT INTO nowhere") == true)
    }

    @Test func contentHashTellsContentApart() throws {
        let a = ContentHash.of(Array("hello, world".utf8))
        #expect(a == ContentHash.of(Array("hello, world".utf8)))
        #expect(a != ContentHash.of(Array("hello, world!".utf8)))
        #expect(a.count == 16)
        let dir = try TemporaryDirectory()
        let bytes = (0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let path = try dir.write("big.bin", bytes: bytes)
        #expect(try ContentHash.ofFile(at: path) == ContentHash.of(bytes))
    }

    @Test func localDatesRoundTrip() throws {
        let d = try #require(LocalDate(iso: "2024-02-29"))
        #expect(d.adding(days: 1).iso == "2024-03-01")
        #expect(LocalDate(dayNumber: d.dayNumber) == d)
        #expect(LocalDate(iso: "2025-02-29") == nil)
        #expect(LocalDate(iso: "2026-11-23")?.isoWeekday == 1)
        let shanghai = try #require(TimeZone(identifier: "Asia/Shanghai"))
        // 2026-10-31 16:30 UTC is 2026-11-01 00:30 in Shanghai.
        #expect(LocalDate(epochMillis: 1_793_464_200_000, in: shanghai).iso == "2026-11-01")
        #expect(try #require(LocalDate(iso: "2026-11-01")).startEpochMillis(in: shanghai) == 1_793_462_400_000)
    }
}

@Suite("Timeline queries")
struct TimelineQueryTests {
    @Test func subOrdersBecomeOneOrderAndDataEndsAtMidnight() throws {
        let dir = try TemporaryDirectory()
        let db = try Database(path: dir.path + "/db.sqlite")
        try Schema.migrate(db)
        let zone = TimeZone(identifier: "Asia/Shanghai")!
        let t0 = LocalDate(iso: "2026-10-12")!.startEpochMillis(in: zone) + 20 * 3_600_000  // 20:00 local
        let orders = try RecordWriter(database: db, record: .orders)
        func order(_ id: String, parent: String?, user: String, at: Int64, fen: Int64, status: String) throws {
            try orders.write([.text(id), parent.map(SQLValue.text) ?? .null, .text(user), .integer(at), .integer(fen), .integer(1),
                              .text(status), .text("doudian"), .null, .null, .null, .null, .null], source: "s", fileID: 1)
        }
        try order("s1", parent: "p1", user: "u1", at: t0, fen: 12_900, status: "paid")
        try order("s2", parent: "p1", user: "u1", at: t0, fen: 0, status: "paid")        // gift line
        try order("s3", parent: "p2", user: "u1", at: t0 + 60_000, fen: 5_000, status: "refunded")
        try order("s4", parent: nil, user: "u2", at: t0 + 120_000, fen: 3_000, status: "completed")
        let events = try RecordWriter(database: db, record: .events)
        try events.write([.text("e1"), .text("u1"), .integer(t0), .text("douyin"), .null, .text("click"), .null, .null, .null, .null],
                         source: "t", fileID: 2)
        let (timeline, end) = try TimelineQueries.load(database: db, timeZone: zone)
        let rows = (0..<timeline.count).map { timeline.row($0) }
        #expect(rows.map { "\($0.userID) \($0.event) \($0.valueFen)" } == ["u1 click 0", "u1 order 12900", "u2 order 3000"])
        #expect(end == LocalDate(iso: "2026-10-13")!.startEpochMillis(in: zone))
    }
}
