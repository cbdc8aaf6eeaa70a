/// Validates UTF-8 incrementally, chunk by chunk; a sequence may be split across chunks.
///
/// Runs of ASCII are skipped eight bytes at a time.
struct UTF8Validator {
    /// Bytes validated so far (offset of the next byte).
    private(set) var offset: Int
    /// Continuation bytes still expected by the sequence in progress.
    private var pending = 0
    /// Allowed range of the next continuation byte (narrower after E0, ED, F0 and F4).
    private var low: UInt8 = 0x80
    private var high: UInt8 = 0xBF
    /// Offset of the lead byte of the sequence in progress.
    private var sequenceStart = 0

    /// - Parameter startOffset: offset of the first byte to be validated, for error positions.
    init(startOffset: Int = 0) {
        offset = startOffset
    }

    /// Whether a multi-byte sequence is still incomplete.
    var isInsideSequence: Bool { pending > 0 }

    /// Validates `bytes`; returns the offset of the first byte of the first invalid sequence, or nil.
    mutating func consume(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let count = bytes.count
        let raw = UnsafeRawPointer(base)
        let highBits: UInt64 = 0x8080_8080_8080_8080
        var i = 0
        defer { offset += count }
        while i < count {
            if pending == 0 {
                while i + 8 <= count && raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & highBits == 0 {
                    i += 8
                }
                if i == count { break }
                let lead = base[i]
                i += 1
                if lead < 0x80 { continue }
                sequenceStart = offset + i - 1
                low = 0x80
                high = 0xBF
                switch lead {
                case 0xC2...0xDF: pending = 1
                case 0xE0: pending = 2; low = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: pending = 2
                case 0xED: pending = 2; high = 0x9F
                case 0xF0: pending = 3; low = 0x90
                case 0xF1...0xF3: pending = 3
                case 0xF4: pending = 3; high = 0x8F
                default: return sequenceStart
                }
            } else {
                let byte = base[i]
                guard byte >= low && byte <= high else { return sequenceStart }
                low = 0x80
                high = 0xBF
                pending -= 1
                i += 1
            }
        }
        return nil
    }

    /// Call at end of input: the offset of a truncated final sequence, or nil.
    func finish() -> Int? {
        pending > 0 ? sequenceStart : nil
    }
}
