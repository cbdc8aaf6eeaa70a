/// A byte source over bytes already in memory, delivered in chunks of a fixed size.
///
/// Tiny chunk sizes are useful in tests to exercise every chunk-boundary case.
public final class MemoryByteSource: ByteSource {
    private let bytes: [UInt8]
    private let chunkSize: Int
    private var position = 0

    /// Serves `bytes` in chunks of `chunkSize` bytes (at least 1).
    public init(bytes: [UInt8], chunkSize: Int = 256 << 10) {
        self.bytes = bytes
        self.chunkSize = max(1, chunkSize)
    }

    /// Serves the UTF-8 bytes of `text`.
    public convenience init(_ text: String, chunkSize: Int = 256 << 10) {
        self.init(bytes: Array(text.utf8), chunkSize: chunkSize)
    }

    /// Bytes delivered so far.
    public var bytesConsumed: Int { position }

    /// The next chunk; empty at the end.
    public func nextChunk() throws -> [UInt8] {
        guard position < bytes.count else { return [] }
        let end = min(bytes.count, position + chunkSize)
        defer { position = end }
        return Array(bytes[position..<end])
    }
}
