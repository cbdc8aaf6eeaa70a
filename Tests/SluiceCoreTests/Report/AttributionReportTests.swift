import Foundation
import Testing
@testable import SluiceCore

/// The attribution report over the worked example of docs/attribution.md.
@Suite("Attribution report")
struct AttributionReportTests {
    typealias F = AttrFixture

    /// docs/attribution.md, "The worked example": three conversions on day 20 (one direct) and two
    /// non-converting users.
    static let events: [TimelineEvent] = [
        F.touch("u1", F.at(10), "douyin"), F.touch("u1", F.at(17), "xiaohongshu"),
        F.touch("u1", F.at(19), "miniprogram", event: "visit"), F.order("u1", F.at(20), 10_000),
        F.touch("u2", F.at(6), "xiaohongshu"), F.touch("u2", F.at(13), "miniprogram", event: "visit"),
        F.order("u2", F.at(20), 5_000),
        F.order("u3", F.at(20), 3_000),
        F.touch("u4", F.at(5), "douyin"), F.touch("u4", F.at(8), "xiaohongshu"),
        F.touch("u5", F.at(12), "douyin"),
    ]

    @Test func theWorkedExampleGivesTheDocumentedCredits() {
        let r = F.run(Self.events)
        F.expectExactSums(r)
        #expect(r.conversions == 3 && r.valueFen == 18_000 && r.directConversions == 1 && r.directValueFen == 3_000)
        let expected: [AttributionModel: [String: (Int64, Int64)]] = [
            .firstTouch: ["douyin": (1_000_000, 10_000), "xiaohongshu": (1_000_000, 5_000), "miniprogram": (0, 0)],
            .lastTouch: ["douyin": (0, 0), "xiaohongshu": (0, 0), "miniprogram": (2_000_000, 15_000)],
            .linear: ["douyin": (333_333, 3_334), "xiaohongshu": (833_333, 5_833), "miniprogram": (833_334, 5_833)],
            .timeDecay: ["douyin": (183_890, 1_839), "xiaohongshu": (701_114, 5_344), "miniprogram": (1_114_996, 7_817)],
            .positionBased: ["douyin": (400_000, 4_000), "xiaohongshu": (700_000, 4_500), "miniprogram": (900_000, 6_500)],
            .markov: ["douyin": (500_000, 3_750), "xiaohongshu": (750_000, 5_625), "miniprogram": (750_000, 5_625)],
            .shapley: ["douyin": (333_333, 2_500), "xiaohongshu": (833_333, 6_250), "miniprogram": (833_334, 6_250)],
        ]
        for (model, credits) in expected {
            for (key, (micro, fen)) in credits {
                #expect(r.credit(model, key: key)?.conversionsMicro == micro, "\(model) \(key)")
                #expect(r.credit(model, key: key)?.valueFen == fen, "\(model) \(key)")
            }
            #expect(r.credit(model, key: ChannelKey.directLabel)?.valueFen == 3_000)
        }
        #expect(r.markov?.conversionProbability == 0.5)
        #expect(abs((r.markov?.removalEffects.first { $0.key == "douyin" }?.effect ?? 0) - 2.0 / 3) < 1e-12)
        #expect(r.shapley?.grandCoalitionValue == 2)
        #expect(r.insights.touchesPerConversionMedian == 2)
        #expect(abs((r.insights.touchesPerConversionP90 ?? 0) - 2.8) < 1e-9)
        #expect(r.insights.daysToConversionMedian == 12)
        #expect(abs((r.insights.daysToConversionP90 ?? 0) - 13.6) < 1e-9)
        #expect(r.insights.multiPlatformConversions == 2)
    }

    func render(_ locale: ReportLocale, spend: [String: Int64] = ["douyin": 2_000]) throws -> ReportBundle {
        let r = F.run(Self.events)
        return try AttributionReport.render(
            result: r, spend: AttributionSpend(byKey: spend, unallocatedFen: 0, totalFen: spend.values.reduce(0, +)),
            kolFees: [:], timelineRows: Self.events.count, dataEndMillis: F.at(31), locale: locale)
    }

    func text(_ bundle: ReportBundle, _ name: String) -> String {
        bundle.files.first { $0.name == name }.map { String(decoding: $0.data, as: UTF8.self) } ?? ""
    }

    @Test func spendGivesROIAndCPA() throws {
        let bundle = try render(.en)
        let csv = text(bundle, "attribution.csv")
        // Markov credits douyin 0.5 orders and ¥37.50 against ¥20 spent: ROI 1.875, CPA ¥40.
        #expect(csv.contains("platform,markov,douyin,0.500000,37.50,0.166667,0.208333,20.00,1.8750,40.00\r\n"))
        // Last touch gives douyin nothing: ROI 0, no CPA.
        #expect(csv.contains("platform,last_touch,douyin,0.000000,0.00,0,0,20.00,0.0000,\r\n"))
        // No spend for the other keys.
        #expect(csv.contains("platform,markov,miniprogram,0.750000,56.25,0.25,0.3125,,,\r\n"))
        let md = text(bundle, "attribution.md")
        #expect(md.contains("| Douyin | ¥20.00 | First touch | 1.0 | ¥100.00 | 5.0 : 1 | ¥20.00 |"))
        #expect(md.contains("|  |  | Markov | 0.5 | ¥37.50 | 1.9 : 1 | ¥40.00 |"))
        #expect(md.contains("last touch overvalues it"))
        #expect((2...4).contains(bundle.headlines.count))
        let paths = text(bundle, "attribution_paths.csv")
        #expect(paths.hasPrefix("\u{FEFF}path,total_conversions,total_conversion_value,total_null\r\ndouyin > xiaohongshu > miniprogram,1,100.00,0\r\n"))
        #expect(Set(bundle.files.map(\.name)) == ["attribution.md", "attribution.csv", "attribution_paths.csv", "attribution_kol.csv",
                                                   "charts/attribution_models.svg"])
    }

    @Test func onlyTheSelectedModelsArePrinted() throws {
        var r = F.run(Self.events)
        r.options.models = [.lastTouch, .markov]
        let bundle = try AttributionReport.render(result: r, spend: AttributionSpend(byKey: nil, unallocatedFen: 0, totalFen: 0),
                                                  kolFees: [:], timelineRows: 1, dataEndMillis: F.at(31), locale: .zh)
        let csv = text(bundle, "attribution.csv")
        #expect(!csv.contains(",linear,") && csv.contains(",last_touch,") && csv.contains(",markov,"))
        #expect(text(bundle, "attribution.md").contains("含 content_id") == false)
    }

    @Test func noConversionsStillWritesEveryFile() throws {
        let r = AttributionEngine.run(timeline: Timeline(), window: F.window, options: AttributionOptions())
        let bundle = try AttributionReport.render(result: r, spend: AttributionSpend(byKey: [:], unallocatedFen: 0, totalFen: 0),
                                                  kolFees: [:], timelineRows: 0, dataEndMillis: 0, locale: .en)
        #expect(bundle.files.count == 5)
        #expect(bundle.headlines.count == 1)
        #expect(text(bundle, "attribution.md").contains("There are no conversions"))
    }
}
