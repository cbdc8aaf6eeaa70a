import CSQLite
import Foundation

/// Reads the manifest, quarantine and table coverage for the data-quality report.
public enum QualityQueries {
    public static func collect(database: Database, timeZone: TimeZone) throws -> DataQuality {
        // Rows that still stand in the tables, per file.
        var standing: [Int64: Int64] = [:]
        // The events table is the big one: one scan gives its per-file counts and its coverage.
        let eventScan = try EventScan.run(database)
        if let eventScan { for (file, n) in eventScan.perFile { standing[file, default: 0] += n } }
        for table in RecordType.allCases.map(\.table) + ["content_snapshots"] where !(table == "events" && eventScan != nil) {
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
            if table == "events", let eventScan {
                coverage += eventScan.coverage(timeZone: timeZone)
                continue
            }
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

/// One sequential scan of `events` that gives what two `GROUP BY`s over it gave (rows per file_id;
/// first and last time and rows per platform), without SQLite sorting 10M rows twice: at 10M
/// events the two statements took about 8 s, the scan about 2 s. Nil when a value is not of the
/// type Sluice writes (an integer time and file id, a text platform), where SQL's ordering of
/// mixed types would apply: the statements then run as before.
struct EventScan {
    var perFile: [Int64: Int64] = [:]
    var platforms = ByteTable()
    /// Per platform id: first and last time, rows.
    var stats: [(first: Int64, last: Int64, rows: Int64)] = []
    var none: (first: Int64, last: Int64, rows: Int64)?

    static func run(_ database: Database) throws -> EventScan? {
        let statement = try database.prepare("SELECT file_id, platform, occurred_at FROM events")
        let h = statement.handle
        var scan = EventScan()
        var lastFile: Int64 = .min, lastFileRows: Int64 = 0
        while true {
            let rc = sqlite3_step(h)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else { sqlite3_reset(h); throw database.error(rc, statement.sql) }
            switch sqlite3_column_type(h, 0) {
            case SQLITE_NULL: break
            case SQLITE_INTEGER:
                let file = sqlite3_column_int64(h, 0)
                if file == lastFile {
                    lastFileRows += 1
                } else {
                    if lastFileRows > 0 { scan.perFile[lastFile, default: 0] += lastFileRows }
                    lastFile = file
                    lastFileRows = 1
                }
            default: sqlite3_reset(h); return nil
            }
            guard sqlite3_column_type(h, 2) == SQLITE_INTEGER else { sqlite3_reset(h); return nil }
            let time = sqlite3_column_int64(h, 2)
            switch sqlite3_column_type(h, 1) {
            case SQLITE_NULL:
                scan.none = scan.none.map { (min($0.first, time), max($0.last, time), $0.rows + 1) } ?? (time, time, 1)
            case SQLITE_TEXT:
                let n = Int(sqlite3_column_bytes(h, 1))
                guard let text = sqlite3_column_text(h, 1) else { sqlite3_reset(h); return nil }
                let (id, isNew) = scan.platforms.id(UnsafeRawBufferPointer(start: text, count: n))
                if isNew {
                    scan.stats.append((time, time, 1))
                } else {
                    let i = Int(id)
                    if time < scan.stats[i].first { scan.stats[i].first = time }
                    if time > scan.stats[i].last { scan.stats[i].last = time }
                    scan.stats[i].rows += 1
                }
            default: sqlite3_reset(h); return nil
            }
        }
        sqlite3_reset(h)
        if lastFileRows > 0 { scan.perFile[lastFile, default: 0] += lastFileRows }
        return scan
    }

    /// Coverage lines as `coalesce(platform, '(none)') … GROUP BY 1 ORDER BY 1` gave them.
    func coverage(timeZone: TimeZone) -> [DataQuality.Coverage] {
        var groups: [(key: [UInt8], first: Int64, last: Int64, rows: Int64)] = []
        for i in 0..<platforms.count { groups.append((Array(platforms.bytes(i)), stats[i].first, stats[i].last, stats[i].rows)) }
        if let none {
            let key = Array("(none)".utf8)
            if let i = groups.firstIndex(where: { $0.key == key }) {
                groups[i].first = min(groups[i].first, none.first)
                groups[i].last = max(groups[i].last, none.last)
                groups[i].rows += none.rows
            } else {
                groups.append((key, none.first, none.last, none.rows))
            }
        }
        groups.sort { $0.key.lexicographicallyPrecedes($1.key) }
        return groups.map { g in
            // Text up to its first NUL, as the statements' results were read.
            let label = g.key.prefix { $0 != 0 }
            return DataQuality.Coverage(table: "events", platform: String(decoding: label, as: UTF8.self),
                                        first: LocalDate(epochMillis: g.first, in: timeZone),
                                        latest: LocalDate(epochMillis: g.last, in: timeZone), rows: g.rows)
        }
    }
}
