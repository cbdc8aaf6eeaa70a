/// A few plain facts about acquisition cohorts for the summary page (English text in `lines`).
public struct AcquisitionHeadlines: Sendable, Equatable {
    public var unit: CohortPeriodUnit
    public var retention: RetentionMode
    public var cohorts: Int
    /// Users in all cohorts.
    public var users: Int
    /// Average (size-weighted) share retained in period 1; nil when not observed yet.
    public var periodOneShare: Double?
    /// The largest k whose average cell is observed, with its share.
    public var lastObservedK: Int?
    public var lastObservedShare: Double?
    /// The source (platform / channel) with the highest average period-1 share among sources
    /// bringing at least 10% of the users.
    public var bestSource: String?
    public var bestSourceShare: Double?

    public var lines: [String] {
        let adjective = unit == .day ? "daily" : unit.rawValue + "ly"
        var out = ["\(users) new users in \(cohorts) \(adjective) cohorts."]
        if let s = periodOneShare {
            out.append("\(FunnelHeadlines.percent(s)) were active again in the \(unit.rawValue) after joining (\(retention.rawValue) retention).")
        }
        if let k = lastObservedK, k > 1, let s = lastObservedShare {
            out.append("\(FunnelHeadlines.percent(s)) in \(unit.rawValue) \(k).")
        }
        if let b = bestSource, let s = bestSourceShare {
            out.append("Best retaining source: \(b) (\(FunnelHeadlines.percent(s)) in \(unit.rawValue) 1).")
        }
        return out
    }
}

/// A few plain facts about buyer cohorts for the summary page (English text in `lines`).
public struct BuyerHeadlines: Sendable, Equatable {
    public var unit: CohortPeriodUnit
    public var buyers: Int
    /// The overall N-day repurchase rates.
    public var repurchase: [RepurchaseRate]
    /// The largest k whose average cell is observed, with its repeat rate and LTV (fen per buyer).
    public var lastObservedK: Int?
    public var lastObservedRepeatRate: Double?
    public var lastObservedLTVFen: Double?

    public var lines: [String] {
        var out = ["\(buyers) first-time buyers."]
        let rates = repurchase.filter { $0.rate != nil }
            .map { "\($0.days) days \(FunnelHeadlines.percent($0.rate)) (of \($0.eligible))" }
        if !rates.isEmpty { out.append("Repurchase within " + rates.joined(separator: ", ") + ".") }
        if let k = lastObservedK, let r = lastObservedRepeatRate, let ltv = lastObservedLTVFen {
            out.append(String(format: "By %@ %d: %@ bought again, GMV per buyer ¥%.2f.", unit.rawValue, k,
                              FunnelHeadlines.percent(r), ltv / 100))
        }
        return out
    }
}

extension AcquisitionCohorts {
    /// A few plain facts for the summary page.
    public func headlines() -> AcquisitionHeadlines {
        let last = average.last { $0.share != nil }
        let floor = Double(users) * 0.1
        var best: SourceCohorts?
        for s in sources where s.size > 0 && Double(s.size) >= floor {
            guard s.average.count > 1, let share = s.average[1].share else { continue }
            if let b = best, let bs = b.average[1].share, bs >= share { continue }
            best = s
        }
        return AcquisitionHeadlines(
            unit: options.period, retention: options.retention, cohorts: cohorts.count, users: users,
            periodOneShare: average.count > 1 ? average[1].share : nil,
            lastObservedK: last?.k, lastObservedShare: last?.share,
            bestSource: best?.label, bestSourceShare: best.flatMap { $0.average[1].share })
    }
}

extension BuyerCohorts {
    /// A few plain facts for the summary page.
    public func headlines() -> BuyerHeadlines {
        let last = average.last { $0.repeatRate != nil }
        return BuyerHeadlines(unit: options.period, buyers: buyers, repurchase: repurchase, lastObservedK: last?.k,
                              lastObservedRepeatRate: last?.repeatRate, lastObservedLTVFen: last?.ltvFen)
    }
}
