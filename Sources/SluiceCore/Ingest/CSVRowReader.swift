/// RFC 4180 reader tolerant of real exports.
///
/// - Quoted fields may hold the delimiter, doubled quotes and line breaks.
/// - Lines may end in CRLF, LF or a lone CR, mixed within one file.
/// - A quote inside an unquoted field is literal; text between a closing quote and the next
///   delimiter is appended to the field (as Python's `csv` does).
/// - Truly empty lines are skipped; a line of only delimiters is a record of empty fields.
///
/// The reader scans the source's chunks in place and builds field strings straight from the
/// buffer. A record split across chunks is resumed where scanning stopped, never rescanned.
public final class CSVRowReader {
    private enum State {
        /// Between records (blank lines are skipped here).
        case recordStart
        /// After a delimiter: the next field has not started.
        case fieldStart
        case unquoted
        case quoted
        /// Just after a quote inside a quoted field: a doubled quote or the closing quote.
        case quoteInQuoted
        /// After the closing quote: text up to the delimiter is kept literally.
        case afterQuote
    }

    private enum ScanResult { case record, needMore }

    /// Where a field's bytes are in the buffer. `unescape` spans run from the opening quote to the
    /// end of the field and must be unquoted; the others are the field's bytes as they are.
    private struct FieldSpan {
        var start: Int
        var end: Int
        var unescape: Bool
    }

    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let quote = UInt8(ascii: "\"")

    private let source: ByteSource
    private let path: String
    private let delimiter: UInt8
    private let limits: ReaderLimits
    private let classes: CSVByteClasses

    private var buffer: [UInt8] = []
    /// Next byte to scan in `buffer`.
    private var position = 0
    private var atEnd = false
    /// Physical line of the byte at `position`.
    private var line = 1
    /// The previous line ended in CR: a LF right after it belongs to the same line end.
    private var pendingCR = false

    private var state = State.recordStart
    private var recordStart = 0
    private var recordLine = 1
    private var fieldStart = 0
    private var fieldLine = 1
    private var closingQuote = 0
    private var fieldNeedsUnescape = false
    private var spans: [FieldSpan] = []
    private var scratch: [UInt8] = []

    /// Reads CSV from `source` (UTF-8 bytes, see `TextInput`); `path` names the file in errors.
    /// `delimiter` must not be a quote or a line break (the pipeline definition checks this).
    public init(
        source: ByteSource, path: String, delimiter: UInt8 = UInt8(ascii: ","), limits: ReaderLimits = ReaderLimits()
    ) {
        self.source = source
        self.path = path
        self.delimiter = delimiter
        self.limits = limits
        self.classes = CSVByteClasses(delimiter: delimiter)
    }

    /// Bytes consumed from the file on disk so far, for progress.
    public var bytesConsumed: Int { source.bytesConsumed }

    /// The next record, or nil at end of input. Truly empty lines are skipped.
    public func nextRecord() throws -> CSVRecord? {
        while true {
            let record: CSVRecord? = try buffer.withUnsafeBufferPointer { bytes in
                try scan(bytes) == .record ? makeRecord(bytes) : nil
            }
            if let record { return record }
            if try refill() { continue }
            guard try finishAtEnd() else { return nil }
            return buffer.withUnsafeBufferPointer { makeRecord($0) }
        }
    }

    /// Skips `n` physical lines without parsing quotes (for banner lines above the header).
    /// Call it before reading records, or between them.
    public func skipLines(_ n: Int) throws {
        var remaining = n
        while remaining > 0 {
            buffer.withUnsafeBufferPointer { bytes in
                let end = bytes.count
                var i = position
                while remaining > 0 && i < end {
                    if pendingCR {
                        pendingCR = false
                        if bytes[i] == Self.lineFeed {
                            i += 1
                            continue
                        }
                    }
                    while i < end && bytes[i] != Self.lineFeed && bytes[i] != Self.carriageReturn { i += 1 }
                    if i == end { break }
                    pendingCR = bytes[i] == Self.carriageReturn
                    i += 1
                    line += 1
                    remaining -= 1
                }
                position = i
            }
            if remaining == 0 { break }
            guard try refill() else { break }
        }
    }

    // MARK: - Scanning

    /// Scans from `position`: `.record` when a record is complete (its fields are in `spans`),
    /// `.needMore` when the buffer ran out first.
    private func scan(_ bytes: UnsafeBufferPointer<UInt8>) throws -> ScanResult {
        guard let base = bytes.baseAddress else { return .needMore }
        let end = bytes.count
        let table = classes.table
        let delimiter = self.delimiter
        var i = position
        defer { position = i }
        while true {
            switch state {
            case .recordStart:
                guard i < end else { return .needMore }
                let byte = base[i]
                if pendingCR {
                    pendingCR = false
                    if byte == Self.lineFeed {
                        i += 1
                        continue
                    }
                }
                if byte == Self.lineFeed || byte == Self.carriageReturn {
                    // A blank line.
                    pendingCR = byte == Self.carriageReturn
                    line += 1
                    i += 1
                    continue
                }
                recordStart = i
                recordLine = line
                spans.removeAll(keepingCapacity: true)
                state = .fieldStart

            case .fieldStart:
                guard i < end else { return .needMore }
                fieldStart = i
                if base[i] == Self.quote {
                    fieldLine = line
                    fieldNeedsUnescape = false
                    i += 1
                    state = .quoted
                } else {
                    state = .unquoted
                }

            case .unquoted, .afterQuote:
                while i < end && table[Int(base[i])] & CSVByteClasses.endsUnquoted == 0 { i += 1 }
                guard i < end else { return .needMore }
                try addField(start: fieldStart, end: i, unescape: state == .afterQuote)
                if endField(base[i], at: &i, delimiter: delimiter) { return .record }

            case .quoted:
                while i < end {
                    let byte = base[i]
                    if table[Int(byte)] & CSVByteClasses.specialInQuotes == 0 {
                        i += 1
                        continue
                    }
                    if byte == Self.quote { break }
                    // A line break inside the field: CRLF counts once (the byte before is at least the opening quote).
                    if byte == Self.carriageReturn || base[i - 1] != Self.carriageReturn { line += 1 }
                    i += 1
                }
                guard i < end else { return .needMore }
                closingQuote = i
                i += 1
                state = .quoteInQuoted

            case .quoteInQuoted:
                guard i < end else { return .needMore }
                let byte = base[i]
                if byte == Self.quote {
                    fieldNeedsUnescape = true
                    i += 1
                    state = .quoted
                } else if table[Int(byte)] & CSVByteClasses.endsUnquoted != 0 {
                    try addQuotedField(end: i)
                    if endField(byte, at: &i, delimiter: delimiter) { return .record }
                } else {
                    fieldNeedsUnescape = true
                    state = .afterQuote
                }
            }
        }
    }

    /// Consumes the delimiter or line end at `i`; returns true when it ended the record.
    @inline(__always)
    private func endField(_ byte: UInt8, at i: inout Int, delimiter: UInt8) -> Bool {
        i += 1
        if byte == delimiter {
            state = .fieldStart
            return false
        }
        line += 1
        pendingCR = byte == Self.carriageReturn
        state = .recordStart
        return true
    }

    private func addQuotedField(end: Int) throws {
        if fieldNeedsUnescape {
            try addField(start: fieldStart, end: end, unescape: true)
        } else {
            try addField(start: fieldStart + 1, end: closingQuote, unescape: false)
        }
    }

    @inline(__always)
    private func addField(start: Int, end: Int, unescape: Bool) throws {
        if spans.count >= limits.maxColumns {
            throw ReaderLimits.exceeded(
                "record has more than \(limits.maxColumns) fields: it", key: "max_columns", limit: limits.maxColumns,
                file: path, line: recordLine)
        }
        // An unescaped span still holds at least its two quotes.
        if end - start - (unescape ? 2 : 0) > limits.maxFieldBytes { throw fieldTooLong() }
        spans.append(FieldSpan(start: start, end: end, unescape: unescape))
    }

    private func fieldTooLong() -> SluiceError {
        ReaderLimits.exceeded(
            "field length", key: "max_field_bytes", limit: limits.maxFieldBytes, file: path,
            line: state == .quoted || state == .quoteInQuoted || state == .afterQuote ? fieldLine : line)
    }

    /// Ends the input: completes a final record that has no line end, or reports an unterminated quote.
    /// Returns whether a record was completed.
    private func finishAtEnd() throws -> Bool {
        let end = buffer.count
        switch state {
        case .recordStart:
            return false
        case .fieldStart:
            try addField(start: end, end: end, unescape: false)
        case .unquoted:
            try addField(start: fieldStart, end: end, unescape: false)
        case .afterQuote:
            try addField(start: fieldStart, end: end, unescape: true)
        case .quoteInQuoted:
            try addQuotedField(end: end)
        case .quoted:
            throw SluiceError(
                .csv, "unterminated quoted field", file: path, line: fieldLine,
                hint: "a field opened with a quote (\") never closes; look for a stray quote on that line")
        }
        state = .recordStart
        position = end
        return true
    }

    // MARK: - Buffer

    /// Appends the next chunk, keeping the unfinished record; returns false at end of input.
    private func refill() throws -> Bool {
        if atEnd { return false }
        if state != .recordStart {
            if buffer.count - recordStart > limits.maxLineBytes {
                throw ReaderLimits.exceeded(
                    "record length", key: "max_line_bytes", limit: limits.maxLineBytes, file: path, line: recordLine)
            }
            let quotes = state == .unquoted || state == .fieldStart ? 0 : 2
            if state != .fieldStart && buffer.count - fieldStart - quotes > limits.maxFieldBytes {
                throw fieldTooLong()
            }
        }
        let chunk = try source.nextChunk()
        if chunk.isEmpty {
            atEnd = true
            return false
        }
        let keep = state == .recordStart ? position : recordStart
        if keep >= buffer.count {
            buffer = chunk
        } else {
            if keep > 0 { buffer.removeSubrange(0..<keep) }
            buffer.append(contentsOf: chunk)
        }
        if keep > 0 {
            position -= keep
            recordStart -= keep
            fieldStart -= keep
            closingQuote -= keep
            for k in spans.indices {
                spans[k].start -= keep
                spans[k].end -= keep
            }
        }
        return true
    }

    // MARK: - Fields

    private func makeRecord(_ bytes: UnsafeBufferPointer<UInt8>) -> CSVRecord {
        var fields: [String] = []
        fields.reserveCapacity(spans.count)
        if let base = bytes.baseAddress {
            for span in spans {
                if span.unescape {
                    fields.append(unquote(base, from: span.start, to: span.end))
                } else {
                    fields.append(String(decoding: UnsafeBufferPointer(start: base + span.start, count: span.end - span.start), as: UTF8.self))
                }
            }
        } else {
            fields = Array(repeating: "", count: spans.count)
        }
        return CSVRecord(fields: fields, line: recordLine)
    }

    /// The text of a quoted field that has doubled quotes or text after its closing quote;
    /// `start` is the opening quote.
    private func unquote(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> String {
        scratch.removeAll(keepingCapacity: true)
        var i = start + 1
        while i < end {
            var runEnd = i
            while runEnd < end && base[runEnd] != Self.quote { runEnd += 1 }
            scratch.append(contentsOf: UnsafeBufferPointer(start: base + i, count: runEnd - i))
            if runEnd == end { break }
            if runEnd + 1 < end && base[runEnd + 1] == Self.quote {
                // A doubled quote.
                scratch.append(Self.quote)
                i = runEnd + 2
            } else {
                // The closing quote: the rest is literal, quotes included.
                scratch.append(contentsOf: UnsafeBufferPointer(start: base + runEnd + 1, count: end - runEnd - 1))
                break
            }
        }
        return String(decoding: scratch, as: UTF8.self)
    }
}
