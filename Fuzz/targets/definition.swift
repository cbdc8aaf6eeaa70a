// libFuzzer target: the pipeline-definition loader over arbitrary text. It must load or report
// DefinitionError problems with a line and column; never crash, never expand aliases without bound.
import SluiceCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDefinition(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        _ = try DefinitionLoader.parse(yaml: text, path: "/fuzz/p.yaml", environment: ["SLUICE_USER_ID_KEY": "fuzzing-key-0123456789"])
    } catch let error as DefinitionError {
        precondition(!error.problems.isEmpty, "a DefinitionError lists at least one problem")
        for problem in error.problems { precondition(problem.line >= 0 && problem.column >= 0) }
    } catch {
        preconditionFailure("unexpected error type: \(error)")
    }
    return 0
}
