/// Allocation-free helpers over a field's UTF-8 bytes, shared by the field parsers.
///
/// Positions are byte offsets into the buffer; a span is a half-open pair `lo..<hi`. Every helper
/// checks its bounds, so malformed input can only make a parser reject, never trap.
enum ByteScan {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    /// Runs `body` over the UTF-8 bytes of `s` (no copy for native Swift strings).
    @inline(__always)
    static func withBytes<R, E: Error>(_ s: String, _ body: (Bytes) throws(E) -> R) throws(E) -> R {
        var s = s
        let result: Result<R, E> = s.withUTF8 { buffer in
            Result { () throws(E) -> R in try body(buffer) }
        }
        return try result.get()
    }

    // MARK: Characters

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }

    @inline(__always) static func isASCIISpace(_ c: UInt8) -> Bool { c == 0x20 || (c >= 0x09 && c <= 0x0D) }

    /// ASCII lower case of a byte (other bytes unchanged).
    @inline(__always) static func lower(_ c: UInt8) -> UInt8 { c &- 0x41 < 26 ? c | 0x20 : c }

    /// The byte length of the whitespace character starting at `i`, or 0.
    ///
    /// Whitespace is ASCII whitespace (space, tab, CR, LF, VT, FF), U+00A0 no-break space, U+3000
    /// ideographic space, U+200B zero-width space and U+FEFF (a stray byte-order mark).
    static func spaceLength(at i: Int, _ b: Bytes, _ end: Int) -> Int {
        let c = b[i]
        if c < 0x80 { return isASCIISpace(c) ? 1 : 0 }
        if c == 0xC2 { return i + 1 < end && b[i + 1] == 0xA0 ? 2 : 0 }
        guard i + 2 < end else { return 0 }
        return isWideSpace(c, b[i + 1], b[i + 2]) ? 3 : 0
    }

    /// The byte length of the whitespace character that ends just before `end`, or 0.
    static func spaceLength(endingAt end: Int, _ b: Bytes, _ start: Int) -> Int {
        let c = b[end - 1]
        if c < 0x80 { return isASCIISpace(c) ? 1 : 0 }
        if c == 0xA0, end - 2 >= start, b[end - 2] == 0xC2 { return 2 }
        guard end - 3 >= start else { return 0 }
        return isWideSpace(b[end - 3], b[end - 2], c) ? 3 : 0
    }

    @inline(__always) private static func isWideSpace(_ a: UInt8, _ m: UInt8, _ z: UInt8) -> Bool {
        (a == 0xE3 && m == 0x80 && z == 0x80)  // U+3000
            || (a == 0xEF && m == 0xBB && z == 0xBF)  // U+FEFF
            || (a == 0xE2 && m == 0x80 && z == 0x8B)  // U+200B
    }

    /// `lo..<hi` without leading and trailing whitespace.
    @inline(__always)
    static func trim(_ b: Bytes, _ lo: Int, _ hi: Int) -> (lower: Int, upper: Int) {
        var lo = lo, hi = hi
        while lo < hi {
            let n = spaceLength(at: lo, b, hi)
            if n == 0 { break }
            lo += n
        }
        while hi > lo {
            let n = spaceLength(endingAt: hi, b, lo)
            if n == 0 { break }
            hi -= n
        }
        return (lo, hi)
    }

    // MARK: Literals

    /// The length of `literal` when `b[i..<end]` starts with it, else 0. ASCII letters match either case.
    @inline(__always)
    static func prefix(_ literal: StaticString, at i: Int, _ b: Bytes, _ end: Int) -> Int {
        literal.withUTF8Buffer { lit in
            guard lit.count <= end - i else { return 0 }
            for k in 0..<lit.count where lower(b[i + k]) != lower(lit[k]) { return 0 }
            return lit.count
        }
    }

    /// The length of `literal` when `b[start..<end]` ends with it, else 0. ASCII letters match either case.
    @inline(__always)
    static func suffix(_ literal: StaticString, endingAt end: Int, _ b: Bytes, _ start: Int) -> Int {
        literal.withUTF8Buffer { lit in
            guard lit.count <= end - start else { return 0 }
            let i = end - lit.count
            for k in 0..<lit.count where lower(b[i + k]) != lower(lit[k]) { return 0 }
            return lit.count
        }
    }

    // MARK: Digits

    /// True when `b[lo..<hi]` is non-empty and all ASCII digits.
    @inline(__always)
    static func allDigits(_ b: Bytes, _ lo: Int, _ hi: Int) -> Bool {
        guard lo < hi else { return false }
        for i in lo..<hi where !isDigit(b[i]) { return false }
        return true
    }

    /// The end of the run of ASCII digits starting at `i`.
    @inline(__always)
    static func digitRunEnd(from i: Int, _ b: Bytes, _ end: Int) -> Int {
        var j = i
        while j < end, isDigit(b[j]) { j += 1 }
        return j
    }

    /// The value of the ASCII digits `b[lo..<hi]`; the caller guarantees at most 18 digits.
    @inline(__always)
    static func digitValue(_ b: Bytes, _ lo: Int, _ hi: Int) -> Int64 {
        var v: Int64 = 0
        for i in lo..<hi { v = v &* 10 &+ Int64(b[i] &- 0x30) }
        return v
    }

    /// The bytes `b[lo..<hi]` as a string (allocates only for strings longer than 15 bytes).
    static func string(_ b: Bytes, _ lo: Int, _ hi: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: b[lo..<hi]), as: UTF8.self)
    }
}
