extension CohortEngine {
    /// Buyers grouped by the period of their first `order` event (before `dataEndMillis`), for the
    /// periods whose first day falls in `window`. The timeline is expected to hold only paid or
    /// completed orders; the engine counts exactly the `order` rows it is given.
    public static func buyers(timeline: Timeline, window: ReportWindow, options: CohortOptions = CohortOptions(),
                              dataEndMillis: Int64) -> BuyerCohorts {
        let frame = CohortFrame(timeline: timeline, window: window, options: options, dataEndMillis: dataEndMillis)
        let n = frame.periods, width = n + 1, cohortCount = frame.cohortCount
        let orderCode = timeline.eventCode("order")
        let time = timeline.time, event = timeline.event, value = timeline.value
        let dayCounts = options.repurchaseDays
        let spans = dayCounts.map { Int64(max(0, $0)) * 86_400_000 }

        var size = [Int](repeating: 0, count: cohortCount)
        var repeatersAt = [Int](repeating: 0, count: cohortCount * width)
        var ordersAt = [Int](repeating: 0, count: cohortCount * width)
        var gmvAt = [Int64](repeating: 0, count: cohortCount * width)
        var ordersTotal = [Int](repeating: 0, count: cohortCount)
        var gmvTotal = [Int64](repeating: 0, count: cohortCount)
        var eligible = [Int](repeating: 0, count: cohortCount * spans.count)
        var repurchased = eligible

        if orderCode > 0 {
            for range in timeline.userRanges {
                let end = end(of: range, before: dataEndMillis, time: time)
                var first = range.lowerBound
                while first < end && event[first] != orderCode { first += 1 }
                guard first < end else { continue }
                let firstTime = time[first]
                let p0 = frame.periodIndex(firstTime)
                guard let c = frame.cohort(ofPeriod: p0) else { continue }
                size[c] += 1
                let base = c * width
                var secondTime: Int64?
                for i in first..<end where event[i] == orderCode {
                    ordersTotal[c] += 1
                    gmvTotal[c] &+= value[i]
                    let k = frame.periodIndex(time[i]) - p0
                    if k <= n {
                        ordersAt[base + k] += 1
                        gmvAt[base + k] &+= value[i]
                    }
                    if i != first && secondTime == nil {
                        secondTime = time[i]
                        if k <= n { repeatersAt[base + k] += 1 }
                    }
                }
                for (d, span) in spans.enumerated() where FunnelUserScan.clampedSum(firstTime, span) <= dataEndMillis {
                    eligible[c * spans.count + d] += 1
                    if let secondTime, secondTime - firstTime < span { repurchased[c * spans.count + d] += 1 }
                }
            }
        }

        var cohorts: [BuyerCohort] = []
        var average = (0..<width).map { BuyerAverageCell(k: $0, cohorts: 0, buyers: 0, repeaters: 0, orders: 0, gmvFen: 0) }
        for c in 0..<cohortCount {
            let period = frame.period(cohort: c)
            let buyers = size[c]
            var cells: [BuyerCell] = []
            var repeaters = 0, orders = 0
            var gmv: Int64 = 0
            for k in 0..<width {
                repeaters += repeatersAt[c * width + k]
                orders += ordersAt[c * width + k]
                gmv &+= gmvAt[c * width + k]
                let observed = frame.observed(cohort: c, k: k)
                let d: Double? = observed && buyers > 0 ? Double(buyers) : nil
                cells.append(BuyerCell(
                    k: k, period: period.adding(k), inProgress: !observed, repeaters: repeaters,
                    repeatRate: d.map { Double(repeaters) / $0 }, orders: orders,
                    ordersPerBuyer: d.map { Double(orders) / $0 }, gmvFen: gmv, ltvFen: d.map { Double(gmv) / $0 }))
                if d != nil {
                    let a = average[k]
                    average[k] = BuyerAverageCell(k: k, cohorts: a.cohorts + 1, buyers: a.buyers + buyers,
                                                  repeaters: a.repeaters + repeaters, orders: a.orders + orders,
                                                  gmvFen: a.gmvFen &+ gmv)
                }
            }
            let rates = dayCounts.enumerated().map { d, days in
                RepurchaseRate(days: days, eligible: eligible[c * spans.count + d],
                               repeaters: repurchased[c * spans.count + d])
            }
            cohorts.append(BuyerCohort(period: period, size: buyers, cells: cells, orders: ordersTotal[c],
                                       gmvFen: gmvTotal[c], repurchase: rates))
        }
        let overall = dayCounts.enumerated().map { d, days in
            RepurchaseRate(days: days, eligible: cohorts.reduce(0) { $0 + $1.repurchase[d].eligible },
                           repeaters: cohorts.reduce(0) { $0 + $1.repurchase[d].repeaters })
        }
        return BuyerCohorts(options: options, window: window, dataEndMillis: dataEndMillis, cohorts: cohorts,
                            average: average, repurchase: overall)
    }
}
