import Foundation

/// The entry points of Sluice's fuzz targets (Fuzz/targets, run by `make fuzz`), shared with the
/// tests that replay the committed seed corpus and every input that once crashed a target
/// (Fuzz/corpus, Fuzz/regressions).
///
/// Each takes arbitrary bytes and returns the broken invariants it found; an empty list means the
/// input was handled: parsed, or rejected with a typed error. A crash, hang or sanitizer report
/// while running one is a bug in Sluice.
public enum FuzzHarness {
    /// CSV reader. The first byte picks the chunk size, the delimiter and whether a line is skipped;
    /// the result must not depend on the chunk size.
    public static func csv(_ input: [UInt8]) -> [String] {
        var bytes = input
        let control = bytes.isEmpty ? 0 : bytes.removeFirst()
        let delimiter: UInt8 = [UInt8(ascii: ","), UInt8(ascii: "\t"), UInt8(ascii: ";"), UInt8(ascii: "|")][Int(control >> 4) & 3]
        var limits = ReaderLimits()
        limits.maxFieldBytes = 64
        limits.maxColumns = 32
        limits.maxLineBytes = 256
        func read(chunkSize: Int) -> (records: [CSVRecord], error: String?) {
            let reader = CSVRowReader(
                source: MemoryByteSource(bytes: bytes, chunkSize: chunkSize), path: "fuzz.csv", delimiter: delimiter, limits: limits)
            return drain {
                try reader.skipLines(Int(control >> 6) & 1)
            } next: { try reader.nextRecord() }
        }
        let small = read(chunkSize: Int(control & 0x0F) + 1)
        let whole = read(chunkSize: max(1, bytes.count))
        var problems: [String] = []
        if small.error?.hasPrefix("untyped") == true { problems.append(small.error!) }
        if zip(small.records, small.records.dropFirst()).contains(where: { $0.line >= $1.line }) {
            problems.append("record line numbers do not increase")
        }
        if small.records.contains(where: { $0.fields.count > limits.maxColumns }) { problems.append("a record exceeds max_columns") }
        // Limits on buffered bytes may trip at different records with different chunk sizes, but
        // what both read must agree.
        if small.error == nil && whole.error == nil && small.records != whole.records {
            problems.append("records differ between chunk sizes \(Int(control & 0x0F) + 1) and \(bytes.count)")
        }
        if (small.error == nil) != (whole.error == nil), !(small.error ?? whole.error ?? "").contains("limits.") {
            problems.append("only one chunk size failed: \(small.error ?? whole.error ?? "")")
        }
        return problems
    }

    /// Every record `next` yields (after `start`), and the error that ended the reading: a
    /// `SluiceError`'s text, or "untyped error: …" for anything else (a harness failure).
    static func drain<Record>(_ start: () throws -> Void = {}, next: () throws -> Record?) -> (records: [Record], error: String?) {
        var records: [Record] = []
        do {
            try start()
            while let record = try next() { records.append(record) }
            return (records, nil)
        } catch let error as SluiceError {
            return (records, error.description)
        } catch {
            return (records, "untyped error: \(error)")
        }
    }

    /// JSON-lines reader with nested key paths and a small depth limit; a malformed line must become
    /// a record with an error, and the result must not depend on the chunk size.
    public static func jsonl(_ input: [UInt8]) -> [String] {
        var bytes = input
        let control = bytes.isEmpty ? 0 : bytes.removeFirst()
        var limits = ReaderLimits()
        limits.maxJSONDepth = 8
        limits.maxLineBytes = 512
        let paths = ["id", "user.id", "a.b.c", "ts", "x"]
        func read(chunkSize: Int) -> (records: [JSONLRecord], error: String?) {
            let reader = JSONLineReader(
                source: MemoryByteSource(bytes: bytes, chunkSize: chunkSize), path: "fuzz.jsonl", paths: paths, limits: limits)
            return drain(next: { try reader.nextRecord() })
        }
        let small = read(chunkSize: Int(control & 0x1F) + 1)
        let whole = read(chunkSize: max(1, bytes.count))
        var problems: [String] = []
        if small.error?.hasPrefix("untyped") == true { problems.append(small.error!) }
        if small.records.contains(where: { $0.values.count != paths.count }) { problems.append("a record has the wrong number of values") }
        if small.error == nil && whole.error == nil && small.records != whole.records {
            problems.append("records differ between chunk sizes")
        }
        return problems
    }

    /// Every field parser on the text; each returns a value, nil or a typed error.
    public static func fields(_ input: [UInt8]) -> [String] {
        let text = String(decoding: input, as: UTF8.self)
        let zone = TimeZone(identifier: "Asia/Shanghai")!
        _ = try? FieldParsers.count(text)
        _ = try? FieldParsers.fen(text)
        _ = try? FieldParsers.moneyFen(text)
        _ = try? FieldParsers.durationMillis(text)
        _ = try? FieldParsers.id(text)
        _ = FieldParsers.text(text)
        var problems: [String] = []
        if let millis = try? FieldParsers.timestampMillis(text, timeZone: zone) {
            let year = LocalDate(epochMillis: millis, in: zone).year
            // A timestamp within a day of the bounds may land in the neighbouring year in UTC terms.
            if year < FieldParsers.yearRange.lowerBound - 1 || year > FieldParsers.yearRange.upperBound + 1 {
                problems.append("timestamp outside the accepted years: \(year)")
            }
        }
        if let date = try? FieldParsers.date(text, timeZone: zone), !FieldParsers.yearRange.contains(date.year) {
            problems.append("date outside the accepted years: \(date.iso)")
        }
        if let rate = try? FieldParsers.rate(text) {
            _ = rate.multipliedRounded(by: Int64(input.count) * 1_000_003)
            _ = rate.multipliedRounded(by: .max)
            _ = rate.multipliedRounded(by: .min)
        }
        return problems
    }

    /// gzip reader in small chunks; errors must be `SluiceError(.gzip)`. Output beyond 8 MiB is not read.
    public static func gzip(_ input: [UInt8]) -> [String] {
        var bytes = input
        let control = bytes.isEmpty ? 0 : bytes.removeFirst()
        let source = GzipByteSource(
            upstream: MemoryByteSource(bytes: bytes, chunkSize: Int(control & 0x0F) + 1), path: "fuzz.gz",
            chunkSize: Int(control >> 4) * 64 + 1)
        var total = 0
        do {
            while true {
                let chunk = try source.nextChunk()
                if chunk.isEmpty { break }
                total += chunk.count
                if total > 8 << 20 { break }
            }
        } catch let error as SluiceError {
            if error.kind != .gzip { return ["gzip error of kind \(error.kind): \(error)"] }
            if (error.byteOffset ?? 0) > bytes.count { return ["error offset \(error.byteOffset!) beyond the input (\(bytes.count))"] }
        } catch {
            return ["untyped error: \(error)"]
        }
        return []
    }

    /// Pipeline-definition loader; problems must carry a line and column inside the text.
    public static func definition(_ input: [UInt8]) -> [String] {
        let text = String(decoding: input, as: UTF8.self)
        do {
            _ = try DefinitionLoader.parse(yaml: text, path: "/fuzz/p.yaml", environment: ["SLUICE_USER_ID_KEY": "fuzzing-key-0123456789"])
        } catch let error as DefinitionError {
            if error.problems.isEmpty { return ["a DefinitionError without problems"] }
            // YAML counts CR, LF and CRLF as line breaks (a lone CR too).
            let lines = text.replacingOccurrences(of: "\r\n", with: "\n").unicodeScalars
                .split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r" }.count
            if let bad = error.problems.first(where: { $0.line < 1 || $0.line > lines + 1 || $0.column < 0 }) {
                return ["problem outside the text: \(bad)"]
            }
        } catch {
            return ["untyped error: \(error)"]
        }
        return []
    }

    /// The harness of a fuzz target by name (`csv`, `jsonl`, `fields`, `gzip`, `definition`).
    public static func named(_ name: String) -> (([UInt8]) -> [String])? {
        switch name {
        case "csv": return csv
        case "jsonl": return jsonl
        case "fields": return fields
        case "gzip": return gzip
        case "definition": return definition
        default: return nil
        }
    }
}
