#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Converts text to UTF-8 with the C library's `iconv`.
final class IconvTranscoder {
    /// What one call to `convert` achieved.
    struct Outcome {
        /// UTF-8 output.
        var output: [UInt8]
        /// Input bytes converted; the rest is an incomplete sequence awaiting more input (or, with
        /// `invalidAt`, the invalid sequence).
        var consumed: Int
        /// Index in the input of an invalid sequence, if conversion stopped at one.
        var invalidAt: Int?
    }

    private let descriptor: iconv_t
    let sourceEncoding: String

    /// Opens a converter from `sourceEncoding` (an iconv name such as "GB18030") to UTF-8.
    init(from sourceEncoding: String, path: String) throws {
        guard let descriptor = iconv_open("UTF-8", sourceEncoding),
              descriptor != iconv_t(bitPattern: -1)
        else {
            throw SluiceError(
                .encoding, "the C library cannot convert from \(sourceEncoding) (iconv_open failed)", file: path,
                hint: "install the glibc gconv modules (package libc6) or re-save the file as UTF-8")
        }
        self.descriptor = descriptor
        self.sourceEncoding = sourceEncoding
    }

    deinit { iconv_close(descriptor) }

    /// Converts as much of `input` as possible. Stops at an invalid sequence or at an incomplete
    /// sequence at the end of `input` (which the caller carries over to the next chunk).
    func convert(_ input: UnsafeBufferPointer<UInt8>) -> Outcome {
        guard let inputBase = input.baseAddress, !input.isEmpty else {
            return Outcome(output: [], consumed: 0, invalidAt: nil)
        }
        // GB18030 to UTF-8 grows at most 1.5x (2 bytes to 3); 2x leaves room for any iconv source.
        var capacity = input.count * 2 + 16
        var output: [UInt8] = []
        var consumed = 0
        var invalidAt: Int?
        while consumed < input.count {
            var stop = false
            let piece = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                count = 0
                guard let outBase = buffer.baseAddress else { stop = true; return }
                var inPointer: UnsafeMutablePointer<CChar>? =
                    UnsafeMutableRawPointer(mutating: inputBase + consumed).assumingMemoryBound(to: CChar.self)
                var inLeft = input.count - consumed
                var outPointer: UnsafeMutablePointer<CChar>? =
                    UnsafeMutableRawPointer(outBase).assumingMemoryBound(to: CChar.self)
                var outLeft = capacity
                let result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                let failure = result == -1 ? errno : 0
                count = capacity - outLeft
                consumed = input.count - inLeft
                switch failure {
                case 0: stop = true
                case E2BIG: break  // output full: go round again with the rest
                case EILSEQ: invalidAt = consumed; stop = true
                default: stop = true  // EINVAL: incomplete sequence at the end, carried over by the caller
                }
            }
            if output.isEmpty { output = piece } else { output += piece }
            if stop { break }
            capacity = max(64, (input.count - consumed) * 2 + 16)
        }
        return Outcome(output: output, consumed: consumed, invalidAt: invalidAt)
    }
}
