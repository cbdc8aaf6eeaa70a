// libFuzzer target for `FuzzHarness.gzip` (see Sources/SluiceCore/Support/FuzzHarness.swift): a
// broken invariant traps, so libFuzzer saves the input; so do crashes and sanitizer reports.
import SluiceCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let problems = FuzzHarness.gzip(Array(UnsafeBufferPointer(start: data, count: size)))
    if !problems.isEmpty { fatalError("FuzzHarness.gzip: " + problems.joined(separator: "; ")) }
    return 0
}
