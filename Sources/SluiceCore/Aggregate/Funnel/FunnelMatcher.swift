/// A funnel definition resolved against one timeline's string pool: which rows match which steps
/// and exclusions, as bits of a 64-bit mask (steps first, then exclusions), with no string work per row.
struct FunnelMatcher {
    struct Filter {
        var column: Int  // index into `columns`
        var codes: [Int32]
    }

    /// Number of steps, the bits 0..<stepCount.
    let stepCount: Int
    /// Exclusions kept (those whose steps resolve), the bits stepCount..<stepCount+exclusionCount.
    let exclusions: [(after: Int, before: Int)]
    /// For every event code, the bits whose event list names it.
    private let bitsByEvent: [UInt64]
    /// Bits that carry field filters.
    private let filteredBits: UInt64
    private let filtersByBit: [[Filter]]
    private let columns: [[Int32]]
    private let events: [Int32]

    var bitCount: Int { stepCount + exclusions.count }

    init(definition: FunnelDefinition, timeline: Timeline) {
        let steps = Array(definition.steps.prefix(FunnelDefinition.maximumStepsAndExclusions))
        stepCount = steps.count
        var matchers: [(events: [String], filters: [FunnelField: [String]])] = steps.map { ($0.events, $0.filters) }
        var kept: [(after: Int, before: Int)] = []
        for exclusion in definition.exclusions where matchers.count < FunnelDefinition.maximumStepsAndExclusions {
            guard let a = definition.stepIndex(exclusion.afterStep), let b = definition.stepIndex(exclusion.beforeStep),
                  a < b, b < stepCount
            else { continue }
            kept.append((a, b))
            matchers.append((exclusion.events, exclusion.filters))
        }
        exclusions = kept
        columns = FunnelField.allCases.map { $0.column(of: timeline) }
        events = timeline.event
        var bits = [UInt64](repeating: 0, count: timeline.pool.strings.count)
        var filtered: UInt64 = 0
        var filters: [[Filter]] = []
        for (bit, matcher) in matchers.enumerated() {
            for name in matcher.events {
                let code = timeline.eventCode(name)
                if code > 0 { bits[Int(code)] |= 1 << UInt64(bit) }
            }
            var list: [Filter] = []
            for field in matcher.filters.keys.sorted() {
                let codes = (matcher.filters[field] ?? []).map { timeline.pool.existingCode($0) }.filter { $0 > 0 }
                list.append(Filter(column: FunnelField.allCases.firstIndex(of: field) ?? 0, codes: codes))
            }
            if !list.isEmpty { filtered |= 1 << UInt64(bit) }
            filters.append(list)
        }
        bitsByEvent = bits
        filteredBits = filtered
        filtersByBit = filters
    }

    /// The bits of every step and exclusion that row `i` satisfies.
    @inline(__always)
    func mask(row i: Int) -> UInt64 {
        let code = Int(events[i])
        guard code >= 0, code < bitsByEvent.count else { return 0 }
        var m = bitsByEvent[code]
        var pending = m & filteredBits
        while pending != 0 {
            let bit = pending.trailingZeroBitCount
            pending &= pending - 1
            if !passes(filtersByBit[bit], row: i) { m &= ~(1 << UInt64(bit)) }
        }
        return m
    }

    private func passes(_ filters: [Filter], row i: Int) -> Bool {
        for f in filters {
            let v = columns[f.column][i]
            if v == 0 || !f.codes.contains(v) { return false }
        }
        return true
    }
}
