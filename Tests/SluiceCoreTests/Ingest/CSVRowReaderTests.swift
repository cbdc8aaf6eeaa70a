import Foundation
import Testing
@testable import SluiceCore

@Suite("Ingest: CSV")
struct IngestCSVTests {
    private func fields(_ text: String, chunkSize: Int = 1 << 16) throws -> [[String]] {
        try IngestFixture.csv(text, chunkSize: chunkSize).map(\.fields)
    }

    @Test func simpleRecords() throws {
        let records = try IngestFixture.csv("作品名称,播放量\n测试视频,1200\n")
        #expect(records == [CSVRecord(fields: ["作品名称", "播放量"], line: 1), CSVRecord(fields: ["测试视频", "1200"], line: 2)])
    }

    @Test func quotedFields() throws {
        let text = "\"a,b\",\"say \"\"hi\"\"\",\"\"\n\"x\"\"\",\"\"\"\",plain\n"
        #expect(try fields(text) == [["a,b", "say \"hi\"", ""], ["x\"", "\"", "plain"]])
    }

    @Test func newlinesInsideQuotesAndLineNumbers() throws {
        let text = "h1,h2\n\"line one\nline two\",x\n\"crlf\r\ninside\",y\r\n\"cr\rinside\",z\nlast,w\n"
        let records = try IngestFixture.csv(text)
        #expect(records.map(\.fields) == [
            ["h1", "h2"], ["line one\nline two", "x"], ["crlf\r\ninside", "y"], ["cr\rinside", "z"], ["last", "w"],
        ])
        #expect(records.map(\.line) == [1, 2, 4, 6, 8])
    }

    @Test func mixedLineEnds() throws {
        let records = try IngestFixture.csv("a,b\r\nc,d\ne,f\rg,h\r\n\r\ni,j")
        #expect(records.map(\.fields) == [["a", "b"], ["c", "d"], ["e", "f"], ["g", "h"], ["i", "j"]])
        #expect(records.map(\.line) == [1, 2, 3, 4, 6])
    }

    @Test func quoteInsideUnquotedFieldIsLiteral() throws {
        #expect(try fields("a\"b,c\"\"d,5\"\n") == [["a\"b", "c\"\"d", "5\""]])
    }

    @Test func textAfterClosingQuoteIsAppended() throws {
        #expect(try fields("\"ab\"cd,e\n\"a\"b\"c\",d\n\"x\" ,y\n") == [["abcd", "e"], ["ab\"c\"", "d"], ["x ", "y"]])
    }

    @Test func bomInTheMiddleIsKept() throws {
        #expect(try fields("a\u{FEFF}b,\u{FEFF}c\n") == [["a\u{FEFF}b", "\u{FEFF}c"]])
    }

    @Test func blankLinesAreSkippedButDelimiterLinesAreNot() throws {
        let records = try IngestFixture.csv("\n\na,b\n\n,\n \n\r\n\n")
        #expect(records.map(\.fields) == [["a", "b"], ["", ""], [" "]])
        #expect(records.map(\.line) == [3, 5, 6])
    }

    @Test func lastRecordWithoutLineEnd() throws {
        #expect(try fields("a,b\nc,") == [["a", "b"], ["c", ""]])
        #expect(try fields("a,\"q\"") == [["a", "q"]])
        #expect(try fields("\"a\"\"\"") == [["a\""]])
        #expect(try fields("\"a\"x") == [["ax"]])
    }

    @Test func emptyInput() throws {
        #expect(try fields("").isEmpty)
        #expect(try fields("\n\r\n\r").isEmpty)
    }

    @Test func otherDelimiters() throws {
        let tab = try IngestFixture.csv("a\tb,c\t\"d\te\"\n", delimiter: UInt8(ascii: "\t"))
        #expect(tab.map(\.fields) == [["a", "b,c", "d\te"]])
        let semicolon = try IngestFixture.csv("a;b\n", delimiter: UInt8(ascii: ";"))
        #expect(semicolon.map(\.fields) == [["a", "b"]])
    }

    @Test func unterminatedQuoteReportsTheLineWhereTheFieldStarted() throws {
        let error = IngestFixture.error { _ = try fields("a,b\nc,\"open\nmore\nlines\n") }
        #expect(error?.kind == .csv)
        #expect(error?.message == "unterminated quoted field")
        #expect(error?.file == "mem.csv")
        #expect(error?.line == 2)
    }

    @Test func fieldLengthLimit() throws {
        var limits = ReaderLimits()
        limits.maxFieldBytes = 10
        #expect(try IngestFixture.csv("0123456789,\"0123456789\"\n", limits: limits).count == 1)
        for text in ["a\n01234567890\n", "\"01234567890\"\n", "\"0123456789\"\"\"\n", String(repeating: "x", count: 5000)] {
            for size in [1, 4, 1 << 16] {
                let error = IngestFixture.error { _ = try IngestFixture.csv(text, chunkSize: size, limits: limits) }
                #expect(error?.kind == .limit, "\(text.prefix(20)) chunk \(size)")
                #expect(error?.message.contains("limits.max_field_bytes") == true)
                #expect(error?.hint?.contains("max_field_bytes") == true)
            }
        }
    }

    @Test func columnLimit() throws {
        var limits = ReaderLimits()
        limits.maxColumns = 3
        #expect(try IngestFixture.csv("a,b,c\n", limits: limits).count == 1)
        let error = IngestFixture.error { _ = try IngestFixture.csv("a,b,c\n1,2,3,4\n", limits: limits) }
        #expect(error?.kind == .limit)
        #expect(error?.line == 2)
        #expect(error?.message.contains("limits.max_columns") == true)
    }

    @Test func recordLengthLimit() throws {
        var limits = ReaderLimits()
        limits.maxLineBytes = 100
        let text = String(repeating: "abcdefghi,", count: 50) + "\n"
        let error = IngestFixture.error { _ = try IngestFixture.csv(text, chunkSize: 16, limits: limits) }
        #expect(error?.kind == .limit)
        #expect(error?.message.contains("limits.max_line_bytes") == true)
    }

    @Test func skipLinesIgnoresQuotes() throws {
        let text = "导出时间: 2025-01-01 \"banner\r\nsecond \"banner\nh1,h2\n1,2\n"
        for size in [1, 2, 3, 1 << 16] {
            let reader = CSVRowReader(source: MemoryByteSource(text, chunkSize: size), path: "m.csv")
            try reader.skipLines(2)
            let records = try IngestFixture.records(reader)
            #expect(records.map(\.fields) == [["h1", "h2"], ["1", "2"]], "chunk \(size)")
            #expect(records.map(\.line) == [3, 4])
        }
        let short = CSVRowReader(source: MemoryByteSource("only one line"), path: "m.csv")
        try short.skipLines(5)
        #expect(try short.nextRecord() == nil)
        let lone = CSVRowReader(source: MemoryByteSource("banner\rh\r\n1\n"), path: "m.csv")
        try lone.skipLines(1)
        #expect(try IngestFixture.records(lone) == [CSVRecord(fields: ["h"], line: 2), CSVRecord(fields: ["1"], line: 3)])
    }

    @Test func bytesConsumedPassesThrough() throws {
        let source = MemoryByteSource("a,b\n1,2\n", chunkSize: 3)
        let reader = CSVRowReader(source: source, path: "m.csv")
        _ = try IngestFixture.records(reader)
        #expect(reader.bytesConsumed == 8)
    }

    /// Every chunk size from 1 to 7 must give the same records as one big chunk.
    @Test(arguments: 1...7)
    func tinyChunksMatchOneChunk(chunkSize: Int) throws {
        let text = """
            作品ID,"作品
            名称",播放量\r
            "1",\"\"\"引号\"\"\",1,200\r\r
            2,"a""b"c,
            ,,\r
            "é😀\r\n",x"y,"z"
            """
        let whole = try IngestFixture.csv(text)
        #expect(whole.count == 5)
        #expect(try IngestFixture.csv(text, chunkSize: chunkSize) == whole)
    }

    /// Random inputs over a small alphabet full of special bytes: chunking never changes the outcome.
    @Test func randomInputsAreChunkIndependent() throws {
        var random = SplitMix(seed: 42)
        let alphabet: [[UInt8]] = [[0x61], [0x2C], [0x22], [0x22], [0x0A], [0x0D], Array("é".utf8), Array("作".utf8), [0x20]]
        for round in 0..<300 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(random.next() % 60) { bytes += alphabet[Int(random.next() % UInt64(alphabet.count))] }
            let reference = Result { try IngestFixture.csv(bytes) }
            for size in [1, 2, 3, 5, 7] {
                let chunked = Result { try IngestFixture.csv(bytes, chunkSize: size) }
                switch (reference, chunked) {
                case let (.success(a), .success(b)):
                    #expect(a == b, "round \(round) chunk \(size)")
                case let (.failure(a), .failure(b)):
                    #expect(a as? SluiceError == b as? SluiceError, "round \(round) chunk \(size)")
                default:
                    Issue.record("round \(round) chunk \(size): \(reference) vs \(chunked)")
                }
            }
            if case let .success(records) = reference {
                // Field bytes add up: every record's fields come from the input.
                #expect(records.allSatisfy { !$0.fields.isEmpty })
            }
        }
    }

    @Test func largeInputAcrossChunks() throws {
        var text = "id,title,note\n"
        for row in 0..<20_000 { text += "\(row),\"标题 \(row), with \"\"quotes\"\"\",plain \(row)\n" }
        let records = try IngestFixture.csv(text, chunkSize: 4093)
        #expect(records.count == 20_001)
        #expect(records[12_346] == CSVRecord(fields: ["12345", "标题 12345, with \"quotes\"", "plain 12345"], line: 12_347))
    }
}
