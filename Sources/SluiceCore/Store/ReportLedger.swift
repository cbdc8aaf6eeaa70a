import Foundation

/// The `report_outputs` table: which report folders were written, for which window and locale,
/// from which state of the data, definition and manifest.
///
/// - A report is **stale** when data it depends on changed after it was written: a load recorded
///   in `data_changes` touched a day on or before the window's last day. (Reports read no data
///   after their window; attribution, funnels and cohorts read back before it, so every earlier
///   day counts.) `sluice status` lists stale reports and `sluice run --stale` rewrites them.
/// - A report is **current** when it is not stale, was written by this Sluice version from the
///   same definition file, in the same locale, with the manifest as it is now (so the quality
///   section is up to date), and its files are still on disk. A nightly run skips current reports:
///   rewriting them would give the same bytes.
public struct ReportLedger {
    let database: Database

    public init(database: Database) { self.database = database }

    /// One written report folder.
    public struct Entry: Sendable, Equatable {
        public var folder: String
        /// The window's first and last day.
        public var window: DaySpan
        public var locale: String
        public var definitionHash: String
        public var manifestState: String
        public var version: String
        public var changeSequence: Int64
        public var files: [String]
        public var writtenAtMillis: Int64
    }

    /// A fingerprint of the manifest: changes whenever a file is loaded, reloaded or fails.
    public func manifestState() throws -> String {
        let row = try database.rows(
            "SELECT count(*), coalesce(max(ingested_at), 0), total(rows_loaded), total(rows_quarantined), sum(status = 'failed') FROM ingest_files"
        ).first
        return (row?.values ?? []).map(\.description).joined(separator: ":")
    }

    /// Records that `folder` was written for `window` (after all its files are in place).
    public func record(folder: String, window: ReportWindow, locale: String, definitionHash: String, changeSequence: Int64,
                       files: [String], runID: Int64?) throws {
        try database.run(
            """
            INSERT INTO report_outputs (folder, window_from, window_to, locale, definition_hash, manifest_state, sluice_version,
                change_seq, files, written_at, run_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(folder) DO UPDATE SET window_from = excluded.window_from, window_to = excluded.window_to,
                locale = excluded.locale, definition_hash = excluded.definition_hash, manifest_state = excluded.manifest_state,
                sluice_version = excluded.sluice_version, change_seq = excluded.change_seq, files = excluded.files,
                written_at = excluded.written_at, run_id = excluded.run_id
            """,
            [.text(folder), .text(window.from.iso), .text(window.to.iso), .text(locale), .text(definitionHash),
             .text(try manifestState()), .text(Sluice.version), .integer(changeSequence), .text(files.joined(separator: "\n")),
             .integer(Int64(Date().timeIntervalSince1970 * 1000)), runID.map(SQLValue.integer) ?? .null])
    }

    /// Every recorded report, oldest window first.
    public func entries() throws -> [Entry] {
        try database.rows(
            """
            SELECT folder, window_from, window_to, locale, definition_hash, manifest_state, sluice_version, change_seq, files, written_at
            FROM report_outputs ORDER BY window_to, window_from, folder
            """
        ).compactMap(Self.entry)
    }

    /// The recorded report in `folder`, if any.
    public func entry(folder: String) throws -> Entry? {
        try database.rows(
            """
            SELECT folder, window_from, window_to, locale, definition_hash, manifest_state, sluice_version, change_seq, files, written_at
            FROM report_outputs WHERE folder = ?
            """, [.text(folder)]
        ).first.flatMap(Self.entry)
    }

    /// Reports whose data changed after they were written, with the earliest changed day.
    public func stale() throws -> [(entry: Entry, earliestChange: LocalDate)] {
        let rows = try database.rows(
            """
            SELECT r.folder, min(c.first_day) FROM report_outputs AS r
            JOIN data_changes AS c ON c.id > r.change_seq AND c.first_day <= r.window_to
            GROUP BY r.folder
            """)
        var earliest: [String: LocalDate] = [:]
        for row in rows {
            if let folder = row[0].string, let day = row[1].string.flatMap(LocalDate.init(iso:)) { earliest[folder] = day }
        }
        return try entries().compactMap { entry in earliest[entry.folder].map { (entry, $0) } }
    }

    /// Whether the report for `window` in `folder` can be kept as it is (see the type's summary).
    public func isCurrent(folder: String, absoluteFolder: String, window: ReportWindow, locale: String, definitionHash: String) throws -> Bool {
        guard let entry = try entry(folder: folder), entry.window == DaySpan(first: window.from, last: window.to),
              entry.locale == locale, entry.definitionHash == definitionHash, entry.version == Sluice.version,
              entry.manifestState == (try manifestState())
        else { return false }
        let changed = try database.scalar(
            "SELECT count(*) FROM data_changes WHERE id > ? AND first_day <= ?", [.integer(entry.changeSequence), .text(window.to.iso)]
        )?.int ?? 1
        guard changed == 0 else { return false }
        return entry.files.allSatisfy { FileManager.default.fileExists(atPath: absoluteFolder + "/" + $0) }
    }

    private static func entry(_ row: Row) -> Entry? {
        guard let folder = row[0].string, let from = row[1].string.flatMap(LocalDate.init(iso:)),
              let to = row[2].string.flatMap(LocalDate.init(iso:)) else { return nil }
        return Entry(
            folder: folder, window: DaySpan(first: from, last: to), locale: row[3].string ?? "", definitionHash: row[4].string ?? "",
            manifestState: row[5].string ?? "", version: row[6].string ?? "", changeSequence: row[7].int ?? 0,
            files: (row[8].string ?? "").split(separator: "\n").map(String.init), writtenAtMillis: row[9].int ?? 0)
    }
}
