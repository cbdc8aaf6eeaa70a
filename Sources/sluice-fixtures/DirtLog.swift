/// What the generator wrote: row counts per file and every deliberate defect, printed at the end
/// (fixtures/README.md is written from this list).
final class DirtLog {
    private var files: [(name: String, rows: Int, extra: String)] = []
    private var notes: [(name: String, text: String)] = []

    func rows(_ name: String, _ count: Int, extra: String = "") { files.append((name, count, extra)) }
    func dirt(_ name: String, _ text: String) { notes.append((name, text)) }

    func print(summary: [String]) {
        Swift.print("files:")
        for f in files.sorted(by: { $0.name < $1.name }) {
            Swift.print("  \(f.name)\t\(f.rows) rows\(f.extra.isEmpty ? "" : " (\(f.extra))")")
        }
        Swift.print("dirt:")
        for n in notes { Swift.print("  \(n.name): \(n.text)") }
        Swift.print("figures:")
        for s in summary { Swift.print("  " + s) }
    }
}
