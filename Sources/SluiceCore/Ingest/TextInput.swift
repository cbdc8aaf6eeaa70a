#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opens a file as a stream of UTF-8 bytes: decompresses when the file starts with the gzip magic
/// (a file named *.gz that is not gzip is an error: "not a gzip file"), strips a UTF-8 BOM,
/// detects/transcodes the encoding.
public enum TextInput {
    /// How much decompressed text `auto` examines to choose between UTF-8 and GB18030.
    static let sniffBytes = 64 << 10

    /// Opens `path`; returns a source of UTF-8 bytes (BOM stripped, validated or transcoded) and the
    /// encoding in effect (`.utf8` or `.gb18030`, never `.auto`).
    public static func open(path: String, encoding: TextEncoding) throws -> (source: ByteSource, detected: TextEncoding) {
        try open(path: path, encoding: encoding, chunkSize: 256 << 10)
    }

    /// As `open(path:encoding:)`, reading the file in chunks of `chunkSize` bytes (small sizes in tests).
    static func open(path: String, encoding: TextEncoding, chunkSize: Int) throws -> (source: ByteSource, detected: TextEncoding) {
        let opened = try openCountingFileBytes(path: path, encoding: encoding, chunkSize: chunkSize)
        return (opened.source, opened.detected)
    }

    /// As `open(path:encoding:)`, also returning the underlying file, whose `bytesConsumed` tells
    /// how far into the file (compressed bytes) reading has come, for progress reports.
    static func openCountingFileBytes(path: String, encoding: TextEncoding, chunkSize: Int = 256 << 10) throws
        -> (source: ByteSource, detected: TextEncoding, file: FileByteSource)
    {
        let file = try FileByteSource(path: path, chunkSize: chunkSize)
        let start = try readAtLeast(2, from: file)
        let magic = leadingBytes(2, of: start)
        let isGzip = magic == [0x1F, 0x8B]
        if !isGzip && path.lowercased().hasSuffix(".gz") {
            throw SluiceError(
                .gzip, magic.isEmpty ? "not a gzip file (it is empty)" : "not a gzip file", file: path, byteOffset: 0,
                hint: "the name ends in .gz but the content does not start with the gzip signature 1f 8b; "
                    + "rename the file or compress it again")
        }
        var source: ByteSource = PrefixedByteSource(prefix: start, upstream: file, prefixCameFromUpstream: true)
        if isGzip {
            source = GzipByteSource(upstream: source, path: path, chunkSize: chunkSize)
        }
        let decoded = try decode(source, path: path, encoding: encoding)
        return (decoded.source, decoded.detected, file)
    }

    /// Applies BOM handling and encoding detection to an already decompressed source.
    static func decode(_ source: ByteSource, path: String, encoding: TextEncoding) throws -> (source: ByteSource, detected: TextEncoding) {
        let head = try readAtLeast(sniffBytes, from: source)
        let headCount = head.reduce(0) { $0 + $1.count }
        let first = leadingBytes(4, of: head)
        if first.starts(with: [0xFF, 0xFE]) || first.starts(with: [0xFE, 0xFF]) {
            throw SluiceError(
                .encoding, "UTF-16 text is not supported", file: path, byteOffset: 0,
                hint: "re-save the file as UTF-8 (or GB18030)")
        }
        if let nul = firstNUL(in: head) { throw nulError(path: path, offset: nul) }
        let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]
        let gb18030BOM: [UInt8] = [0x84, 0x31, 0x95, 0x33]
        let hasUTF8BOM = first.starts(with: utf8BOM)

        let detected: TextEncoding
        switch encoding {
        case .utf8:
            detected = .utf8
        case .gb18030:
            if hasUTF8BOM {
                throw SluiceError(
                    .encoding, "the file starts with a UTF-8 byte-order mark but the source's encoding is gb18030",
                    file: path, byteOffset: 0, hint: "set encoding: utf-8 (or auto) for this source")
            }
            detected = .gb18030
        case .auto:
            detected = hasUTF8BOM || looksLikeUTF8(head, complete: headCount < sniffBytes) ? .utf8 : .gb18030
        }

        if detected == .utf8 {
            let skip = hasUTF8BOM ? utf8BOM.count : 0
            let body = PrefixedByteSource(
                prefix: dropLeadingBytes(skip, of: head), upstream: source, prefixCameFromUpstream: false)
            let hint = encoding == .auto
                ? "the start of the file looked like UTF-8; if it is GB18030/GBK, set encoding: gb18030"
                : "if the file is GB18030/GBK, set encoding: gb18030 (or auto)"
            return (UTF8ValidatingSource(upstream: body, path: path, startOffset: skip, hint: hint), .utf8)
        }
        let skip = first == gb18030BOM ? gb18030BOM.count : 0
        let body = PrefixedByteSource(prefix: dropLeadingBytes(skip, of: head), upstream: source, prefixCameFromUpstream: false)
        let transcoder = try IconvTranscoder(from: "GB18030", path: path)
        return (TranscodingByteSource(upstream: body, transcoder: transcoder, path: path, startOffset: skip), .gb18030)
    }

    /// Whether `head` is valid UTF-8; when `complete` is false the text goes on, so a sequence cut
    /// at the end of `head` is fine.
    static func looksLikeUTF8(_ head: [[UInt8]], complete: Bool) -> Bool {
        var validator = UTF8Validator()
        for chunk in head where chunk.withUnsafeBufferPointer({ validator.consume($0) }) != nil {
            return false
        }
        return !complete || validator.finish() == nil
    }

    /// The error for a zero byte at `offset` of the decompressed text: text exports never hold one.
    static func nulError(path: String, offset: Int) -> SluiceError {
        SluiceError(
            .encoding, "the file holds a NUL byte, so it is binary (or UTF-16 without a byte-order mark), not CSV or JSON-lines text",
            file: path, byteOffset: offset, hint: "export the data again as CSV or JSON lines in UTF-8 or GB18030")
    }

    /// Index of the first zero byte of `bytes`, or nil (memchr: this runs over every chunk).
    static func firstNUL(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress, bytes.count > 0, let hit = memchr(base, 0, bytes.count) else { return nil }
        return UnsafeRawPointer(hit) - UnsafeRawPointer(base)
    }

    /// Offset of the first zero byte in `chunks` (text exports never hold one), or nil.
    static func firstNUL(in chunks: [[UInt8]]) -> Int? {
        var offset = 0
        for chunk in chunks {
            if let i = chunk.withUnsafeBufferPointer(firstNUL(in:)) { return offset + i }
            offset += chunk.count
        }
        return nil
    }

    /// Reads chunks until at least `count` bytes have arrived or the source ends.
    private static func readAtLeast(_ count: Int, from source: ByteSource) throws -> [[UInt8]] {
        var chunks: [[UInt8]] = []
        var total = 0
        while total < count {
            let chunk = try source.nextChunk()
            if chunk.isEmpty { break }
            total += chunk.count
            chunks.append(chunk)
        }
        return chunks
    }

    /// Up to `count` bytes from the start of `chunks`.
    private static func leadingBytes(_ count: Int, of chunks: [[UInt8]]) -> [UInt8] {
        var bytes: [UInt8] = []
        for chunk in chunks where bytes.count < count {
            bytes += chunk.prefix(count - bytes.count)
        }
        return bytes
    }

    /// `chunks` without their first `count` bytes.
    private static func dropLeadingBytes(_ count: Int, of chunks: [[UInt8]]) -> [[UInt8]] {
        var remaining = count
        var result = chunks
        var k = 0
        while remaining > 0 && k < result.count {
            let drop = min(remaining, result[k].count)
            result[k].removeFirst(drop)
            remaining -= drop
            k += 1
        }
        return result
    }
}
