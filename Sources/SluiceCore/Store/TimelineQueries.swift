import CSQLite
import Foundation

/// Reads the user timeline: every tracked event, plus every paid or completed order as an event
/// named `order`, in user and time order.
///
/// An order is one parent order: its paid or completed sub-orders (several products, ¥0 gift lines)
/// become one `order` event at the earliest sub-order time, worth the sum of their paid_fen; its
/// platform, source, content and KOL are the sub-orders' (the smallest value if they differ).
///
/// Rows are read straight from SQLite's column buffers: the dimension values (event, platform,
/// channel, content, campaign, KOL) are looked up by their bytes in a small table of the values
/// seen so far, so a String is made once per distinct value rather than once per row and column,
/// and the user id once per user.
public enum TimelineQueries {
    /// The events of the timeline, in its order. The covering index `events_user_time` holds every
    /// column read here in exactly this order, so SQLite walks the index alone: no sort, no lookups
    /// into the table (measured on 1M events with the sqlite3 shell: 2.7 s through the narrower
    /// (user_id, occurred_at) index and the table, 0.3 s through the covering index).
    static let eventsSQL = """
        SELECT user_id, occurred_at, event, platform, channel, content_id, campaign_id, kol_id, value_fen
        FROM events ORDER BY user_id, occurred_at, event_id
        """
    static let ordersSQL = """
        SELECT user_id, min(ordered_at) AS at, 'order', min(platform), min(source), min(content_id), NULL, min(kol_id),
            sum(coalesce(paid_fen, 0)), coalesce(parent_order_id, order_id) AS parent
        FROM orders WHERE status IN ('paid', 'completed') AND user_id IS NOT NULL AND user_id <> ''
        GROUP BY user_id, parent ORDER BY user_id, at, parent
        """

    /// The whole timeline and how far data reaches: the end of the last calendar day (in
    /// `timeZone`) that has an event or order, since exports cover whole days.
    public static func load(database: Database, timeZone: TimeZone) throws -> (timeline: Timeline, dataEndMillis: Int64) {
        var builder = Timeline.Builder()
        // Room for every row up front (orders: at most one row each): growing ten-million-row
        // columns by doubling would leave them up to twice the size they need.
        let rows = try database.scalar("SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM orders)")?.int ?? 0
        builder.reserve(Int(rows))
        var interner = ByteInterner()
        // Both queries walk their (user, time) index, so the two ordered streams are merged, not sorted.
        let events = TimelineCursor(try database.prepare(eventsSQL))
        let orders = TimelineCursor(try database.prepare(ordersSQL))
        var end: Int64 = 0
        var lastUser: String?
        var lastUserCode: Int32 = 0

        func append(_ cursor: TimelineCursor) {
            // Columns are pooled in the order user, event, platform, channel, content, campaign, kol.
            let userCode: Int32
            if let lastUser, lastUser == cursor.user {
                userCode = lastUserCode
            } else {
                userCode = builder.code(cursor.user)
                lastUser = cursor.user
                lastUserCode = userCode
            }
            let time = cursor.time
            let eventCode = interner.code(cursor, 2, pool: &builder)
            let platform = interner.code(cursor, 3, pool: &builder)
            let channel = interner.code(cursor, 4, pool: &builder)
            let content = interner.code(cursor, 5, pool: &builder)
            let campaign = interner.code(cursor, 6, pool: &builder)
            let kol = interner.code(cursor, 7, pool: &builder)
            builder.append(user: userCode, time: time, event: eventCode, platform: platform, channel: channel,
                           content: content, campaign: campaign, kol: kol, valueFen: cursor.value)
            end = max(end, time + 1)
        }

        try events.advance()
        try orders.advance()
        // How the two current users compare, kept until either cursor moves to another user.
        var compared: (event: Int, order: Int, precedes: Bool, equal: Bool) = (-1, -1, false, false)
        while events.hasRow || orders.hasRow {
            let takeEvent: Bool
            if events.hasRow && orders.hasRow {
                if compared.event != events.userNumber || compared.order != orders.userNumber {
                    let e = events.user, o = orders.user
                    compared = (events.userNumber, orders.userNumber, e.utf8.lexicographicallyPrecedes(o.utf8), e == o)
                }
                // Same user and instant: the tracked event first, so a touch never follows the order it led to.
                takeEvent = compared.precedes || (compared.equal && events.time <= orders.time)
            } else {
                takeEvent = events.hasRow
            }
            let cursor = takeEvent ? events : orders
            append(cursor)
            try cursor.advance()
        }
        let lastDay = LocalDate(epochMillis: end - 1, in: timeZone)
        return (builder.finish(), end == 0 ? 0 : lastDay.adding(days: 1).startEpochMillis(in: timeZone))
    }
}

/// Steps one timeline query (columns: user, time, event, platform, channel, content, campaign,
/// kol, value) and skips rows without a user or an integer time. The current row's
/// text stays in SQLite's buffers until the next `advance`.
final class TimelineCursor {
    let statement: Statement
    private(set) var hasRow = false
    /// The current row's user id; a new String only when the user changes.
    private(set) var user = ""
    /// Counts the changes of `user`.
    private(set) var userNumber = 0
    private var userBytes: [UInt8] = []
    private var userIsText = false
    private(set) var time: Int64 = 0

    init(_ statement: Statement) {
        self.statement = statement
    }

    var handle: OpaquePointer { statement.handle }

    /// The current row's value (column 8): an integer, else 0.
    var value: Int64 { sqlite3_column_type(handle, 8) == SQLITE_INTEGER ? sqlite3_column_int64(handle, 8) : 0 }

    /// Moves to the next row with a user id and an integer time; `hasRow` is false at the end.
    func advance() throws {
        while true {
            let rc = sqlite3_step(handle)
            if rc == SQLITE_DONE { sqlite3_reset(handle); hasRow = false; return }
            guard rc == SQLITE_ROW else { sqlite3_reset(handle); throw statement.database.error(rc, statement.sql) }
            if sqlite3_column_type(handle, 0) != SQLITE_NULL && sqlite3_column_type(handle, 1) == SQLITE_INTEGER { break }
        }
        hasRow = true
        time = sqlite3_column_int64(handle, 1)
        readUser()
    }

    private func readUser() {
        if sqlite3_column_type(handle, 0) == SQLITE_TEXT, let text = sqlite3_column_text(handle, 0) {
            let n = Int(sqlite3_column_bytes(handle, 0))
            if userIsText && n == userBytes.count && userBytes.withUnsafeBytes({ memcmp($0.baseAddress!, text, n) == 0 }) { return }
            userBytes.removeAll(keepingCapacity: true)
            userBytes.append(contentsOf: UnsafeRawBufferPointer(start: text, count: n))
            userIsText = true
            user = String(cString: text)
        } else {
            userIsText = false
            user = Self.otherText(handle, 0) ?? ""
        }
        userNumber += 1
    }

    /// Text of a column stored as a number, as Sluice has always shown it; nil for NULL.
    static func otherText(_ handle: OpaquePointer, _ i: Int32) -> String? {
        switch sqlite3_column_type(handle, i) {
        case SQLITE_NULL: return nil
        case SQLITE_INTEGER: return String(sqlite3_column_int64(handle, i))
        case SQLITE_FLOAT: return String(sqlite3_column_double(handle, i))
        default: return sqlite3_column_text(handle, i).map { String(cString: $0) }
        }
    }
}

/// Maps the bytes of dimension values to pool codes, so a value's String is made only the first
/// time it is seen.
struct ByteInterner {
    private var table = ByteTable()
    private var codes: [Int32] = []

    /// The pool code of text column `i` of the cursor's current row (0 for NULL or empty).
    mutating func code(_ cursor: TimelineCursor, _ i: Int32, pool: inout Timeline.Builder) -> Int32 {
        let handle = cursor.handle
        guard sqlite3_column_type(handle, i) == SQLITE_TEXT else {
            return pool.code(TimelineCursor.otherText(handle, i))
        }
        guard let text = sqlite3_column_text(handle, i) else { return 0 }
        let n = Int(sqlite3_column_bytes(handle, i))
        // Text is read up to its first NUL, as C strings are.
        let length = memchr(text, 0, n).map { UnsafeRawPointer($0) - UnsafeRawPointer(text) } ?? n
        if length == 0 { return 0 }
        let bytes = UnsafeRawBufferPointer(start: text, count: length)
        let (id, isNew) = table.id(bytes)
        if isNew { codes.append(pool.code(String(decoding: bytes, as: UTF8.self))) }
        return codes[Int(id)]
    }
}

/// Dense ids (0, 1, 2, … in order of first appearance) for byte strings, without making a String
/// or an array per lookup. Open addressing over FNV-1a hashes; the bytes live in one arena.
///
/// Hand-written rather than a `[String: Int32]` dictionary, which needs a String per lookup: over
/// the 6M dimension cells of the 1M-event benchmark timeline, 0.06–0.13 s here against 0.36–0.47 s
/// for making a String and looking it up (about 5×; a 10M-event timeline makes 60M lookups).
struct ByteTable {
    private var slots = [Int32](repeating: -1, count: 1024)
    private var entryHash: [UInt64] = []
    private var entryStart: [Int] = []
    private var entryLength: [Int] = []
    private var arena: [UInt8] = []

    var count: Int { entryHash.count }

    /// The bytes of entry `id`.
    func bytes(_ id: Int) -> ArraySlice<UInt8> { arena[entryStart[id] ..< entryStart[id] + entryLength[id]] }

    mutating func id(_ bytes: UnsafeRawBufferPointer) -> (id: Int32, isNew: Bool) {
        let hash = Self.hash(bytes)
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        while true {
            let e = Int(slots[i])
            if e < 0 { break }
            if entryHash[e] == hash && entryLength[e] == bytes.count
                && (bytes.isEmpty || arena.withUnsafeBytes({ memcmp($0.baseAddress! + entryStart[e], bytes.baseAddress!, bytes.count) == 0 }))
            {
                return (Int32(e), false)
            }
            i = (i + 1) & mask
        }
        let id = Int32(entryHash.count)
        slots[i] = id
        entryHash.append(hash)
        entryStart.append(arena.count)
        entryLength.append(bytes.count)
        arena.append(contentsOf: bytes)
        if entryHash.count * 2 > slots.count { grow() }
        return (id, true)
    }

    /// FNV-1a-style mixing, eight bytes at a time.
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(bytes.count)
        var i = 0
        let n = bytes.count
        while i + 8 <= n {
            hash = (hash ^ bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x100_0000_01b3
            hash ^= hash >> 32
            i += 8
        }
        while i < n {
            hash = (hash ^ UInt64(bytes[i])) &* 0x100_0000_01b3
            i += 1
        }
        return hash ^ (hash >> 29)
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for e in entryHash.indices {
            let hash = entryHash[e]
            var i = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
            while slots[i] >= 0 { i = (i + 1) & mask }
            slots[i] = Int32(e)
        }
    }
}
