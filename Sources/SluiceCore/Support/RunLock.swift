import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One run at a time per database: an exclusive `flock` on `<database>.lock`.
///
/// The kernel drops the lock when its process ends, however it ends, so a run killed with
/// `kill -9` never leaves a lock that blocks the next run. The file's text names the holder (pid,
/// command, start time) for the message a second run prints; a clean release empties it, so text
/// found in an unlocked file means the previous holder died and its lock was taken over.
public final class RunLock {
    /// Who holds (or held) a lock, as written in the lock file.
    public struct Holder: Sendable, Equatable, CustomStringConvertible {
        public var pid: Int32
        public var command: String
        /// ISO 8601, UTC.
        public var startedAt: String

        public var description: String { "pid \(pid), `\(command)`, started \(startedAt)" }
    }

    /// Path of the lock file.
    public let path: String
    /// The earlier holder whose lock was taken over because its process is gone, if any.
    public let tookOverFrom: Holder?
    private var fd: Int32

    /// The lock file for a database.
    public static func path(forDatabase databasePath: String) -> String { databasePath + ".lock" }

    /// Takes the lock of `databasePath`, waiting up to `wait` seconds for another run to finish.
    /// - Throws: `SluiceError` of kind `.lock` naming the holder when the lock stays taken.
    public init(databasePath: String, command: String, wait: TimeInterval = 0) throws {
        path = RunLock.path(forDatabase: databasePath)
        let dir = (databasePath as NSString).deletingLastPathComponent
        if !dir.isEmpty, !FileManager.default.fileExists(atPath: dir) {
            try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        }
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw SluiceError(.io, "cannot open the run lock: \(String(cString: strerror(errno)))", file: path,
                              hint: "check that the database folder is writable")
        }
        let deadline = Date().addingTimeInterval(max(0, wait))
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            guard code == EWOULDBLOCK else {
                close(fd)
                throw SluiceError(.io, "cannot take the run lock: \(String(cString: strerror(code)))", file: path)
            }
            if Date() >= deadline {
                let holder = RunLock.read(fd).map { "held by \($0)" } ?? "held by another process"
                close(fd)
                throw SluiceError(
                    .lock, "another Sluice run is using \(databasePath): lock \(holder)", file: path,
                    hint: wait > 0 ? "it was still running after \(Int(wait)) s; try again later or raise --wait"
                        : "wait for it to finish, or pass --wait SECONDS to queue behind it")
            }
            usleep(100_000)
        }
        // Locked. Text left in the file is from a holder that ended without releasing: it died.
        tookOverFrom = RunLock.read(fd).flatMap { $0.pid == getpid() ? nil : $0 }
        let text = "pid=\(getpid())\ncommand=\(command)\nstarted=\(ISO8601DateFormatter().string(from: Date()))\n"
        _ = ftruncate(fd, 0)
        _ = text.withCString { pwrite(fd, $0, strlen($0), 0) }
        _ = fsync(fd)
    }

    /// Releases the lock (also done on deinit).
    public func release() {
        guard fd >= 0 else { return }
        _ = ftruncate(fd, 0)
        close(fd)
        fd = -1
    }

    deinit { release() }

    /// The run holding the lock of `databasePath` now: the holder named in its lock file, if that
    /// process is alive (a file left by a dead holder names nobody).
    public static func currentHolder(databasePath: String) -> Holder? {
        let fd = open(path(forDatabase: databasePath), O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        guard let holder = read(fd), holder.pid != getpid(), kill(holder.pid, 0) == 0 else { return nil }
        return holder
    }

    /// The holder named in the lock file, or nil when it is empty or unreadable.
    private static func read(_ fd: Int32) -> Holder? {
        var buffer = [UInt8](repeating: 0, count: 1024)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 1024, 0) }
        guard n > 0, let text = String(bytes: buffer[0..<n], encoding: .utf8) else { return nil }
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n") {
            if let eq = line.firstIndex(of: "=") { fields[String(line[..<eq])] = String(line[line.index(after: eq)...]) }
        }
        guard let pid = fields["pid"].flatMap({ Int32($0) }) else { return nil }
        return Holder(pid: pid, command: fields["command"] ?? "?", startedAt: fields["started"] ?? "?")
    }
}
