/// Why a JSON line is malformed, and where (byte offset in the line).
struct JSONSyntaxError: Error {
    var message: String
    var offset: Int

    /// The message with a 1-based column, as shown in the quarantine.
    var text: String { "\(message) at column \(offset + 1)" }
}

/// A read position in one line of JSON.
struct JSONCursor {
    let base: UnsafePointer<UInt8>
    let count: Int
    var index = 0

    /// The byte at `index`, or 0 at the end (0 is never valid JSON outside strings).
    @inline(__always) var current: UInt8 { index < count ? base[index] : 0 }

    @inline(__always) mutating func skipWhitespace() {
        while index < count {
            let byte = base[index]
            guard byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A else { return }
            index += 1
        }
    }
}

/// A hand-written scanner for one JSON object per line, extracting the values at the paths of a
/// `JSONPathTree`.
///
/// Values nobody asked for are skipped, but their syntax is still checked. Nesting is tracked with
/// an explicit stack, so hostile depth yields an error instead of a stack overflow; recursion only
/// follows the requested paths, whose depth the pipeline definition fixes.
struct JSONLineParser {
    enum ValueKind { case raw, string, escapedString }

    /// Where a found value is in the line.
    struct ValueSpan {
        var start: Int
        var end: Int
        var kind: ValueKind
    }

    private static let quote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")

    let tree: JSONPathTree
    let maxDepth: Int
    /// One entry per requested path after `parse`; nil when absent or null.
    private(set) var spans: [ValueSpan?]
    private var stack: [UInt8] = []
    private var scratch: [UInt8] = []

    init(paths: [String], maxDepth: Int) {
        tree = JSONPathTree(paths: paths)
        self.maxDepth = maxDepth
        spans = Array(repeating: nil, count: paths.count)
    }

    /// Parses one line; returns nil when it is a valid JSON object, else what is wrong with it.
    mutating func parse(_ line: UnsafeBufferPointer<UInt8>) -> String? {
        for k in spans.indices { spans[k] = nil }
        guard let base = line.baseAddress else { return "empty line" }
        var cursor = JSONCursor(base: base, count: line.count)
        do throws(JSONSyntaxError) {
            cursor.skipWhitespace()
            guard cursor.current == UInt8(ascii: "{") else {
                throw JSONSyntaxError(message: "the line is not a JSON object", offset: cursor.index)
            }
            try parseObject(&cursor, node: 0, depth: 1)
            cursor.skipWhitespace()
            if cursor.index < cursor.count {
                throw JSONSyntaxError(message: "unexpected text after the JSON object", offset: cursor.index)
            }
            return nil
        } catch {
            return error.text
        }
    }

    /// The extracted values of the last successful `parse` of `line`.
    mutating func values(in line: UnsafeBufferPointer<UInt8>) -> [String?] {
        guard let base = line.baseAddress else { return Array(repeating: nil, count: spans.count) }
        var result: [String?] = []
        result.reserveCapacity(spans.count)
        for span in spans {
            guard let span else {
                result.append(nil)
                continue
            }
            switch span.kind {
            case .raw, .string:
                result.append(String(decoding: UnsafeBufferPointer(start: base + span.start, count: span.end - span.start), as: UTF8.self))
            case .escapedString:
                JSONLineParser.unescape(base, from: span.start, to: span.end, into: &scratch)
                result.append(String(decoding: scratch, as: UTF8.self))
            }
        }
        return result
    }

    // MARK: - Objects on requested paths

    /// Parses the object at the cursor (on its `{`), looking for the children of `node`.
    private mutating func parseObject(_ c: inout JSONCursor, node: Int, depth: Int) throws(JSONSyntaxError) {
        if depth > maxDepth { throw tooDeep(c) }
        c.index += 1
        c.skipWhitespace()
        if c.current == UInt8(ascii: "}") {
            c.index += 1
            return
        }
        while true {
            guard c.current == Self.quote else { throw JSONSyntaxError(message: "expected a string key", offset: c.index) }
            let keyStart = c.index + 1
            let escaped = try scanString(&c)
            let keyEnd = c.index - 1
            c.skipWhitespace()
            guard c.current == UInt8(ascii: ":") else { throw JSONSyntaxError(message: "expected ':' after the key", offset: c.index) }
            c.index += 1
            c.skipWhitespace()
            if let child = matchChild(of: node, c.base, keyStart, keyEnd, escaped: escaped) {
                try parseRequested(&c, node: child, depth: depth)
            } else {
                try skipValue(&c, depth: depth)
            }
            c.skipWhitespace()
            switch c.current {
            case UInt8(ascii: ","):
                c.index += 1
                c.skipWhitespace()
            case UInt8(ascii: "}"):
                c.index += 1
                return
            default:
                throw JSONSyntaxError(message: "expected ',' or '}' in the object", offset: c.index)
            }
        }
    }

    private mutating func matchChild(of node: Int, _ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, escaped: Bool) -> Int? {
        if !tree.hasChildren(node) { return nil }
        if !escaped { return tree.child(of: node, key: UnsafeBufferPointer(start: base + start, count: end - start)) }
        JSONLineParser.unescape(base, from: start, to: end, into: &scratch)
        return scratch.withUnsafeBufferPointer { tree.child(of: node, key: $0) }
    }

    /// Parses the value of a requested key; the last occurrence of a duplicate key wins.
    private mutating func parseRequested(_ c: inout JSONCursor, node: Int, depth: Int) throws(JSONSyntaxError) {
        for k in tree.subtreeRange(node) { spans[tree.subtreePool[k]] = nil }
        let start = c.index
        let kind: ValueKind
        switch c.current {
        case Self.quote:
            kind = try scanString(&c) ? .escapedString : .string
            record(ValueSpan(start: start + 1, end: c.index - 1, kind: kind), at: node)
        case UInt8(ascii: "{") where tree.hasChildren(node):
            try parseObject(&c, node: node, depth: depth + 1)
            record(ValueSpan(start: start, end: c.index, kind: .raw), at: node)
        case UInt8(ascii: "n"):
            try scanLiteral(&c, "null")
        default:
            try skipValue(&c, depth: depth)
            record(ValueSpan(start: start, end: c.index, kind: .raw), at: node)
        }
    }

    @inline(__always)
    private mutating func record(_ span: ValueSpan, at node: Int) {
        for k in tree.valueRange(node) { spans[tree.valuePool[k]] = span }
    }

    // MARK: - Skipping

    /// Skips the value at the cursor, checking its syntax; `depth` is the nesting depth of the
    /// container holding it.
    private mutating func skipValue(_ c: inout JSONCursor, depth: Int) throws(JSONSyntaxError) {
        stack.removeAll(keepingCapacity: true)
        while true {
            // A value.
            switch c.current {
            case UInt8(ascii: "{"):
                if depth + stack.count + 1 > maxDepth { throw tooDeep(c) }
                c.index += 1
                c.skipWhitespace()
                if c.current == UInt8(ascii: "}") {
                    c.index += 1
                } else {
                    stack.append(UInt8(ascii: "}"))
                    try scanKeyAndColon(&c)
                    continue
                }
            case UInt8(ascii: "["):
                if depth + stack.count + 1 > maxDepth { throw tooDeep(c) }
                c.index += 1
                c.skipWhitespace()
                if c.current == UInt8(ascii: "]") {
                    c.index += 1
                } else {
                    stack.append(UInt8(ascii: "]"))
                    continue
                }
            case Self.quote:
                _ = try scanString(&c)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                try scanNumber(&c)
            case UInt8(ascii: "t"):
                try scanLiteral(&c, "true")
            case UInt8(ascii: "f"):
                try scanLiteral(&c, "false")
            case UInt8(ascii: "n"):
                try scanLiteral(&c, "null")
            case 0 where c.index >= c.count:
                throw JSONSyntaxError(message: "unexpected end of line", offset: c.index)
            default:
                throw JSONSyntaxError(message: "unexpected character", offset: c.index)
            }
            // After a value: close containers until one continues with ',' (or the value is complete).
            closing: while let closer = stack.last {
                c.skipWhitespace()
                let byte = c.current
                if byte == closer {
                    c.index += 1
                    stack.removeLast()
                } else if byte == UInt8(ascii: ",") {
                    c.index += 1
                    c.skipWhitespace()
                    if closer == UInt8(ascii: "}") { try scanKeyAndColon(&c) }
                    break closing
                } else {
                    throw JSONSyntaxError(
                        message: closer == UInt8(ascii: "}") ? "expected ',' or '}' in the object" : "expected ',' or ']' in the array",
                        offset: c.index)
                }
            }
            if stack.isEmpty { return }
        }
    }

    private func tooDeep(_ c: JSONCursor) -> JSONSyntaxError {
        JSONSyntaxError(message: "nesting deeper than \(maxDepth) levels (limits.max_json_depth)", offset: c.index)
    }

    // MARK: - Tokens

    /// Scans `"key"` and the colon after it, leaving the cursor on the value.
    private func scanKeyAndColon(_ c: inout JSONCursor) throws(JSONSyntaxError) {
        guard c.current == Self.quote else { throw JSONSyntaxError(message: "expected a string key", offset: c.index) }
        _ = try scanString(&c)
        c.skipWhitespace()
        guard c.current == UInt8(ascii: ":") else { throw JSONSyntaxError(message: "expected ':' after the key", offset: c.index) }
        c.index += 1
        c.skipWhitespace()
    }

    /// Scans the string at the cursor (on its opening quote) and moves past the closing quote.
    /// Returns whether it contains escapes.
    private func scanString(_ c: inout JSONCursor) throws(JSONSyntaxError) -> Bool {
        let base = c.base
        let count = c.count
        let start = c.index
        var i = start + 1
        var escaped = false
        defer { c.index = i }
        while true {
            while i < count {
                let byte = base[i]
                if byte == Self.quote || byte == Self.backslash || byte < 0x20 { break }
                i += 1
            }
            guard i < count else { throw JSONSyntaxError(message: "unterminated string", offset: start) }
            let byte = base[i]
            if byte == Self.quote {
                i += 1
                return escaped
            }
            if byte < 0x20 {
                throw JSONSyntaxError(message: "control character in a string (must be escaped)", offset: i)
            }
            escaped = true
            let code: UInt8 = i + 1 < count ? base[i + 1] : 0
            switch code {
            case Self.quote, Self.backslash, UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                 UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                i += 2
            case UInt8(ascii: "u"):
                guard i + 6 <= count,
                      JSONLineParser.hexValue(base[i + 2]) != nil, JSONLineParser.hexValue(base[i + 3]) != nil,
                      JSONLineParser.hexValue(base[i + 4]) != nil, JSONLineParser.hexValue(base[i + 5]) != nil
                else { throw JSONSyntaxError(message: "invalid \\u escape (needs four hex digits)", offset: i) }
                i += 6
            default:
                throw JSONSyntaxError(message: "invalid escape in a string", offset: i)
            }
        }
    }

    /// Scans a number, checking the JSON grammar: `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`.
    private func scanNumber(_ c: inout JSONCursor) throws(JSONSyntaxError) {
        let start = c.index
        @inline(__always) func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }
        if c.current == UInt8(ascii: "-") { c.index += 1 }
        if c.current == UInt8(ascii: "0") {
            c.index += 1
        } else if isDigit(c.current) {
            while isDigit(c.current) { c.index += 1 }
        } else {
            throw JSONSyntaxError(message: "invalid number", offset: start)
        }
        if c.current == UInt8(ascii: ".") {
            c.index += 1
            guard isDigit(c.current) else { throw JSONSyntaxError(message: "invalid number", offset: start) }
            while isDigit(c.current) { c.index += 1 }
        }
        if c.current == UInt8(ascii: "e") || c.current == UInt8(ascii: "E") {
            c.index += 1
            if c.current == UInt8(ascii: "+") || c.current == UInt8(ascii: "-") { c.index += 1 }
            guard isDigit(c.current) else { throw JSONSyntaxError(message: "invalid number", offset: start) }
            while isDigit(c.current) { c.index += 1 }
        }
    }

    private func scanLiteral(_ c: inout JSONCursor, _ word: StaticString) throws(JSONSyntaxError) {
        let length = word.utf8CodeUnitCount
        guard c.index + length <= c.count else { throw JSONSyntaxError(message: "invalid literal", offset: c.index) }
        let letters = word.utf8Start
        for k in 0..<length where c.base[c.index + k] != letters[k] {
            throw JSONSyntaxError(message: "invalid literal", offset: c.index)
        }
        c.index += length
    }

    // MARK: - Unescaping

    @inline(__always)
    static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// Four hex digits at `i` (already validated by `scanString`).
    private static func hex4(_ base: UnsafePointer<UInt8>, _ i: Int) -> UInt32 {
        var value: UInt32 = 0
        for k in 0..<4 { value = value << 4 | (hexValue(base[i + k]) ?? 0) }
        return value
    }

    /// Decodes the escapes of a string's contents (between its quotes) into `output` as UTF-8.
    /// A lone surrogate becomes U+FFFD.
    static func unescape(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int, into output: inout [UInt8]) {
        output.removeAll(keepingCapacity: true)
        var i = start
        while i < end {
            var runEnd = i
            while runEnd < end && base[runEnd] != backslash { runEnd += 1 }
            output.append(contentsOf: UnsafeBufferPointer(start: base + i, count: runEnd - i))
            i = runEnd
            guard i + 1 < end else { break }
            let code = base[i + 1]
            i += 2
            switch code {
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "u"):
                guard i + 4 <= end else { return }
                var scalar = hex4(base, i)
                i += 4
                if scalar >= 0xD800 && scalar < 0xDC00 {
                    // A high surrogate: pair it with a following \uDC00-\uDFFF.
                    if i + 6 <= end && base[i] == backslash && base[i + 1] == UInt8(ascii: "u") {
                        let low = hex4(base, i + 2)
                        if low >= 0xDC00 && low < 0xE000 {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                            i += 6
                        } else {
                            scalar = 0xFFFD
                        }
                    } else {
                        scalar = 0xFFFD
                    }
                } else if scalar >= 0xDC00 && scalar < 0xE000 {
                    scalar = 0xFFFD
                }
                appendUTF8(scalar, to: &output)
            default: output.append(code)  // \" \\ \/
            }
        }
    }

    private static func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            output.append(UInt8(scalar))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | scalar >> 6))
            output.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | scalar >> 12))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        default:
            output.append(UInt8(0xF0 | scalar >> 18))
            output.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}
