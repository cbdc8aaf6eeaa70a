import Testing
@testable import SluiceCore

@Suite("Report: Markdown")
struct ReportMarkdownTests {
    @Test(arguments: [
        ("a|b", "a\\|b"),
        ("line1\nline2", "line1 line2"),
        ("line1\r\nline2", "line1 line2"),
        ("a\rb", "a b"),
        ("two\n\nlines", "two  lines"),
        ("*bold* _it_ `code` [x](y) <b>", "\\*bold\\* \\_it\\_ \\`code\\` \\[x\\](y) \\<b>"),
        ("C:\\dir", "C:\\dir"),  // backslash before a letter needs nothing
        ("a\\|b", "a\\\\\\|b"),  // backslash before punctuation is doubled, pipe escaped
        ("end\\", "end\\\\"),
        ("-12.3%", "-12.3%"),
        ("抖音 播放量", "抖音 播放量"),
        ("~~gone~~", "\\~\\~gone\\~\\~"),
    ])
    func escapesInlineText(text: String, expected: String) {
        #expect(Markdown.escape(text) == expected)
    }

    @Test(arguments: [
        ("# not a heading", "\\# not a heading"),
        ("> quote", "\\> quote"),
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("---", "\\---"),
        ("1. first", "1\\. first"),
        ("2) second", "2\\) second"),
        ("1.2万 播放", "1.2万 播放"),
        ("-12.3%", "-12.3%"),
        ("    code?", "code?"),
    ])
    func keepsBlockTextFromOpeningABlock(text: String, expected: String) {
        #expect(Markdown.escapeBlock(text) == expected)
    }

    @Test func tableEscapesCellsAndAligns() {
        var table = MarkdownTable(header: ["标题", "播放量"], alignments: [.left, .right])
        table.append(["爆款|合集\n第2期", "1.2万"])
        table.append(markdown: [Markdown.link("详情", to: "kpi detail.md"), "**3**"])
        table.append(["short"])
        #expect(table.render() == """
            | 标题 | 播放量 |
            |:---|---:|
            | 爆款\\|合集 第2期 | 1.2万 |
            | [详情](kpi%20detail.md) | **3** |
            | short |  |
            """)
    }

    @Test func longerRowWidensTheTableInsteadOfDroppingData() {
        var table = MarkdownTable(header: ["a"])
        table.append(["1", "2"])
        #expect(table.render() == "| a |  |\n|:---|:---|\n| 1 | 2 |")
    }

    @Test func documentJoinsBlocksWithBlankLines() {
        var doc = MarkdownDocument()
        doc.heading("KPI | 2024-03", level: 1)
        doc.paragraph("数据截至 2024-03-29\n请注意")
        doc.bullets(["抖音 *红*", "- 负面"])
        doc.bullets([])
        doc.image(alt: "抖音 播放量 [日]", path: "charts/plays (daily).svg")
        #expect(doc.text == """
            # KPI \\| 2024-03

            数据截至 2024-03-29 请注意

            - 抖音 \\*红\\*
            - \\- 负面

            ![抖音 播放量 \\[日\\]](charts/plays%20%28daily%29.svg)

            """)
    }

    @Test func headingsClampLevelAndProtectTrailingHash() {
        #expect(Markdown.heading("x", level: 9) == "###### x")
        #expect(Markdown.heading("话题 #", level: 0) == "# 话题 \\#")
        #expect(Markdown.heading("#", level: 2) == "## \\#")
    }

    @Test func emptyDocumentIsEmpty() {
        #expect(MarkdownDocument().text == "")
    }
}
