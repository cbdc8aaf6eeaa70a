#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads JSON lines: one JSON object per line, extracting the values at dotted key paths.
///
/// Extracted values: strings unescaped; numbers as their literal text (a 19-digit id stays exact,
/// `1.50` stays `1.50`); `true`/`false` as text; null as nil; an object or array as its raw JSON.
/// Duplicate keys: the last one wins.
public final class JSONLineReader {
    private let source: ByteSource
    private let path: String
    private let limits: ReaderLimits
    private var parser: JSONLineParser

    private var buffer: [UInt8] = []
    /// Start of the next line in `buffer`.
    private var position = 0
    /// How far past `position` the buffer is known to hold no line feed.
    private var searched = 0
    private var atEnd = false
    /// Number of the last line read.
    private var lineNumber = 0

    /// `paths`: dotted key paths to extract ("user.id" reaches into nested objects).
    public init(source: ByteSource, path: String, paths: [String], limits: ReaderLimits = ReaderLimits()) {
        self.source = source
        self.path = path
        self.limits = limits
        self.parser = JSONLineParser(paths: paths, maxDepth: limits.maxJSONDepth)
    }

    /// Bytes consumed from the file on disk so far, for progress.
    public var bytesConsumed: Int { source.bytesConsumed }

    /// The next non-blank line, or nil at end of input. A malformed line is returned with `error`
    /// set (the caller quarantines it), not thrown; only I/O, encoding and limit problems (line
    /// longer than maxLineBytes) throw.
    public func nextRecord() throws -> JSONLRecord? {
        while let (start, end) = try nextLine() {
            lineNumber += 1
            let record: JSONLRecord? = buffer.withUnsafeBufferPointer { bytes in
                guard let base = bytes.baseAddress else { return nil }
                var last = end
                if last > start && base[last - 1] == UInt8(ascii: "\r") { last -= 1 }
                let line = UnsafeBufferPointer(start: base + start, count: last - start)
                if JSONLineReader.isBlank(line) { return nil }
                let raw = String(decoding: line, as: UTF8.self)
                if let error = parser.parse(line) {
                    return JSONLRecord(
                        line: lineNumber, raw: raw, values: Array(repeating: nil, count: parser.tree.pathCount), error: error)
                }
                return JSONLRecord(line: lineNumber, raw: raw, values: parser.values(in: line), error: nil)
            }
            if let record { return record }
        }
        return nil
    }

    private static func isBlank(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in line where byte != 0x20 && byte != 0x09 && byte != 0x0D { return false }
        return true
    }

    /// The bounds of the next line in `buffer` (without its line feed), or nil at end of input.
    private func nextLine() throws -> (Int, Int)? {
        while true {
            let found: Int? = buffer.withUnsafeBufferPointer { bytes in
                guard let base = bytes.baseAddress else { return nil }
                let from = position + searched
                guard from < bytes.count, let hit = memchr(base + from, 0x0A, bytes.count - from) else { return nil }
                return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
            }
            if let lineFeed = found {
                try checkLength(lineFeed - position)
                let start = position
                position = lineFeed + 1
                searched = 0
                return (start, lineFeed)
            }
            searched = buffer.count - position
            try checkLength(searched)
            if !atEnd {
                let chunk = try source.nextChunk()
                if !chunk.isEmpty {
                    append(chunk)
                    continue
                }
                atEnd = true
            }
            guard position < buffer.count else { return nil }
            // The last line has no line feed.
            let start = position
            position = buffer.count
            searched = 0
            return (start, buffer.count)
        }
    }

    private func checkLength(_ length: Int) throws {
        if length > limits.maxLineBytes {
            throw ReaderLimits.exceeded(
                "line length", key: "max_line_bytes", limit: limits.maxLineBytes, file: path, line: lineNumber + 1)
        }
    }

    /// Appends a chunk, dropping the lines already read.
    private func append(_ chunk: [UInt8]) {
        if position >= buffer.count {
            buffer = chunk
        } else {
            if position > 0 { buffer.removeSubrange(0..<position) }
            buffer.append(contentsOf: chunk)
        }
        position = 0
    }
}
