import Foundation

/// A plain-text overview of a pipeline's database: tables, coverage, files, quarantine and runs.
public enum StatusReport {
    public static func text(definition: PipelineDefinition, database: Database) throws -> String {
        var out: [String] = []
        let size = (try? FileManager.default.attributesOfItem(atPath: definition.databasePath)[.size] as? NSNumber)?.int64Value ?? 0
        out.append("pipeline \(definition.name)  database \(definition.databasePath) (\(formatBytes(size)))  time zone \(definition.timeZone.identifier)")
        out.append("")
        out.append("Tables (rows; dates covered per platform):")
        let coverage: [(String, String)] = [
            ("content_daily", "stat_date"), ("account_daily", "stat_date"), ("spend_daily", "stat_date"),
            ("events", "occurred_at"), ("orders", "ordered_at"),
        ]
        for (table, column) in coverage {
            let count = try database.scalar("SELECT count(*) FROM \(table)")?.int ?? 0
            out.append("  \(table.padding(toLength: 17, withPad: " ", startingAt: 0)) \(String(count).leftPadded(9))")
            let rows = try database.rows("SELECT coalesce(platform, '(none)'), count(*), min(\(column)), max(\(column)) FROM \(table) GROUP BY 1 ORDER BY 1")
            for row in rows {
                let (from, to): (String, String)
                if column == "stat_date" {
                    (from, to) = (row[2].string ?? "?", row[3].string ?? "?")
                } else {
                    from = row[2].int.map { LocalDate(epochMillis: $0, in: definition.timeZone).iso } ?? "?"
                    to = row[3].int.map { LocalDate(epochMillis: $0, in: definition.timeZone).iso } ?? "?"
                }
                out.append("      \((row[0].string ?? "").padding(toLength: 12, withPad: " ", startingAt: 0)) \(String(row[1].int ?? 0).leftPadded(9))  \(from) … \(to)")
            }
        }
        let snapshots = try database.scalar("SELECT count(*) FROM content_snapshots")?.int ?? 0
        out.append("  \("content_snapshots".padding(toLength: 17, withPad: " ", startingAt: 0)) \(String(snapshots).leftPadded(9))  (lifetime totals from cumulative exports)")
        out.append("")
        out.append("Files (read / loaded / quarantined / skipped):")
        let files = try database.rows("SELECT path, source, status, rows_read, rows_loaded, rows_quarantined, rows_skipped, encoding, error FROM ingest_files ORDER BY source, path")
        if files.isEmpty { out.append("  none ingested yet") }
        for f in files {
            let counts = "\(f[3]) / \(f[4]) / \(f[5]) / \(f[6])"
            out.append("  \(f[2].string == "loaded" ? "ok    " : "FAILED") \(f[0])  [\(f[1])]  \(counts)  \(f[7].string ?? "")")
            if let error = f[8].string { out.append("         \(error)") }
        }
        let reasons = try database.rows("SELECT source, reason, count(*) FROM quarantine GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT 20")
        if !reasons.isEmpty {
            out.append("")
            out.append("Quarantine (most common reasons; see the quarantine table for every row):")
            for r in reasons { out.append("  \(String(r[2].int ?? 0).leftPadded(6))  \(r[0]): \(r[1])") }
        }
        let failed = files.filter { $0[2].string == "failed" }
        if !failed.isEmpty {
            out.append("")
            out.append("Files awaiting retry (failed; the next run tries them again):")
            for f in failed { out.append("  \(f[0])  [\(f[1])]: \(f[8].string ?? "unknown error")") }
        }
        let ledger = ReportLedger(database: database)
        let stale = try ledger.stale()
        let written = try ledger.entries()
        out.append("")
        if written.isEmpty {
            out.append("Reports: none written yet")
        } else if stale.isEmpty {
            out.append("Reports: \(written.count) folder(s) under \(definition.reportsRoot), none stale")
        } else {
            out.append("Stale reports (data changed after they were written; `sluice run --stale` rewrites them):")
            for (entry, day) in stale {
                out.append("  \(entry.folder)  (\(entry.locale); data from \(day.iso) on changed since \(Self.time(entry.writtenAtMillis)))")
            }
            out.append("  \(written.count - stale.count) other report folder(s) up to date")
        }
        if let holder = RunLock.currentHolder(databasePath: definition.databasePath) {
            out.append("")
            out.append("Running now: \(holder)")
        }
        let runs = try database.rows(
            "SELECT id, command, started_at, ended_at, outcome, files_ingested, files_failed, rows_loaded, rows_quarantined, reports_written, window_from, window_to, message FROM runs ORDER BY id DESC LIMIT 8")
        if !runs.isEmpty {
            out.append("")
            out.append("Last runs:")
            for r in runs {
                let started = r[2].int.map(Self.time) ?? "?"
                let took = (r[3].int).flatMap { end in r[2].int.map { String(format: " in %.1f s", Double(end - $0) / 1000) } } ?? ""
                let window = r[10].string.map { " \($0) … \(r[11].string ?? $0)" } ?? ""
                out.append("  #\(r[0]) \(r[1])\(window) \(started)\(took) \(r[4]): \(r[5]) files loaded, \(r[6]) failed, \(r[7]) rows, \(r[8]) quarantined, \(r[9]) report files")
                if r[4].string == "error" || r[4].string == "interrupted", let message = r[12].string { out.append("      \(message.prefix(300))") }
            }
        }
        return out.joined(separator: "\n")
    }

    static func time(_ millis: Int64) -> String {
        ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(millis) / 1000))
    }

    static func formatBytes(_ n: Int64) -> String {
        if n >= 1 << 20 { return String(format: "%.1f MiB", Double(n) / 1_048_576) }
        if n >= 1 << 10 { return String(format: "%.1f KiB", Double(n) / 1024) }
        return "\(n) B"
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
