import ArgumentParser
import Foundation
import Logging
import SluiceCore

/// How log lines on standard error look.
enum LogFormat: String, ExpressibleByArgument, CaseIterable {
    /// `2026-11-09T01:00:03Z info loaded …`, one line each; a progress bar when stderr is a terminal.
    case text
    /// One JSON object per line (`time`, `level`, `message` and metadata), for schedulers and log shippers.
    case json
}

/// Logging and progress options shared by every command.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Log line format on standard error: text or json.")
    var logFormat: LogFormat = .text

    @Option(name: .long, help: "Lowest level logged: trace, debug, info, notice, warning, error.")
    var logLevel: String = "info"

    @Flag(name: .long, help: "No progress bars, even on a terminal.")
    var noProgress = false

    func validate() throws {
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
    }

    /// Installs the log handler (once per process) and returns the command's logger.
    func logger() -> Logger {
        Console.shared.progressEnabled = !noProgress && logFormat == .text && isatty(STDERR_FILENO) == 1
        let format = logFormat
        let level = Logger.Level(rawValue: logLevel) ?? .info
        Console.bootstrapOnce { label in SluiceLogHandler(label: label, format: format, level: level) }
        var logger = Logger(label: "sluice")
        logger.logLevel = level
        return logger
    }
}

/// Standard error, shared by log lines and the progress bar so they never interleave.
final class Console: @unchecked Sendable {
    static let shared = Console()
    private let lock = NSLock()
    private var barShown = false
    private var lastDraw = 0.0
    var progressEnabled = false
    private static var bootstrapped = false

    static func bootstrapOnce(_ factory: @escaping @Sendable (String) -> any LogHandler) {
        shared.lock.lock()
        defer { shared.lock.unlock() }
        guard !bootstrapped else { return }
        bootstrapped = true
        LoggingSystem.bootstrap(factory)
    }

    /// Writes a whole line, clearing the progress bar first.
    func line(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        if barShown {
            FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
            barShown = false
        }
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Redraws the progress bar (at most ten times a second) when enabled.
    func bar(_ text: @autoclosure () -> String, force: Bool = false) {
        guard progressEnabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date().timeIntervalSince1970
        guard force || now - lastDraw >= 0.1 else { return }
        lastDraw = now
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + text()).utf8))
        barShown = true
    }

    /// Removes the progress bar.
    func clearBar() {
        lock.lock()
        defer { lock.unlock() }
        if barShown { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
        barShown = false
    }
}

/// A swift-log handler writing text or JSON lines to standard error through `Console`.
struct SluiceLogHandler: LogHandler {
    let label: String
    let format: LogFormat
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    init(label: String, format: LogFormat, level: Logger.Level) {
        self.label = label
        self.format = format
        logLevel = level
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        write(level: event.level, message: event.message, metadata: event.metadata)
    }

    func log(level: Logger.Level, message: Logger.Message, metadata extra: Logger.Metadata?, source: String, file: String,
             function: String, line: UInt) {
        write(level: level, message: message, metadata: extra)
    }

    private func write(level: Logger.Level, message: Logger.Message, metadata extra: Logger.Metadata?) {
        let all = metadata.merging(extra ?? [:]) { $1 }
        let time = ISO8601DateFormatter().string(from: Date())
        switch format {
        case .text:
            let fields = all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            Console.shared.line("\(time) \(level.rawValue) \(message)" + (fields.isEmpty ? "" : " [\(fields)]"))
        case .json:
            var object: [String: Any] = ["time": time, "level": level.rawValue, "message": "\(message)"]
            for (key, value) in all { object[key] = "\(value)" }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
            Console.shared.line(String(decoding: data, as: UTF8.self))
        }
    }
}

/// Renders ingest progress as a bar: bytes of the stored file read, rows, rows per second.
final class IngestProgressBar {
    private var started: [String: Date] = [:]

    func update(_ progress: IngestProgress) {
        let start = started[progress.path] ?? Date()
        started[progress.path] = start
        let fraction = progress.fileSize > 0 ? min(1, Double(progress.bytesRead) / Double(progress.fileSize)) : 0
        let width = 24
        let filled = Int(fraction * Double(width))
        let seconds = max(0.001, Date().timeIntervalSince(start))
        let rate = Double(progress.rows) / seconds
        let name = progress.path.count > 40 ? "…" + progress.path.suffix(39) : progress.path
        Console.shared.bar(
            "[\(String(repeating: "#", count: filled))\(String(repeating: ".", count: width - filled))] "
                + String(format: "%3.0f%% ", fraction * 100) + "\(name)  \(Self.bytes(progress.bytesRead))/\(Self.bytes(progress.fileSize))  "
                + "\(progress.rows) rows  " + String(format: "%.0f rows/s", rate))
    }

    static func bytes(_ n: Int) -> String {
        n >= 1 << 20 ? String(format: "%.1f MB", Double(n) / 1_048_576) : String(format: "%.0f KB", Double(n) / 1024)
    }
}
