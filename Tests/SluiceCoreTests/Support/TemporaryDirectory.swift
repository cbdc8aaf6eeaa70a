import Foundation
@testable import SluiceCore

/// A fresh folder under the system temporary directory, removed when the value is released.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "sluice-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `text` (UTF-8) to `relative`, creating folders; returns the absolute path.
    @discardableResult
    func write(_ relative: String, _ text: String) throws -> String {
        try write(relative, bytes: Array(text.utf8))
    }

    @discardableResult
    func write(_ relative: String, bytes: [UInt8]) throws -> String {
        let full = path + "/" + relative
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: full))
        return full
    }

    /// Writes `yaml` as a pipeline definition (input root `in/`, database `out/t.sqlite` here),
    /// loads it and opens its migrated database.
    func pipeline(_ yaml: String) throws -> (PipelineDefinition, Database) {
        try write("p/t.yaml", yaml)
        var definition = try DefinitionLoader.load(path: path + "/p/t.yaml")
        definition.inputRoot = path + "/in"
        definition.databasePath = path + "/out/t.sqlite"
        let database = try Database(path: definition.databasePath)
        try Schema.migrate(database)
        return (definition, database)
    }
}
