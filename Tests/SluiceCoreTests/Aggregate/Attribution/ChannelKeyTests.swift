import Foundation
import Testing
@testable import SluiceCore

@Suite("Attribution: channel keys")
struct AttributionChannelKeyTests {
    typealias F = AttrFixture

    @Test func parsesSpecs() {
        #expect(ChannelKey(spec: "platform") == .platform)
        #expect(ChannelKey(spec: "platform/channel")?.dimensions == [.platform, .channel])
        #expect(ChannelKey(spec: "platform/channel")?.description == "platform/channel")
        #expect(ChannelKey(spec: "kol_id") == .kol)
        #expect(ChannelKey(spec: "campaign_id / content_id")?.dimensions == [.campaign, .content])
        for bad in ["", "kol", "platform/", "platform/platform", "platform//channel"] {
            #expect(ChannelKey(spec: bad) == nil, "\(bad)")
        }
        #expect(ChannelKey([]).dimensions == [.platform])
        #expect(AttributionOptions().channelKey == .platform)
    }

    @Test func combinationKeysNameEmptyComponents() {
        // Four touches, linear: a quarter each. An all-empty touch is (none); a partly empty one
        // writes (none) for the missing component.
        let events = [F.touch("u", F.at(1), "douyin", channel: "paid"), F.touch("u", F.at(2), "douyin", channel: "organic"),
                      F.touch("u", F.at(3), "douyin"), F.touch("u", F.at(4), nil), F.order("u", F.at(5), 400)]
        let r = F.run(events, AttributionOptions(channelKey: .platformChannel))
        #expect(F.micros(r, .linear) == ["douyin/paid": 250_000, "douyin/organic": 250_000, "douyin/(none)": 250_000,
                                         "(none)": 250_000])
        #expect(r.pathTable.map(\.path) == ["douyin/paid > douyin/organic > douyin/(none) > (none)"])
        // Platform alone: the first three are one channel.
        #expect(F.micros(F.run(events), .linear) == ["douyin": 750_000, "(none)": 250_000])
    }

    @Test func threeDimensionsAndRepeatedRows() {
        let events = [F.touch("u", F.at(1), "douyin", channel: "paid", campaign: "c1"),
                      F.touch("u", F.at(2), "douyin", channel: "paid", campaign: "c1"),
                      F.touch("u", F.at(3), "douyin", channel: "paid", campaign: "c2"),
                      F.touch("v", F.at(1), "douyin", channel: "paid", campaign: "c1"),
                      F.order("u", F.at(4), 30), F.order("v", F.at(4), 30)]
        let key = ChannelKey(spec: "platform/channel/campaign_id")!
        let r = F.run(events, AttributionOptions(channelKey: key))
        #expect(F.micros(r, .firstTouch) == ["douyin/paid/c1": 2_000_000, "douyin/paid/c2": 0])
        #expect(F.micros(r, .linear) == ["douyin/paid/c1": 1_666_667, "douyin/paid/c2": 333_333])
        let campaign = F.run(events, AttributionOptions(channelKey: .campaign))
        #expect(F.micros(campaign, .lastTouch) == ["c1": 1_000_000, "c2": 1_000_000])
    }

    @Test func contentKey() {
        let events = [F.touch("u", F.at(1), "douyin", content: "v1"), F.touch("u", F.at(2), "channels", content: "v2"),
                      F.touch("u", F.at(3), "channels"), F.order("u", F.at(4), 90)]
        let r = F.run(events, AttributionOptions(channelKey: .content))
        #expect(F.fen(r, .linear) == ["v1": 30, "v2": 30, "(none)": 30])
    }
}
