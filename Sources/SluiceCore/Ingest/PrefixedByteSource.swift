/// Replays chunks that were already read (to sniff a signature or an encoding), then continues with
/// the rest of the upstream source.
final class PrefixedByteSource: ByteSource {
    private var prefix: [[UInt8]]
    private var next = 0
    private var prefixBytesLeft: Int
    private let upstream: ByteSource
    private let prefixCameFromUpstream: Bool

    /// - Parameter prefixCameFromUpstream: whether `prefix` was read from `upstream` itself, so that
    ///   `bytesConsumed` can leave out the bytes not yet replayed (exact offsets for the layer above).
    init(prefix: [[UInt8]], upstream: ByteSource, prefixCameFromUpstream: Bool) {
        self.prefix = prefix
        self.prefixBytesLeft = prefix.reduce(0) { $0 + $1.count }
        self.upstream = upstream
        self.prefixCameFromUpstream = prefixCameFromUpstream
    }

    var bytesConsumed: Int {
        prefixCameFromUpstream ? upstream.bytesConsumed - prefixBytesLeft : upstream.bytesConsumed
    }

    func nextChunk() throws -> [UInt8] {
        while next < prefix.count {
            let chunk = prefix[next]
            prefix[next] = []
            next += 1
            prefixBytesLeft -= chunk.count
            if !chunk.isEmpty { return chunk }
        }
        return try upstream.nextChunk()
    }
}
