import Testing
@testable import SluiceCore

@Suite("Report: number formats")
struct ReportNumberFormatTests {
    let zh = NumberFormat(.zh)
    let en = NumberFormat(.en)

    @Test(arguments: [
        (Int64(0), "0", "0"),
        (999, "999", "999"),
        (1234, "1,234", "1,234"),
        (9999, "9,999", "9,999"),
        (10_000, "1.0万", "10.0K"),
        (12_345, "1.2万", "12.3K"),
        (12_500, "1.3万", "12.5K"),
        (123_456, "12.3万", "123.5K"),
        (999_949, "100.0万", "999.9K"),
        (999_950, "100.0万", "1.0M"),
        (3_456_789, "345.7万", "3.5M"),
        (99_949_000, "9994.9万", "99.9M"),
        (99_999_999, "1.0亿", "100.0M"),
        (100_000_000, "1.0亿", "100.0M"),
        (350_000_000, "3.5亿", "350.0M"),
        (1_234_567_890, "12.3亿", "1.2B"),
        (-12_345, "-1.2万", "-12.3K"),
        (-9999, "-9,999", "-9,999"),
    ])
    func counts(value: Int64, zhText: String, enText: String) {
        #expect(zh.count(value) == zhText)
        #expect(en.count(value) == enText)
    }

    @Test func countOptions() {
        #expect(zh.count(12_345, compact: false) == "12,345")
        #expect(en.count(Int64(1e8), compact: false) == "100,000,000")
        #expect(zh.count(800, signed: true) == "+800")
        #expect(zh.count(-800, signed: true) == "-800")
        #expect(zh.count(0, signed: true) == "0")
        #expect(en.count(12_000, signed: true) == "+12.0K")
        #expect(zh.count(Int?.none) == "n/a")
    }

    @Test func countOfExtremesDoesNotTrap() {
        #expect(zh.count(Int64.min) == "-92233720368.5亿")
        #expect(en.count(Int64.max) == "9,223,372,036.9B")
    }

    @Test(arguments: [
        (Int64(0), "¥0.00", "¥0.00"),
        (5, "¥0.05", "¥0.05"),
        (123_450, "¥1,234.50", "¥1,234.50"),
        (999_999, "¥9,999.99", "¥9,999.99"),
        (1_000_000, "¥1.0万", "¥10.0K"),
        (1_200_000, "¥1.2万", "¥12.0K"),
        (-1234, "-¥12.34", "-¥12.34"),
        (-1_200_000, "-¥1.2万", "-¥12.0K"),
        (10_000_000_000, "¥1.0亿", "¥100.0M"),
        (350_000_000_000, "¥35.0亿", "¥3.5B"),
    ])
    func money(fen: Int64, zhText: String, enText: String) {
        #expect(zh.money(fen: fen) == zhText)
        #expect(en.money(fen: fen) == enText)
    }

    @Test func moneyOptions() {
        #expect(zh.money(fen: 1_200_000, compact: false) == "¥12,000.00")
        #expect(en.money(fen: 50, signed: true) == "+¥0.50")
        #expect(en.money(fen: nil) == "n/a")
    }

    @Test func percentagesAndChanges() {
        #expect(zh.percent(0.285) == "28.5%")
        #expect(en.percent(1) == "100.0%")
        #expect(en.percent(0.123456, places: 2) == "12.35%")
        #expect(zh.percent(nil) == "n/a")
        #expect(zh.percent(.nan) == "n/a")
        #expect(zh.percentagePointChange(0.012) == "+1.2个百分点")
        #expect(en.percentagePointChange(0.012) == "+1.2 pp")
        #expect(en.percentagePointChange(-0.0346) == "-3.5 pp")
        #expect(en.percentagePointChange(0.0001) == "0.0 pp")
        #expect(en.percentagePointChange(-0.0001) == "0.0 pp")
        #expect(zh.percentChange(0.123) == "+12.3%")
        #expect(en.percentChange(-0.5) == "-50.0%")
        #expect(en.percentChange(0) == "0.0%")
        #expect(en.percentChange(nil) == "n/a")
        #expect(en.percentChange(12.3456) == "+1,234.6%")
    }

    @Test func ratios() {
        #expect(zh.ratio(4.2) == "4.2 : 1")
        #expect(en.ratio(4.25, places: 2) == "4.25 : 1")
        #expect(en.ratio(0) == "0.0 : 1")
        #expect(en.ratio(nil) == "n/a")
        #expect(en.ratio(.infinity) == "n/a")
    }

    @Test func decimals() {
        #expect(zh.decimal(8.66) == "8.7")
        #expect(en.decimal(12345.678, places: 2) == "12,345.68")
        #expect(en.decimal(0.04, places: 1, signed: true) == "0.0")
        #expect(en.decimal(1.25, places: 2, signed: true) == "+1.25")
    }

    @Test(arguments: [
        (Int64(0), "0.0秒", "0.0 s"),
        (12_345, "12.3秒", "12.3 s"),
        (8_700, "8.7秒", "8.7 s"),
        (59_949, "59.9秒", "59.9 s"),
        (59_950, "1分00秒", "1 m 00 s"),
        (65_000, "1分05秒", "1 m 05 s"),
        (754_000, "12分34秒", "12 m 34 s"),
        (3_599_499, "59分59秒", "59 m 59 s"),
        (3_599_500, "1小时00分", "1 h 00 m"),
        (3_720_000, "1小时02分", "1 h 02 m"),
        (-1_500, "-1.5秒", "-1.5 s"),
    ])
    func durations(ms: Int64, zhText: String, enText: String) {
        #expect(zh.duration(ms: ms) == zhText)
        #expect(en.duration(ms: ms) == enText)
    }

    @Test func missingIsNAInBothLocales() {
        #expect(zh.duration(ms: nil) == "n/a")
        #expect(NumberFormat.notAvailable == "n/a")
    }
}

@Suite("Report: labels")
struct ReportLabelsTests {
    let labels: Labels = [
        "plays": ("播放量", "Plays"),
        "freshness": ("{platform} 数据截至 {last}", "{platform} data ends {last}"),
    ]

    @Test func looksUpByLocale() {
        #expect(labels["plays", .zh] == "播放量")
        #expect(labels["plays", .en] == "Plays")
    }

    @Test func missingIdShowsTheId() {
        #expect(labels["gmv", .zh] == "gmv")
        #expect(labels.missing(["plays", "gmv"]) == ["gmv"])
    }

    @Test func fillsPlaceholdersOnce() {
        #expect(labels.text("freshness", .en, ["platform": "Douyin", "last": "2024-03-29"]) == "Douyin data ends 2024-03-29")
        #expect(labels.text("freshness", .zh, ["platform": "{last}", "last": "X"]) == "{last} 数据截至 X")
        #expect(labels.text("freshness", .en, ["platform": "A"]) == "A data ends {last}")
    }

    @Test func mergesAndSets() {
        var more = Labels()
        more.set("plays", zh: "播放", en: "Views")
        let merged = labels.merging(more)
        #expect(merged["plays", .en] == "Views")
        #expect(merged.ids == ["freshness", "plays"])
    }
}
