import Foundation
import Testing
@testable import SluiceCore

@Suite("Attribution: KOL view")
struct AttributionKOLViewTests {
    typealias F = AttrFixture

    /// u1: k1 view d1, k2 click d2 → order d3 (1000).  u2: k1 view d1, no order.
    /// u3: k1 view d2 → order d4 (500).  k3 reaches n1–n3, none converts.
    /// u5: a touch without KOL → order (200): `(none)` in the KOL run.
    /// u6: k4 view on Feb 20 (before the window) → order Mar 2 (300): credited, but reached nobody in the window.
    var events: [TimelineEvent] {
        [F.touch("u1", F.at(1), "douyin", kol: "k1"), F.touch("u1", F.at(2), "douyin", event: "click", kol: "k2"),
         F.order("u1", F.at(3), 1000),
         F.touch("u2", F.at(1), "douyin", kol: "k1"),
         F.touch("u3", F.at(2), "douyin", kol: "k1"), F.order("u3", F.at(4), 500),
         F.touch("n1", F.at(1), "douyin", kol: "k3"), F.touch("n2", F.at(1), "douyin", kol: "k3"),
         F.touch("n3", F.at(1), "douyin", kol: "k3"), F.touch("n3", F.at(2), "douyin", kol: "k3"),
         F.touch("u5", F.at(1), "douyin"), F.order("u5", F.at(2), 200),
         F.touch("u6", F.at(-9), "douyin", kol: "k4"), F.order("u6", F.at(1), 300)]
    }

    @Test func perKOLCreditsReachAndReview() {
        let r = F.run(events)
        let kol = r.kol
        #expect(kol.rows.map(\.kolID) == ["k2", "k1", "k4", "k3"])  // by last-touch GMV
        func row(_ id: String) -> KOLRow? { kol.rows.first { $0.kolID == id } }
        // Last touch: u1 → k2, u3 → k1, u6 → k4.  First touch: u1, u3 → k1.  Linear: u1 splits k1/k2.
        #expect(row("k2")?.credits[.lastTouch]?.conversionsMicro == 1_000_000)
        #expect(row("k2")?.credits[.lastTouch]?.valueFen == 1000)
        #expect(row("k1")?.credits[.lastTouch]?.valueFen == 500)
        #expect(row("k1")?.credits[.firstTouch]?.conversionsMicro == 2_000_000)
        #expect(row("k1")?.credits[.firstTouch]?.valueFen == 1500)
        #expect(row("k1")?.credits[.linear]?.conversionsMicro == 1_500_000)
        #expect(row("k1")?.credits[.linear]?.valueFen == 1000)
        #expect(row("k2")?.credits[.linear]?.valueFen == 500)
        // Markov over the KOL paths (k1 > k2 conv, k1 conv, (none) conv, k4 conv, k1 null, k3 null ×2,
        // k3 > k3 null): start→k1 3/8, (none) 1/8, k4 1/8, k3 3/8; k1→k2, conv, null 1/3 each;
        // x_k1 = 2/3 → P = 3/8·2/3 + 1/8 + 1/8 = 1/2. RE: k1 1/2, k2 1/4, (none) 1/4, k4 1/4, k3 0
        // → k4 gets 2000 fen × (1/4)/(5/4) = 400, k3 nothing.
        #expect(row("k4")?.credits[.markov]?.valueFen == 400)
        #expect(row("k3")?.credits[.markov]?.valueFen == 0)
        #expect(row("k3")?.credits[.shapley]?.conversionsMicro == 0)
        // Reach: k1 reached u1, u2, u3 in the window; u1 and u3 converted with k1 among their touchpoints.
        #expect(row("k1").map { [$0.touches, $0.usersReached, $0.convertingUsers] } == [3, 3, 2])
        #expect(row("k1")?.conversionRate == 2.0 / 3)
        #expect(row("k2")?.conversionRate == 1)
        #expect(row("k3").map { [$0.touches, $0.usersReached, $0.convertingUsers] } == [4, 3, 0])
        #expect(row("k3")?.conversionRate == 0 && row("k3")?.needsReview == true)
        #expect(row("k4")?.usersReached == 0 && row("k4")?.conversionRate == nil && row("k4")?.needsReview == false)
        #expect(kol.forReview.map(\.kolID) == ["k3"])
        #expect(kol.reviewThreshold == 0.01)
        // The KOL run's lists include (none) and sum to the totals.
        #expect(kol.credits[.lastTouch]?.first { $0.key == "(none)" }?.valueFen == 200)
        F.expectExactSums(r)
        // Main run (platform): everything is douyin.
        #expect(F.nonZeroMicros(r, .linear) == ["douyin": 4_000_000])
    }

    @Test func thresholdIsConfigurable() {
        // k1 converts 2 of 3 reached users (66.7 %): under a 70 % threshold it is listed too.
        let r = F.run(events, AttributionOptions(kolReviewThreshold: 0.7))
        #expect(r.kol.forReview.map(\.kolID) == ["k1", "k3"])
    }

    @Test func kolKeyReusesTheMainRun() {
        let r = F.run(events, AttributionOptions(channelKey: .kol))
        #expect(r.kol.credits == r.credits)
        #expect(F.micros(r, .firstTouch) == ["k1": 2_000_000, "k2": 0, "k3": 0, "k4": 1_000_000, "(none)": 1_000_000])
        #expect(r.kol.rows.map(\.kolID) == ["k2", "k1", "k4", "k3"])
    }
}
