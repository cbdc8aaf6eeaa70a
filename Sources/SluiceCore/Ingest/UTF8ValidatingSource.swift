/// Passes bytes through while checking that they are valid UTF-8 text without NUL bytes.
///
/// Throws `SluiceError(.encoding)` with the offset, in the decompressed text, of the first invalid sequence.
final class UTF8ValidatingSource: ByteSource {
    private let upstream: ByteSource
    private let path: String
    private var validator: UTF8Validator
    private let hint: String?

    /// - Parameters:
    ///   - startOffset: offset of the first byte `upstream` delivers (3 after a stripped BOM).
    ///   - hint: advice attached to errors (e.g. to set `encoding: gb18030`).
    init(upstream: ByteSource, path: String, startOffset: Int = 0, hint: String? = nil) {
        self.upstream = upstream
        self.path = path
        self.validator = UTF8Validator(startOffset: startOffset)
        self.hint = hint
    }

    var bytesConsumed: Int { upstream.bytesConsumed }

    func nextChunk() throws -> [UInt8] {
        let chunk = try upstream.nextChunk()
        if chunk.isEmpty {
            if let bad = validator.finish() {
                throw SluiceError(
                    .encoding, "invalid UTF-8: the file ends inside a multi-byte character", file: path,
                    byteOffset: bad, hint: hint)
            }
            return chunk
        }
        let start = validator.offset
        if let bad = chunk.withUnsafeBufferPointer({ validator.consume($0) }) {
            throw SluiceError(.encoding, "invalid UTF-8 byte sequence", file: path, byteOffset: bad, hint: hint)
        }
        if let nul = chunk.withUnsafeBufferPointer(TextInput.firstNUL(in:)) {
            throw TextInput.nulError(path: path, offset: start + nul)
        }
        return chunk
    }
}
