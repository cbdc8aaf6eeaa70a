@testable import SluiceCore

/// One realistic chart of each kind, shared by the SVG tests and the sample writer.
enum ReportChartSamples {
    static let march: [LocalDate] = (0..<31).compactMap { LocalDate(year: 2024, month: 3, day: 1 + $0) }

    /// A deterministic wave (no randomness: charts must render the same bytes every time).
    static func wave(_ base: Double, _ amplitude: Double, _ phase: Int, count: Int) -> [Double?] {
        (0..<count).map { i in
            let k = (i * 7 + phase * 3) % 11
            return base + amplitude * Double(k - 5) / 5 + Double(i) * base * 0.01
        }
    }

    static func line(_ locale: ReportLocale) -> LineChart {
        var xhs = wave(18_000, 6_000, 2, count: 31)
        xhs[12] = nil  // a missing day
        xhs[13] = nil
        xhs[20] = nil
        return LineChart(
            title: locale == .zh ? "抖音 播放量 日趋势（按平台）" : "Daily plays by platform",
            subtitle: "2024-03-01 – 2024-03-31",
            unit: locale == .zh ? "播放量（次）" : "Plays",
            dates: march,
            series: [
                .init(name: locale == .zh ? "抖音" : "Douyin", values: wave(420_000, 120_000, 0, count: 31)),
                .init(name: locale == .zh ? "视频号" : "WeChat Channels", values: wave(160_000, 40_000, 1, count: 31)),
                .init(name: locale == .zh ? "小红书" : "Xiaohongshu", values: xhs),
                .init(name: locale == .zh ? "快手（含达人合作 & <直播>）" : "Kuaishou (KOL & <live>)", values: wave(90_000, 20_000, 3, count: 31)),
            ],
            valueStyle: .count, locale: locale)
    }

    static func bars(_ locale: ReportLocale) -> BarChart {
        let zh = locale == .zh
        return BarChart(
            title: zh ? "完播率 vs 目标" : "Completion rate vs target",
            subtitle: "2024-03-01 – 2024-03-31",
            unit: zh ? "完播率（完播次数 / 播放量）" : "Completion rate (completed plays / plays)",
            bars: [
                .init(label: zh ? "抖音" : "Douyin", value: 0.28, target: 0.45, status: .red),
                .init(label: zh ? "视频号" : "WeChat Channels", value: 0.52, target: 0.50, status: .green),
                .init(label: zh ? "小红书" : "Xiaohongshu", value: 0.41, target: 0.45, status: .amber),
                .init(label: zh ? "快手品牌号（一个很长很长的账号名称用于测试截断）" : "Kuaishou brand account with a very long name", value: 0.33, target: 0.30, status: .green),
                .init(label: zh ? "微博" : "Weibo", value: nil, target: 0.2),
            ],
            valueStyle: .percent, locale: locale)
    }

    static func verticalBars(_ locale: ReportLocale) -> BarChart {
        let zh = locale == .zh
        return BarChart(
            title: zh ? "GMV 按渠道" : "GMV by channel", unit: zh ? "GMV（元）" : "GMV (yuan)",
            bars: [
                .init(label: zh ? "抖店" : "Douyin shop", value: 1_234_567.5, target: 1_500_000, status: .amber),
                .init(label: zh ? "小程序" : "Mini-program", value: 856_000, target: 600_000, status: .green),
                .init(label: zh ? "千川投放带来的直播间成交" : "Qianchuan live-room sales", value: 402_300, target: 800_000, status: .red),
                .init(label: "KOL", value: 120_500),
            ],
            orientation: .vertical, valueStyle: .decimal(places: 2), locale: locale)
    }

    static func funnel(_ locale: ReportLocale) -> FunnelChart {
        let zh = locale == .zh
        return FunnelChart(
            title: zh ? "抖音 → 小程序 转化漏斗" : "Douyin → mini-program funnel",
            subtitle: zh ? "用户数，2024-03-01 至 2024-03-31" : "Users, 2024-03-01 to 2024-03-31",
            steps: [
                .init(label: zh ? "看到内容" : "Saw content", count: 120_000),
                .init(label: zh ? "点击链接" : "Clicked link", count: 8_400),
                .init(label: zh ? "进入小程序" : "Opened mini-program", count: 6_100),
                .init(label: zh ? "加入购物车" : "Added to cart", count: 1_250),
                .init(label: zh ? "支付成功" : "Paid", count: 520),
            ],
            locale: locale)
    }

    static func heatmap(_ locale: ReportLocale) -> HeatmapChart {
        let zh = locale == .zh
        let columns = (0..<8).map { zh ? "第\($0)周" : "W\($0)" }
        let retention: [Double] = [1, 0.34, 0.26, 0.22, 0.19, 0.17, 0.16, 0.15]
        let rows = (0..<6).map { r -> HeatmapChart.Row in
            let start = LocalDate(year: 2024, month: 2, day: 5).map { $0.adding(days: 7 * r) }
            let available = 8 - r - 2
            let cells: [HeatmapChart.Cell] = (0..<8).map { c in
                if c < available { return .value(retention[c] * (1 - 0.03 * Double(r))) }
                if c == available { return .inProgress }
                return .empty
            }
            return .init(label: start?.iso ?? "?", size: Int64(1200 - 90 * r), cells: cells)
        }
        return HeatmapChart(
            title: zh ? "周留存（按首购周）" : "Weekly retention by first-purchase week",
            subtitle: zh ? "留存率 = 第 k 周有购买的用户 / 队列人数" : "Retention = users buying in week k / cohort size",
            columns: columns, rows: rows, valueStyle: .percent, locale: locale)
    }

    /// Layout stress cases: a quarter of days, many narrow bars with long labels, negative values.
    static var stress: [(name: String, chart: any SVGChart)] {
        let start = LocalDate(dayNumber: LocalDate(iso: "2024-01-01")?.dayNumber ?? 0)
        let quarter = (0..<91).map { start.adding(days: $0) }
        let accounts = ["抖音主账号", "抖音旗舰店直播间", "视频号", "小红书品牌号", "快手", "微博", "公众号", "小程序商城",
                        "千川全域推广", "达人 @美妆博主小王", "达人 @穿搭日记", "巨量引擎信息流"]
        return [
            ("stress_line_quarter", LineChart(
                title: "GMV daily, Q1", unit: "GMV (yuan)", dates: quarter,
                series: [.init(name: "Douyin shop", values: wave(38_500.5, 9_000, 0, count: 91)),
                         .init(name: "Mini-program", values: wave(12_000, 4_000, 2, count: 91))],
                valueStyle: .decimal(places: 2), locale: .en)),
            ("stress_bar_vertical_many", BarChart(
                title: "播放量 按账号", unit: "播放量（次）",
                bars: accounts.enumerated().map { .init(label: $1, value: Double(($0 * 37_000) % 250_000 + 8_000)) },
                orientation: .vertical, valueStyle: .count, locale: .zh)),
            ("stress_bar_negative", BarChart(
                title: "粉丝净增 按平台", unit: "粉丝净增（人）",
                bars: [.init(label: "抖音", value: 24_000, target: 20_000, status: .green),
                       .init(label: "微博", value: -3_500, target: 0, status: .red),
                       .init(label: "小红书", value: 800, target: 2_000, status: .amber)],
                valueStyle: .count, locale: .zh)),
            ("stress_heatmap_wide", HeatmapChart(
                title: "Monthly LTV by first-order month (yuan)",
                columns: (0..<12).map { "M\($0)" },
                rows: (0..<4).map { r in .init(label: "2023-\(r + 1) cohort with a long name", size: 12_345,
                                                cells: (0..<12).map { c in c < 12 - r ? .value(35.5 * Double(c + 1)) : .inProgress }) },
                valueStyle: .decimal(places: 1), locale: .en)),
        ]
    }

    /// Every sample, named for its file.
    static var all: [(name: String, chart: any SVGChart)] {
        ReportLocale.allCases.flatMap { locale -> [(name: String, chart: any SVGChart)] in
            [("line_\(locale.rawValue)", line(locale)), ("bar_\(locale.rawValue)", bars(locale)),
             ("bar_vertical_\(locale.rawValue)", verticalBars(locale)), ("funnel_\(locale.rawValue)", funnel(locale)),
             ("heatmap_\(locale.rawValue)", heatmap(locale))]
        } + stress
    }
}
