import Foundation
import Testing
@testable import SluiceCore

@Suite("Attribution: rule-based models")
struct AttributionRuleBasedTests {
    typealias F = AttrFixture

    /// One user: douyin on day 0, channels on day 7, miniprogram on day 14, an order (1000 fen) on day 21.
    var threeTouches: [TimelineEvent] {
        [F.touch("u1", F.at(0), "douyin"), F.touch("u1", F.at(7), "channels", event: "click"),
         F.touch("u1", F.at(14), "miniprogram", event: "visit"), F.order("u1", F.at(21), 1000)]
    }

    @Test func firstAndLastTouch() {
        let r = F.run(threeTouches)
        #expect(r.conversions == 1 && r.valueFen == 1000 && r.directConversions == 0)
        #expect(F.nonZeroMicros(r, .firstTouch) == ["douyin": 1_000_000])
        #expect(F.fen(r, .firstTouch)["douyin"] == 1000)
        #expect(F.nonZeroMicros(r, .lastTouch) == ["miniprogram": 1_000_000])
        #expect(F.fen(r, .lastTouch)["miniprogram"] == 1000)
        // Lists hold every channel, sorted by credit, so the side-by-side table lines up.
        #expect(r.credits[.firstTouch]?.map(\.key) == ["douyin", "channels", "miniprogram"])
        #expect(r.credits[.firstTouch]?.first?.share == 1)
    }

    @Test func linearSplitsEquallyAndGivesTheRoundingUnitToTheSmallerKey() {
        // 1/3 each: 333,333.33… micro and 333.33… fen; the one missing unit of each goes to the
        // tied remainder with the smallest key, "channels".
        let r = F.run(threeTouches)
        #expect(F.micros(r, .linear) == ["channels": 333_334, "douyin": 333_333, "miniprogram": 333_333])
        #expect(F.fen(r, .linear) == ["channels": 334, "douyin": 333, "miniprogram": 333])
    }

    @Test func timeDecayHalvesPerHalfLife() {
        // Δt = 21, 14, 7 days, half-life 7: weights 2^-3, 2^-2, 2^-1 = 1/8, 1/4, 1/2 (sum 7/8)
        // → 1/7, 2/7, 4/7. Micro: 142,857.14 / 285,714.29 / 571,428.57 → floors 142,857 + 285,714
        // + 571,428 = 999,999; the missing unit goes to the largest remainder (.57, miniprogram).
        // Fen: 142.86 / 285.71 / 571.43 → 142 + 285 + 571 = 998; +1 to .86 (douyin), +1 to .71 (channels).
        let r = F.run(threeTouches)
        #expect(F.micros(r, .timeDecay) == ["douyin": 142_857, "channels": 285_714, "miniprogram": 571_429])
        #expect(F.fen(r, .timeDecay) == ["douyin": 143, "channels": 286, "miniprogram": 571])
        // Half-life 14: weights 2^-1.5, 2^-1, 2^-0.5 = .35355, .5, .70711 (sum 1.56066)
        // → .226541, .320377, .453082.
        let slow = F.run(threeTouches, AttributionOptions(halfLifeDays: 14))
        #expect(F.micros(slow, .timeDecay) == ["douyin": 226_541, "channels": 320_377, "miniprogram": 453_082])
    }

    @Test func timeDecayWithoutAPositiveHalfLifeIsSkipped() {
        let r = F.run(threeTouches, AttributionOptions(halfLifeDays: 0))
        #expect(r.credits[.timeDecay] == nil)
        #expect(r.skipped[.timeDecay]?.contains("half-life") == true)
        #expect(r.models == [.firstTouch, .lastTouch, .linear, .positionBased, .markov, .shapley])
    }

    @Test func positionBased() {
        // Three touches: 40 / 20 / 40.
        let r = F.run(threeTouches)
        #expect(F.micros(r, .positionBased) == ["douyin": 400_000, "channels": 200_000, "miniprogram": 400_000])
        #expect(F.fen(r, .positionBased) == ["douyin": 400, "channels": 200, "miniprogram": 400])
        // Two touches: 50 / 50. One touch: 100.
        let two = F.run([F.touch("u", F.at(1), "douyin"), F.touch("u", F.at(2), "weibo"), F.order("u", F.at(3), 101)])
        #expect(F.micros(two, .positionBased) == ["douyin": 500_000, "weibo": 500_000])
        #expect(F.fen(two, .positionBased) == ["douyin": 51, "weibo": 50])  // 50.5 each; tie → smaller key
        let one = F.run([F.touch("u", F.at(1), "douyin"), F.order("u", F.at(3), 101)])
        #expect(F.micros(one, .positionBased) == ["douyin": 1_000_000])
        // Five touches: 40 / 6.67 / 6.67 / 6.67 / 40.
        let five = F.run((1...5).map { F.touch("u", F.at(Int64($0)), "p\($0)") } + [F.order("u", F.at(6), 0)])
        #expect(F.micros(five, .positionBased) == ["p1": 400_000, "p2": 66_667, "p3": 66_667, "p4": 66_666, "p5": 400_000])
    }

    @Test func repeatedChannelsInOnePathCountEveryTouch() {
        // douyin, douyin, channels, douyin → order (400 fen).
        // linear: douyin 3/4, channels 1/4. position: douyin .4 + .1 + .4 = .9, channels .1.
        // time decay (Δt 4, 3, 2, 1 days, half-life 7): 2^(-4/7), 2^(-3/7), 2^(-2/7), 2^(-1/7)
        // = .672950, .742997, .820335, .905724 (sum 3.142006); channels (Δt 2) gets .820335 / 3.142006
        // = 261,086.48 micro, douyin the other 738,913.52; the missing unit goes to douyin (.52 > .48).
        let events = [F.touch("u", F.at(1), "douyin"), F.touch("u", F.at(2), "douyin"), F.touch("u", F.at(3), "channels"),
                      F.touch("u", F.at(4), "douyin"), F.order("u", F.at(5), 400)]
        let r = F.run(events)
        #expect(F.micros(r, .linear) == ["douyin": 750_000, "channels": 250_000])
        #expect(F.fen(r, .linear) == ["douyin": 300, "channels": 100])
        #expect(F.micros(r, .positionBased) == ["douyin": 900_000, "channels": 100_000])
        #expect(F.micros(r, .firstTouch) == ["douyin": 1_000_000, "channels": 0])
        #expect(F.micros(r, .lastTouch) == ["douyin": 1_000_000, "channels": 0])
        #expect(F.micros(r, .timeDecay) == ["douyin": 738_914, "channels": 261_086])
        #expect(r.pathTable.map(\.path) == ["douyin > douyin > channels > douyin"])
        #expect(r.insights.topPaths.map(\.path) == ["douyin > channels > douyin"])
    }

    @Test func equalTimestampsKeepTimelineOrder() {
        // douyin and kuaishou at the same instant: first touch is the one added first, last touch the other.
        let a = F.run([F.touch("u", F.at(1), "douyin"), F.touch("u", F.at(1), "kuaishou"), F.order("u", F.at(2), 10)])
        #expect(F.nonZeroMicros(a, .firstTouch) == ["douyin": 1_000_000])
        #expect(F.nonZeroMicros(a, .lastTouch) == ["kuaishou": 1_000_000])
        #expect(F.micros(a, .timeDecay) == ["douyin": 500_000, "kuaishou": 500_000])
        #expect(a.pathTable.map(\.path) == ["douyin > kuaishou"])
        let b = F.run([F.touch("u", F.at(1), "kuaishou"), F.touch("u", F.at(1), "douyin"), F.order("u", F.at(2), 10)])
        #expect(F.nonZeroMicros(b, .firstTouch) == ["kuaishou": 1_000_000])
        #expect(F.nonZeroMicros(b, .lastTouch) == ["douyin": 1_000_000])
    }

    @Test func lookbackEdgeIsIncludedAndTheConversionInstantIsNot() {
        // Order on day 30 (2025-03-31T00:00Z), default 30-day lookback: weibo 1 ms before the edge
        // (out), douyin exactly at the edge (in), xiaohongshu at the conversion instant (out), whether
        // it was added before or after the order. Every model then credits douyin alone.
        let t = F.at(30)
        for touchAfterOrder in [false, true] {
            var events = [F.touch("u", t - 30 * F.day - 1, "weibo"), F.touch("u", t - 30 * F.day, "douyin")]
            let late = F.touch("u", t, "xiaohongshu")
            events += touchAfterOrder ? [F.order("u", t, 700), late] : [late, F.order("u", t, 700)]
            let r = F.run(events)
            for model in AttributionModel.allCases {
                #expect(F.nonZeroMicros(r, model) == ["douyin": 1_000_000], "\(model)")
                #expect(F.fen(r, model)["douyin"] == 700, "\(model)")
            }
            #expect(r.pathTable.map(\.path) == ["douyin"])
            #expect(r.insights.daysToConversionMedian == 30)
        }
        // A shorter lookback moves the edge: with 10 days, only touches in [t − 10 d, t) count.
        let short = F.run([F.touch("u", F.at(5), "douyin"), F.touch("u", F.at(20), "weibo"), F.order("u", F.at(30), 1)],
                          AttributionOptions(lookbackDays: 10))
        #expect(F.nonZeroMicros(short, .linear) == ["weibo": 1_000_000])
    }

    @Test func conversionWithoutTouchesIsDirect() {
        // u1 orders with no touch; u2's only touch comes after its order; u3 converts via douyin.
        let r = F.run([F.order("u1", F.at(3), 500), F.order("u2", F.at(4), 300), F.touch("u2", F.at(5), "douyin"),
                       F.touch("u3", F.at(1), "douyin"), F.order("u3", F.at(2), 200)])
        #expect(r.conversions == 3 && r.valueFen == 1000)
        #expect(r.directConversions == 2 && r.directValueFen == 800)
        for model in AttributionModel.allCases {
            #expect(F.micros(r, model) == ["(direct)": 2_000_000, "douyin": 1_000_000], "\(model)")
            #expect(F.fen(r, model) == ["(direct)": 800, "douyin": 200], "\(model)")
        }
        #expect(r.credits[.linear]?.first?.key == "(direct)")
        #expect(r.insights.touchesPerConversionMedian == 0)
    }

    @Test func eachConversionLooksBackOnItsOwn() {
        // douyin d1, order d2 (100), weibo d3, order d4 (300): the second order's path is douyin > weibo.
        let r = F.run([F.touch("u", F.at(1), "douyin"), F.order("u", F.at(2), 100), F.touch("u", F.at(3), "weibo"),
                       F.order("u", F.at(4), 300)])
        #expect(F.micros(r, .firstTouch) == ["douyin": 2_000_000, "weibo": 0])
        #expect(F.fen(r, .firstTouch) == ["douyin": 400, "weibo": 0])
        #expect(F.micros(r, .lastTouch) == ["douyin": 1_000_000, "weibo": 1_000_000])
        #expect(F.fen(r, .lastTouch) == ["douyin": 100, "weibo": 300])
        #expect(F.micros(r, .linear) == ["douyin": 1_500_000, "weibo": 500_000])
        #expect(F.fen(r, .linear) == ["douyin": 250, "weibo": 150])
        #expect(Set(r.pathTable.map(\.path)) == ["douyin", "douyin > weibo"])
    }

    @Test func ordersOutsideTheWindowAreNotConversionsButTouchesBeforeItCount() {
        // Feb 25 touch, Feb 27 order (outside), Mar 2 order (inside, looks back to the Feb 25 touch), Apr 1 order (outside).
        let r = F.run([F.touch("u", F.at(-4), "douyin"), F.order("u", F.at(-2), 999), F.order("u", F.at(1), 50),
                       F.order("u", F.at(31), 999)])
        #expect(r.conversions == 1 && r.valueFen == 50)
        #expect(F.nonZeroMicros(r, .lastTouch) == ["douyin": 1_000_000])
        // The touch is before the window: douyin reached nobody in the window.
        #expect(r.reach == [ChannelReach(key: "douyin", touches: 0, usersReached: 0, convertingUsers: 0)])
    }

    @Test func touchEventsAreConfigurable() {
        let events = [F.touch("u", F.at(1), "douyin", event: "impression"), F.touch("u", F.at(2), "weibo", event: "like"),
                      F.touch("u", F.at(3), "kuaishou", event: "purchase_page"), F.order("u", F.at(4), 10)]
        #expect(F.nonZeroMicros(F.run(events), .firstTouch) == ["weibo": 1_000_000])
        #expect(F.nonZeroMicros(F.run(events, AttributionOptions(includeImpressions: true)), .firstTouch) == ["douyin": 1_000_000])
        let custom = AttributionOptions(touchEvents: ["purchase_page", "order"])
        #expect(custom.effectiveTouchEvents == ["purchase_page"])
        #expect(F.nonZeroMicros(F.run(events, custom), .linear) == ["kuaishou": 1_000_000])
    }
}
