// libFuzzer target for `FuzzHarness.csv` (see Sources/SluiceCore/Support/FuzzHarness.swift): a
// broken invariant traps, so libFuzzer saves the input; so do crashes and sanitizer reports.
import SluiceCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let problems = FuzzHarness.csv(Array(UnsafeBufferPointer(start: data, count: size)))
    if !problems.isEmpty { fatalError("FuzzHarness.csv: " + problems.joined(separator: "; ")) }
    return 0
}
