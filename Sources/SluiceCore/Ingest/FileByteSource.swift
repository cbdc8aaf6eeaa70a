#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file with `read(2)` in fixed-size chunks.
public final class FileByteSource: ByteSource {
    private let fd: Int32
    private let path: String
    private let chunkSize: Int
    private var consumed = 0
    private var atEnd = false

    /// Opens `path` for reading; throws `SluiceError(.io)` when it cannot be opened.
    public init(path: String, chunkSize: Int = 256 << 10) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            throw SluiceError(
                .io, "cannot open file: \(FileByteSource.describe(code))", file: path,
                hint: code == ENOENT ? "check the path and the source's files glob" : nil)
        }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw SluiceError(.io, "is a directory, not a file", file: path)
        }
        self.fd = fd
        self.path = path
        self.chunkSize = max(1, chunkSize)
        size = Int(info.st_size)
        #if canImport(Glibc)
        _ = posix_fadvise(fd, 0, 0, Int32(POSIX_FADV_SEQUENTIAL))
        #endif
    }

    deinit { close(fd) }

    /// The file's size when it was opened.
    public let size: Int

    /// Bytes read from the file so far.
    public var bytesConsumed: Int { consumed }

    /// The next chunk read from the file (at most `chunkSize` bytes); empty at end of file.
    public func nextChunk() throws -> [UInt8] {
        if atEnd { return [] }
        let chunkSize = self.chunkSize
        let fd = self.fd
        var failure: Int32 = 0
        let chunk = [UInt8](unsafeUninitializedCapacity: chunkSize) { buffer, count in
            count = 0
            guard let base = buffer.baseAddress else { return }
            while true {
                let n = read(fd, base, chunkSize)
                if n >= 0 {
                    count = n
                    return
                }
                if errno != EINTR {
                    failure = errno
                    return
                }
            }
        }
        if failure != 0 {
            throw SluiceError(.io, "read failed: \(FileByteSource.describe(failure))", file: path, byteOffset: consumed)
        }
        if chunk.isEmpty { atEnd = true }
        consumed += chunk.count
        return chunk
    }

    static func describe(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
