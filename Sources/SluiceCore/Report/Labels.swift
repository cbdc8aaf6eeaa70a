/// Report wording in both languages, keyed by a stable id (`"plays"`, `"freshness_warning"`).
///
/// ```swift
/// let labels: Labels = [
///     "plays": ("播放量", "Plays"),
///     "freshness_warning": ("{platform} 数据截至 {last}，报告窗口截至 {end}",
///                           "{platform} data ends {last}, report window ends {end}"),
/// ]
/// labels["plays", .zh]                                    // "播放量"
/// labels.text("freshness_warning", .en, ["platform": "Douyin", "last": "2024-03-29", "end": "2024-03-31"])
/// ```
///
/// A missing id returns the id itself, so a gap shows up in the output (and in golden files)
/// instead of crashing a nightly run; `missing(_:)` lists gaps for a test.
public struct Labels: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    /// One label in both languages.
    public struct Text: Sendable, Equatable {
        public var zh: String
        public var en: String

        public init(zh: String, en: String) {
            self.zh = zh
            self.en = en
        }

        public func text(in locale: ReportLocale) -> String { locale == .zh ? zh : en }
    }

    private var entries: [String: Text]

    public init(_ entries: [String: Text] = [:]) {
        self.entries = entries
    }

    /// `["plays": ("播放量", "Plays")]`; a repeated id keeps the last text.
    public init(dictionaryLiteral elements: (String, (zh: String, en: String))...) {
        var entries: [String: Text] = [:]
        for (id, text) in elements { entries[id] = Text(zh: text.zh, en: text.en) }
        self.entries = entries
    }

    /// The label for `id` in `locale`, or `id` itself when there is none.
    public subscript(_ id: String, _ locale: ReportLocale) -> String {
        entries[id]?.text(in: locale) ?? id
    }

    /// The label with each `{name}` replaced by `values[name]` (placeholders without a value stay).
    public func text(_ id: String, _ locale: ReportLocale, _ values: [String: String] = [:]) -> String {
        let template = self[id, locale]
        guard !values.isEmpty else { return template }
        // One pass, so a value that itself contains `{…}` is never substituted again.
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "}") else { break }
            out += rest[..<open]
            let name = String(rest[afterOpen..<close])
            out += values[name] ?? String(rest[open...close])
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// Adds or replaces a label.
    public mutating func set(_ id: String, zh: String, en: String) {
        entries[id] = Text(zh: zh, en: en)
    }

    /// This set with `other`'s labels added (`other` wins on a shared id).
    public func merging(_ other: Labels) -> Labels {
        Labels(entries.merging(other.entries) { _, new in new })
    }

    public func contains(_ id: String) -> Bool { entries[id] != nil }

    /// Every id, sorted.
    public var ids: [String] { entries.keys.sorted() }

    /// The ids in `ids` that have no label, in the order given.
    public func missing(_ ids: [String]) -> [String] { ids.filter { entries[$0] == nil } }
}
