import Foundation
import Testing
@testable import SluiceCore

/// The `funnels` and `cohorts` blocks of a pipeline definition (docs/pipeline-format.md).
@Suite("Funnel and cohort definitions")
struct JourneyDefinitionLoadingTests {
    func yaml(_ body: String) -> String { DefinitionSnippet.yaml(body) }
    func load(_ body: String) throws -> PipelineDefinition { try DefinitionSnippet.load(body) }
    func problems(_ body: String) -> [DefinitionProblem] { DefinitionSnippet.problems(body) }

    @Test func noBlocksMeanNoFunnelsAndNoCohorts() throws {
        let definition = try load("")
        #expect(definition.funnels.isEmpty)
        #expect(definition.cohorts == nil)
    }

    @Test func readsEveryFunnelOption() throws {
        let definition = try load("""
            funnels:
              - name: content_to_order
                steps: [view, click, add_to_cart, order]
              - name: cross
                order: strict
                window: 1d12h
                counting: totals
                breakdown: channel
                steps:
                  - {event: view, label: douyin_view, platform: [douyin, channels], channel: paid}
                  - {event: visit, platform: miniprogram, window: 30m}
                  - {event: [add_to_cart, order], label: cart, kol_id: "70391855120"}
                exclusions:
                  - {event: complaint, after: douyin_view, before: cart}
                  - {event: [refund, cancel], platform: miniprogram}
              - name: no_breakdown
                order: any
                breakdown: none
                steps: [view, {event: order, window: 24h}]
            """)
        #expect(definition.funnels.count == 3)
        let simple = definition.funnels[0]
        #expect(simple == FunnelDefinition(name: "content_to_order",
                                           steps: [FunnelStep("view"), FunnelStep("click"), FunnelStep("add_to_cart"), FunnelStep("order")]))
        #expect(simple.order == .ordered && simple.countingUnit == .users && simple.breakdown == .platform)
        #expect(simple.windowMillis == 7 * 86_400_000)

        let cross = definition.funnels[1]
        #expect(cross.order == .strict)
        #expect(cross.windowMillis == Int64(129_600_000))
        #expect(cross.countingUnit == .totals)
        #expect(cross.breakdown == .channel)
        #expect(cross.steps.map(\.label) == ["douyin_view", "visit", "cart"])
        #expect(cross.steps[0].filters == [.platform: ["douyin", "channels"], .channel: ["paid"]])
        #expect(cross.steps[0].windowFromPreviousMillis == nil)
        #expect(cross.steps[1].windowFromPreviousMillis == Int64(1_800_000))
        #expect(cross.steps[2].events == ["add_to_cart", "order"])
        #expect(cross.steps[2].filters == [.kolID: ["70391855120"]])
        #expect(cross.exclusions == [
            FunnelExclusion(events: ["complaint"], afterStep: "douyin_view", beforeStep: "cart"),
            // `after` and `before` default to the first and the last step.
            FunnelExclusion(events: ["refund", "cancel"], filters: [.platform: ["miniprogram"]], afterStep: "douyin_view", beforeStep: "cart"),
        ])
        #expect(cross.problems.isEmpty)

        let any = definition.funnels[2]
        #expect(any.order == .any)
        #expect(any.breakdown == nil)
        #expect(any.steps[1] == FunnelStep("order", windowFromPreviousMillis: 86_400_000))
    }

    @Test func alternativesWithoutALabelAreNamedAfterTheirEvents() throws {
        let definition = try load("funnels:\n  - {name: f, steps: [view, {event: [add_to_cart, order]}]}")
        #expect(definition.funnels.first?.steps.last?.label == "add_to_cart / order")
    }

    @Test(arguments: [("7d", Int64(604_800_000)), ("24h", 86_400_000), ("30m", 1_800_000), ("90s", 90_000),
                      ("1d12h", 129_600_000), ("2h30m", 9_000_000)])
    func durations(text: String, millis: Int64) {
        #expect(NodeReader.durationMillis(text) == millis)
    }

    @Test(arguments: ["7", "d", "7 days", "1.5d", "-1d", "7w", "", "99999999999999999d"])
    func badDurations(text: String) {
        #expect(NodeReader.durationMillis(text) == nil)
    }

    @Test func reportsFunnelProblemsWithTheirLines() {
        let found = problems("""
            funnels:
              - name: a
                order: sometimes
                window: 7
                counting: people
                breakdown: city
                colour: blue
                steps:
                  - {event: view, platform: []}
                  - {event: click, window: 0m}
                  - {label: orphan}
                  - view
                exclusions:
                  - {event: complaint, after: click, before: nowhere}
              - name: bad name
                steps: [view]
              - steps: [view]
            """)
        let text = found.map(\.description).joined(separator: "\n")
        #expect(text.contains("p.yaml:4:12: `order` must be ordered, strict or any, not `sometimes`"), "\(text)")
        #expect(text.contains("p.yaml:5:13: `window` must be a duration such as 7d"))
        #expect(text.contains("p.yaml:6:15: `counting` must be users or totals, not `people`"))
        #expect(text.contains("p.yaml:7:16: `breakdown` must be platform, channel, content_id, campaign_id, kol_id or none, not `city`"))
        #expect(text.contains("p.yaml:8:5: unknown key `colour` in a funnel"))
        #expect(text.contains("p.yaml:10:33: `platform` lists no value"))
        #expect(text.contains("p.yaml:11:32: `window` must be longer than zero, not `0m`"))
        #expect(text.contains("p.yaml:12:9: a funnel step needs `event`"))
        #expect(text.contains("p.yaml:13:9: funnel `a`: step label `view` is used twice"))
        #expect(text.contains("p.yaml:15:50: funnel `a` has no step labelled `nowhere`"))
        #expect(text.contains("p.yaml:16:11: a funnel `name` may use letters, digits, `_` and `-` only"))
        #expect(text.contains("p.yaml:18:5: a funnel is missing `name`"))
        // The broken `click` step still exists for the exclusion: no follow-on problem about it.
        #expect(!text.contains("no step labelled `click`"))
        #expect(found.count == 12)
        #expect(found.allSatisfy { $0.file == "p.yaml" })
    }

    @Test func reportsDuplicateNamesAndMisorderedExclusions() {
        let found = problems("""
            funnels:
              - name: f
                steps: [view, click, order]
                exclusions:
                  - {event: complaint, after: order, before: view}
                  - {event: complaint, after: clik}
              - name: f
                steps: view
            """)
        let text = found.map(\.description).joined(separator: "\n")
        #expect(text.contains("p.yaml:6:50: an exclusion applies between two steps: `after` (`order`) must come before `before` (`view`)"), "\(text)")
        #expect(text.contains("p.yaml:7:35: funnel `f` has no step labelled `clik`; did you mean `click`?"))
        #expect(text.contains("p.yaml:9:12: `steps` must be a list of events"))
        #expect(text.contains("p.yaml:8:5: two funnels are named `f`"))
    }

    @Test func theEnginesOwnProblemsAreReportedAtTheFunnel() {
        // 65 steps pass every check of the reader; only the engine's limit stops them.
        let steps = (1...65).map { "e\($0)" }.joined(separator: ", ")
        let found = problems("funnels:\n  - name: long\n    steps: [\(steps)]")
        #expect(found.count == 1)
        #expect(found.first?.line == 3)
        #expect(found.first?.message.contains("has 65 steps and 0 exclusions; at most 64 together") == true)
    }

    @Test func funnelsMustBeAList() {
        let found = problems("funnels: {name: f}")
        #expect(found.map(\.description) == ["p.yaml:2:10: `funnels` must be a list (each item starting with `- name: …`)"])
    }

    @Test func readsCohortOptions() throws {
        let definition = try load("""
            cohorts:
              period: month
              periods: 6
              retention: unbounded
              active_events: {only: [view, click, order]}
              repurchase_days: [30, 90]
            """)
        #expect(definition.cohorts == CohortOptions(period: .month, periods: 6, activeEvents: .only(["view", "click", "order"]),
                                                   retention: .unbounded, repurchaseDays: [30, 90]))
    }

    @Test func anEmptyCohortsBlockMeansTheDefaults() throws {
        #expect(try load("cohorts:").cohorts == CohortOptions())
        #expect(try load("cohorts: {}").cohorts == CohortOptions())
        #expect(try load("cohorts: {active_events: all}").cohorts?.activeEvents == .allExcept([]))
        #expect(try load("cohorts: {active_events: [visit, order]}").cohorts?.activeEvents == .only(["visit", "order"]))
        #expect(try load("cohorts: {active_events: {except: [impression, like]}}").cohorts?.activeEvents
                == .allExcept(["impression", "like"]))
    }

    @Test func reportsCohortProblemsWithTheirLines() {
        let found = problems("""
            cohorts:
              period: quarter
              periods: 0
              retention: sticky
              active_events: {only: [view], except: [impression]}
              repurchase_days: [30, 30, -1]
              weeks: 8
            """)
        let text = found.map(\.description).joined(separator: "\n")
        #expect(text.contains("p.yaml:3:11: `cohorts.period` must be day, week or month, not `quarter`"), "\(text)")
        #expect(text.contains("p.yaml:4:12: `cohorts.periods` must be a whole number from 1 to 120, not `0`"))
        #expect(text.contains("p.yaml:5:14: `cohorts.retention` must be classic or unbounded, not `sticky`"))
        #expect(text.contains("p.yaml:6:18: `cohorts.active_events` takes `only` or `except`, not both"))
        #expect(text.contains("p.yaml:7:25: `cohorts.repurchase_days` lists 30 twice"))
        #expect(text.contains("p.yaml:7:29: `cohorts.repurchase_days` must be a whole number from 1 to 3660, not `-1`"))
        #expect(text.contains("p.yaml:8:3: unknown key `weeks` in `cohorts`"))
        #expect(found.count == 7)
    }

    @Test func theDemoDefinitionHasTwoFunnelsAndWeeklyCohorts() throws {
        let definition = try DefinitionLoader.load(path: Golden.repository.appendingPathComponent("pipelines/demo.yaml").path)
        #expect(definition.funnels.map(\.name) == ["content_to_order", "douyin_to_miniprogram"])
        #expect(definition.funnels.first?.steps.flatMap(\.events) == ["view", "click", "add_to_cart", "order"])
        #expect(definition.funnels.allSatisfy { $0.problems.isEmpty })
        #expect(definition.cohorts?.period == .week)
        #expect(definition.cohorts?.periods == 8)
    }
}
