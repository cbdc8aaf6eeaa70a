/// A stream of bytes delivered in chunks.
///
/// Sources stack: a file, then gzip inflation, then UTF-8 validation or transcoding. Readers pull
/// chunks and scan them in place.
public protocol ByteSource: AnyObject {
    /// The next chunk; an empty array means end of stream.
    func nextChunk() throws -> [UInt8]
    /// Bytes consumed from the file on disk so far (compressed bytes for gzip): used for progress and error offsets.
    var bytesConsumed: Int { get }
}
