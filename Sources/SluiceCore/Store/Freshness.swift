import Foundation

/// Whether each source's data reaches the day a nightly run reports.
public enum Freshness {
    /// A source whose newest loaded data is older than allowed.
    public struct Warning: Sendable, Equatable, CustomStringConvertible {
        public var source: String
        /// The newest day with rows from this source, or nil when it has none.
        public var latest: LocalDate?
        public var expected: LocalDate

        public var description: String {
            let have = latest.map { "its newest data is for \($0.iso)" } ?? "it has no data loaded yet"
            return "source \(source): \(have), but the nightly reports run through \(expected.iso); "
                + "add the missing exports under the input root, or set `freshness_days` on the source to allow a lag (`off` to stop checking)"
        }
    }

    /// Sources (with freshness checking on) whose newest day is before `yesterday - freshness_days`.
    public static func check(definition: PipelineDefinition, database: Database, yesterday: LocalDate) throws -> [Warning] {
        var warnings: [Warning] = []
        for source in definition.sources {
            guard let lag = source.freshnessLagDays else { continue }
            let latest = try database.scalar(
                "SELECT max(last_day) FROM ingest_files WHERE source = ? AND status = 'loaded'", [.text(source.name)]
            )?.string.flatMap(LocalDate.init(iso:))
            let expected = yesterday.adding(days: -lag)
            if latest.map({ $0 < expected }) ?? true {
                warnings.append(Warning(source: source.name, latest: latest, expected: expected))
            }
        }
        return warnings
    }
}
