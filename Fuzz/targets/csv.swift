// libFuzzer target: the CSV reader over arbitrary bytes. The first input byte picks the chunk size
// and the delimiter, so that records split across chunks are exercised too. Limits are small so
// that the limit paths are reached. Any error must be a SluiceError; a crash or hang is a bug.
import SluiceCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let control = bytes.isEmpty ? 0 : bytes.removeFirst()
    let chunkSize = Int(control & 0x0F) + 1
    let delimiter: UInt8 = [UInt8(ascii: ","), UInt8(ascii: "\t"), UInt8(ascii: ";"), UInt8(ascii: "|")][Int(control >> 4) & 3]
    var limits = ReaderLimits()
    limits.maxFieldBytes = 64
    limits.maxColumns = 32
    limits.maxLineBytes = 256
    let reader = CSVRowReader(
        source: MemoryByteSource(bytes: bytes, chunkSize: chunkSize), path: "fuzz.csv", delimiter: delimiter, limits: limits)
    do {
        try reader.skipLines(Int(control >> 6) & 1)
        var previousLine = 0
        while let record = try reader.nextRecord() {
            precondition(record.line > previousLine, "line numbers must increase")
            precondition(record.fields.count <= limits.maxColumns)
            previousLine = record.line
        }
    } catch is SluiceError {
    } catch {
        preconditionFailure("unexpected error type: \(error)")
    }
    return 0
}
