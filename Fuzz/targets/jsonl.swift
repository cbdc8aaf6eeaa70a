// libFuzzer target: the JSON-lines reader over arbitrary bytes, with nested key paths and a small
// depth limit. A malformed line must become a record with an error, never a crash.
import SluiceCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONL(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let control = bytes.isEmpty ? 0 : bytes.removeFirst()
    var limits = ReaderLimits()
    limits.maxJSONDepth = 8
    limits.maxLineBytes = 512
    let reader = JSONLineReader(
        source: MemoryByteSource(bytes: bytes, chunkSize: Int(control & 0x1F) + 1), path: "fuzz.jsonl",
        paths: ["id", "user.id", "a.b.c", "ts", "x"], limits: limits)
    do {
        while let record = try reader.nextRecord() {
            precondition(record.values.count == 5)
        }
    } catch is SluiceError {
    } catch {
        preconditionFailure("unexpected error type: \(error)")
    }
    return 0
}
