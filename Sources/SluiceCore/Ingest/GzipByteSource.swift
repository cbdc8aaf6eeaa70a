import CZlib

/// Inflates a gzip stream read from an upstream source.
///
/// Handles multi-member files (concatenated gzip outputs) and tolerates zero padding after a member.
/// A truncated stream, corrupt data, a CRC mismatch or a stream that is not gzip throws
/// `SluiceError(.gzip)` with the file and the compressed byte offset.
public final class GzipByteSource: ByteSource {
    private let upstream: ByteSource
    private let path: String
    private let chunkSize: Int
    private let stream: UnsafeMutablePointer<z_stream>
    private var initError: SluiceError?
    /// The error that ended the stream, if any.
    private var failure: SluiceError?

    private var input: [UInt8] = []
    private var inputPosition = 0
    private var upstreamDone = false
    /// Between members: the previous member ended and the next one has not started yet.
    private var betweenMembers = false
    private var membersCompleted = 0
    private var sawInput = false
    private var finished = false

    /// Inflates `upstream`; `path` names the file in errors.
    public convenience init(upstream: ByteSource, path: String) {
        self.init(upstream: upstream, path: path, chunkSize: 256 << 10)
    }

    /// Inflates `upstream` into chunks of at most `chunkSize` bytes.
    public init(upstream: ByteSource, path: String, chunkSize: Int) {
        self.upstream = upstream
        self.path = path
        self.chunkSize = max(1, chunkSize)
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // 15 + 32: maximum window, and detect the gzip (or zlib) header automatically.
        let status = czlib_inflate_init2(stream, 15 + 32)
        if status != Z_OK {
            initError = SluiceError(.gzip, "cannot initialise zlib (status \(status))", file: path)
        }
    }

    deinit {
        if initError == nil { inflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Compressed bytes consumed from the upstream source.
    public var bytesConsumed: Int { upstream.bytesConsumed }

    /// Offset in the compressed file of the next byte zlib has not consumed.
    private var compressedOffset: Int { upstream.bytesConsumed - (input.count - inputPosition) }

    /// The next chunk of inflated bytes; empty at the end of the last member.
    public func nextChunk() throws -> [UInt8] {
        if let failure = failure ?? initError { throw failure }
        if finished { return [] }
        do {
            return try inflateChunk()
        } catch let error as SluiceError {
            // The stream cannot resume after an error: report it again on every later call.
            failure = error
            throw error
        }
    }

    private func inflateChunk() throws -> [UInt8] {
        let capacity = chunkSize
        let chunk = try [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            count = 0
            guard let base = buffer.baseAddress else { return }
            while count < capacity {
                if inputPosition == input.count {
                    if upstreamDone { break }
                    input = try upstream.nextChunk()
                    inputPosition = 0
                    if input.isEmpty {
                        upstreamDone = true
                        break
                    }
                    sawInput = true
                }
                if betweenMembers {
                    skipZeroPadding()
                    if inputPosition == input.count { continue }
                    inflateReset(stream)
                    betweenMembers = false
                }
                count += try inflateStep(into: base + count, capacity: capacity - count)
            }
        }
        if chunk.isEmpty {
            finished = true
            if !betweenMembers {
                if !sawInput {
                    throw SluiceError(.gzip, "not a gzip file (it is empty)", file: path, byteOffset: 0)
                }
                throw SluiceError(
                    .gzip, "truncated gzip stream (unexpected end of file)", file: path,
                    byteOffset: compressedOffset, hint: "the file was cut short; download or copy it again")
            }
        }
        return chunk
    }

    /// Skips zero bytes after a member: some tools pad gzip files to a block size.
    private func skipZeroPadding() {
        input.withUnsafeBufferPointer { bytes in
            var i = inputPosition
            while i < bytes.count && bytes[i] == 0 { i += 1 }
            inputPosition = i
        }
    }

    /// Runs inflate once over the pending input; returns the number of bytes written to `output`.
    private func inflateStep(into output: UnsafeMutablePointer<UInt8>, capacity: Int) throws -> Int {
        let positionBefore = inputPosition
        let status: Int32 = input.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return Z_BUF_ERROR }
            stream.pointee.next_in = UnsafeMutablePointer(mutating: base + inputPosition)
            stream.pointee.avail_in = UInt32(bytes.count - inputPosition)
            stream.pointee.next_out = output
            stream.pointee.avail_out = UInt32(capacity)
            let status = inflate(stream, Z_NO_FLUSH)
            inputPosition = bytes.count - Int(stream.pointee.avail_in)
            return status
        }
        let written = capacity - Int(stream.pointee.avail_out)
        switch status {
        case Z_OK:
            return written
        case Z_BUF_ERROR:
            // No progress possible until more input arrives or output space frees up; with both
            // available zlib always progresses, so a stall here would loop forever.
            if written == 0 && inputPosition == positionBefore && inputPosition < input.count && capacity > 0 {
                throw SluiceError(.gzip, "zlib made no progress", file: path, byteOffset: compressedOffset)
            }
            return written
        case Z_STREAM_END:
            betweenMembers = true
            membersCompleted += 1
            return written
        default:
            throw error(for: status)
        }
    }

    private func error(for status: Int32) -> SluiceError {
        let zlibMessage = stream.pointee.msg.map { String(cString: $0) } ?? "status \(status)"
        let message: String
        var hint: String? = "the file is corrupt; download or copy it again"
        switch zlibMessage {
        case "incorrect header check", "unknown compression method":
            if membersCompleted > 0 {
                message = "unexpected data after the end of the gzip stream"
            } else {
                message = "not a gzip file"
                hint = "the file does not start with a gzip header; rename it if it is not compressed"
            }
        case "incorrect data check":
            message = "gzip CRC mismatch: the data is corrupt"
        case "incorrect length check":
            message = "gzip length mismatch: the data is corrupt"
        default:
            message = "corrupt gzip data (\(zlibMessage))"
        }
        return SluiceError(.gzip, message, file: path, byteOffset: compressedOffset, hint: hint)
    }
}
