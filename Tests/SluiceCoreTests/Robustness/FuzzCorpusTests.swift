import Foundation
import Testing
@testable import SluiceCore

/// Replays the fuzz targets' committed seed corpus (Fuzz/corpus/<target>) and every input that
/// once broke a target (Fuzz/regressions/<target>) through the same harness `make fuzz` runs.
@Suite("Fuzz corpus and regressions")
struct FuzzCorpusTests {
    static let fuzzFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fuzz").path

    static let targets = ["csv", "jsonl", "fields", "gzip", "definition"]

    static func inputs(_ kind: String, _ target: String) -> [String] {
        let folder = fuzzFolder + "/" + kind + "/" + target
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted().map { folder + "/" + $0 }
    }

    @Test(arguments: targets)
    func seedCorpus(target: String) throws {
        let harness = try #require(FuzzHarness.named(target))
        let files = Self.inputs("corpus", target)
        #expect(!files.isEmpty, "every target has seeds")
        for file in files {
            let problems = harness(Array(try Data(contentsOf: URL(fileURLWithPath: file))))
            #expect(problems.isEmpty, "\(file): \(problems)")
        }
    }

    @Test(arguments: targets)
    func regressions(target: String) throws {
        let harness = try #require(FuzzHarness.named(target))
        for file in Self.inputs("regressions", target) {
            let problems = harness(Array(try Data(contentsOf: URL(fileURLWithPath: file))))
            #expect(problems.isEmpty, "\(file): \(problems)")
        }
    }

    /// Typed errors are handled inputs, not findings.
    @Test func harnessesAcceptTypedErrors() {
        #expect(FuzzHarness.named("nope") == nil)
        #expect(FuzzHarness.gzip([0x00, 0x1f, 0x8b, 0x08]).isEmpty, "a truncated header is a typed gzip error")
        #expect(FuzzHarness.csv(Array("\u{0}a,b\n1,2\n".utf8)).isEmpty)
        #expect(FuzzHarness.definition(Array("name: [".utf8)).isEmpty)
    }
}
