import Foundation
import Testing
@testable import SluiceCore

@Suite("Record mapping")
struct RecordMapperTests {
    let zone = TimeZone(identifier: "Asia/Shanghai")!

    func source(_ record: RecordType, _ columns: [String: ColumnMapping], constants: [String: String] = [:],
                valueMaps: [String: [String: String]] = [:]) -> SourceDefinition {
        SourceDefinition(name: "s", files: "*", format: .csv, encoding: .auto, record: record, skipLines: 0, delimiter: 44,
                         counters: .daily, snapshotDate: nil, constants: constants, columns: columns, valueMaps: valueMaps,
                         totalsMarkers: [], restateDays: 0)
    }

    @Test func spendKeysWithoutAValueBecomeEmptyStrings() throws {
        let mapper = try RecordMapper(source: source(.spendDaily, [
            "stat_date": .init(column: "日期"), "campaign_id": .init(column: "计划ID"), "kol_id": .init(column: "达人ID"),
            "spend_fen": .init(column: "消耗"),
        ], constants: ["platform": "douyin"]), timeZone: zone)
        #expect(mapper.requestedColumns == ["计划ID", "达人ID", "日期", "消耗"], "in canonical field order")
        let row = try mapper.map(["c01", "-", "2026-10-05", "1,234.50"]).get()
        let fields = mapper.fields.map(\.name)
        #expect(row[fields.firstIndex(of: "kol_id")!] == .text(""))
        #expect(row[fields.firstIndex(of: "spend_fen")!] == .integer(123_450))
        #expect(row[fields.firstIndex(of: "platform")!] == .text("douyin"))
        #expect(row[fields.firstIndex(of: "stat_date")!] == .text("2026-10-05"))
    }

    @Test func ratesBecomeCountsAndBadValuesNameTheirColumn() throws {
        let mapper = try RecordMapper(source: source(.contentDaily, [
            "content_id": .init(column: "作品ID"), "stat_date": .init(column: "日期"), "plays": .init(column: "播放量"),
            "completed_plays": .init(column: "完播率", rateOf: "plays"), "likes": .init(column: "点赞量"),
        ], constants: ["platform": "douyin"]), timeZone: zone)
        let fields = mapper.fields.map(\.name)
        let row = try mapper.map(["\t7301", "2026-10-05", "1.2万", "28.5%", "-"]).get()
        #expect(row[fields.firstIndex(of: "content_id")!] == .text("7301"))
        #expect(row[fields.firstIndex(of: "plays")!] == .integer(12_000))
        #expect(row[fields.firstIndex(of: "completed_plays")!] == .integer(3_420))
        #expect(row[fields.firstIndex(of: "likes")!] == .null, "a placeholder is NULL, not 0")
        let bad = mapper.map(["7301", "2026-10-05", "12abc", "28.5%", "1"])
        if case .failure(let rejection) = bad {
            #expect(rejection.column == "播放量")
            #expect(rejection.field == "plays")
        } else {
            Issue.record("expected a rejection")
        }
        #expect(bad.failureReason.contains("12abc"))
        let negative = mapper.map(["7301", "2026-10-05", "-5", "1%", "1"])
        #expect(negative.failureReason == "plays '-5' is negative")
        let missingKey = mapper.map(["-", "2026-10-05", "5", "1%", "1"])
        #expect(missingKey.failureReason == "content_id is required but 作品ID is empty")
    }

    @Test func derivedEventIDsAreStableAndDistinct() throws {
        let mapper = try RecordMapper(source: source(.events, [
            "user_id": .init(column: "u"), "occurred_at": .init(column: "t"), "event": .init(column: "e"),
        ]), timeZone: zone)
        let a = try mapper.map(["u1", "1760000000000", "view"]).get()
        let again = try mapper.map(["u1", "1760000000000", "view"]).get()
        let other = try mapper.map(["u1", "1760000000001", "view"]).get()
        #expect(a[0] == again[0])
        #expect(a[0] != other[0])
        #expect(a[0].string?.count == 17)
    }

    @Test func badConstantsAreDefinitionErrors() {
        #expect(throws: SluiceError.self) {
            _ = try RecordMapper(source: self.source(.spendDaily, ["stat_date": .init(column: "d")], constants: ["platform": "x", "spend_fen": "lots"]), timeZone: self.zone)
        }
    }
}

extension Result where Failure == Rejection {
    var failureReason: String {
        if case .failure(let rejection) = self { return rejection.reason }
        return ""
    }
}
