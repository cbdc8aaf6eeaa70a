/// Step counts and durations per segment (slot 0 = all units, then one slot per breakdown value).
struct FunnelAccumulator {
    let stepCount: Int
    private(set) var slotCount = 1
    private var counts: [Int]
    private var inProgressAt: [Int]
    private var durations: [[Int64]]
    private var toComplete: [[Int64]]

    init(stepCount: Int) {
        self.stepCount = stepCount
        counts = Array(repeating: 0, count: stepCount)
        inProgressAt = Array(repeating: 0, count: stepCount)
        durations = Array(repeating: [], count: stepCount)
        toComplete = [[]]
    }

    /// Adds an empty slot and returns its number.
    mutating func addSlot() -> Int {
        counts.append(contentsOf: repeatElement(0, count: stepCount))
        inProgressAt.append(contentsOf: repeatElement(0, count: stepCount))
        durations.append(contentsOf: repeatElement([], count: stepCount))
        toComplete.append([])
        slotCount += 1
        return slotCount - 1
    }

    /// Records one unit that reached `reached` steps, step k at instant `stepTimes[k]`.
    mutating func record(slot: Int, reached: Int, inProgress: Bool, stepTimes: UnsafeBufferPointer<Int64>) {
        guard reached > 0 else { return }
        let base = slot * stepCount
        for k in 0..<reached {
            counts[base + k] += 1
            if k > 0 { durations[base + k].append(stepTimes[k] - stepTimes[k - 1]) }
        }
        if inProgress { inProgressAt[base + reached - 1] += 1 }
        if reached == stepCount { toComplete[slot].append(stepTimes[reached - 1] - stepTimes[0]) }
    }

    /// The finished segment for `slot`.
    mutating func segment(slot: Int, key: FunnelSegmentKey, labels: [String]) -> FunnelSegment {
        let base = slot * stepCount
        var steps: [FunnelStepResult] = []
        var inProgress = 0
        for k in 0..<stepCount {
            let count = counts[base + k]
            let previous = k > 0 ? counts[base + k - 1] : nil
            let first = counts[base]
            let summary = FunnelDurationStats(sorting: &durations[base + k])
            inProgress += inProgressAt[base + k]
            steps.append(FunnelStepResult(
                label: k < labels.count ? labels[k] : "step \(k + 1)",
                count: count,
                conversionFromPrevious: previous.flatMap { $0 > 0 ? Double(count) / Double($0) : nil },
                conversionFromFirst: first > 0 ? Double(count) / Double(first) : nil,
                dropOff: previous.map { $0 - count },
                inProgress: inProgressAt[base + k],
                timedCount: summary?.count ?? 0,
                medianMillisFromPrevious: summary?.median,
                p90MillisFromPrevious: summary?.p90,
                meanMillisFromPrevious: summary?.mean))
        }
        let complete = FunnelDurationStats(sorting: &toComplete[slot])
        return FunnelSegment(key: key, steps: steps, inProgress: inProgress, medianMillisToComplete: complete?.median)
    }
}
