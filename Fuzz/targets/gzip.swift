// libFuzzer target: the gzip reader over arbitrary bytes (usually not gzip at all; the seed corpus
// holds real members), in small output chunks. Errors must be SluiceError(.gzip).
import SluiceCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGzip(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let control = bytes.isEmpty ? 0 : bytes.removeFirst()
    let source = GzipByteSource(
        upstream: MemoryByteSource(bytes: bytes, chunkSize: Int(control & 0x0F) + 1), path: "fuzz.gz",
        chunkSize: Int(control >> 4) * 64 + 1)
    var total = 0
    do {
        while true {
            let chunk = try source.nextChunk()
            if chunk.isEmpty { break }
            total += chunk.count
            // Deflate expands at most ~1032:1; stop a harmless bomb early.
            if total > 8 << 20 { break }
        }
    } catch is SluiceError {
    } catch {
        preconditionFailure("unexpected error type: \(error)")
    }
    return 0
}
