@testable import SluiceCore

/// Loads top-level definition blocks (funnels, cohorts, attribution, …) inside a minimal valid
/// definition, so that the block's first line is line 2 of the file `p.yaml`.
enum DefinitionSnippet {
    static func yaml(_ body: String) -> String {
        "name: shop\n" + body + "\nsources:\n  - name: e\n    files: \"*.jsonl\"\n    record: events\n"
            + "    columns: {event_id: id, user_id: u, occurred_at: t, event: e}\n"
    }

    static func load(_ body: String) throws -> PipelineDefinition {
        try DefinitionLoader.parse(yaml: yaml(body), path: "p.yaml")
    }

    /// Every problem reported for the snippet; empty when it loads.
    static func problems(_ body: String) -> [DefinitionProblem] {
        do {
            _ = try load(body)
            return []
        } catch let error as DefinitionError {
            return error.problems
        } catch {
            return [DefinitionProblem(file: "", line: 0, column: 0, message: "\(error)")]
        }
    }
}
