import Foundation

/// Reads the manifest, quarantine and table coverage for the data-quality report.
public enum QualityQueries {
    public static func collect(database: Database, timeZone: TimeZone) throws -> DataQuality {
        // Rows that still stand in the tables, per file.
        var standing: [Int64: Int64] = [:]
        for table in RecordType.allCases.map(\.table) + ["content_snapshots"] {
            for r in try database.rows("SELECT file_id, count(*) FROM \(table) WHERE file_id IS NOT NULL GROUP BY 1") {
                standing[r[0].int ?? 0, default: 0] += r[1].int ?? 0
            }
        }
        let files = try database.rows(
            "SELECT id, source, path, status, rows_read, rows_loaded, rows_quarantined, rows_skipped, error FROM ingest_files ORDER BY source, path"
        ).map { r -> DataQuality.FileLine in
            let loaded = r[5].int ?? 0
            return DataQuality.FileLine(
                source: r[1].string ?? "", path: r[2].string ?? "", status: r[3].string ?? "", read: r[4].int ?? 0,
                loaded: loaded, quarantined: r[6].int ?? 0, skipped: r[7].int ?? 0,
                replaced: r[3].string == "loaded" ? max(0, loaded - (standing[r[0].int ?? 0] ?? 0)) : 0, error: r[8].string)
        }
        var reasons: [DataQuality.RejectReason] = []
        for r in try database.rows("SELECT source, reason, count(*) FROM quarantine GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2") {
            let examples = try database.rows(
                "SELECT path, line, raw FROM quarantine WHERE source = ? AND reason = ? ORDER BY path, line LIMIT 3", [r[0], r[1]]
            ).map { (path: $0[0].string ?? "", line: $0[1].int ?? 0, raw: $0[2].string ?? "") }
            reasons.append(DataQuality.RejectReason(source: r[0].string ?? "", reason: r[1].string ?? "", count: r[2].int ?? 0, examples: examples))
        }
        var coverage: [DataQuality.Coverage] = []
        for table in ["content_daily", "account_daily", "spend_daily"] {
            for r in try database.rows("SELECT coalesce(platform, '(none)'), min(stat_date), max(stat_date), count(*) FROM \(table) GROUP BY 1 ORDER BY 1") {
                guard let first = r[1].string.flatMap(LocalDate.init(iso:)), let latest = r[2].string.flatMap(LocalDate.init(iso:)) else { continue }
                coverage.append(.init(table: table, platform: r[0].string ?? "", first: first, latest: latest, rows: r[3].int ?? 0))
            }
        }
        for (table, column) in [("events", "occurred_at"), ("orders", "ordered_at")] {
            for r in try database.rows("SELECT coalesce(platform, '(none)'), min(\(column)), max(\(column)), count(*) FROM \(table) GROUP BY 1 ORDER BY 1") {
                guard let first = r[1].int, let latest = r[2].int else { continue }
                coverage.append(.init(table: table, platform: r[0].string ?? "", first: LocalDate(epochMillis: first, in: timeZone),
                                      latest: LocalDate(epochMillis: latest, in: timeZone), rows: r[3].int ?? 0))
            }
        }
        let counters = RecordType.contentCounters.filter { $0 != "avg_watch_ms" }.map { "\($0) < 0" }.joined(separator: " OR ")
        let corrections = try database.rows(
            "SELECT source, count(*) FROM content_daily WHERE file_id IS NULL AND (\(counters)) GROUP BY 1 ORDER BY 1"
        ).map { (source: $0[0].string ?? "", days: $0[1].int ?? 0) }
        return DataQuality(files: files, reasons: reasons, coverage: coverage, corrections: corrections)
    }
}
