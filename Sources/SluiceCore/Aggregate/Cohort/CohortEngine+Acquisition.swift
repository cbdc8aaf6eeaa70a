extension CohortEngine {
    /// Users grouped by the period of their first event in the whole timeline (before
    /// `dataEndMillis`), for the periods whose first day falls in `window`.
    ///
    /// - Parameter dataEndMillis: data is complete for instants before this one (exclusive); later
    ///   rows are ignored and cells of periods ending after it are in progress.
    public static func acquisition(timeline: Timeline, window: ReportWindow, options: CohortOptions = CohortOptions(),
                                   dataEndMillis: Int64) -> AcquisitionCohorts {
        let frame = CohortFrame(timeline: timeline, window: window, options: options, dataEndMillis: dataEndMillis)
        let n = frame.periods, width = n + 1, cohortCount = frame.cohortCount
        let classic = options.retention == .classic
        let active = activeTable(timeline, options.activeEvents)
        let orderCode = timeline.eventCode("order")
        let time = timeline.time, event = timeline.event, value = timeline.value
        let platform = timeline.platform, channel = timeline.channel

        var total = CohortTally(cohorts: cohortCount, width: width)
        var bySource: [CohortTally] = []
        var sourceKeys: [(platform: Int32, channel: Int32)] = []
        var sourceSlot: [Int64: Int] = [:]
        var marks = [Bool](repeating: false, count: width)
        var marked: [Int] = []
        marked.reserveCapacity(width)
        var gmv = [Int64](repeating: 0, count: width)

        for range in timeline.userRanges {
            let first = range.lowerBound
            guard time[first] < dataEndMillis else { continue }
            let p0 = frame.periodIndex(time[first])
            guard let c = frame.cohort(ofPeriod: p0) else { continue }
            let key = Int64(platform[first]) << 32 | Int64(UInt32(bitPattern: channel[first]))
            let slot: Int
            if let s = sourceSlot[key] {
                slot = s
            } else {
                slot = bySource.count
                sourceSlot[key] = slot
                sourceKeys.append((platform[first], channel[first]))
                bySource.append(CohortTally(cohorts: cohortCount, width: width))
            }

            let end = end(of: range, before: dataEndMillis, time: time)
            var maxK = -1
            var anyOrder = false
            for i in first..<end {
                let ev = Int(event[i])
                let isOrder = ev == Int(orderCode)
                let isActive = ev < active.count && active[ev]
                guard isOrder || isActive else { continue }
                let k = frame.periodIndex(time[i]) - p0
                if k > n {
                    // Later rows only matter to unbounded retention, which is settled by any active row here.
                    if classic || isActive { if isActive { maxK = n }; break }
                    continue
                }
                if isOrder { gmv[k] &+= value[i]; anyOrder = true }
                if isActive {
                    if classic {
                        if !marks[k] { marks[k] = true; marked.append(k) }
                    } else if k > maxK {
                        maxK = k
                    }
                }
            }
            total.size[c] += 1
            bySource[slot].size[c] += 1
            let base = c * width
            if classic {
                for k in marked {
                    total.retained[base + k] += 1
                    bySource[slot].retained[base + k] += 1
                    marks[k] = false
                }
                marked.removeAll(keepingCapacity: true)
            } else if maxK >= 0 {
                for k in 0...maxK {
                    total.retained[base + k] += 1
                    bySource[slot].retained[base + k] += 1
                }
            }
            if anyOrder {
                for k in 0..<width where gmv[k] != 0 {
                    total.gmv[base + k] &+= gmv[k]
                    bySource[slot].gmv[base + k] &+= gmv[k]
                    gmv[k] = 0
                }
            }
        }

        let (cohorts, average) = total.finish(frame: frame)
        var sources: [SourceCohorts] = []
        for (slot, tally) in bySource.enumerated() {
            let (rows, avg) = tally.finish(frame: frame)
            sources.append(SourceCohorts(
                platform: timeline.pool.string(sourceKeys[slot].platform),
                channel: timeline.pool.string(sourceKeys[slot].channel),
                size: tally.size.reduce(0, +), cohorts: rows, average: avg))
        }
        sources.sort { a, b in a.size != b.size ? a.size > b.size : a.label < b.label }
        return AcquisitionCohorts(options: options, window: window, dataEndMillis: dataEndMillis,
                                  cohorts: cohorts, average: average, sources: sources)
    }
}

/// Per-cohort sizes and per-cell counts (retained users, GMV of period k, not yet cumulative).
struct CohortTally {
    let width: Int
    var size: [Int]
    var retained: [Int]
    var gmv: [Int64]

    init(cohorts: Int, width: Int) {
        self.width = width
        size = Array(repeating: 0, count: cohorts)
        retained = Array(repeating: 0, count: cohorts * width)
        gmv = Array(repeating: 0, count: cohorts * width)
    }

    /// The cohort rows and the weighted average row.
    func finish(frame: CohortFrame) -> ([AcquisitionCohort], [CohortAverageCell]) {
        var cohorts: [AcquisitionCohort] = []
        var avgCohorts = [Int](repeating: 0, count: width), avgUsers = avgCohorts, avgRetained = avgCohorts
        var avgGMV = [Int64](repeating: 0, count: width)
        for c in 0..<size.count {
            let period = frame.period(cohort: c)
            let n = size[c]
            var cells: [RetentionCell] = []
            var cumulative: Int64 = 0
            for k in 0..<width {
                cumulative &+= gmv[c * width + k]
                let observed = frame.observed(cohort: c, k: k)
                let retainedHere = retained[c * width + k]
                let rated = observed && n > 0
                cells.append(RetentionCell(
                    k: k, period: period.adding(k), inProgress: !observed, retained: retainedHere,
                    share: rated ? Double(retainedHere) / Double(n) : nil, cumulativeGMVFen: cumulative,
                    ltvFen: rated ? Double(cumulative) / Double(n) : nil))
                if rated {
                    avgCohorts[k] += 1
                    avgUsers[k] += n
                    avgRetained[k] += retainedHere
                    avgGMV[k] &+= cumulative
                }
            }
            cohorts.append(AcquisitionCohort(period: period, size: n, cells: cells))
        }
        let average = (0..<width).map { k in
            CohortAverageCell(
                k: k, cohorts: avgCohorts[k], users: avgUsers[k], retained: avgRetained[k],
                share: avgUsers[k] > 0 ? Double(avgRetained[k]) / Double(avgUsers[k]) : nil,
                cumulativeGMVFen: avgGMV[k], ltvFen: avgUsers[k] > 0 ? Double(avgGMV[k]) / Double(avgUsers[k]) : nil)
        }
        return (cohorts, average)
    }
}
