import Foundation
import Testing
@testable import SluiceCore

@Suite("Attribution: properties over random timelines")
struct AttributionPropertyTests {
    typealias F = AttrFixture

    static let platforms: [String?] = ["douyin", "channels", "xiaohongshu", "kuaishou", "weibo", "miniprogram", nil]
    static let eventNames = ["view", "click", "like", "order", "order", "impression", "share", "follow", "visit", "add_cart"]
    static let keys = ["platform", "platform/channel", "campaign_id", "content_id", "kol_id", "platform/kol_id"]

    /// A random small world: users with touches and orders spread 45 days either side of the
    /// window start, on a coarse grid so equal timestamps are common.
    static func randomCase(_ rng: inout SplitMix) -> ([TimelineEvent], AttributionOptions) {
        var events: [TimelineEvent] = []
        for u in 0..<Int.random(in: 0...25, using: &rng) {
            for _ in 0..<Int.random(in: 0...30, using: &rng) {
                let time = F.t0 + Int64.random(in: -180...180, using: &rng) * 6 * F.hour
                    + (Bool.random(using: &rng) ? 0 : Int64.random(in: 0..<F.hour, using: &rng))
                let name = eventNames.randomElement(using: &rng) ?? "view"
                events.append(TimelineEvent(
                    user: "u\(u)", time: time, event: name,
                    platform: platforms.randomElement(using: &rng) ?? nil,
                    channel: ["organic", "paid", nil].randomElement(using: &rng) ?? nil,
                    contentID: ["v1", "v2", "v3", "v4", nil].randomElement(using: &rng) ?? nil,
                    campaignID: ["c1", "c2", nil].randomElement(using: &rng) ?? nil,
                    kolID: ["k1", "k2", "k3", "k4", "k5", nil, nil].randomElement(using: &rng) ?? nil,
                    valueFen: name == "order" ? Int64.random(in: 0...500_000, using: &rng) : 0))
            }
        }
        let options = AttributionOptions(
            includeImpressions: Bool.random(using: &rng),
            lookbackDays: Int.random(in: 0...45, using: &rng),
            channelKey: ChannelKey(spec: keys.randomElement(using: &rng) ?? "platform") ?? .platform,
            halfLifeDays: Double.random(in: 0.5...14, using: &rng),
            markovOrder: Int.random(in: 1...3, using: &rng),
            markovMaxStates: Int.random(in: 5...400, using: &rng),
            shapleyMaxChannels: Int.random(in: 3...15, using: &rng))
        return (events, options)
    }

    /// Rule-based credits by a plain reference implementation over strings (per key: conversions, fen).
    static func reference(_ events: [TimelineEvent], _ options: AttributionOptions, _ model: AttributionModel) -> [String: (Double, Double)] {
        let touchNames = Set(options.effectiveTouchEvents)
        func key(_ e: TimelineEvent) -> String {
            let parts: [String?] = options.channelKey.dimensions.map {
                switch $0 {
                case .platform: return e.platform
                case .channel: return e.channel
                case .campaign: return e.campaignID
                case .content: return e.contentID
                case .kol: return e.kolID
                }
            }
            if parts.allSatisfy({ $0 == nil }) { return "(none)" }
            return parts.map { $0 ?? "(none)" }.joined(separator: "/")
        }
        var credit: [String: (Double, Double)] = [:]
        func add(_ k: String, _ w: Double, _ v: Int64) {
            let old = credit[k] ?? (0, 0)
            credit[k] = (old.0 + w, old.1 + w * Double(v))
        }
        let byUser = Dictionary(grouping: events.enumerated(), by: { $0.element.userID })
        for (_, rows) in byUser {
            // Stable order by time, then input order (what the timeline guarantees).
            let sorted = rows.sorted { $0.element.time != $1.element.time ? $0.element.time < $1.element.time : $0.offset < $1.offset }
                .map(\.element)
            for o in sorted where o.event == "order" && F.window.contains(millis: o.time) {
                let touches = sorted.filter {
                    touchNames.contains($0.event) && $0.time < o.time && $0.time >= o.time - options.lookbackMillis
                }
                let n = touches.count
                if n == 0 { add("(direct)", 1, o.valueFen); continue }
                switch model {
                case .firstTouch: add(key(touches[0]), 1, o.valueFen)
                case .lastTouch: add(key(touches[n - 1]), 1, o.valueFen)
                case .linear: for t in touches { add(key(t), 1 / Double(n), o.valueFen) }
                case .timeDecay:
                    let w = touches.map { pow(2, -Double(o.time - $0.time) / (options.halfLifeDays * 86_400_000)) }
                    let s = w.reduce(0, +)
                    for (t, x) in zip(touches, w) { add(key(t), x / s, o.valueFen) }
                case .positionBased:
                    for (i, t) in touches.enumerated() {
                        let w = n == 1 ? 1 : n == 2 ? 0.5 : (i == 0 || i == n - 1) ? 0.4 : 0.2 / Double(n - 2)
                        add(key(t), w, o.valueFen)
                    }
                default: break
                }
            }
        }
        return credit
    }

    @Test func creditsSumExactlyToTotalsAndMatchAReference() {
        var rng = SplitMix(seed: 20250301)
        var skippedMarkov = 0, skippedShapley = 0, cases = 0
        for _ in 0..<300 {
            let (events, options) = Self.randomCase(&rng)
            guard !events.isEmpty else { continue }
            cases += 1
            let r = F.run(events, options)
            F.expectExactSums(r)
            // Totals from the raw events.
            let orders = events.filter { $0.event == "order" && F.window.contains(millis: $0.time) }
            #expect(r.conversions == orders.count)
            #expect(r.valueFen == orders.reduce(0) { $0 + $1.valueFen })
            // Every model is either computed or skipped with a reason.
            for model in AttributionModel.allCases { #expect((r.credits[model] == nil) != (r.skipped[model] == nil)) }
            if r.skipped[.markov] != nil { skippedMarkov += 1 }
            if r.skipped[.shapley] != nil { skippedShapley += 1 }
            // First and last touch give whole conversions.
            for model in [AttributionModel.firstTouch, .lastTouch] {
                #expect((r.credits[model] ?? []).allSatisfy { $0.conversionsMicro % 1_000_000 == 0 })
            }
            // Rule-based credits are within one rounding unit of the reference.
            for model in AttributionModel.ruleBased {
                let expected = Self.reference(events, options, model)
                for credit in r.credits[model] ?? [] {
                    let (c, v) = expected[credit.key] ?? (0, 0)
                    #expect(abs(Double(credit.conversionsMicro) - c * 1e6) < 1.0001, "\(model) \(credit.key)")
                    #expect(abs(Double(credit.valueFen) - v) < 1.0001, "\(model) \(credit.key)")
                }
                let listed = Set((r.credits[model] ?? []).map(\.key))
                #expect(expected.keys.allSatisfy { listed.contains($0) }, "\(model)")
            }
            // The path table accounts for every touched conversion.
            #expect(r.pathTable.reduce(0) { $0 + $1.totalConversions } == r.conversions - r.directConversions)
            #expect(r.pathTable.reduce(Int64(0)) { $0 + $1.totalConversionValue } == r.valueFen - r.directValueFen)
            if let m = r.markov {
                #expect(m.conversionProbability >= 0 && m.conversionProbability <= 1 + 1e-12)
                #expect(m.removalEffects.allSatisfy { $0.effect >= 0 && $0.effect <= 1 })
            }
            // Deterministic: a second run gives the same credits.
            let again = F.run(events, options)
            #expect(again.credits == r.credits && again.kol.credits == r.kol.credits && again.pathTable == r.pathTable)
        }
        // The generator exercises the skip paths too.
        #expect(cases > 250 && skippedMarkov > 0 && skippedShapley > 0)
    }

    /// Timing on a synthetic 1M-row timeline; runs only with SLUICE_ATTRIBUTION_TIMING=1 (use a
    /// release build: `swift test -c release --filter AttributionPropertyTests/timing`). Prints, asserts nothing timed.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["SLUICE_ATTRIBUTION_TIMING"] != nil))
    func timing() {
        let rows = Int(ProcessInfo.processInfo.environment["SLUICE_ATTRIBUTION_ROWS"] ?? "") ?? 1_000_000
        var rng = SplitMix(seed: 1)
        let users = max(1, rows / 50)
        let platforms = ["douyin", "channels", "xiaohongshu", "kuaishou", "weibo", "official_account", "miniprogram", "douyin_shop"]
        let kols = (0..<40).map { "kol\($0)" }
        var builder = Timeline.Builder()
        var made = 0
        for u in 0..<users {
            let n = u == users - 1 ? rows - made : Int.random(in: 10...90, using: &rng)
            guard n > 0 else { break }
            var t = F.t0 - 20 * F.day + Int64.random(in: 0..<(20 * F.day), using: &rng)
            let home = platforms.randomElement(using: &rng) ?? "douyin"
            for _ in 0..<n {
                t += Int64.random(in: 0..<(F.day), using: &rng)
                let isOrder = Int.random(in: 0..<100, using: &rng) < 2
                let platform = Int.random(in: 0..<10, using: &rng) < 7 ? home : (platforms.randomElement(using: &rng) ?? "douyin")
                builder.append(TimelineEvent(
                    user: "user\(u)", time: t, event: isOrder ? "order" : (["view", "click", "like", "visit", "share"].randomElement(using: &rng) ?? "view"),
                    platform: platform, channel: Bool.random(using: &rng) ? "paid" : "organic",
                    contentID: "c\(Int.random(in: 0..<500, using: &rng))",
                    campaignID: "cmp\(Int.random(in: 0..<20, using: &rng))",
                    kolID: Int.random(in: 0..<4, using: &rng) == 0 ? kols.randomElement(using: &rng) : nil,
                    valueFen: isOrder ? Int64.random(in: 990...99_000, using: &rng) : 0))
                made += 1
            }
        }
        let timeline = builder.finish()
        // SLUICE_ATTRIBUTION_KEY picks the channel key (e.g. content_id: 500 channels, a 501-state chain).
        let key = ChannelKey(spec: ProcessInfo.processInfo.environment["SLUICE_ATTRIBUTION_KEY"] ?? "platform") ?? .platform
        let clock = ContinuousClock()
        var result: AttributionResult?
        let elapsed = clock.measure {
            result = AttributionEngine.run(timeline: timeline, window: F.window, options: AttributionOptions(channelKey: key))
        }
        let order2 = clock.measure {
            _ = AttributionEngine.run(timeline: timeline, window: F.window, options: AttributionOptions(channelKey: key, markovOrder: 2))
        }
        print("attribution timing (\(key)): \(timeline.count) rows, \(timeline.userRanges.count) users, "
              + "\(result?.conversions ?? 0) conversions, \(result?.pathTable.count ?? 0) distinct paths: "
              + "run \(elapsed) (order-2 Markov: \(order2)); skipped \(result?.skipped ?? [:]), kol skipped \(result?.kol.skipped ?? [:])")
        if let r = result { F.expectExactSums(r) }
    }
}
