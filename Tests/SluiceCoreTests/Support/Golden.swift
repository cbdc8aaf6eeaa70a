import Foundation
import Testing

/// Compares output with a file committed under Tests/SluiceCoreTests/Golden/.
///
/// Set `SLUICE_RECORD_GOLDEN=1` (or run `make golden`) to write the current output instead: the
/// change then shows up in `git diff`, to be reviewed and committed on purpose.
enum Golden {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Golden")

    static var recording: Bool { ProcessInfo.processInfo.environment["SLUICE_RECORD_GOLDEN"] == "1" }

    /// The repository's root folder.
    static let repository = folder.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func check(_ actual: Data, against name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = folder.appendingPathComponent(name)
        if recording {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: url)
            return
        }
        guard let expected = FileManager.default.contents(atPath: url.path) else {
            Issue.record("missing golden file \(name); run `make golden` to create it", sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            let e = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let a = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let line = (0..<min(e.count, a.count)).first { e[$0] != a[$0] } ?? min(e.count, a.count)
            let expectedLine = line < e.count ? String(e[line]) : "<end of file>"
            let actualLine = line < a.count ? String(a[line]) : "<end of file>"
            Issue.record("\(name) differs at line \(line + 1):\n  expected: \(expectedLine)\n  actual:   \(actualLine)\n(run `make golden` if the change is intended)", sourceLocation: sourceLocation)
        }
    }

    static func check(_ text: String, against name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try check(Data(text.utf8), against: name, sourceLocation: sourceLocation)
    }
}
