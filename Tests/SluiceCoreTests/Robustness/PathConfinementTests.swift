import Foundation
import Testing
@testable import SluiceCore

/// Inputs are read only under input_root, reports written only under the reports root, whatever
/// `..` or symbolic links a definition or the folders on disk hold.
@Suite("Path confinement")
struct PathConfinementTests {
    @Test func globsMayNotBeAbsoluteOrClimbOut() throws {
        let path = HostileInputTests.corpus + "/definitions/path_escape.yaml"
        do {
            _ = try DefinitionLoader.load(path: path, environment: [:])
            Issue.record("a definition whose globs leave input_root loaded")
        } catch let error as DefinitionError {
            let problems = error.problems.map { "\($0.line): \($0.message)" }
            #expect(problems.count == 2, "\(problems)")
            #expect(problems.contains { $0.hasPrefix("4: `files` of source `s` may not climb out of input_root with `..`") }, "\(problems)")
            #expect(problems.contains { $0.hasPrefix("8: `files` of source `t` must be relative to input_root") }, "\(problems)")
        }
        #expect(FileDiscovery.globProblem("a/../../b.csv") != nil)
        #expect(FileDiscovery.globProblem("~/x.csv") != nil)
        #expect(FileDiscovery.globProblem("shop/**/*.csv.gz") == nil)
        #expect(FileDiscovery.globProblem("shop/..foo*.csv") == nil, "a name starting with two dots is not `..`")
    }

    @Test func discoveryDoesNotFollowLinksOutOfTheInputRoot() throws {
        let dir = try TemporaryDirectory()
        try dir.write("outside/secret.csv", "a\n1\n")
        try dir.write("outside/deeper/secret2.csv", "a\n1\n")
        try dir.write("in/shop/real.csv", "a\n1\n")
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/in/shop/linked_dir", withDestinationPath: dir.path + "/outside")
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/in/shop/linked.csv", withDestinationPath: dir.path + "/outside/secret.csv")
        let found = try FileDiscovery.files(matching: "**/*.csv", under: dir.path + "/in")
        #expect(found == ["shop/real.csv"])
    }

    @Test func reportPathsStayUnderTheRoot() throws {
        let dir = try TemporaryDirectory()
        let root = dir.path + "/reports"
        try FileManager.default.createDirectory(atPath: root + "/w/charts", withIntermediateDirectories: true)
        #expect(try ReportPaths.resolve(root: root, relative: "w/charts/a.svg") == root + "/w/charts/a.svg")
        #expect(try ReportPaths.resolve(root: root, relative: "new/charts/a.svg") == root + "/new/charts/a.svg")
        for bad in ["../x.md", "w/../../x.md", "/etc/x.md", "w//x.md", "w/./x.md"] {
            #expect(throws: SluiceError.self, "\(bad)") { try ReportPaths.resolve(root: root, relative: bad) }
        }
        // A linked root is fine (it is configured); a link under it that leads elsewhere is not.
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/linked_root", withDestinationPath: root)
        #expect(try ReportPaths.resolve(root: dir.path + "/linked_root", relative: "w/a.md") == dir.path + "/linked_root/w/a.md")
        try FileManager.default.createDirectory(atPath: dir.path + "/elsewhere", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root + "/escape", withDestinationPath: dir.path + "/elsewhere")
        let error = try #require(throws: SluiceError.self) { try ReportPaths.resolve(root: root, relative: "escape/charts/a.svg") }
        #expect(error.description.contains("leads outside the reports folder"))
        // A link that stays inside the root is followed.
        try FileManager.default.createSymbolicLink(atPath: root + "/alias", withDestinationPath: root + "/w")
        #expect(try ReportPaths.resolve(root: root, relative: "alias/x.md") == root + "/alias/x.md")
    }

    @Test func theReportRunnerRefusesAWindowFolderLinkedOutside() throws {
        let dir = try TemporaryDirectory()
        try dir.write("p/p.yaml", DefinitionSnippet.yaml("database: db.sqlite\nreports: reports"))
        let definition = try DefinitionLoader.load(path: dir.path + "/p/p.yaml", environment: [:])
        let database = try Database(path: definition.databasePath)
        try Schema.migrate(database)
        let window = ReportWindow(from: LocalDate(year: 2026, month: 11, day: 2)!, to: LocalDate(year: 2026, month: 11, day: 8)!,
                                  timeZone: definition.timeZone)
        try FileManager.default.createDirectory(atPath: dir.path + "/elsewhere", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: definition.reportsRoot, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: definition.reportsRoot + "/" + window.folderName, withDestinationPath: dir.path + "/elsewhere")
        let runner = ReportRunner(definition: definition, database: database, locale: nil)
        #expect(throws: SluiceError.self) { try runner.write(window: window) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path + "/elsewhere").isEmpty)
        // Without the link the same window is written inside the root.
        try FileManager.default.removeItem(atPath: definition.reportsRoot + "/" + window.folderName)
        let (folder, files) = try runner.write(window: window)
        #expect(folder.hasPrefix(definition.reportsRoot + "/") && !files.isEmpty)
    }

    @Test func aLinkAtTheTemporaryNameIsNotWrittenThrough() throws {
        let dir = try TemporaryDirectory()
        let victim = try dir.write("victim.txt", "keep me")
        let target = dir.path + "/out/report.md"
        try FileManager.default.createDirectory(atPath: dir.path + "/out", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: AtomicFileWriter.temporaryPath(for: target), withDestinationPath: victim)
        try AtomicFileWriter.write("new report", to: target)
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "keep me")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "new report")
    }
}
