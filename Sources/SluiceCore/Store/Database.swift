import CSQLite
import Foundation

/// An open SQLite database file.
///
/// One connection, used from one thread at a time. Errors carry SQLite's message and the SQL that
/// failed.
public final class Database {
    let handle: OpaquePointer
    /// Path of the database file.
    public let path: String

    /// Opens (creating when missing) the database at `path`, in WAL mode with foreign keys on.
    public init(path: String) throws {
        self.path = path
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty, !FileManager.default.fileExists(atPath: dir) {
            do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
                throw SluiceError(.io, "cannot create the database folder: \(error.localizedDescription)", file: dir)
            }
        }
        _ = Database.configured
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            if let db { sqlite3_close_v2(db) }
            throw SluiceError(.store, "cannot open the database: " + Database.describe(rc, message), file: path, hint: Database.hint(rc))
        }
        handle = db
        sqlite3_busy_timeout(db, 5_000)
        try execute("PRAGMA journal_mode=WAL")
        try execute("PRAGMA synchronous=NORMAL")
        try execute("PRAGMA foreign_keys=ON")
        try execute("PRAGMA temp_store=MEMORY")
        try execute("PRAGMA cache_size=-65536")
    }

    deinit { sqlite3_close_v2(handle) }

    /// Process-wide SQLite configuration, applied once before the first connection opens.
    private static let configured: Bool = {
        // Nothing reads SQLite's memory statistics; keeping them costs a global mutex per malloc.
        csqlite_disable_memstatus() == SQLITE_OK
    }()

    /// Runs one or more statements that return no rows.
    public func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        if rc != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(rc))
            sqlite3_free(message)
            throw SluiceError(.store, Database.describe(rc, text) + " in: \(sql.prefix(300))", file: path, hint: Database.hint(rc))
        }
    }

    /// Compiles `sql` into a reusable statement.
    public func prepare(_ sql: String) throws -> Statement {
        try Statement(database: self, sql: sql)
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Rows changed by the most recent statement.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// The rowid of the most recent successful insert.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Convenience: runs a query with bindings and returns every row.
    public func rows(_ sql: String, _ values: [SQLValue] = []) throws -> [Row] {
        let statement = try prepare(sql)
        try statement.bind(values)
        var result: [Row] = []
        while let row = try statement.step() { result.append(row) }
        return result
    }

    /// Convenience: runs a statement with bindings that returns no rows.
    public func run(_ sql: String, _ values: [SQLValue] = []) throws {
        let statement = try prepare(sql)
        try statement.bind(values)
        try statement.run()
    }

    /// The first column of the first row, or nil.
    public func scalar(_ sql: String, _ values: [SQLValue] = []) throws -> SQLValue? {
        try rows(sql, values).first?.values.first
    }

    func error(_ rc: Int32, _ sql: String) -> SluiceError {
        SluiceError(.store, Database.describe(rc, String(cString: sqlite3_errmsg(handle))) + " in: \(sql.prefix(300))",
                    file: path, hint: Database.hint(rc))
    }

    /// SQLite's message with the result code's name, e.g. "database or disk is full (SQLITE_FULL, code 13)".
    static func describe(_ rc: Int32, _ message: String) -> String {
        let names: [Int32: String] = [
            SQLITE_FULL: "SQLITE_FULL", SQLITE_READONLY: "SQLITE_READONLY", SQLITE_IOERR: "SQLITE_IOERR",
            SQLITE_CANTOPEN: "SQLITE_CANTOPEN", SQLITE_PERM: "SQLITE_PERM", SQLITE_CORRUPT: "SQLITE_CORRUPT",
            SQLITE_NOTADB: "SQLITE_NOTADB", SQLITE_BUSY: "SQLITE_BUSY", SQLITE_LOCKED: "SQLITE_LOCKED",
        ]
        guard let name = names[rc & 0xFF] else { return "\(message) (code \(rc))" }
        return "\(message) (\(name), code \(rc))"
    }

    /// What to do about a failed statement, for the result codes a user can act on.
    static func hint(_ rc: Int32) -> String? {
        switch rc & 0xFF {
        case SQLITE_FULL:
            return "free disk space (or raise the file system's quota) and run again; the interrupted file's transaction was rolled back, so it is loaded again in full"
        case SQLITE_READONLY, SQLITE_PERM, SQLITE_CANTOPEN:
            return "check that the database file and its folder are writable (SQLite also writes -wal and -shm files next to it)"
        case SQLITE_IOERR:
            return "the disk reported an input/output error; check the disk and free space, then run again"
        case SQLITE_CORRUPT, SQLITE_NOTADB:
            return "the file is not an intact Sluice database; restore it from a backup or point `database` at a new file and reload"
        case SQLITE_BUSY, SQLITE_LOCKED:
            return "another process holds the database; wait for it to finish and run again"
        default:
            return nil
        }
    }
}

/// A value bound to or read from SQLite.
public enum SQLValue: Equatable, Hashable, Sendable, CustomStringConvertible {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    public var description: String {
        switch self {
        case .null: return "NULL"
        case .integer(let v): return String(v)
        case .real(let v): return String(v)
        case .text(let v): return v
        }
    }

    public var int: Int64? { if case .integer(let v) = self { return v } else { return nil } }
    public var string: String? {
        switch self {
        case .text(let v): return v
        case .integer(let v): return String(v)
        case .real(let v): return String(v)
        case .null: return nil
        }
    }
}

/// One result row.
public struct Row: Sendable, Equatable {
    public var values: [SQLValue]
    public subscript(_ i: Int) -> SQLValue { values[i] }
}

/// A compiled statement, reusable across executions (reset and rebind).
public final class Statement {
    let handle: OpaquePointer
    unowned let database: Database
    public let sql: String

    init(database: Database, sql: String) throws {
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v3(database.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &stmt, nil)
        guard rc == SQLITE_OK, let stmt else { throw database.error(rc, sql) }
        handle = stmt
        self.database = database
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    /// Resets the statement and binds `values` to parameters 1…n.
    public func bind(_ values: [SQLValue]) throws {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (i, value) in values.enumerated() { try bind(value, at: Int32(i + 1)) }
    }

    @inline(__always)
    public func bind(_ value: SQLValue, at index: Int32) throws {
        let rc: Int32
        switch value {
        case .null: rc = sqlite3_bind_null(handle, index)
        case .integer(let v): rc = sqlite3_bind_int64(handle, index, v)
        case .real(let v): rc = sqlite3_bind_double(handle, index, v)
        case .text(let v): rc = sqlite3_bind_text(handle, index, v, -1, csqlite_transient())
        }
        if rc != SQLITE_OK { throw database.error(rc, sql) }
    }

    @inline(__always)
    public func bind(_ value: Int64?, at index: Int32) throws {
        let rc = value.map { sqlite3_bind_int64(handle, index, $0) } ?? sqlite3_bind_null(handle, index)
        if rc != SQLITE_OK { throw database.error(rc, sql) }
    }

    @inline(__always)
    public func bind(_ value: String?, at index: Int32) throws {
        let rc: Int32
        if let value {
            rc = sqlite3_bind_text(handle, index, value, -1, csqlite_transient())
        } else {
            rc = sqlite3_bind_null(handle, index)
        }
        if rc != SQLITE_OK { throw database.error(rc, sql) }
    }

    /// Resets without clearing bindings (for reuse in a loop that rebinds every parameter).
    @inline(__always)
    public func reset() { sqlite3_reset(handle) }

    /// Executes to completion, discarding rows.
    public func run() throws {
        defer { sqlite3_reset(handle) }
        var rc = sqlite3_step(handle)
        while rc == SQLITE_ROW { rc = sqlite3_step(handle) }
        if rc != SQLITE_DONE { throw database.error(rc, sql) }
    }

    /// The next row, or nil when done.
    public func step() throws -> Row? {
        let rc = sqlite3_step(handle)
        if rc == SQLITE_DONE { sqlite3_reset(handle); return nil }
        guard rc == SQLITE_ROW else { sqlite3_reset(handle); throw database.error(rc, sql) }
        let count = sqlite3_column_count(handle)
        var values: [SQLValue] = []
        values.reserveCapacity(Int(count))
        for i in 0..<count {
            switch sqlite3_column_type(handle, i) {
            case SQLITE_INTEGER: values.append(.integer(sqlite3_column_int64(handle, i)))
            case SQLITE_FLOAT: values.append(.real(sqlite3_column_double(handle, i)))
            case SQLITE_NULL: values.append(.null)
            default:
                if let text = sqlite3_column_text(handle, i) {
                    values.append(.text(String(cString: text)))
                } else {
                    values.append(.null)
                }
            }
        }
        return Row(values: values)
    }
}
