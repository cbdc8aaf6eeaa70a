import Foundation
import Testing
@testable import SluiceCore

/// Helpers for the attribution tests: a March 2025 UTC window, times as day offsets, journeys.
enum AttrFixture {
    static let day: Int64 = 86_400_000
    static let hour: Int64 = 3_600_000
    static let utc = TimeZone(identifier: "UTC")!
    /// 2025-03-01 … 2025-03-31.
    static let window = ReportWindow(from: LocalDate(iso: "2025-03-01")!, to: LocalDate(iso: "2025-03-31")!, timeZone: utc)
    /// Window start: 2025-03-01T00:00Z.
    static let t0 = window.startMillis

    /// Instant `days` days (plus `hours`) after the window start.
    static func at(_ days: Int64, hours: Int64 = 0) -> Int64 { t0 + days * day + hours * hour }

    static func touch(_ user: String, _ time: Int64, _ platform: String?, event: String = "view", channel: String? = nil,
                      campaign: String? = nil, content: String? = nil, kol: String? = nil) -> TimelineEvent {
        TimelineEvent(user: user, time: time, event: event, platform: platform, channel: channel, contentID: content,
                      campaignID: campaign, kolID: kol)
    }

    static func order(_ user: String, _ time: Int64, _ fen: Int64, platform: String? = "miniprogram") -> TimelineEvent {
        TimelineEvent(user: user, time: time, event: "order", platform: platform, valueFen: fen)
    }

    static func run(_ events: [TimelineEvent], _ options: AttributionOptions = AttributionOptions()) -> AttributionResult {
        AttributionEngine.run(timeline: Timeline(events: events), window: window, options: options)
    }

    /// key → credited micro-conversions under `model`.
    static func micros(_ r: AttributionResult, _ model: AttributionModel) -> [String: Int64] {
        Dictionary(uniqueKeysWithValues: (r.credits[model] ?? []).map { ($0.key, $0.conversionsMicro) })
    }

    /// key → credited fen under `model`.
    static func fen(_ r: AttributionResult, _ model: AttributionModel) -> [String: Int64] {
        Dictionary(uniqueKeysWithValues: (r.credits[model] ?? []).map { ($0.key, $0.valueFen) })
    }

    /// key → credited micro-conversions, dropping zero credits.
    static func nonZeroMicros(_ r: AttributionResult, _ model: AttributionModel) -> [String: Int64] {
        micros(r, model).filter { $0.value != 0 }
    }

    /// Journeys as a path store (for the model-level tests): each entry is a path of channel ids,
    /// how many conversions and nulls it has.
    static func store(_ paths: [([Int32], conversions: Int, nulls: Int)]) -> PathStore {
        var s = PathStore()
        for (path, conversions, nulls) in paths {
            for _ in 0..<conversions { s.add(path, 0..<path.count, converted: true, valueFen: 0) }
            for _ in 0..<nulls { s.add(path, 0..<path.count, converted: false, valueFen: 0) }
        }
        return s
    }

    /// Checks every model's credits (main and KOL view) sum exactly to the totals.
    static func expectExactSums(_ r: AttributionResult, sourceLocation: SourceLocation = #_sourceLocation) {
        for (label, credits) in [("main", r.credits), ("kol", r.kol.credits)] {
            for (model, list) in credits {
                let micro = list.reduce(Int64(0)) { $0 + $1.conversionsMicro }
                let fen = list.reduce(Int64(0)) { $0 + $1.valueFen }
                #expect(micro == r.conversionsMicro, "\(label) \(model.rawValue): micro \(micro) vs \(r.conversionsMicro)", sourceLocation: sourceLocation)
                #expect(fen == r.valueFen, "\(label) \(model.rawValue): fen \(fen) vs \(r.valueFen)", sourceLocation: sourceLocation)
                #expect(list.allSatisfy { $0.conversionsMicro >= 0 && $0.valueFen >= 0 }, sourceLocation: sourceLocation)
            }
        }
    }
}
