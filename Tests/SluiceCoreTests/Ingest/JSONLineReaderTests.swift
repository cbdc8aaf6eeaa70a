import Foundation
import Testing
@testable import SluiceCore

@Suite("Ingest: JSON lines")
struct IngestJSONLTests {
    private func values(_ line: String, _ paths: [String]) throws -> [String?] {
        let records = try IngestFixture.jsonl(line, paths: paths)
        #expect(records.count == 1)
        #expect(records.first?.error == nil, "\(records.first?.error ?? "")")
        return records.first?.values ?? []
    }

    private func error(_ line: String, paths: [String] = ["a"]) throws -> String? {
        let records = try IngestFixture.jsonl(line, paths: paths)
        #expect(records.count == 1)
        #expect(records.first?.values.allSatisfy { $0 == nil } == true)
        return records.first?.error
    }

    @Test func nestedPaths() throws {
        let line = #"{"user": {"id": 42, "name": "张三", "tags": ["a", {"b": 1}]}, "n": 1, "meta": {}}"#
        let result = try values(line, ["user.id", "user.name", "n", "missing", "user.missing", "user.tags", "meta", "user"])
        #expect(result == [
            "42", "张三", "1", nil, nil, #"["a", {"b": 1}]"#, "{}",
            #"{"id": 42, "name": "张三", "tags": ["a", {"b": 1}]}"#,
        ])
    }

    @Test func pathIntoANonObjectIsAbsent() throws {
        #expect(try values(#"{"user": "plain", "list": [{"id": 1}]}"#, ["user.id", "list.id"]) == [nil, nil])
    }

    @Test func numberOrStringForTheSameField() throws {
        let records = try IngestFixture.jsonl(
            #"{"id": 123, "v": 1.50}"# + "\n" + #"{"id": "123", "v": "1.50"}"# + "\n" + #"{"id": -0.5e+10, "v": 0}"#,
            paths: ["id", "v"])
        #expect(records.map(\.values) == [["123", "1.50"], ["123", "1.50"], ["-0.5e+10", "0"]])
    }

    @Test func literals() throws {
        #expect(try values(#"{"t": true, "f": false, "n": null, "s": "null"}"#, ["t", "f", "n", "s"]) == ["true", "false", nil, "null"])
    }

    @Test func longNumericIDsStayExact() throws {
        let line = #"{"id": 1234567890123456789, "max": 9223372036854775807, "big": 184467440737095516151234, "neg": -7000000000000000001}"#
        #expect(try values(line, ["id", "max", "big", "neg"])
            == ["1234567890123456789", "9223372036854775807", "184467440737095516151234", "-7000000000000000001"])
    }

    @Test func escapes() throws {
        let line = #"{"s": "q\" b\\ s\/ \b\f\n\r\t \u4e2d\u6587 \ud83d\ude00 \u00e9", "lone": "x\ud800y", "low": "\udc00", "k\u0065y": "found"}"#
        let result = try values(line, ["s", "lone", "low", "key"])
        #expect(result == ["q\" b\\ s/ \u{8}\u{C}\n\r\t 中文 😀 é", "x\u{FFFD}y", "\u{FFFD}", "found"])
    }

    @Test func rawTextKeepsEscapesAndLineHasNoLineEnd() throws {
        let records = try IngestFixture.jsonl(#"{"a": "\n"}"# + "\r\n", paths: ["a"])
        #expect(records.first?.raw == #"{"a": "\n"}"#)
        #expect(records.first?.values == ["\n"])
    }

    @Test func duplicateKeysLastWins() throws {
        #expect(try values(#"{"a": 1, "a": 2}"#, ["a"]) == ["2"])
        #expect(try values(#"{"a": 1, "a": null}"#, ["a"]) == [nil])
        #expect(try values(#"{"u": {"id": 1}, "u": 5}"#, ["u.id", "u"]) == [nil, "5"])
        #expect(try values(#"{"u": {"id": 1, "x": 2}, "u": {"x": 3}}"#, ["u.id", "u.x"]) == [nil, "3"])
        #expect(try values(#"{"u": {"id": 1, "id": "2"}}"#, ["u.id"]) == ["2"])
    }

    @Test func samePathTwice() throws {
        #expect(try values(#"{"a": {"b": "x"}}"#, ["a.b", "a.b"]) == ["x", "x"])
    }

    @Test func deepNestingIsAnErrorOnThatLineOnly() throws {
        let deepArray = #"{"a": 1, "x": "# + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "}"
        let deepObject = #"{"a": "# + String(repeating: #"{"a": "#, count: 10_000) + "1" + String(repeating: "}", count: 10_001)
        let text = [#"{"a": 1}"#, deepArray, deepObject, #"{"a": 2}"#].joined(separator: "\n")
        let records = try IngestFixture.jsonl(text, paths: ["a", "a.a.a"])
        #expect(records.count == 4)
        #expect(records.map(\.line) == [1, 2, 3, 4])
        #expect(records[0].values == ["1", nil])
        #expect(records[1].error?.contains("max_json_depth") == true)
        #expect(records[2].error?.contains("max_json_depth") == true)
        #expect(records[3].values == ["2", nil])
    }

    @Test func depthLimitBoundary() throws {
        func nested(_ levels: Int) -> String {
            // The line's object is level 1; each array adds one.
            #"{"a": "# + String(repeating: "[", count: levels - 1) + String(repeating: "]", count: levels - 1) + "}"
        }
        var limits = ReaderLimits()
        limits.maxJSONDepth = 5
        #expect(try IngestFixture.jsonl(nested(5), paths: ["a"], limits: limits).first?.error == nil)
        #expect(try IngestFixture.jsonl(nested(6), paths: ["a"], limits: limits).first?.error != nil)
        #expect(try IngestFixture.jsonl(nested(6), paths: ["b"], limits: limits).first?.error != nil)
        #expect(try IngestFixture.jsonl(#"{"a":{"a":{"a":{"a":{"a":1}}}}}"#, paths: ["a.a.a.a.a"], limits: limits).first?.values == ["1"])
        #expect(try IngestFixture.jsonl(#"{"a":{"a":{"a":{"a":{"a":{}}}}}}"#, paths: ["a.a.a.a.a"], limits: limits).first?.error != nil)
    }

    @Test(arguments: [
        #"{"a":1,}"#, #"{"a" 1}"#, #"[1,2]"#, #"{"a":1} x"#, #"{"a":1}{"b":2}"#, #"{"a":tru}"#, #"{"a":01}"#,
        #"{"a":"x"#, #"{"a":"\x"}"#, "{\"a\":\"tab\there\"}", #"{"#, #"{"a":}"#, #"{a:1}"#, #"{"a":1 "b":2}"#,
        #"{"b":[1,2}"#, #"{"b":{"c":1]}"#, #"{"b":-}"#, #"{"b":1.}"#, #"{"b":1e}"#, #"{"b":"\u12G4"}"#, "\"just a string\"",
        #"{"b":[1,]}"#, #"{"b":nul}"#, #"{"a":+1}"#, #"{"a":.5}"#,
    ])
    func malformedLines(line: String) throws {
        let message = try error(line)
        #expect(message != nil, "accepted: \(line)")
    }

    @Test func malformedLineKeepsRawAndTheNextLineParses() throws {
        let records = try IngestFixture.jsonl("{\"a\": 1\n{\"a\": 2}\n", paths: ["a"])
        #expect(records.count == 2)
        #expect(records[0].raw == "{\"a\": 1")
        #expect(records[0].error?.contains("column") == true)
        #expect(records[1].values == ["2"])
        #expect(records[1].error == nil)
    }

    @Test func blankLinesAndCRLF() throws {
        let text = "\n{\"a\": 1}\r\n   \r\n\t\n{\"a\": \"x\"}\r\n\r\n{\"a\": 3}"
        let records = try IngestFixture.jsonl(text, paths: ["a"])
        #expect(records.map(\.line) == [2, 5, 7])
        #expect(records.map(\.values) == [["1"], ["x"], ["3"]])
        #expect(records.allSatisfy { $0.error == nil })
    }

    @Test func whitespaceAroundTokens() throws {
        #expect(try values("  {  \"a\" :\t[ 1 , { \"b\" : 2 } ] , \"c\" : { } }  ", ["a", "c"]) == ["[ 1 , { \"b\" : 2 } ]", "{ }"])
    }

    @Test func lineLengthLimit() throws {
        var limits = ReaderLimits()
        limits.maxLineBytes = 50
        let ok = #"{"a": "short"}"#
        let long = #"{"a": ""# + String(repeating: "x", count: 100) + #""}"#
        for size in [1, 7, 1 << 16] {
            let error = IngestFixture.error {
                _ = try IngestFixture.jsonl(ok + "\n" + long + "\n" + ok, paths: ["a"], chunkSize: size, limits: limits)
            }
            #expect(error?.kind == .limit, "chunk \(size)")
            #expect(error?.line == 2)
            #expect(error?.message.contains("limits.max_line_bytes") == true)
        }
    }

    @Test(arguments: 1...7)
    func tinyChunksMatchOneChunk(chunkSize: Int) throws {
        let text = "{\"u\": {\"id\": 1234567890123456789, \"n\": \"名字\\u00e9\"}}\r\n\n{\"u\": {\"id\": \"7\"}, \"x\": [1, {\"y\": null}]}\n{bad\n{\"u\": null}"
        let whole = try IngestFixture.jsonl(text, paths: ["u.id", "u.n", "x"])
        #expect(whole.count == 4)
        #expect(whole[0].values == ["1234567890123456789", "名字é", nil])
        #expect(whole[1].values == ["7", nil, #"[1, {"y": null}]"#])
        #expect(whole[2].error != nil)
        #expect(whole[3].values == [nil, nil, nil])
        #expect(try IngestFixture.jsonl(text, paths: ["u.id", "u.n", "x"], chunkSize: chunkSize) == whole)
    }

    @Test func emptyInput() throws {
        #expect(try IngestFixture.jsonl("", paths: ["a"]).isEmpty)
        #expect(try IngestFixture.jsonl("\n\n \n", paths: ["a"]).isEmpty)
    }

    @Test func noPathsStillValidates() throws {
        let records = try IngestFixture.jsonl("{\"a\": [1, 2]}\n{\"a\": [1, 2}\n", paths: [])
        #expect(records.map { $0.error == nil } == [true, false])
        #expect(records[0].values.isEmpty)
    }
}
