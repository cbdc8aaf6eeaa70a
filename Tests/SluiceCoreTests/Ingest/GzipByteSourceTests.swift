import Foundation
import Testing
@testable import SluiceCore

@Suite("Ingest: gzip")
struct IngestGzipTests {
    private func inflate(_ path: String, fileChunk: Int = 256 << 10, outputChunk: Int = 256 << 10) throws -> [UInt8] {
        let file = try FileByteSource(path: path, chunkSize: fileChunk)
        return try IngestFixture.readAll(GzipByteSource(upstream: file, path: path, chunkSize: outputChunk))
    }

    /// Several MB of varied text (compresses, but not to nothing).
    private func largeText() -> [UInt8] {
        var random = SplitMix(seed: 7)
        var text = "id,title,plays\n"
        for row in 0..<120_000 {
            text += "\(row),视频标题\(random.next() % 100_000),\(random.next() % 10_000_000)\n"
        }
        return Array(text.utf8)
    }

    @Test func singleMember() throws {
        let text = Array("作品名称,播放量\n测试,1\n".utf8)
        let path = try IngestFixture.file(try IngestFixture.gzip(text), name: "a.csv.gz")
        #expect(try inflate(path) == text)
    }

    @Test func multiMember() throws {
        let first = Array("a,b\n1,2\n".utf8)
        let second = Array("3,4\n".utf8)
        let bytes = try IngestFixture.gzip(first) + IngestFixture.gzip(second)
        let path = try IngestFixture.file(bytes, name: "multi.csv.gz")
        #expect(try inflate(path) == first + second)
        // Tiny input and output chunks: member boundaries fall inside chunks and across them.
        for size in [1, 2, 3, 7] {
            #expect(try inflate(path, fileChunk: size, outputChunk: size + 2) == first + second)
        }
        let opened = try TextInput.open(path: path, encoding: .auto)
        let records = try IngestFixture.records(CSVRowReader(source: opened.source, path: path))
        #expect(records.map(\.fields) == [["a", "b"], ["1", "2"], ["3", "4"]])
    }

    @Test func emptyMemberInTheMiddle() throws {
        let bytes = try IngestFixture.gzip(Array("x\n".utf8)) + IngestFixture.gzip([]) + IngestFixture.gzip(Array("y\n".utf8))
        let path = try IngestFixture.file(bytes, name: "m.gz")
        #expect(try inflate(path) == Array("x\ny\n".utf8))
    }

    @Test func trailingZeroPaddingIsTolerated() throws {
        let text = Array("hello\n".utf8)
        let bytes = try IngestFixture.gzip(text) + [UInt8](repeating: 0, count: 1000)
        let path = try IngestFixture.file(bytes, name: "padded.gz")
        #expect(try inflate(path) == text)
        #expect(try inflate(path, fileChunk: 3) == text)
    }

    @Test func trailingGarbageIsAnError() throws {
        let bytes = try IngestFixture.gzip(Array("hello\n".utf8)) + Array("garbage".utf8)
        let path = try IngestFixture.file(bytes, name: "garbage.gz")
        let error = IngestFixture.error { _ = try inflate(path) }
        #expect(error?.kind == .gzip)
        #expect(error?.message.contains("after the end") == true)
    }

    @Test func truncatedAtSeveralOffsets() throws {
        let text = largeText().prefix(200_000)
        let full = try IngestFixture.gzip(Array(text))
        for cut in [1, 2, 5, 10, 11, 100, full.count / 2, full.count - 8, full.count - 4, full.count - 1] {
            let path = try IngestFixture.file(Array(full.prefix(cut)), name: "cut\(cut).csv.gz")
            let error = IngestFixture.error { _ = try inflate(path, fileChunk: 4096) }
            #expect(error?.kind == .gzip, "cut at \(cut)")
            #expect(error?.file == path)
            #expect(error?.message.contains("truncated") == true, "cut at \(cut): \(String(describing: error))")
            #expect(error?.byteOffset == cut, "cut at \(cut)")
        }
    }

    @Test func errorRepeatsOnLaterCalls() throws {
        let full = try IngestFixture.gzip(Array("abc\n".utf8))
        let path = try IngestFixture.file(Array(full.prefix(full.count - 2)), name: "r.gz")
        let source = GzipByteSource(upstream: try FileByteSource(path: path), path: path)
        let first = IngestFixture.error { _ = try IngestFixture.readAll(source) }
        let second = IngestFixture.error { _ = try source.nextChunk() }
        #expect(first?.kind == .gzip)
        #expect(second == first)
    }

    @Test func truncatedThroughTextInput() throws {
        let full = try IngestFixture.gzip(Array("a,b\n1,2\n".utf8))
        let path = try IngestFixture.file(Array(full.prefix(full.count - 3)), name: "t.csv.gz")
        let error = IngestFixture.error {
            let opened = try TextInput.open(path: path, encoding: .auto)
            _ = try IngestFixture.records(CSVRowReader(source: opened.source, path: path))
        }
        #expect(error?.kind == .gzip)
        #expect(error?.file == path)
    }

    @Test func bitFlipInTheDataIsAnError() throws {
        let text = largeText().prefix(100_000)
        let full = try IngestFixture.gzip(Array(text))
        for position in [full.count / 3, full.count / 2, full.count - 6] {
            var damaged = full
            damaged[position] ^= 0x10
            let path = try IngestFixture.file(damaged, name: "flip\(position).gz")
            let error = IngestFixture.error { _ = try inflate(path) }
            #expect(error?.kind == .gzip, "flip at \(position)")
            #expect(error?.file == path)
            #expect(error?.byteOffset != nil)
        }
    }

    @Test func crcMismatchIsReported() throws {
        var bytes = try IngestFixture.gzip(Array("some text\n".utf8))
        bytes[bytes.count - 8] ^= 0xFF  // first byte of the CRC32 trailer
        let path = try IngestFixture.file(bytes, name: "crc.gz")
        let error = IngestFixture.error { _ = try inflate(path) }
        #expect(error?.kind == .gzip)
        #expect(error?.message.contains("CRC") == true)
    }

    @Test func gzNameButNotGzip() throws {
        let path = try IngestFixture.file(Array("a,b\n1,2\n".utf8), name: "plain.csv.gz")
        let error = IngestFixture.error { _ = try TextInput.open(path: path, encoding: .auto) }
        #expect(error?.kind == .gzip)
        #expect(error?.message.contains("not a gzip file") == true)
        #expect(error?.file == path)
    }

    @Test func gzipSourceOverPlainDataIsAnError() throws {
        let path = try IngestFixture.file(Array("plain text, not compressed\n".utf8), name: "p.gz")
        let error = IngestFixture.error { _ = try inflate(path) }
        #expect(error?.kind == .gzip)
        #expect(error?.message == "not a gzip file")
    }

    @Test func emptyGzFile() throws {
        let path = try IngestFixture.file([], name: "empty.csv.gz")
        let error = IngestFixture.error { _ = try TextInput.open(path: path, encoding: .auto) }
        #expect(error?.kind == .gzip)
        #expect(error?.message.contains("not a gzip file") == true)
        let direct = IngestFixture.error { _ = try inflate(path) }
        #expect(direct?.kind == .gzip)
    }

    @Test func gzipDetectedByContentWithoutGzName() throws {
        let text = Array("a\n".utf8)
        let path = try IngestFixture.file(try IngestFixture.gzip(text), name: "export.csv")
        let opened = try TextInput.open(path: path, encoding: .auto)
        #expect(try IngestFixture.readAll(opened.source) == text)
    }

    @Test func largeFileCrossesChunkBoundaries() throws {
        let text = largeText()
        #expect(text.count > 3_000_000)
        let compressed = try IngestFixture.gzip(text)
        let path = try IngestFixture.file(compressed, name: "large.csv.gz")
        #expect(try inflate(path) == text)
        #expect(try inflate(path, fileChunk: 1000, outputChunk: 777) == text)
        let opened = try TextInput.open(path: path, encoding: .auto)
        let records = try IngestFixture.records(CSVRowReader(source: opened.source, path: path))
        #expect(records.count == 120_001)
        #expect(records.last?.fields.first == "119999")
        #expect(records.last?.line == 120_001)
        #expect(opened.source.bytesConsumed == compressed.count)
    }
}
