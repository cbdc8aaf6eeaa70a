import Foundation

/// What happened to one input file in an ingest.
public struct FileOutcome: Sendable {
    public enum Status: String, Sendable { case loaded, unchanged, failed }
    public var source: String
    /// Path relative to the input root.
    public var path: String
    public var status: Status
    public var counts: FileCounts
    public var encoding: String?
    public var error: String?
    public var seconds: Double
}

/// How far the load of one file has come.
public struct IngestProgress: Sendable {
    public var source: String
    public var path: String
    /// Bytes of the file as stored (compressed for .gz) read so far, and its size.
    public var bytesRead: Int
    public var fileSize: Int
    /// Data rows written or quarantined so far.
    public var rows: Int
}

/// The result of ingesting every source of a pipeline.
public struct IngestSummary: Sendable {
    public var files: [FileOutcome] = []
    public var cumulative = CumulativeSummary()
    /// Sources whose daily figures were re-derived from snapshots.
    public var derivedSources: [String] = []

    public var failed: [FileOutcome] { files.filter { $0.status == .failed } }
    public var loaded: [FileOutcome] { files.filter { $0.status == .loaded } }
    public var rowsLoaded: Int { files.reduce(0) { $0 + $1.counts.loaded } }
    public var rowsQuarantined: Int { files.reduce(0) { $0 + $1.counts.quarantined } }
}

/// Runs ingest → clean → store for every file of every source in a pipeline definition.
///
/// Each file is one unit: its rows, its quarantined rows and its manifest entry are written in one
/// transaction, after the rows it loaded before (if its content changed) are removed. A file that
/// fails leaves nothing behind but a `failed` manifest entry, and is retried on the next run.
public final class Ingestor {
    public let definition: PipelineDefinition
    public let database: Database
    private let log: (String) -> Void
    private let manifest: Manifest
    private lazy var quarantine = try? QuarantineWriter(database: database)
    /// Collect stage timers for each loaded file and log them (`sluice ingest --profile`).
    public var profile = false
    /// Called on the ingesting thread after each batch of rows is written (about every 2,000 rows).
    public var progress: ((IngestProgress) -> Void)?
    /// The stage timers of the last file `load` finished (set when `profile` is on).
    private var lastProfile = IngestProfile()
    /// The fewest rows a file must add before its table's secondary indexes are rebuilt (tests lower it).
    var indexRebuildMinimumRows = IndexRebuild.minimumRows

    public init(definition: PipelineDefinition, database: Database, log: @escaping (String) -> Void = { _ in }) {
        self.definition = definition
        self.database = database
        self.log = log
        manifest = Manifest(database: database)
    }

    /// Ingests new and changed files of the named sources (all when nil).
    /// - Parameter force: reload files even when the manifest says they are unchanged.
    public func run(sources names: [String]? = nil, force: Bool = false, runID: Int64? = nil) throws -> IngestSummary {
        var summary = IngestSummary()
        // Sorts spill to temporary files during ingest rather than memory: rebuilding an index after
        // a large load sorts the whole table (see `IndexRebuild`), which must not grow the process.
        // temp_store cannot change inside a transaction, so it is set around the whole ingest.
        // Best effort: it only bounds memory.
        let tempStore = (try? database.scalar("PRAGMA temp_store"))??.int ?? 0
        try? database.execute("PRAGMA temp_store=FILE")
        defer { try? database.execute("PRAGMA temp_store=\(tempStore)") }
        let selected = definition.sources.filter { names == nil || names!.contains($0.name) }
        if let names {
            let unknown = Set(names).subtracting(definition.sources.map(\.name))
            if !unknown.isEmpty {
                throw SluiceError(.usage, "no source named \(unknown.sorted().joined(separator: ", ")) in \(definition.definitionPath)",
                                  hint: "sources: \(definition.sources.map(\.name).joined(separator: ", "))")
            }
        }
        for source in selected {
            let paths = try FileDiscovery.files(matching: source.files, under: definition.inputRoot)
            if paths.isEmpty { log("source \(source.name): no files match \(source.files) under \(definition.inputRoot)") }
            for path in paths {
                let outcome = ingestFile(source: source, relativePath: path, force: force, runID: runID)
                switch outcome.status {
                case .loaded:
                    log("loaded \(path): \(outcome.counts.loaded) rows, \(outcome.counts.quarantined) quarantined, \(outcome.counts.skipped) skipped (\(outcome.encoding ?? "?"), \(String(format: "%.2f", outcome.seconds)) s)")
                case .unchanged: break
                case .failed: log("FAILED " + (outcome.error ?? "\(path): unknown error"))
                }
                summary.files.append(outcome)
            }
            if source.counters == .cumulative {
                if let result = try deriveDailyIfNeeded(source: source, force: force) {
                    summary.derivedSources.append(source.name)
                    summary.cumulative.corrections += result.corrections
                    summary.cumulative.gaps += result.gaps
                    summary.cumulative.baselines += result.baselines
                    log("derived daily figures for \(source.name): \(result.corrections) negative corrections kept, \(result.gaps) multi-day gaps, \(result.baselines) baseline snapshots")
                }
            }
        }
        return summary
    }

    // MARK: One file

    func ingestFile(source: SourceDefinition, relativePath: String, force: Bool, runID: Int64?) -> FileOutcome {
        let started = Date()
        var outcome = ingestFileUntimed(source: source, relativePath: relativePath, force: force, runID: runID)
        outcome.seconds = Date().timeIntervalSince(started)
        return outcome
    }

    private func ingestFileUntimed(source: SourceDefinition, relativePath: String, force: Bool, runID: Int64?) -> FileOutcome {
        let absolute = definition.inputRoot + "/" + relativePath
        var outcome = FileOutcome(source: source.name, path: relativePath, status: .failed, counts: FileCounts(), encoding: nil, error: nil, seconds: 0)
        var size: Int64 = 0, mtime: Int64 = 0, hash = ""
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: absolute)
            size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
            mtime = Int64(((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0) * 1000)
            let previous = try manifest.entry(path: relativePath)
            if !force, let previous, previous.status == "loaded", previous.source == source.name,
               previous.size == size, previous.mtimeMillis == mtime {
                outcome.status = .unchanged
                return outcome
            }
            hash = try ContentHash.ofFile(at: absolute)
            if !force, let previous, previous.status == "loaded", previous.source == source.name, previous.contentHash == hash {
                try manifest.touch(id: previous.id, mtimeMillis: mtime)
                outcome.status = .unchanged
                return outcome
            }
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            let fileStart = monotonicNanos()
            var bodyEnd: UInt64 = 0
            lastProfile = IngestProfile()
            let (counts, encoding) = try database.transaction { () throws -> (FileCounts, String) in
                let fileID = try manifest.reserveID(source: source.name, path: relativePath, at: now)
                // Only a file seen before can have rows to replace; skipping the delete spares a
                // new file a scan of every table.
                var replaced: DaySpan?
                if previous != nil {
                    replaced = try manifest.days(id: fileID)
                    try RecordWriter.deleteRows(ofFile: fileID, in: database)
                }
                let result = try load(source: source, path: absolute, relativePath: relativePath, fileID: fileID)
                try manifest.record(
                    source: source.name, path: relativePath, size: size, mtimeMillis: mtime, hash: hash, encoding: result.encoding,
                    counts: result.counts, status: "loaded", error: nil, at: now, runID: runID, days: result.days)
                // The days whose rows this load added, replaced or removed: their reports are now stale.
                if let changed = DaySpan.union(replaced, result.days) {
                    try ChangeLog(database: database).record(source: source.name, fileID: fileID, runID: runID,
                                                             first: changed.first, last: changed.last)
                }
                bodyEnd = monotonicNanos()
                return (result.counts, result.encoding)
            }
            if profile {
                let end = monotonicNanos()
                lastProfile.commit = end &- bodyEnd
                lastProfile.wall = end &- fileStart
                log("profile \(relativePath): \(lastProfile.summary)")
            }
            outcome.status = .loaded
            outcome.counts = counts
            outcome.encoding = encoding
        } catch {
            var located = (error as? SluiceError)?.inFile(relativePath)
            if located?.file == absolute { located?.file = relativePath }
            var message = located?.description ?? "\(relativePath): \(error)"
            // A database error names the database; say which input file was being loaded.
            if let located, located.file != relativePath { message = "\(relativePath): " + message }
            outcome.error = message
            outcome.status = .failed
            _ = try? manifest.record(
                source: source.name, path: relativePath, size: size, mtimeMillis: mtime, hash: hash, encoding: nil,
                counts: FileCounts(), status: "failed", error: message, at: Int64(Date().timeIntervalSince1970 * 1000), runID: runID)
        }
        return outcome
    }

    /// Streams one file through reader, mapper and writer. Runs inside the file's transaction.
    ///
    /// Two threads share the work: a reader thread decompresses, decodes, parses and cleans rows
    /// into batches (`BatchQueue`, bounded, so memory stays flat); this thread, which owns the
    /// database connection, inserts them in file order and writes the quarantine. An error on
    /// either side ends the file exactly as a single-threaded loop would: the reader's error
    /// surfaces after the rows that came before it, a write error stops the reader.
    func load(source: SourceDefinition, path: String, relativePath: String, fileID: Int64) throws -> (counts: FileCounts, encoding: String, days: DaySpan?) {
        guard let format = source.format(for: path) else {
            throw SluiceError(.usage, "cannot tell the format from the file name", file: relativePath,
                              hint: "set `format: csv` or `format: jsonl` on source `\(source.name)`")
        }
        var effective = source
        var fixed: [String: SQLValue] = [:]
        let cumulative = source.counters == .cumulative
        switch source.snapshotDate {
        case .filename(let pattern)?:
            fixed["stat_date"] = .text(try snapshotDate(fromFileName: relativePath, pattern: pattern).iso)
        case .column(let column)?:
            effective.columns["stat_date"] = ColumnMapping(column: column)
        case nil: break
        }
        let mapper = try RecordMapper(source: effective, timeZone: definition.timeZone, fixed: fixed)
        let writer = try RecordWriter(database: database, record: source.record, snapshots: cumulative)
        guard let quarantine else { throw SluiceError(.store, "cannot prepare the quarantine table") }
        let (opened, detected, file) = try TextInput.openCountingFileBytes(path: path, encoding: source.encoding)
        let fileSize = file.size
        let profiling = profile
        let timed = profiling ? TimedByteSource(opened) : nil
        let input: ByteSource = timed ?? opened
        let fieldCount = mapper.fields.count
        let queue = BatchQueue(capacity: 4)
        /// Rows (and rejections) per batch handed to the writer.
        let batchSize = 2048

        /// Appends one mapped row to `batch`, or its rejection.
        @inline(__always)
        func add(_ values: [String?], line: Int, raw: () -> String, to batch: RowBatch) {
            let base = batch.values.count
            batch.values.append(contentsOf: repeatElement(SQLValue.null, count: fieldCount))
            if let rejection = mapper.map(values, into: &batch.values, at: base) {
                batch.values.removeLast(fieldCount)
                batch.rejections.append(PendingRejection(line: line, rejection: rejection, raw: raw()))
            } else {
                batch.rowCount += 1
            }
        }

        /// The reader loop of both formats: pulls records, lets `process` turn each into rows or
        /// rejections of the current batch, hands full batches to the writer (stopping when it gave
        /// up), and keeps the parse / clean / blocked timers.
        func pump<Record>(_ next: () throws -> Record?, _ process: (Record, RowBatch) -> Void, profile: inout IngestProfile) throws {
            var batch = queue.emptyBatch()
            var mark = profiling ? monotonicNanos() : 0
            func lap(_ stage: inout UInt64) {
                guard profiling else { return }
                let now = monotonicNanos()
                stage &+= now &- mark
                mark = now
            }
            while let record = try next() {
                lap(&profile.parse)
                process(record, batch)
                lap(&profile.clean)
                if batch.rowCount + batch.rejections.count >= batchSize {
                    batch.inputBytes = file.bytesConsumed
                    guard queue.put(batch) else { return }
                    batch = queue.emptyBatch()
                    lap(&profile.readerBlocked)
                }
            }
            if batch.rowCount + batch.rejections.count > 0 {
                batch.inputBytes = file.bytesConsumed
                _ = queue.put(batch)
            }
        }

        // The reader side: everything that does not touch the database. It stops early when the
        // writer gave up (`put` returns false).
        let produce: (inout FileCounts, inout IngestProfile) throws -> Void
        switch format {
        case .csv:
            let reader = CSVRowReader(source: input, path: relativePath, delimiter: source.delimiter, limits: definition.limits)
            try reader.skipLines(source.skipLines)
            guard let header = try reader.nextRecord() else {
                throw SluiceError(.csv, "the file is empty: no header line\(source.skipLines > 0 ? " after skipping \(source.skipLines) line(s)" : "")", file: relativePath)
            }
            let indices = try headerIndices(header, wanted: mapper.requestedColumns, source: source, relativePath: relativePath)
            let headerCount = header.fields.count
            let rawOrder = indices.indices.sorted { indices[$0] < indices[$1] }
            let markers = Set(source.totalsMarkers)
            produce = { counts, profile in
                var values = [String?](repeating: nil, count: indices.count)
                func process(_ row: CSVRecord, _ batch: RowBatch) {
                    let fields = row.fields
                    guard let firstFilled = fields.first(where: { !isBlankField($0) }) else {
                        return  // a line of empty cells (",,,,") is padding, like a blank line
                    }
                    if !markers.isEmpty, markers.contains(trimmedForMarkers(firstFilled)) {
                        counts.skipped += 1
                        return
                    }
                    counts.read += 1
                    if fields.count != headerCount, fields.count < headerCount || !fields[headerCount...].allSatisfy(\.isEmpty) {
                        batch.rejections.append(PendingRejection(
                            line: row.line, rejection: Rejection(reason: "row has \(fields.count) fields, the header has \(headerCount)"),
                            raw: mapper.quarantineText(indices.map { $0 < fields.count ? fields[$0] : nil }, order: rawOrder)))
                        return
                    }
                    for (k, index) in indices.enumerated() { values[k] = index < fields.count ? fields[index] : nil }
                    add(values, line: row.line, raw: { mapper.quarantineText(values, order: rawOrder) }, to: batch)
                }
                try pump({ try reader.nextRecord() }, process, profile: &profile)
            }
        case .jsonl:
            let reader = JSONLineReader(source: input, path: relativePath, paths: mapper.requestedColumns, limits: definition.limits)
            produce = { counts, profile in
                try pump({ try reader.nextRecord() }, { row, batch in
                    counts.read += 1
                    if let error = row.error {
                        // A line that is not valid JSON cannot be narrowed to its mapped keys: its text is
                        // not stored (the file, line and reason point at it).
                        batch.rejections.append(PendingRejection(line: row.line, rejection: Rejection(reason: error), raw: ""))
                    } else {
                        add(row.values, line: row.line, raw: { mapper.quarantineText(row.values) }, to: batch)
                    }
                }, profile: &profile)
            }
        }

        let thread = ReaderThread {
            var counts = FileCounts()
            var profile = IngestProfile()
            do {
                try produce(&counts, &profile)
                queue.finish(counts: counts, profile: profile, error: nil)
            } catch {
                queue.finish(counts: counts, profile: profile, error: error)
            }
        }

        // The writer side, on this thread.
        var counts = FileCounts()
        var stages = IngestProfile()
        var rebuild = IndexRebuild(database: database, table: writer.table)
        do {
            let dropAfter = try rebuild.threshold(sources: definition.sources, minimumRows: indexRebuildMinimumRows)
            try writer.bindFile(source: source.name, fileID: fileID, path: relativePath)
            while true {
                var mark = profiling ? monotonicNanos() : 0
                guard let batch = try queue.take() else { break }
                if profiling {
                    let now = monotonicNanos()
                    stages.writerIdle &+= now &- mark
                    mark = now
                }
                if batch.rowCount > 0 {
                    try batch.values.withUnsafeBufferPointer { rows in
                        for r in 0..<batch.rowCount { try writer.writeRow(rows, at: r * fieldCount) }
                    }
                    counts.loaded += batch.rowCount
                }
                if profiling {
                    let now = monotonicNanos()
                    stages.insert &+= now &- mark
                    mark = now
                }
                for pending in batch.rejections {
                    counts.quarantined += 1
                    try quarantine.write(fileID: fileID, source: source.name, path: relativePath, line: pending.line,
                                         rejection: pending.rejection, raw: pending.raw)
                }
                if profiling { stages.quarantine &+= monotonicNanos() &- mark }
                if let progress {
                    progress(IngestProgress(source: source.name, path: relativePath, bytesRead: batch.inputBytes, fileSize: fileSize,
                                            rows: counts.loaded + counts.quarantined))
                }
                queue.recycle(batch)
                if let dropAfter, counts.loaded >= dropAfter, !rebuild.dropped {
                    let start = profiling ? monotonicNanos() : 0
                    try rebuild.drop()
                    if profiling { stages.indexRebuild &+= monotonicNanos() &- start }
                }
            }
        } catch {
            queue.cancel()
            thread.wait()
            throw error
        }
        thread.wait()
        counts.read = queue.readerCounts.read
        counts.skipped = queue.readerCounts.skipped
        if profiling {
            let reader = queue.readerProfile
            let decode = timed?.nanos ?? 0
            stages.decompressDecode = decode
            stages.parse = reader.parse > decode ? reader.parse - decode : 0
            stages.clean = reader.clean
            stages.readerBlocked = reader.readerBlocked
            stages.rows = counts.loaded
        }

        if counts.read > 0, Double(counts.quarantined) / Double(counts.read) > definition.maxRejectRatio {
            let reasons = try database.rows(
                "SELECT reason, count(*) AS n, min(line) FROM quarantine WHERE file_id = ? GROUP BY reason ORDER BY n DESC, reason LIMIT 3",
                [.integer(fileID)]
            ).map { "\($0[1]) × \($0[0]) (first at line \($0[2]))" }
            let share = String(format: "%.1f%%", 100 * Double(counts.quarantined) / Double(counts.read))
            throw SluiceError(
                .mapping,
                "\(counts.quarantined) of \(counts.read) rows (\(share)) were rejected, above max_reject_ratio \(definition.maxRejectRatio); nothing from this file was loaded. Most common: \(reasons.joined(separator: "; "))",
                file: relativePath, hint: "check the mapping of source `\(source.name)`, or raise `max_reject_ratio`")
        }
        if rebuild.dropped {
            let start = profiling ? monotonicNanos() : 0
            try rebuild.recreate()
            if profiling { stages.indexRebuild &+= monotonicNanos() &- start }
        }
        lastProfile = stages
        return (counts, detected.rawValue, writer.writtenDays(timeZone: definition.timeZone))
    }

    /// Positions of the wanted columns in the header; fails listing every missing column with the closest header names.
    func headerIndices(_ header: CSVRecord, wanted: [String], source: SourceDefinition, relativePath: String) throws -> [Int] {
        let names = header.fields.map { $0.trimmingCharacters(in: CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{FEFF}"))) }
        var first: [String: Int] = [:]
        for (i, name) in names.enumerated() where first[name] == nil { first[name] = i }
        var indices: [Int] = []
        var missing: [String] = []
        for column in wanted {
            if let i = first[column] {
                if names.lastIndex(of: column) != i {
                    throw SluiceError(.mapping, "the header has the column \(column) more than once, so the mapping is ambiguous",
                                      file: relativePath, line: header.line)
                }
                indices.append(i)
            } else {
                let unclaimed = names.filter { !wanted.contains($0) }
                let suggestion = closest(column, in: unclaimed).map { " (closest header: \($0))" } ?? ""
                missing.append(column + suggestion)
            }
        }
        if !missing.isEmpty {
            var hint = "fix `columns` of source `\(source.name)`"
            if names.count <= 2 { hint += ", or set `skip_lines` if a banner line stands above the header" }
            throw SluiceError(
                .mapping, "mapped column(s) missing from the header: \(missing.joined(separator: ", ")); header has: \(names.prefix(40).joined(separator: ", "))",
                file: relativePath, line: header.line, hint: hint)
        }
        return indices
    }

    func snapshotDate(fromFileName relativePath: String, pattern: String) throws -> LocalDate {
        let name = (relativePath as NSString).lastPathComponent
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let match = regex.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)),
              match.numberOfRanges > 1, let range = Range(match.range(at: 1), in: name)
        else {
            throw SluiceError(.mapping, "the file name does not match snapshot_date.filename `\(pattern)`", file: relativePath)
        }
        do {
            guard let date = try FieldParsers.date(String(name[range]), timeZone: definition.timeZone) else {
                throw SluiceError(.mapping, "no snapshot date in the file name", file: relativePath)
            }
            return date
        } catch let error as FieldParseError {
            throw SluiceError(.mapping, "snapshot date in the file name: \(error.reason)", file: relativePath)
        }
    }

    // MARK: Cumulative sources

    /// Re-derives `content_daily` rows of a cumulative source when its loaded files changed since the last derivation.
    func deriveDailyIfNeeded(source: SourceDefinition, force: Bool) throws -> CumulativeSummary? {
        let files = try database.rows(
            "SELECT id, content_hash FROM ingest_files WHERE source = ? AND status = 'loaded' ORDER BY id", [.text(source.name)])
        let fingerprint = ContentHash.of(Array(files.map { "\($0[0]):\($0[1])" }.joined(separator: ",").utf8))
        let stored = try database.scalar("SELECT fingerprint FROM derived_state WHERE source = ?", [.text(source.name)])?.string
        if !force, stored == fingerprint { return nil }
        let counters = RecordType.contentCounters
        let rows = try database.rows(
            "SELECT platform, content_id, snapshot_date, account_id, title, content_type, published_at, \(counters.joined(separator: ", ")) FROM content_snapshots WHERE source = ?",
            [.text(source.name)])
        let zone = definition.timeZone
        let snapshots = rows.compactMap { row -> ContentSnapshot? in
            guard let platform = row[0].string, let id = row[1].string, let date = row[2].string.flatMap(LocalDate.init(iso:)) else { return nil }
            let published = row[6].int
            return ContentSnapshot(
                platform: platform, contentID: id, snapshotDate: date, accountID: row[3].string, title: row[4].string,
                contentType: row[5].string, publishedAt: published, publishedDate: published.map { LocalDate(epochMillis: $0, in: zone) },
                counters: (0..<counters.count).map { row[7 + $0].int })
        }
        let (days, summary) = CumulativeCounters.dailyDifferences(snapshots)
        try database.transaction {
            try database.run("DELETE FROM content_daily WHERE source = ? AND file_id IS NULL", [.text(source.name)])
            let writer = try RecordWriter(database: database, record: .contentDaily)
            for day in days {
                let s = day.snapshot
                let values: [SQLValue] = [
                    .text(s.platform), s.accountID.map(SQLValue.text) ?? .null, .text(s.contentID),
                    s.title.map(SQLValue.text) ?? .null, s.contentType.map(SQLValue.text) ?? .null,
                    s.publishedAt.map(SQLValue.integer) ?? .null, .text(s.snapshotDate.iso),
                ] + day.counters.map { $0.map(SQLValue.integer) ?? .null }
                try writer.write(values, source: source.name, fileID: nil)
            }
            try database.run(
                "INSERT INTO derived_state (source, fingerprint) VALUES (?, ?) ON CONFLICT(source) DO UPDATE SET fingerprint = excluded.fingerprint",
                [.text(source.name), .text(fingerprint)])
        }
        return summary
    }
}

/// Whether a CSV field is empty or all whitespace (`Character.isWhitespace`). A field whose first
/// byte is ASCII and not whitespace is decided without walking its characters (the hot path: a
/// Character is whitespace exactly when its first scalar is).
@inline(__always)
func isBlankField(_ field: String) -> Bool {
    guard let first = field.utf8.first else { return true }
    if first < 0x80 && first != 0x20 && !(first >= 0x09 && first <= 0x0D) { return false }
    return field.allSatisfy(\.isWhitespace)
}

/// `field.trimmingCharacters(in: .whitespaces)`, without Foundation when the field starts and ends
/// with an ASCII character other than space or tab (the only ASCII members of `.whitespaces`), which
/// leaves nothing to trim.
@inline(__always)
func trimmedForMarkers(_ field: String) -> String {
    let utf8 = field.utf8
    if let first = utf8.first, let last = utf8.last, first < 0x80, last < 0x80,
       first != 0x20, first != 0x09, last != 0x20, last != 0x09 {
        return field
    }
    return field.trimmingCharacters(in: .whitespaces)
}

/// Secondary (non-unique, non-partial) indexes of a table, dropped during a load that adds many
/// rows and rebuilt (sorted, once) before the file's transaction commits. Inserting millions of rows into a (user, time)
/// index lands each row on a random page; building it afterwards writes each page once.
/// Both steps run inside the file's transaction, so a failed or interrupted load keeps the index.
struct IndexRebuild {
    let database: Database
    let table: String
    private(set) var dropped = false
    private var definitions: [(name: String, sql: String)] = []

    /// Smallest batch of new rows worth a rebuild.
    static let minimumRows = 100_000

    init(database: Database, table: String) {
        self.database = database
        self.table = table
    }

    /// After how many rows of this file to drop the indexes, or nil when the table has none. The
    /// rows already in the table are estimated from the manifest (rows loaded by the sources that
    /// write this table; an upper bound, as upserts replace): drop once the file has added as many,
    /// so the rebuild sorts at most twice the rows the file adds.
    mutating func threshold(sources: [SourceDefinition], minimumRows: Int = minimumRows) throws -> Int? {
        definitions = try database.rows(
            """
            SELECT m.name, m.sql FROM sqlite_master AS m JOIN pragma_index_list(?) AS i ON i.name = m.name
            WHERE m.type = 'index' AND m.sql IS NOT NULL AND i.origin = 'c' AND i."unique" = 0 AND i.partial = 0 ORDER BY m.name
            """,
            [.text(table)]
        ).compactMap { row in row[0].string.flatMap { name in row[1].string.map { (name, $0) } } }
        if definitions.isEmpty { return nil }
        let names = sources.filter { $0.record.table == table }.map(\.name)
        if names.isEmpty { return nil }
        let placeholders = Array(repeating: "?", count: names.count).joined(separator: ", ")
        let existing = try database.scalar(
            "SELECT coalesce(sum(rows_loaded), 0) FROM ingest_files WHERE status = 'loaded' AND source IN (\(placeholders))",
            names.map(SQLValue.text))?.int ?? 0
        return max(minimumRows, Int(existing))
    }

    mutating func drop() throws {
        for index in definitions { try database.execute("DROP INDEX \"\(index.name)\"") }
        dropped = true
    }

    /// Builds the dropped indexes again. SQLite's sorter takes as much memory as the page cache is
    /// allowed, on top of it, so the cache is halved meanwhile: peak memory stays what a plain load uses.
    mutating func recreate() throws {
        let cache = try database.scalar("PRAGMA cache_size")?.int ?? -2000
        try database.execute("PRAGMA cache_size=\(cache / 2)")
        defer { try? database.execute("PRAGMA cache_size=\(cache)") }
        for index in definitions { try database.execute(index.sql) }
        dropped = false
    }
}

/// Re-encodes fields as one CSV line, for the quarantine's raw text.
func csvLine(_ fields: [String]) -> String {
    fields.map { field in
        field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }.joined(separator: ",")
}
