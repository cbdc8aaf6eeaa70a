/// Computes user-level funnels over a `Timeline`.
///
/// One ordered pass over `timeline.userRanges`; rows are matched through integer codes only.
/// See docs/journeys.md for every definition, with worked examples.
public enum FunnelEngine {
    /// Runs `definition` for the attempts whose step-1 event falls inside `window`.
    ///
    /// - Parameter dataEndMillis: data is complete for instants before this one (exclusive). Rows at
    ///   or after it are ignored; attempts that have not completed and could still advance after it
    ///   are counted as in progress.
    public static func run(timeline: Timeline, window: ReportWindow, definition: FunnelDefinition,
                           dataEndMillis: Int64) -> FunnelResult {
        let warnings = definition.problems
        let labels = definition.steps.map(\.label)
        let matcher = FunnelMatcher(definition: definition, timeline: timeline)
        let n = matcher.stepCount
        var accumulator = FunnelAccumulator(stepCount: n)
        var keys: [FunnelSegmentKey] = [.all]
        guard n > 0 else {
            return FunnelResult(definition: definition, window: window, dataEndMillis: dataEndMillis,
                                overall: accumulator.segment(slot: 0, key: .all, labels: labels),
                                segments: [], warnings: warnings)
        }

        let time = timeline.time
        let windowStart = window.startMillis
        let entryEnd = min(window.endMillis, dataEndMillis)
        let reach = max(0, definition.windowMillis)
        let breakdownColumn = definition.breakdown.map { $0.column(of: timeline) }
        var slotByCode = [Int32](repeating: -1, count: breakdownColumn == nil ? 0 : timeline.pool.strings.count)
        let countUsers = definition.countingUnit == .users

        var scan = FunnelUserScan(matcher: matcher, definition: definition, time: time, dataEndMillis: dataEndMillis)
        var stepTimes = [Int64](repeating: 0, count: n)
        var bestTimes = [Int64](repeating: 0, count: n)

        for range in timeline.userRanges {
            let userEnd = firstRow(in: range, atOrAfter: dataEndMillis, time: time)
            // Entry rows: step-1 events inside the window (and before the data end).
            var entry = firstRow(in: range.lowerBound..<userEnd, atOrAfter: windowStart, time: time)
            var firstEntry = -1, lastEntry = -1
            while entry < userEnd && time[entry] < entryEnd {
                if matcher.mask(row: entry) & 1 != 0 {
                    if firstEntry < 0 { firstEntry = entry }
                    lastEntry = entry
                }
                entry += 1
            }
            guard firstEntry >= 0 else { continue }
            // Rows at or after the last entry's window end can never be a step of any attempt.
            let horizon = FunnelUserScan.clampedSum(time[lastEntry], reach)
            let loadEnd = max(lastEntry + 1, firstRow(in: lastEntry..<userEnd, atOrAfter: horizon, time: time))
            scan.load(from: firstEntry, to: loadEnd, userEnd: userEnd)

            var bestReached = 0
            var bestEntry: Int32 = 0
            var anyInProgress = false
            var r: Int32 = 0
            let lastRel = Int32(lastEntry - firstEntry)
            while r <= lastRel {
                defer { r += 1 }
                guard scan.mask(Int(r)) & 1 != 0 else { continue }
                let (reached, outcome) = scan.evaluate(entry: r)
                if countUsers {
                    if outcome == .inProgress { anyInProgress = true }
                    if reached > bestReached {
                        bestReached = reached
                        bestEntry = r
                        for k in 0..<reached { bestTimes[k] = time[scan.base + Int(scan.rows[k])] }
                    }
                    if bestReached == n { break }
                } else {
                    for k in 0..<reached { stepTimes[k] = time[scan.base + Int(scan.rows[k])] }
                    let slot = breakdownSlot(row: scan.base + Int(r), column: breakdownColumn,
                                             slots: &slotByCode, accumulator: &accumulator, keys: &keys, pool: timeline.pool)
                    stepTimes.withUnsafeBufferPointer { times in
                        accumulator.record(slot: 0, reached: reached, inProgress: outcome == .inProgress, stepTimes: times)
                        if let slot { accumulator.record(slot: slot, reached: reached, inProgress: outcome == .inProgress, stepTimes: times) }
                    }
                }
            }
            if countUsers && bestReached > 0 {
                let inProgress = bestReached < n && anyInProgress
                let slot = breakdownSlot(row: scan.base + Int(bestEntry), column: breakdownColumn,
                                         slots: &slotByCode, accumulator: &accumulator, keys: &keys, pool: timeline.pool)
                bestTimes.withUnsafeBufferPointer { times in
                    accumulator.record(slot: 0, reached: bestReached, inProgress: inProgress, stepTimes: times)
                    if let slot { accumulator.record(slot: slot, reached: bestReached, inProgress: inProgress, stepTimes: times) }
                }
            }
        }

        let overall = accumulator.segment(slot: 0, key: .all, labels: labels)
        var segments: [FunnelSegment] = []
        for slot in 1..<accumulator.slotCount {
            segments.append(accumulator.segment(slot: slot, key: keys[slot], labels: labels))
        }
        segments.sort { a, b in
            a.entrants != b.entrants ? a.entrants > b.entrants : a.key.label < b.key.label
        }
        return FunnelResult(definition: definition, window: window, dataEndMillis: dataEndMillis, overall: overall,
                            segments: segments, warnings: warnings)
    }

    /// The accumulator slot of the breakdown value at `row`, creating it on first use.
    private static func breakdownSlot(row: Int, column: [Int32]?, slots: inout [Int32],
                                      accumulator: inout FunnelAccumulator, keys: inout [FunnelSegmentKey],
                                      pool: StringPool) -> Int? {
        guard let column else { return nil }
        var code = Int(column[row])
        if code < 0 || code >= slots.count { code = 0 }  // not a pooled code: treated as missing
        if slots[code] < 0 {
            slots[code] = Int32(accumulator.addSlot())
            keys.append(pool.string(Int32(code)).map { FunnelSegmentKey.value($0) } ?? .missing)
        }
        return Int(slots[code])
    }

    /// The first row of `range` whose time is at or after `instant` (rows are in time order).
    static func firstRow(in range: Range<Int>, atOrAfter instant: Int64, time: [Int64]) -> Int {
        var lo = range.lowerBound, hi = range.upperBound
        while lo < hi {
            let mid = (lo + hi) >> 1
            if time[mid] < instant { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
