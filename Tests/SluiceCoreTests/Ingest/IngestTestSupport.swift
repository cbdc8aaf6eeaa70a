import Foundation
import Testing
@testable import SluiceCore

/// Helpers for the Ingest tests: temporary files, external tools (gzip, iconv) and draining readers.
enum IngestFixture {
    /// A fresh temporary folder (all under `$TMPDIR/sluice-ingest-tests`, safe to delete after a run).
    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("sluice-ingest-tests").appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `bytes` to a new temporary file called `name`; returns its path.
    static func file(_ bytes: [UInt8], name: String) throws -> String {
        let url = try directory().appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// Runs `command` (a shell pipeline reading `in` and writing `out` in a temporary folder) over `input`.
    static func shell(_ command: String, input: [UInt8]) throws -> [UInt8] {
        let folder = try directory()
        try Data(input).write(to: folder.appendingPathComponent("in"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = folder
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw SluiceError(.io, "command failed: \(command) (status \(process.terminationStatus))")
        }
        return Array(try Data(contentsOf: folder.appendingPathComponent("out")))
    }

    /// `bytes` compressed with /usr/bin/gzip (one member).
    static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        try shell("gzip -c -n in > out", input: bytes)
    }

    /// `text` encoded as GB18030 with iconv.
    static func gb18030(_ text: String) throws -> [UInt8] {
        try shell("iconv -f UTF-8 -t GB18030 in > out", input: Array(text.utf8))
    }

    static func readAll(_ source: ByteSource) throws -> [UInt8] {
        var bytes: [UInt8] = []
        while true {
            let chunk = try source.nextChunk()
            if chunk.isEmpty { return bytes }
            bytes += chunk
        }
    }

    static func records(_ reader: CSVRowReader) throws -> [CSVRecord] {
        var records: [CSVRecord] = []
        while let record = try reader.nextRecord() { records.append(record) }
        return records
    }

    static func records(_ reader: JSONLineReader) throws -> [JSONLRecord] {
        var records: [JSONLRecord] = []
        while let record = try reader.nextRecord() { records.append(record) }
        return records
    }

    /// Parses `text` as CSV from an in-memory source with the given chunk size.
    static func csv(_ text: String, chunkSize: Int = 1 << 16, delimiter: UInt8 = UInt8(ascii: ","),
                    limits: ReaderLimits = ReaderLimits()) throws -> [CSVRecord] {
        try csv(Array(text.utf8), chunkSize: chunkSize, delimiter: delimiter, limits: limits)
    }

    static func csv(_ bytes: [UInt8], chunkSize: Int = 1 << 16, delimiter: UInt8 = UInt8(ascii: ","),
                    limits: ReaderLimits = ReaderLimits()) throws -> [CSVRecord] {
        let reader = CSVRowReader(
            source: MemoryByteSource(bytes: bytes, chunkSize: chunkSize), path: "mem.csv", delimiter: delimiter,
            limits: limits)
        return try records(reader)
    }

    /// Parses `text` as JSON lines from an in-memory source.
    static func jsonl(_ text: String, paths: [String], chunkSize: Int = 1 << 16,
                      limits: ReaderLimits = ReaderLimits()) throws -> [JSONLRecord] {
        let reader = JSONLineReader(
            source: MemoryByteSource(text, chunkSize: chunkSize), path: "mem.jsonl", paths: paths, limits: limits)
        return try records(reader)
    }

    /// The `SluiceError` thrown by `body`, or nil when it throws nothing (or something else).
    static func error(_ body: () throws -> Void) -> SluiceError? {
        do {
            try body()
            return nil
        } catch let error as SluiceError {
            return error
        } catch {
            return nil
        }
    }
}
