/// Transcodes an upstream source to UTF-8 with `IconvTranscoder`, carrying a multi-byte sequence
/// split across chunks over to the next chunk.
final class TranscodingByteSource: ByteSource {
    private let upstream: ByteSource
    private let transcoder: IconvTranscoder
    private let path: String
    /// Incomplete sequence left at the end of the previous chunk.
    private var carry: [UInt8] = []
    /// Offset, in the source text, of the first byte of `carry` (or of the next chunk).
    private var offset: Int

    /// - Parameter startOffset: offset of the first byte `upstream` delivers (after a stripped BOM).
    init(upstream: ByteSource, transcoder: IconvTranscoder, path: String, startOffset: Int = 0) {
        self.upstream = upstream
        self.transcoder = transcoder
        self.path = path
        self.offset = startOffset
    }

    var bytesConsumed: Int { upstream.bytesConsumed }

    func nextChunk() throws -> [UInt8] {
        while true {
            let chunk = try upstream.nextChunk()
            if chunk.isEmpty {
                guard carry.isEmpty else {
                    throw invalid("the file ends inside a multi-byte \(transcoder.sourceEncoding) character", at: offset)
                }
                return []
            }
            let input = carry.isEmpty ? chunk : carry + chunk
            if let nul = input.withUnsafeBufferPointer(TextInput.firstNUL(in:)) {
                throw TextInput.nulError(path: path, offset: offset + nul)
            }
            let outcome = input.withUnsafeBufferPointer { transcoder.convert($0) }
            if let bad = outcome.invalidAt {
                throw invalid("invalid \(transcoder.sourceEncoding) byte sequence", at: offset + bad)
            }
            carry = outcome.consumed == input.count ? [] : Array(input[outcome.consumed...])
            offset += outcome.consumed
            if !outcome.output.isEmpty { return outcome.output }
        }
    }

    private func invalid(_ message: String, at offset: Int) -> SluiceError {
        SluiceError(
            .encoding, message, file: path, byteOffset: offset,
            hint: "check the source's encoding setting (utf-8 or gb18030), or re-save the file as UTF-8")
    }
}
