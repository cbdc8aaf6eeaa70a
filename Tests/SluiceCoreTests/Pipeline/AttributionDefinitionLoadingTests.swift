import Foundation
import Testing
@testable import SluiceCore

/// The `attribution` block of a pipeline definition (docs/pipeline-format.md, "Attribution").
@Suite("Attribution definitions")
struct AttributionDefinitionLoadingTests {
    func yaml(_ body: String) -> String { DefinitionSnippet.yaml(body) }
    func load(_ body: String) throws -> PipelineDefinition { try DefinitionSnippet.load(body) }
    func problems(_ body: String) -> [DefinitionProblem] { DefinitionSnippet.problems(body) }

    @Test func noBlockMeansNoAttributionReport() throws {
        #expect(try load("").attribution == nil)
    }

    @Test func anEmptyBlockMeansEveryDefault() throws {
        #expect(try load("attribution:").attribution == AttributionOptions())
        #expect(try load("attribution: {}").attribution == AttributionOptions())
    }

    @Test func readsEveryOption() throws {
        let definition = try load("""
            attribution:
              touch_events: [view, click, share]
              include_impressions: true
              lookback: 14d
              channel_key: platform/channel
              half_life: 36h
              markov_order: 2
              markov_max_states: 400
              shapley_max_channels: 12
              kol_review_threshold: 2.5%
              top_paths: 5
              models: [shapley, last_touch, markov]
            """)
        let expected = AttributionOptions(
            touchEvents: ["view", "click", "share"], includeImpressions: true, lookbackDays: 14, channelKey: .platformChannel,
            halfLifeDays: 1.5, markovOrder: 2, markovMaxStates: 400, shapleyMaxChannels: 12, kolReviewThreshold: 0.025,
            topPaths: 5, models: [.lastTouch, .markov, .shapley])
        #expect(definition.attribution == expected)
        #expect(definition.attribution?.effectiveTouchEvents == ["view", "click", "share", "impression"])
    }

    @Test func acceptsTheOtherSpellings() throws {
        let a = try load("""
            attribution:
              lookback: 720h
              half_life: 3.5
              kol_review_threshold: 0.02
              channel_key: kol_id
              models: all
              touch_events: view
              include_impressions: no
            """).attribution
        #expect(a?.lookbackDays == 30)
        #expect(a?.halfLifeDays == 3.5)
        #expect(a?.kolReviewThreshold == 0.02)
        #expect(a?.channelKey == .kol)
        #expect(a?.models == AttributionModel.allCases)
        #expect(a?.touchEvents == ["view"])
        #expect(a?.includeImpressions == false)
        #expect(try load("attribution: {lookback: 45}").attribution?.lookbackDays == 45)
        for spec in ["platform", "campaign_id", "content_id", "kol_id", "campaign_id/kol_id"] {
            #expect(try load("attribution: {channel_key: \(spec)}").attribution?.channelKey == ChannelKey(spec: spec))
        }
    }

    @Test func everyProblemIsReportedAtItsLine() {
        let found = problems("""
            attribution:
              touch_events: [view, order, view, impression]
              include_impressions: maybe
              lookback: 36h
              channel_key: platfrom
              half_life: -2d
              markov_order: 4
              shapley_max_channels: 30
              kol_review_threshold: 150%
              models: [markov, last_click, markov]
              lookbak: 7d
            """)
        func at(_ line: Int) -> [String] { found.filter { $0.line == line }.map(\.message) }
        #expect(at(3).count == 3)
        #expect(at(3).contains { $0.contains("cannot list `order`") })
        #expect(at(3).contains { $0.contains("lists `view` twice") })
        #expect(at(3).contains { $0.contains("include_impressions: true") })
        #expect(at(4).first?.contains("true or false") == true)
        #expect(at(5).first?.contains("whole days") == true)
        #expect(at(6).first?.contains("did you mean `platform`") == true)
        #expect(at(7).first?.contains("attribution.half_life") == true)
        #expect(at(8).first?.contains("from 1 to 3") == true)
        #expect(at(9).first?.contains("from 1 to 20") == true)
        #expect(at(10).first?.contains("from 0 to 1") == true)
        #expect(at(11).count == 2)
        #expect(at(11).contains { $0.contains("unknown model `last_click`") && $0.contains("did you mean `last_touch`") })
        #expect(at(11).contains { $0.contains("lists `markov` twice") })
        #expect(at(12).first?.contains("unknown key `lookbak`") == true)
        #expect(at(12).first?.contains("did you mean `lookback`") == true)
        #expect(found.count == 13)
    }

    @Test func reportsShapesAndEmptyLists() {
        #expect(problems("attribution: [platform]").first?.message.contains("must be a mapping") == true)
        #expect(problems("attribution: {touch_events: []}").first?.message.contains("lists no event") == true)
        #expect(problems("attribution: {models: []}").first?.message.contains("lists no model") == true)
        #expect(problems("attribution: {channel_key: [platform]}").first?.message.contains("single value") == true)
        #expect(problems("attribution: {channel_key: platform/platform}").first?.message.contains("repeated") == true)
        #expect(problems("attribution: {channel_key: platform/}").count == 1)
        #expect(problems("attribution: {lookback: 0d}").first?.message.contains("longer than zero") == true)
        #expect(problems("attribution: {lookback: soon}").first?.message.contains("30d") == true)
    }
}
