/// The rows of one user that a funnel looks at, with reused buffers, and the evaluation of one
/// attempt (starting at a step-1 row) under each order mode.
///
/// Rows are addressed relative to `base`. Every attempt is evaluated in O(steps + exclusions) using
/// "next row matching bit b after row p" tables filled by one backward scan over the user's rows.
struct FunnelUserScan {
    enum Outcome { case completed, dropped, inProgress }

    static let none = Int32.max

    let matcher: FunnelMatcher
    let order: FunnelOrder
    let stepCount: Int
    let windowMillis: Int64
    /// Per step: the window from the previous step, Int64.max when none.
    let stepWindows: [Int64]
    let time: [Int64]
    let dataEndMillis: Int64

    /// Absolute index of relative row 0.
    private(set) var base = 0
    /// Number of loaded rows.
    private(set) var count = 0
    /// Absolute index after the user's last row before the data end.
    private var userEnd = 0
    private var masks: [UInt64] = []
    private var next: [Int32] = []
    private var cursor: [Int32] = []
    /// Relative row at which step k was reached by the last evaluated attempt.
    private(set) var rows: [Int32]
    /// `any` mode: relative row of the first occurrence of step k after the step-1 row.
    private var firstRows: [Int32]

    init(matcher: FunnelMatcher, definition: FunnelDefinition, time: [Int64], dataEndMillis: Int64) {
        self.matcher = matcher
        order = definition.order
        stepCount = matcher.stepCount
        windowMillis = definition.windowMillis
        stepWindows = definition.steps.prefix(matcher.stepCount).map { $0.windowFromPreviousMillis ?? .max }
        self.time = time
        self.dataEndMillis = dataEndMillis
        rows = Array(repeating: 0, count: max(1, matcher.stepCount))
        firstRows = rows
        cursor = Array(repeating: Self.none, count: max(1, matcher.bitCount))
    }

    /// The mask of relative row `r`.
    @inline(__always) func mask(_ r: Int) -> UInt64 { masks[r] }

    /// Loads absolute rows `from..<to` of a user whose rows before the data end stop at `userEnd`.
    mutating func load(from: Int, to: Int, userEnd: Int) {
        base = from
        count = to - from
        self.userEnd = userEnd
        if masks.count < count { masks.append(contentsOf: repeatElement(0, count: count - masks.count)) }
        for r in 0..<count { masks[r] = matcher.mask(row: from + r) }
        guard order != .strict else { return }
        let columns = matcher.bitCount - 1
        guard columns > 0 else { return }
        let needed = columns * count
        if next.count < needed { next.append(contentsOf: repeatElement(0, count: needed - next.count)) }
        for b in 0..<columns { cursor[b] = Self.none }
        var r = count - 1
        while r >= 0 {
            for b in 0..<columns { next[b * count + r] = cursor[b] }
            var m = masks[r] >> 1
            while m != 0 {
                let b = m.trailingZeroBitCount
                m &= m - 1
                cursor[b] = Int32(r)
            }
            r -= 1
        }
    }

    /// Relative index of the first row after `r` that satisfies `bit` (≥ 1), or `none`.
    @inline(__always) private func nextRow(bit: Int, after r: Int32) -> Int32 {
        next[(bit - 1) * count + Int(r)]
    }

    /// `a + b`, clamped instead of overflowing.
    @inline(__always) static func clampedSum(_ a: Int64, _ b: Int64) -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? (b > 0 ? .max : .min) : sum
    }

    @inline(__always) private func t(_ r: Int32) -> Int64 { time[base + Int(r)] }

    /// The instant before which the attempt's next step (index `step`) must happen.
    @inline(__always) private func deadline(step: Int, start: Int64, previous: Int64) -> Int64 {
        min(Self.clampedSum(start, windowMillis), Self.clampedSum(previous, stepWindows[step]))
    }

    @inline(__always) private func waiting(step: Int, start: Int64, previous: Int64) -> Outcome {
        deadline(step: step, start: start, previous: previous) > dataEndMillis ? .inProgress : .dropped
    }

    /// Evaluates the attempt whose step-1 event is relative row `s`; fills `rows` and returns the
    /// number of steps reached and whether it is completed, dropped for good, or still in progress.
    mutating func evaluate(entry s: Int32) -> (reached: Int, outcome: Outcome) {
        rows[0] = s
        if stepCount == 1 { return (1, .completed) }
        switch order {
        case .ordered: return evaluateOrdered(s)
        case .strict: return evaluateStrict(s)
        case .any: return evaluateAny(s)
        }
    }

    private mutating func evaluateOrdered(_ s: Int32) -> (reached: Int, outcome: Outcome) {
        let start = t(s)
        var p = s
        var reached = 1
        while reached < stepCount {
            let step = reached
            let candidate = nextRow(bit: step, after: p)
            var excluded = Self.none
            for (e, span) in matcher.exclusions.enumerated() where span.after <= step - 1 && step - 1 < span.before {
                excluded = min(excluded, nextRow(bit: stepCount + e, after: p))
            }
            if excluded != Self.none && (candidate == Self.none || excluded < candidate) { return (reached, .dropped) }
            if candidate == Self.none { return (reached, waiting(step: step, start: start, previous: t(p))) }
            let tc = t(candidate)
            if tc >= deadline(step: step, start: start, previous: t(p)) { return (reached, .dropped) }
            rows[reached] = candidate
            reached += 1
            p = candidate
        }
        return (reached, .completed)
    }

    private mutating func evaluateStrict(_ s: Int32) -> (reached: Int, outcome: Outcome) {
        let start = t(s)
        var p = s
        var reached = 1
        while reached < stepCount {
            let step = reached
            let q = p + 1
            if Int(q) >= count {
                // A later row exists but lies beyond every entry's window: the attempt is over.
                if base + Int(q) < userEnd { return (reached, .dropped) }
                return (reached, waiting(step: step, start: start, previous: t(p)))
            }
            guard masks[Int(q)] & (1 << UInt64(step)) != 0,
                  t(q) < deadline(step: step, start: start, previous: t(p))
            else { return (reached, .dropped) }
            rows[reached] = q
            reached += 1
            p = q
        }
        return (reached, .completed)
    }

    private mutating func evaluateAny(_ s: Int32) -> (reached: Int, outcome: Outcome) {
        let start = t(s)
        var reached = 1
        var outcome = Outcome.completed
        var previousRow = s
        while reached < stepCount {
            let step = reached
            // The first matching event after the step-1 event that no earlier step has taken.
            var first = nextRow(bit: step, after: s)
            while first != Self.none && isStepRow(first, reached: step) { first = nextRow(bit: step, after: first) }
            if first == Self.none {
                outcome = waiting(step: step, start: start, previous: t(previousRow))
                break
            }
            if t(first) >= Self.clampedSum(start, windowMillis) { outcome = .dropped; break }
            let row = max(previousRow, first)
            if t(row) >= Self.clampedSum(t(previousRow), stepWindows[step]) { outcome = .dropped; break }
            firstRows[step] = first
            rows[step] = row
            previousRow = row
            reached += 1
        }
        // Exclusions: the first excluded event after step `after` was reached that is not itself one
        // of the attempt's step events freezes the attempt at the steps reached before it.
        var cap = reached
        for (e, span) in matcher.exclusions.enumerated() where span.after < reached {
            var x = nextRow(bit: stepCount + e, after: rows[span.after])
            while x != Self.none && isStepRow(x, reached: reached) { x = nextRow(bit: stepCount + e, after: x) }
            guard x != Self.none, span.before >= reached || x < rows[span.before] else { continue }
            var k = span.after + 1
            while k < reached && rows[k] < x { k += 1 }
            if k < cap { cap = k }
            outcome = .dropped
        }
        if cap < reached { return (cap, .dropped) }
        return (reached, outcome)
    }

    /// Whether relative row `r` is the event of one of steps 2 ..< `reached + 1` of the attempt.
    private func isStepRow(_ r: Int32, reached: Int) -> Bool {
        for k in 1..<max(1, reached) where firstRows[k] == r { return true }
        return false
    }
}

