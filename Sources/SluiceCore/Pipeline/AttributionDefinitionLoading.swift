import Foundation
import Yams

/// Reading the `attribution` block of a pipeline definition (docs/pipeline-format.md, "Attribution").
/// Every problem is reported at the YAML node it concerns, and reading goes on after a problem so
/// that one pass lists them all; an option with a problem keeps its default.
extension NodeReader {
    static let attributionKeys = [
        "touch_events", "include_impressions", "lookback", "channel_key", "half_life", "markov_order",
        "markov_max_states", "shapley_max_channels", "kol_review_threshold", "top_paths", "models",
    ]
    /// Channel keys offered in messages (any `/`-joined combination of the dimensions is accepted).
    static let channelKeyExamples = ["platform", "platform/channel", "campaign_id", "content_id", "kol_id"]

    /// The `attribution:` block; an empty block (`attribution: {}` or just `attribution:`) means every default.
    mutating func attributionOptions(_ node: Node) -> AttributionOptions {
        var options = AttributionOptions()
        if Self.isNull(node) { return options }
        guard let e = entries(node, allowed: Self.attributionKeys, what: "`attribution`") else { return options }

        if let valueNode = e["touch_events"]?.value, let events = touchEvents(valueNode) { options.touchEvents = events }
        if let valueNode = e["include_impressions"]?.value, let flag = bool(valueNode, "attribution.include_impressions") {
            options.includeImpressions = flag
        }
        if let valueNode = e["lookback"]?.value, let days = wholeDays(valueNode, "attribution.lookback") {
            options.lookbackDays = days
        }
        if let valueNode = e["channel_key"]?.value, let text = string(valueNode, "attribution.channel_key") {
            if let key = ChannelKey(spec: text) {
                options.channelKey = key
            } else {
                let parts = text.split(separator: "/", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                let dimensions = ChannelDimension.allCases.map(\.rawValue)
                let unknown = parts.first { !dimensions.contains($0) }
                var hint = ""
                if let unknown, let suggestion = closest(unknown, in: dimensions) {
                    hint = "; did you mean `\(suggestion)` instead of `\(unknown)`?"
                } else if unknown == nil {
                    hint = " (a dimension is repeated)"
                }
                report(valueNode, "`attribution.channel_key` must be \(Self.choices(Self.channelKeyExamples.map { "`\($0)`" })) "
                    + "or another `/`-joined combination of \(dimensions.joined(separator: ", ")), not `\(text)`\(hint)")
            }
        }
        if let valueNode = e["half_life"]?.value, let days = fractionalDays(valueNode, "attribution.half_life") {
            options.halfLifeDays = days
        }
        if let n = int(e["markov_order"]?.value, "attribution.markov_order", range: 1...3) { options.markovOrder = n }
        if let n = int(e["markov_max_states"]?.value, "attribution.markov_max_states", range: 2...MarkovModel.hardStateLimit) {
            options.markovMaxStates = n
        }
        if let n = int(e["shapley_max_channels"]?.value, "attribution.shapley_max_channels", range: 1...ShapleyModel.hardLimit) {
            options.shapleyMaxChannels = n
        }
        if let valueNode = e["kol_review_threshold"]?.value, let text = string(valueNode, "attribution.kol_review_threshold") {
            if let value = Self.fraction(text), value >= 0, value <= 1 { options.kolReviewThreshold = value } else {
                report(valueNode, "`attribution.kol_review_threshold` must be a conversion rate from 0 to 1 such as 1% or 0.01, not `\(text)`")
            }
        }
        if let n = int(e["top_paths"]?.value, "attribution.top_paths", range: 1...1000) { options.topPaths = n }
        if let valueNode = e["models"]?.value, let models = attributionModels(valueNode) { options.models = models }
        return options
    }

    /// `true`/`false` (also `yes`/`no`, `on`/`off`, as YAML 1.1 reads them).
    private mutating func bool(_ node: Node, _ what: String) -> Bool? {
        guard let text = string(node, what) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            report(node, "`\(what)` must be true or false, not `\(text)`")
            return nil
        }
    }

    /// A lookback in whole 24-hour days: `30d`, `720h` or `1d24h` (any duration that is whole days), or a bare number of days.
    private mutating func wholeDays(_ node: Node, _ what: String) -> Int? {
        guard let text = string(node, what) else { return nil }
        let day = AttributionOptions.millisPerDay
        let millis: Int64? = Int64(text.trimmingCharacters(in: .whitespaces)).map { $0 * day } ?? Self.durationMillis(text)
        guard let millis else {
            report(node, "`\(what)` must be a number of days such as 30d (or 720h), not `\(text)`")
            return nil
        }
        guard millis > 0 else {
            report(node, "`\(what)` must be longer than zero, not `\(text)`")
            return nil
        }
        guard millis % day == 0 else {
            report(node, "`\(what)` must be whole days (24-hour days), not `\(text)`")
            return nil
        }
        guard millis / day <= 3660 else {
            report(node, "`\(what)` must be at most 3660 days, not `\(text)`")
            return nil
        }
        return Int(millis / day)
    }

    /// A positive span in days, fractions allowed: `7d`, `36h`, `1d12h`, or a bare number of days such as `3.5`.
    private mutating func fractionalDays(_ node: Node, _ what: String) -> Double? {
        guard let text = string(node, what) else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let days: Double?
        if let number = Double(trimmed), number.isFinite {
            days = number
        } else {
            days = Self.durationMillis(trimmed).map { Double($0) / Double(AttributionOptions.millisPerDay) }
        }
        guard let days else {
            report(node, "`\(what)` must be a duration such as 7d, 36h or 1d12h (or a number of days), not `\(text)`")
            return nil
        }
        guard days > 0 else {
            report(node, "`\(what)` must be longer than zero, not `\(text)`")
            return nil
        }
        guard days <= 3660 else {
            report(node, "`\(what)` must be at most 3660 days, not `\(text)`")
            return nil
        }
        return days
    }

    /// The items of a list, or a single value as a list of one; reports `shape` for anything else
    /// (a mapping, null) and `empty` for an empty list.
    private mutating func listItems(_ node: Node, shape: String, empty: String) -> [Node]? {
        let items: [Node]
        if let list = node.sequence {
            items = Array(list)
        } else if node.scalar != nil, !Self.isNull(node) {
            items = [node]
        } else {
            report(node, shape)
            return nil
        }
        if items.isEmpty {
            report(node, empty)
            return nil
        }
        return items
    }

    /// `touch_events: [view, click]`: event names, each once; `order` is the conversion and cannot be a touch.
    private mutating func touchEvents(_ node: Node) -> [String]? {
        let what = "attribution.touch_events"
        guard let items = listItems(
            node, shape: "`\(what)` must be a list of event names such as [view, click, share]",
            empty: "`\(what)` lists no event; leave it out for the default (\(AttributionOptions.defaultTouchEvents.joined(separator: ", ")))")
        else { return nil }
        let before = problems.count
        var names: [String] = []
        for item in items {
            guard let text = string(item, what) else { continue }
            if text.isEmpty || Self.isNull(item) {
                report(item, "`\(what)` lists an empty event name")
            } else if text == AttributionOptions.conversionEvent {
                report(item, "`\(what)` cannot list `order`: orders are the conversions, never touchpoints")
            } else if text == AttributionOptions.impressionEvent {
                report(item, "`\(what)`: count impressions with `include_impressions: true` instead of listing `impression`")
            } else if names.contains(text) {
                report(item, "`\(what)` lists `\(text)` twice")
            } else {
                names.append(text)
            }
        }
        return problems.count == before ? names : nil
    }

    /// `models: [last_touch, markov]` or `models: all`.
    private mutating func attributionModels(_ node: Node) -> [AttributionModel]? {
        let what = "attribution.models"
        let known = AttributionModel.allCases.map(\.rawValue)
        if let scalar = node.scalar, scalar.string == "all" { return AttributionModel.allCases }
        guard let items = listItems(
            node, shape: "`\(what)` must be `all` or a list of models such as [last_touch, linear, markov]",
            empty: "`\(what)` lists no model; leave it out (or write `all`) for every model")
        else { return nil }
        let before = problems.count
        var chosen: Set<AttributionModel> = []
        for item in items {
            guard let text = string(item, what) else { continue }
            guard let model = AttributionModel(rawValue: text) else {
                let suggestion = closest(text, in: known).map { "; did you mean `\($0)`?" } ?? ""
                report(item, "unknown model `\(text)` in `\(what)`\(suggestion) (known: \(known.joined(separator: ", ")))")
                continue
            }
            if !chosen.insert(model).inserted { report(item, "`\(what)` lists `\(text)` twice") }
        }
        guard problems.count == before else { return nil }
        return AttributionModel.allCases.filter { chosen.contains($0) }
    }
}
