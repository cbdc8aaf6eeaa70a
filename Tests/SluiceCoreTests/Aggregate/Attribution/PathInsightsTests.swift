import Foundation
import Testing
@testable import SluiceCore

@Suite("Attribution: path insights and path table")
struct AttributionPathInsightsTests {
    typealias F = AttrFixture

    /// u1: douyin d1, douyin d2, channels d3 → order d4 (500).   3 touches, 3 days, 2 platforms
    /// u2: order d5 (200), no touch (direct).                    0 touches
    /// u3: xiaohongshu d5 → order d6 (200).                      1 touch, 1 day, 1 platform
    /// u4: douyin d1, channels d2 → order d10 (300).             2 touches, 9 days, 2 platforms
    /// u5: weibo d3, weibo d4, no order (null path).
    /// u6: douyin d2 → order d3 (100), then kuaishou d4 (after its conversion: in no path).
    var events: [TimelineEvent] {
        [F.touch("u1", F.at(1), "douyin"), F.touch("u1", F.at(2), "douyin"), F.touch("u1", F.at(3), "channels"),
         F.order("u1", F.at(4), 500),
         F.order("u2", F.at(5), 200),
         F.touch("u3", F.at(5), "xiaohongshu"), F.order("u3", F.at(6), 200),
         F.touch("u4", F.at(1), "douyin"), F.touch("u4", F.at(2), "channels"), F.order("u4", F.at(10), 300),
         F.touch("u5", F.at(3), "weibo"), F.touch("u5", F.at(4), "weibo"),
         F.touch("u6", F.at(2), "douyin"), F.order("u6", F.at(3), 100), F.touch("u6", F.at(4), "kuaishou")]
    }

    @Test func insights() {
        let r = F.run(events)
        let i = r.insights
        #expect(i.conversions == 5 && i.conversionsWithTouches == 4)
        // Touches per conversion [0, 1, 1, 2, 3]: median (h = 2) 1; p90 (h = 3.6) 2 + .6·1 = 2.6.
        #expect(i.touchesPerConversionMedian == 1)
        #expect(abs((i.touchesPerConversionP90 ?? 0) - 2.6) < 1e-12)
        // Days [1, 1, 3, 9]: median (h = 1.5) 1 + .5·2 = 2; p90 (h = 2.7) 3 + .7·6 = 7.2.
        #expect(i.daysToConversionMedian == 2)
        #expect(abs((i.daysToConversionP90 ?? 0) - 7.2) < 1e-12)
        // u1 and u4 touched two platforms: 2 of 5 conversions.
        #expect(i.multiPlatformConversions == 2 && i.multiPlatformShare == 0.4)
        // Collapsed converting paths: douyin > channels (u1, u4: 800 fen), xiaohongshu (200), douyin (100).
        #expect(i.topPaths == [
            ConvertingPath(steps: ["douyin", "channels"], conversions: 2, valueFen: 800),
            ConvertingPath(steps: ["xiaohongshu"], conversions: 1, valueFen: 200),
            ConvertingPath(steps: ["douyin"], conversions: 1, valueFen: 100),
        ])
        #expect(i.topPaths.first?.path == "douyin > channels")
        let limited = F.run(events, AttributionOptions(topPaths: 1))
        #expect(limited.insights.topPaths.map(\.path) == ["douyin > channels"])
    }

    @Test func pathTableInChannelAttributionLayout() {
        let r = F.run(events)
        #expect(PathTableRow.columns == ["path", "total_conversions", "total_conversion_value", "total_null"])
        #expect(r.pathTable == [
            PathTableRow(path: "douyin", totalConversions: 1, totalConversionValue: 100, totalNull: 0),
            PathTableRow(path: "douyin > channels", totalConversions: 1, totalConversionValue: 300, totalNull: 0),
            PathTableRow(path: "douyin > douyin > channels", totalConversions: 1, totalConversionValue: 500, totalNull: 0),
            PathTableRow(path: "xiaohongshu", totalConversions: 1, totalConversionValue: 200, totalNull: 0),
            PathTableRow(path: "weibo > weibo", totalConversions: 0, totalConversionValue: 0, totalNull: 1),
        ])
        // Touched conversions and value in the table add up to the result's (direct excluded).
        #expect(r.pathTable.reduce(0) { $0 + $1.totalConversions } == r.conversions - r.directConversions)
        #expect(r.pathTable.reduce(Int64(0)) { $0 + $1.totalConversionValue } == r.valueFen - r.directValueFen)
    }

    @Test func nullPathsUseOnlyTouchesInTheWindowAndSameSequencesShareARow() {
        // n1 and n2 have the same in-window sequence; n1's February touch is not part of it.
        // n3 converts in the window, so its later touches make no null path.
        let r = F.run([
            F.touch("n1", F.at(-3), "kuaishou"), F.touch("n1", F.at(2), "douyin"), F.touch("n1", F.at(3), "weibo"),
            F.touch("n2", F.at(5), "douyin"), F.touch("n2", F.at(6), "weibo"),
            F.touch("n3", F.at(1), "weibo"), F.order("n3", F.at(2), 50), F.touch("n3", F.at(3), "douyin"),
            F.touch("n4", F.at(40), "douyin"),
        ])
        #expect(r.pathTable == [
            PathTableRow(path: "weibo", totalConversions: 1, totalConversionValue: 50, totalNull: 0),
            PathTableRow(path: "douyin > weibo", totalConversions: 0, totalConversionValue: 0, totalNull: 2),
        ])
        // kuaishou (only before the window, in no path) is not a channel of the report.
        #expect(r.reach.map(\.key) == ["douyin", "weibo"])
        #expect(r.reach.first { $0.key == "douyin" } == ChannelReach(key: "douyin", touches: 3, usersReached: 3, convertingUsers: 0))
        #expect(r.reach.first { $0.key == "weibo" } == ChannelReach(key: "weibo", touches: 3, usersReached: 3, convertingUsers: 1))
    }

    @Test func emptyTimeline() {
        let r = AttributionEngine.run(timeline: Timeline(), window: F.window, options: AttributionOptions())
        #expect(r.conversions == 0 && r.valueFen == 0 && r.pathTable.isEmpty && r.reach.isEmpty)
        #expect(r.insights.touchesPerConversionMedian == nil && r.insights.multiPlatformShare == nil)
        #expect(r.models == AttributionModel.allCases)
        #expect(r.credits.values.allSatisfy { $0.isEmpty })
        #expect(r.kol.rows.isEmpty)
    }

    @Test func percentileInterpolatesBetweenOrderStatistics() {
        let values: [Double] = [10, 20, 30, 40]
        #expect(PathInsightsBuilder.percentile(count: 4, p: 0.5) { values[$0] } == 25)
        #expect(abs((PathInsightsBuilder.percentile(count: 4, p: 0.9) { values[$0] } ?? 0) - 37) < 1e-12)
        #expect(PathInsightsBuilder.percentile(count: 1, p: 0.9) { values[$0] } == 10)
        #expect(PathInsightsBuilder.percentile(count: 0, p: 0.5) { values[$0] } == nil)
    }
}
