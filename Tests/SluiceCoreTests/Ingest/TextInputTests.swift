import Foundation
import Testing
@testable import SluiceCore

@Suite("Ingest: encodings")
struct IngestEncodingTests {
    private let chineseCSV = "作品名称,播放量\n测试视频,1200\n“引号”与€符号,3\n"

    private func open(_ bytes: [UInt8], name: String = "f.csv", encoding: TextEncoding = .auto, chunkSize: Int = 256 << 10)
        throws -> (bytes: [UInt8], detected: TextEncoding)
    {
        let path = try IngestFixture.file(bytes, name: name)
        let opened = try TextInput.open(path: path, encoding: encoding, chunkSize: chunkSize)
        return (try IngestFixture.readAll(opened.source), opened.detected)
    }

    @Test func utf8WithBOM() throws {
        let result = try open([0xEF, 0xBB, 0xBF] + Array(chineseCSV.utf8))
        #expect(result.detected == .utf8)
        #expect(result.bytes == Array(chineseCSV.utf8))
    }

    @Test func utf8WithoutBOM() throws {
        let result = try open(Array(chineseCSV.utf8))
        #expect(result.detected == .utf8)
        #expect(result.bytes == Array(chineseCSV.utf8))
    }

    @Test func bomInsideGzipIsStripped() throws {
        let result = try open(try IngestFixture.gzip([0xEF, 0xBB, 0xBF] + Array("a,b\n".utf8)), name: "b.csv.gz")
        #expect(result.bytes == Array("a,b\n".utf8))
    }

    @Test func gb18030IsDetectedAndTranscoded() throws {
        let encoded = try IngestFixture.gb18030(chineseCSV)
        #expect(encoded != Array(chineseCSV.utf8))
        let result = try open(encoded)
        #expect(result.detected == .gb18030)
        #expect(result.bytes == Array(chineseCSV.utf8))
        let fixed = try open(encoded, encoding: .gb18030)
        #expect(fixed.detected == .gb18030)
        #expect(fixed.bytes == Array(chineseCSV.utf8))
    }

    @Test func gb18030ThroughGzipAndCSV() throws {
        let encoded = try IngestFixture.gzip(try IngestFixture.gb18030(chineseCSV))
        let path = try IngestFixture.file(encoded, name: "gbk.csv.gz")
        let opened = try TextInput.open(path: path, encoding: .auto)
        #expect(opened.detected == .gb18030)
        let records = try IngestFixture.records(CSVRowReader(source: opened.source, path: path))
        #expect(records.map(\.fields) == [["作品名称", "播放量"], ["测试视频", "1200"], ["“引号”与€符号", "3"]])
    }

    @Test func gb18030SplitAcrossTinyChunks() throws {
        // Includes a four-byte GB18030 sequence (the emoji) so every split position occurs.
        let text = String(repeating: "作品😀a名称,播放量\n", count: 20)
        let encoded = try IngestFixture.gb18030(text)
        for size in 1...7 {
            let result = try open(encoded, encoding: .gb18030, chunkSize: size)
            #expect(result.bytes == Array(text.utf8), "chunk size \(size)")
        }
    }

    @Test func utf8SplitAcrossTinyChunks() throws {
        let text = String(repeating: "aé作😀,", count: 50)
        for size in 1...7 {
            let result = try open(Array(text.utf8), encoding: .utf8, chunkSize: size)
            #expect(result.bytes == Array(text.utf8), "chunk size \(size)")
            let auto = try open(Array(text.utf8), encoding: .auto, chunkSize: size)
            #expect(auto.detected == .utf8)
        }
    }

    @Test func invalidUTF8UnderFixedUTF8() throws {
        let bytes = Array("abc".utf8) + [0xFF] + Array("def".utf8)
        let path = try IngestFixture.file(bytes, name: "bad.csv")
        let error = IngestFixture.error {
            let opened = try TextInput.open(path: path, encoding: .utf8)
            _ = try IngestFixture.readAll(opened.source)
        }
        #expect(error?.kind == .encoding)
        #expect(error?.file == path)
        #expect(error?.byteOffset == 3)
    }

    @Test func invalidUTF8OffsetCountsTheBOMAndCrossesChunks() throws {
        // A 3-byte sequence with a bad last byte, placed across a chunk boundary; the offset is its lead byte.
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("0123456".utf8) + [0xE4, 0xBD, 0x41]
        for size in [1, 2, 4, 64] {
            let error = IngestFixture.error { _ = try open(bytes, encoding: .utf8, chunkSize: size) }
            #expect(error?.kind == .encoding)
            #expect(error?.byteOffset == 10, "chunk size \(size)")
        }
    }

    @Test func invalidUTF8AfterTheSniffWindowUnderAuto() throws {
        let gbTail = try IngestFixture.gb18030("测试\n")
        // Larger than the first 256 KiB chunk, which is all that detection looks at.
        let bytes = Array(String(repeating: "a,b\n", count: 75_000).utf8) + gbTail
        let path = try IngestFixture.file(bytes, name: "late.csv")
        let opened = try TextInput.open(path: path, encoding: .auto)
        #expect(opened.detected == .utf8)
        let error = IngestFixture.error { _ = try IngestFixture.readAll(opened.source) }
        #expect(error?.kind == .encoding)
        #expect(error?.byteOffset == 300_000)
        #expect(error?.hint?.contains("gb18030") == true)
    }

    @Test func invalidUTF8InsideGzipUsesDecompressedOffset() throws {
        let bytes = try IngestFixture.gzip(Array("héllo".utf8) + [0xC3])
        let error = IngestFixture.error { _ = try open(bytes, name: "x.gz", encoding: .utf8) }
        #expect(error?.kind == .encoding)
        #expect(error?.byteOffset == 6)
        #expect(error?.message.contains("ends inside") == true)
    }

    @Test func sequenceCutAtTheSniffBoundaryStillCountsAsUTF8() throws {
        // With 64 KiB chunks the sniffed head ends in the middle of "作".
        let bytes = Array(String(repeating: "a", count: TextInput.sniffBytes - 1).utf8) + Array("作\n".utf8)
        let result = try open(bytes, chunkSize: TextInput.sniffBytes)
        #expect(result.detected == .utf8)
        #expect(result.bytes == bytes)
    }

    @Test func invalidGB18030() throws {
        let bytes = try IngestFixture.gb18030("作品,") + [0x81, 0x20] + Array("x\n".utf8)
        let error = IngestFixture.error { _ = try open(bytes, encoding: .gb18030, chunkSize: 3) }
        #expect(error?.kind == .encoding)
        #expect(error?.byteOffset == 5)
        let truncated = try IngestFixture.gb18030("作品") + [0x81]
        let end = IngestFixture.error { _ = try open(truncated, encoding: .gb18030) }
        #expect(end?.kind == .encoding)
        #expect(end?.byteOffset == 4)
    }

    @Test func utf16IsRejected() throws {
        for bom: [UInt8] in [[0xFF, 0xFE], [0xFE, 0xFF]] {
            let error = IngestFixture.error { _ = try open(bom + [0x61, 0x00]) }
            #expect(error?.kind == .encoding)
            #expect(error?.message.contains("UTF-16") == true)
            #expect(error?.hint?.contains("UTF-8") == true)
        }
    }

    @Test func utf8BOMWithFixedGB18030IsAnError() throws {
        let error = IngestFixture.error { _ = try open([0xEF, 0xBB, 0xBF, 0x61], encoding: .gb18030) }
        #expect(error?.kind == .encoding)
    }

    @Test func emptyFile() throws {
        let result = try open([])
        #expect(result.bytes.isEmpty)
        #expect(result.detected == .utf8)
    }

    @Test func directoryIsAnIOError() throws {
        let folder = try IngestFixture.directory().path
        let error = IngestFixture.error { _ = try FileByteSource(path: folder) }
        #expect(error?.kind == .io)
        #expect(error?.file == folder)
    }

    @Test func fileSourceDeliversChunksAndCountsBytes() throws {
        let bytes = Array(0..<100).map { UInt8($0) }
        let source = try FileByteSource(path: try IngestFixture.file(bytes, name: "b.bin"), chunkSize: 30)
        #expect(try source.nextChunk().count == 30)
        #expect(source.bytesConsumed == 30)
        #expect(try IngestFixture.readAll(source) == Array(bytes[30...]))
        #expect(source.bytesConsumed == 100)
        #expect(try source.nextChunk().isEmpty)
    }

    @Test func missingFile() throws {
        let error = IngestFixture.error { _ = try TextInput.open(path: "/nonexistent/sluice/x.csv", encoding: .auto) }
        #expect(error?.kind == .io)
        #expect(error?.file == "/nonexistent/sluice/x.csv")
    }
}

@Suite("Ingest: UTF-8 validator")
struct IngestUTF8ValidatorTests {
    private func firstError(_ bytes: [UInt8], chunkSize: Int = 1000) -> Int? {
        var validator = UTF8Validator()
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunkSize)
            if let bad = Array(bytes[start..<end]).withUnsafeBufferPointer({ validator.consume($0) }) { return bad }
            start = end
        }
        return validator.finish()
    }

    @Test func acceptsValidText() {
        let text = Array("plain ASCII that is long enough for the fast path, é, 作, 😀, \u{10FFFF}".utf8)
        for size in 1...9 { #expect(firstError(text, chunkSize: size) == nil) }
    }

    @Test func rejectsInvalidSequences() {
        let prefix = Array("0123456789".utf8)
        let cases: [[UInt8]] = [
            [0x80],  // stray continuation
            [0xC0, 0x80],  // overlong
            [0xC1, 0xBF],  // overlong
            [0xE0, 0x80, 0x80],  // overlong
            [0xED, 0xA0, 0x80],  // surrogate
            [0xF0, 0x80, 0x80, 0x80],  // overlong
            [0xF4, 0x90, 0x80, 0x80],  // above U+10FFFF
            [0xF5, 0x80, 0x80, 0x80],
            [0xE4, 0xBD],  // truncated at the end
            [0xE4, 0x41, 0x41],
        ]
        for bad in cases {
            for size in [1, 3, 100] {
                #expect(firstError(prefix + bad, chunkSize: size) == 10, "\(bad) chunk \(size)")
            }
        }
    }
}
