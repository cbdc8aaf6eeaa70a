import CZlib
import Glibc

/// A streaming output file: text is staged in a small buffer and flushed, at line boundaries,
/// through an optional GB18030 transcoder (glibc iconv) and an optional gzip compressor (zlib,
/// windowBits 15 + 16). Memory stays constant however much is written.
final class OutputFile {
    enum Encoding { case utf8, gb18030 }

    let path: String
    private let file: UnsafeMutablePointer<FILE>
    private var staged: [UInt8] = []
    private let flushThreshold = 1 << 18
    private let encoding: Encoding
    private var transcoder: GB18030Encoder?
    private let gzip: Bool
    private let stream: UnsafeMutablePointer<z_stream>
    private let header: UnsafeMutablePointer<gz_header>
    private var compressed: [UInt8]
    /// Line ending written by `endLine()`.
    var lineEnding: [UInt8] = [10]
    private(set) var bytesWritten = 0

    /// Opens `path` for writing, creating its folders. `gzipLevel` nil writes plain text.
    init(_ path: String, gzipLevel: Int32? = nil, encoding: Encoding = .utf8, crlf: Bool = false) {
        self.path = path
        makeParentDirectories(path)
        guard let f = fopen(path, "wb") else { fatal("cannot open \(path) for writing (errno \(errno))") }
        file = f
        self.encoding = encoding
        if encoding == .gb18030 { transcoder = GB18030Encoder() }
        if crlf { lineEnding = [13, 10] }
        staged.reserveCapacity(flushThreshold + 4096)
        gzip = gzipLevel != nil
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        header = .allocate(capacity: 1)
        header.initialize(to: gz_header())
        compressed = [UInt8](repeating: 0, count: gzip ? 1 << 17 : 0)
        if let level = gzipLevel { startMember(level: level) }
    }

    deinit {
        stream.deinitialize(count: 1)
        stream.deallocate()
        header.deinitialize(count: 1)
        header.deallocate()
    }

    private func startMember(level: Int32) {
        let status = czlib_deflate_init2(stream, level, 15 + 16)
        guard status == Z_OK else { fatal("zlib deflateInit2 failed (\(status))") }
        setHeader()
    }

    /// A fixed gzip header (no name, mtime 0, OS 255 "unknown") so output does not depend on the machine.
    private func setHeader() {
        header.pointee = gz_header()
        header.pointee.os = 255
        _ = deflateSetHeader(stream, header)
    }

    // MARK: Writing

    @inline(__always) func write(_ s: String) {
        var s = s
        s.withUTF8 { staged.append(contentsOf: $0) }
    }

    @inline(__always) func write(_ s: StaticString) {
        s.withUTF8Buffer { staged.append(contentsOf: $0) }
    }

    @inline(__always) func write(bytes: [UInt8]) { staged.append(contentsOf: bytes) }

    @inline(__always) func write(byte: UInt8) { staged.append(byte) }

    /// A non-negative integer in decimal, zero-padded to `width`.
    @inline(__always) func write(int value: Int, width: Int = 0) {
        var v = value
        if v < 0 { staged.append(UInt8(ascii: "-")); v = -v }
        var tmp: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                  UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &tmp) { buf in
            repeat {
                buf[19 - n] = UInt8(48 + v % 10)
                v /= 10
                n += 1
            } while v > 0
            while n < width && n < 20 {
                buf[19 - n] = 48
                n += 1
            }
            staged.append(contentsOf: UnsafeRawBufferPointer(rebasing: buf[(20 - n)...]))
        }
    }

    /// Ends a line and flushes when enough text is staged (always at a line boundary, so a
    /// multi-byte character is never split before transcoding).
    @inline(__always) func endLine() {
        staged.append(contentsOf: lineEnding)
        if staged.count >= flushThreshold { flush() }
    }

    /// Raw bytes that bypass the transcoder (a UTF-8 byte-order mark).
    func writeRaw(_ bytes: [UInt8]) {
        flush()
        emit(bytes)
    }

    func flush() {
        guard !staged.isEmpty else { return }
        if let transcoder {
            emit(transcoder.encode(staged))
        } else {
            emit(staged)
        }
        staged.removeAll(keepingCapacity: true)
    }

    private func emit(_ bytes: [UInt8]) {
        bytesWritten += bytes.count
        if gzip {
            deflateBytes(bytes, finish: false)
        } else {
            bytes.withUnsafeBufferPointer { _ = fwrite($0.baseAddress, 1, $0.count, file) }
        }
    }

    private func deflateBytes(_ bytes: [UInt8], finish: Bool) {
        bytes.withUnsafeBufferPointer { input in
            stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.pointee.avail_in = UInt32(input.count)
            compressed.withUnsafeMutableBufferPointer { out in
                while true {
                    stream.pointee.next_out = out.baseAddress
                    stream.pointee.avail_out = UInt32(out.count)
                    let status = deflate(stream, finish ? Z_FINISH : Z_NO_FLUSH)
                    guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                        fatal("zlib deflate failed (\(status)) writing \(path)")
                    }
                    let produced = out.count - Int(stream.pointee.avail_out)
                    if produced > 0 { _ = fwrite(out.baseAddress, 1, produced, file) }
                    if finish {
                        if status == Z_STREAM_END { break }
                    } else if stream.pointee.avail_out != 0 {
                        break
                    }
                }
            }
            stream.pointee.next_in = nil
        }
    }

    /// Ends the current gzip member and starts a new one in the same file (a multi-member gzip
    /// file, as produced by `cat a.gz b.gz` or by tools that append to a log).
    func startNewGzipMember() {
        precondition(gzip)
        flush()
        deflateBytes([], finish: true)
        _ = deflateReset(stream)
        setHeader()
    }

    func close() {
        flush()
        if gzip {
            deflateBytes([], finish: true)
            deflateEnd(stream)
        }
        if fclose(file) != 0 { fatal("cannot close \(path)") }
    }
}

/// UTF-8 → GB18030 through glibc iconv.
final class GB18030Encoder {
    private let descriptor: iconv_t

    init() {
        guard let d = iconv_open("GB18030", "UTF-8"), d != iconv_t(bitPattern: -1) else {
            fatal("iconv cannot convert UTF-8 to GB18030 on this system")
        }
        descriptor = d
    }

    deinit { iconv_close(descriptor) }

    func encode(_ utf8: [UInt8]) -> [UInt8] {
        var input = utf8
        // UTF-8 to GB18030 never grows by more than 4/3 (3 bytes → 4 at most, 4 → 4).
        var output = [UInt8](repeating: 0, count: utf8.count * 2 + 16)
        let produced: Int = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outLeft = outBuf.count
                let result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                if result == -1 || inLeft != 0 { fatal("iconv could not encode text as GB18030 (errno \(errno))") }
                return outBuf.count - outLeft
            }
        }
        output.removeLast(output.count - produced)
        return output
    }

    /// Converts a whole string (for small files).
    static func encode(_ text: String) -> [UInt8] { GB18030Encoder().encode(Array(text.utf8)) }
}

func makeParentDirectories(_ path: String) {
    var components = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    components.removeLast()
    var current = path.hasPrefix("/") ? "" : "."
    for component in components where !component.isEmpty {
        current += "/" + component
        if mkdir(current, 0o755) != 0 && errno != EEXIST { fatal("cannot create folder \(current) (errno \(errno))") }
    }
}

func fatal(_ message: String) -> Never {
    fputs("sluice-fixtures: \(message)\n", stderr)
    exit(1)
}
