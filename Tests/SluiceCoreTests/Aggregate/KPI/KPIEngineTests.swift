import Foundation
import Testing
@testable import SluiceCore

@Suite("KPI scorecard")
struct KPIEngineTests {
    let zone = TimeZone(identifier: "Asia/Shanghai")!
    let d0 = LocalDate(iso: "2026-10-05")!  // a Monday

    func day(_ platform: String, _ offset: Int, _ build: (inout DailyFacts) -> Void) -> DailyFacts {
        var f = DailyFacts(platform: platform, date: d0.adding(days: offset))
        build(&f)
        return f
    }

    func content(_ platform: String, _ offset: Int, plays: Int64, completed: Int64, likes: Int64 = 0, comments: Int64 = 0,
                 shares: Int64 = 0, followers: Int64 = 0) -> DailyFacts {
        day(platform, offset) {
            $0.hasContent = true
            $0.plays = plays; $0.completedPlays = completed; $0.completionBase = plays
            $0.likes = likes; $0.comments = comments; $0.shares = shares; $0.contentFollowers = followers
        }
    }

    func millis(_ offset: Int, hour: Int = 12) -> Int64 { d0.adding(days: offset).startEpochMillis(in: zone) + Int64(hour) * 3_600_000 }

    @Test func contentRatesUseExplicitDenominators() {
        let engine = KPIEngine(inputs: KPIInputs(daily: [
            content("douyin", 0, plays: 1000, completed: 280, likes: 12, comments: 3, shares: 5, followers: 8),
            content("douyin", 1, plays: 3000, completed: 900, likes: 30, comments: 2, shares: 10, followers: 24),
            content("channels", 0, plays: 1000, completed: 350, likes: 20),
        ], orders: []), timeZone: zone)
        let douyin = engine.values(platform: "douyin", from: d0, to: d0.adding(days: 1))
        #expect(douyin["plays"] == 4000)
        #expect(douyin["completion_rate"] == 1180.0 / 4000)
        #expect(douyin["like_rate"] == 42.0 / 4000)
        let interactions: Double = 42 + 5 + 15
        #expect(douyin["interaction_rate"] == interactions / 4000)
        #expect(douyin["follow_conversion"] == 32.0 / 4000)
        let total = engine.values(platform: nil, from: d0, to: d0.adding(days: 1))
        #expect(total["plays"] == 5000)
        #expect(total["completion_rate"] == 1530.0 / 5000, "a rate of sums, not a mean of rates")
        #expect(total["orders"] == nil, "no commerce data: the metric is absent, not 0")
    }

    @Test func zeroDenominatorsAreNotApplicable() {
        let engine = KPIEngine(inputs: KPIInputs(daily: [content("douyin", 0, plays: 0, completed: 0)], orders: []), timeZone: zone)
        let v = engine.values(platform: "douyin", from: d0, to: d0)
        #expect(v["plays"] == 0)
        #expect(v.keys.contains("completion_rate"))
        #expect(v["completion_rate"]! == nil)
        #expect(v["like_rate"]! == nil)
    }

    @Test func audienceUsesTheDayBeforeTheWindowAsTheStart() {
        let engine = KPIEngine(inputs: KPIInputs(daily: [
            day("douyin", -1) { $0.hasAccount = true; $0.followersTotal = 120_000; $0.newFollowers = 900; $0.lostFollowers = 100 },
            day("douyin", 0) { $0.hasAccount = true; $0.followersTotal = 120_700; $0.newFollowers = 800; $0.lostFollowers = 100 },
            day("douyin", 1) { $0.hasAccount = true; $0.followersTotal = 121_500; $0.newFollowers = 850; $0.lostFollowers = 50 },
        ], orders: []), timeZone: zone)
        let v = engine.values(platform: "douyin", from: d0, to: d0.adding(days: 1))
        #expect(v["followers"] == 121_500)
        #expect(v["net_follower_change"] == 1500)
        #expect(v["follower_growth_rate"] == 1500.0 / 120_000)
        let noStart = engine.values(platform: "douyin", from: d0.adding(days: -1), to: d0)
        #expect(noStart["follower_growth_rate"]! == nil, "no followers before the window: n/a")
    }

    @Test func commerceCountsParentOrdersAndExcludesRefunds() {
        let orders = [
            OrderFact(orderID: "s1", parentID: "p1", userID: "u1", platform: "doudian", orderedAt: millis(0), paidFen: 12_900, status: "completed"),
            OrderFact(orderID: "s2", parentID: "p1", userID: "u1", platform: "doudian", orderedAt: millis(0), paidFen: 0, status: "completed"),
            OrderFact(orderID: "s3", parentID: "p2", userID: "u1", platform: "doudian", orderedAt: millis(1), paidFen: 5_000, status: "paid"),
            OrderFact(orderID: "s4", parentID: "p3", userID: "u2", platform: "doudian", orderedAt: millis(1), paidFen: 8_000, status: "refunded"),
            OrderFact(orderID: "s5", parentID: nil, userID: "u3", platform: "miniprogram", orderedAt: millis(1), paidFen: 3_100, status: "paid"),
            OrderFact(orderID: "s6", parentID: nil, userID: "u3", platform: "miniprogram", orderedAt: millis(2), paidFen: 9_999, status: "cancelled"),
            OrderFact(orderID: "late", parentID: nil, userID: "u4", platform: "doudian", orderedAt: millis(2, hour: -1), paidFen: 100, status: "paid"),
        ]
        let engine = KPIEngine(inputs: KPIInputs(daily: [], orders: orders), timeZone: zone)
        // Window: d0 … d0+1. "late" is 23:00 on d0+1 (local), still inside.
        let v = engine.values(platform: nil, from: d0, to: d0.adding(days: 1))
        #expect(v["orders"] == 4)
        // The sum is computed outside #expect: the Swift runtime reads past an Optional<Double> when
        // #expect expands a sum on one side (AddressSanitizer reports it; the comparison can fail).
        let gmv: Double = 12_900 + 5_000 + 3_100 + 100
        #expect(v["gmv"] == gmv)
        #expect(v["buyers"] == 3)
        #expect(v["aov"] == Double(21_100) / 4)
        #expect(v["repurchase_rate"] == 1.0 / 3, "u1 bought twice (p1, p2)")
        #expect(v["refund_count"] == 1)
        #expect(v["refund_amount"] == 8_000)
        let shop = engine.values(platform: "doudian", from: d0, to: d0)
        #expect(shop["orders"] == 1)
        #expect(shop["gmv"] == 12_900)
    }

    @Test func costMetricsAndROI() {
        let engine = KPIEngine(inputs: KPIInputs(daily: [
            day("douyin", 0) { $0.hasSpend = true; $0.spendFen = 100_000; $0.impressions = 50_000; $0.clicks = 400; $0.conversions = 20 },
        ], orders: [
            OrderFact(orderID: "o1", userID: "u1", platform: "douyin", orderedAt: millis(0), paidFen: 420_000, status: "paid"),
        ]), timeZone: zone)
        let v = engine.values(platform: "douyin", from: d0, to: d0)
        #expect(v["cpm"] == 2_000, "¥1000 × 1000 / 50000 impressions = ¥20")
        #expect(v["cpc"] == 250)
        #expect(v["cpa"] == 5_000)
        #expect(v["ctr"] == 0.008)
        #expect(v["roi"] == 4.2)
    }

    @Test func targetsGiveStatusAndRedTwoWeeksRunning() {
        var daily: [DailyFacts] = []
        // Three weeks: completion 30% in weeks 1 and 2, 44% in week 3 (target 45%, amber ≥ 40.5%).
        for offset in 0..<21 {
            let completed: Int64 = offset < 14 ? 300 : 440
            daily.append(content("douyin", offset, plays: 1000, completed: completed))
        }
        let engine = KPIEngine(inputs: KPIInputs(daily: daily, orders: []), timeZone: zone)
        let target = KPITarget(metric: "completion_rate", platform: "douyin", value: 0.45, higherIsBetter: true)
        #expect(target.status(of: 0.45) == .green)
        #expect(target.status(of: 0.41) == .amber)
        #expect(target.status(of: 0.40) == .red)
        #expect(KPITarget(metric: "cpm", value: 3000, higherIsBetter: false).status(of: 3300) == .amber)
        #expect(KPITarget(metric: "cpm", value: 3000, higherIsBetter: false).status(of: 3400) == .red)

        let twoWeeks = ReportWindow(from: d0, to: d0.adding(days: 13), timeZone: zone)
        let card = engine.scorecard(window: twoWeeks, options: KPIOptions(targets: [target]))
        let row = card.row("completion_rate", platform: "douyin")
        #expect(row?.status == .red)
        #expect(row?.redTwoWeeksRunning == true)
        #expect(card.weeksChecked.map(\.from.iso) == ["2026-10-05", "2026-10-12"])

        let later = ReportWindow(from: d0.adding(days: 7), to: d0.adding(days: 20), timeZone: zone)
        let recovered = engine.scorecard(window: later, options: KPIOptions(targets: [target])).row("completion_rate", platform: "douyin")
        #expect(recovered?.redTwoWeeksRunning == false)
        #expect(recovered?.status == .red, "(300×7 + 440×7) / 14000 = 37%")
        #expect(abs((recovered?.change ?? 0) - 0.07) < 1e-12, "percentage points against the previous 14 days (30%)")
    }

    @Test func weeksAreCompleteISOWeeksInsideTheWindow() {
        let w = ReportWindow(from: LocalDate(iso: "2026-10-07")!, to: LocalDate(iso: "2026-10-24")!, timeZone: zone)
        #expect(KPIEngine.lastCompleteWeeks(in: w, count: 2).map(\.from.iso) == ["2026-10-12"])
        let sundayEnd = ReportWindow(from: LocalDate(iso: "2026-10-05")!, to: LocalDate(iso: "2026-10-25")!, timeZone: zone)
        #expect(KPIEngine.lastCompleteWeeks(in: sundayEnd, count: 2).map(\.to.iso) == ["2026-10-18", "2026-10-25"])
    }

    @Test func anomaliesCompareWithTheTrailingMean() {
        var daily: [DailyFacts] = []
        for offset in -28..<7 { daily.append(content("douyin", offset, plays: offset == 3 ? 1500 : 1000, completed: 300)) }
        let engine = KPIEngine(inputs: KPIInputs(daily: daily, orders: []), timeZone: zone)
        let card = engine.scorecard(window: ReportWindow(from: d0, to: d0.adding(days: 6), timeZone: zone))
        let plays = card.anomalies.filter { $0.metric.id == "plays" && $0.platform == "douyin" }
        #expect(plays.map(\.date.iso) == ["2026-10-08"])
        #expect(plays.first?.deviation == 0.5)
        #expect(card.anomalies.contains { $0.metric.id == "completion_rate" && $0.date.iso == "2026-10-08" }, "300/1500 = 20% vs 30%")
        #expect(!card.anomalies.contains { $0.date.iso != "2026-10-08" && $0.metric.id == "plays" }, "the day after the spike stays within 20%")
    }

    @Test func aWindowWithNoDataHasNoRows() {
        let engine = KPIEngine(inputs: KPIInputs(daily: [], orders: []), timeZone: zone)
        let card = engine.scorecard(window: ReportWindow(from: d0, to: d0.adding(days: 6), timeZone: zone))
        #expect(card.rows.isEmpty)
        #expect(card.anomalies.isEmpty)
    }

    @Test func missingDaysAreNotZeroDays() {
        let engine = KPIEngine(inputs: KPIInputs(daily: [
            content("douyin", 0, plays: 100, completed: 30),
            content("douyin", 2, plays: 300, completed: 60),
        ], orders: []), timeZone: zone)
        let series = engine.dailySeries("plays", platform: "douyin", window: ReportWindow(from: d0, to: d0.adding(days: 2), timeZone: zone))
        #expect(series.map(\.value) == [100, nil, 300])
    }
}
