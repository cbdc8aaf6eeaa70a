/// The shared look of every chart: fonts, sizes and colours.
enum ChartStyle {
    /// Generic CJK-capable stack; no web fonts, so the SVG renders offline on Linux, macOS and Windows.
    static let fontFamily =
        "\"Noto Sans CJK SC\",\"PingFang SC\",\"Microsoft YaHei\",\"Source Han Sans SC\",sans-serif"

    static let titleSize = 16.0
    static let subtitleSize = 12.0
    static let labelSize = 12.0
    static let smallSize = 11.0

    static let text = "#1f2328"
    static let muted = "#59636e"
    static let grid = "#e4e7eb"
    static let axis = "#8c959f"
    static let background = "#ffffff"
    static let targetMarker = "#1f2328"

    /// Categorical series colours (Tableau 10), in order of use.
    static let palette = [
        "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
        "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
    ]

    /// The colour of series `i`; after ten series the colours repeat (with a dash pattern, see
    /// `dash(for:)`).
    static func colour(_ i: Int) -> String { palette[((i % palette.count) + palette.count) % palette.count] }

    /// A dash pattern for series beyond the first ten, so repeated colours stay distinguishable.
    static func dash(for i: Int) -> String? {
        switch (i / palette.count) % 3 {
        case 1: return "6 3"
        case 2: return "2 2"
        default: return nil
        }
    }
}
