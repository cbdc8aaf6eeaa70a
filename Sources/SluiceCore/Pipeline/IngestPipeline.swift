import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The two halves of a file's load run on two threads (see `Ingestor.load`): a reader thread
// decompresses, decodes, parses and cleans rows into batches; the calling thread, which owns the
// database connection, binds and inserts them. A bounded queue between them keeps memory flat.

/// Monotonic time in nanoseconds (cheap: a vDSO call, no allocation).
@inline(__always)
func monotonicNanos() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
}

/// Where one file's load spent its time, per stage (`sluice ingest --profile`).
///
/// The reader stages and the writer stages overlap in time (two threads), so they do not add up to
/// the wall time; `readerBlocked` and `writerIdle` say which side waited for the other.
public struct IngestProfile: Sendable {
    /// Reader thread: pulling chunks from the byte source (file read, gzip inflate, UTF-8 check or transcoding).
    public var decompressDecode: UInt64 = 0
    /// Reader thread: CSV or JSON scanning into field strings (record reading minus the byte source).
    public var parse: UInt64 = 0
    /// Reader thread: cleaning and mapping fields to typed values.
    public var clean: UInt64 = 0
    /// Reader thread: waiting because the queue to the writer was full.
    public var readerBlocked: UInt64 = 0
    /// Writer thread: binding and inserting rows (SQLite B-tree work).
    public var insert: UInt64 = 0
    /// Writer thread: writing quarantined rows.
    public var quarantine: UInt64 = 0
    /// Writer thread: waiting for the reader.
    public var writerIdle: UInt64 = 0
    /// Writer thread: dropping and rebuilding secondary indexes around a large load.
    public var indexRebuild: UInt64 = 0
    /// Writer thread: COMMIT of the file's transaction (WAL write and checkpoint).
    public var commit: UInt64 = 0
    /// The whole file, start to end.
    public var wall: UInt64 = 0
    public var rows = 0

    public init() {}

    /// One line, seconds per stage.
    public var summary: String {
        func s(_ n: UInt64) -> String { String(format: "%.3f", Double(n) / 1e9) }
        let rate = wall > 0 ? Double(rows) / (Double(wall) / 1e9) : 0
        return "reader[decompress+decode \(s(decompressDecode)) s, parse \(s(parse)) s, clean/map \(s(clean)) s, "
            + "blocked on full queue \(s(readerBlocked)) s] writer[bind/insert \(s(insert)) s, quarantine \(s(quarantine)) s, "
            + "idle waiting for rows \(s(writerIdle)) s, index rebuild \(s(indexRebuild)) s, commit \(s(commit)) s] "
            + "wall \(s(wall)) s, \(rows) rows, \(Int(rate)) rows/s"
    }
}

/// Times the chunks pulled from an upstream source (decompression and decoding happen inside `nextChunk`).
final class TimedByteSource: ByteSource {
    private let upstream: ByteSource
    private(set) var nanos: UInt64 = 0

    init(_ upstream: ByteSource) { self.upstream = upstream }

    func nextChunk() throws -> [UInt8] {
        let start = monotonicNanos()
        defer { nanos &+= monotonicNanos() &- start }
        return try upstream.nextChunk()
    }

    var bytesConsumed: Int { upstream.bytesConsumed }
}

/// A row the reader could not clean, on its way to the quarantine.
struct PendingRejection {
    var line: Int
    var rejection: Rejection
    var raw: String
}

/// Rows handed from the reader thread to the writer: `values` holds `fieldCount` values per mapped
/// row, in file order. Batches are recycled, so their arrays keep their capacity.
final class RowBatch {
    var values: [SQLValue] = []
    var rejections: [PendingRejection] = []
    var rowCount = 0
    /// Bytes of the file (as stored, so compressed for .gz) read when the batch was handed over.
    var inputBytes = 0

    func clear() {
        inputBytes = 0
        values.removeAll(keepingCapacity: true)
        rejections.removeAll(keepingCapacity: true)
        rowCount = 0
    }
}

/// A bounded single-producer, single-consumer queue of batches, with a free list for recycling.
final class BatchQueue {
    private let condition = NSCondition()
    private var full: [RowBatch] = []
    private var free: [RowBatch] = []
    private let capacity: Int
    private var finished = false
    private var cancelled = false
    private var failure: Error?
    /// What the reader counted, set when it finishes.
    private(set) var readerCounts = FileCounts()
    private(set) var readerProfile = IngestProfile()

    init(capacity: Int) { self.capacity = capacity }

    /// A cleared batch to fill (reader side).
    func emptyBatch() -> RowBatch {
        condition.lock()
        defer { condition.unlock() }
        if let batch = free.popLast() { return batch }
        return RowBatch()
    }

    /// Hands a filled batch to the writer, waiting while the queue is full. False when the writer gave up.
    func put(_ batch: RowBatch) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while full.count >= capacity && !cancelled { condition.wait() }
        if cancelled { return false }
        full.append(batch)
        condition.broadcast()
        return true
    }

    /// The reader is done: with an error, or with its counts of rows read and skipped (and its timers).
    func finish(counts: FileCounts, profile: IngestProfile, error: Error?) {
        condition.lock()
        readerCounts = counts
        readerProfile = profile
        failure = error
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch in file order; nil once the reader finished and every batch was taken.
    /// Throws the reader's error after the batches that came before it.
    func take() throws -> RowBatch? {
        condition.lock()
        defer { condition.unlock() }
        while full.isEmpty && !finished { condition.wait() }
        if !full.isEmpty {
            let batch = full.removeFirst()
            condition.broadcast()
            return batch
        }
        if let failure { throw failure }
        return nil
    }

    /// Returns a consumed batch for reuse.
    func recycle(_ batch: RowBatch) {
        batch.clear()
        condition.lock()
        if free.count < capacity + 2 { free.append(batch) }
        condition.unlock()
    }

    /// The writer gives up (it failed): the reader stops at its next `put`.
    func cancel() {
        condition.lock()
        cancelled = true
        full.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}

/// Runs `body` on a new thread; `wait()` returns once it has returned.
final class ReaderThread {
    private let done = DispatchSemaphore(value: 0)

    init(_ body: @escaping () -> Void) {
        let done = self.done
        let thread = Thread {
            body()
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.name = "sluice-reader"
        thread.start()
    }

    func wait() { done.wait() }
}
