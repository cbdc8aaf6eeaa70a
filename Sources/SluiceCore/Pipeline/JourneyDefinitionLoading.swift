import Foundation
import Yams

/// Reading the `funnels` and `cohorts` blocks of a pipeline definition (docs/pipeline-format.md).
/// Every problem is reported at the YAML node it concerns, and reading goes on after a problem so
/// that one pass lists them all.
extension NodeReader {
    static let funnelKeys = ["name", "steps", "order", "window", "exclusions", "counting", "breakdown"]
    static let funnelFilterKeys = FunnelField.allCases.map(\.rawValue)
    static let funnelStepKeys = ["event", "label", "window"] + funnelFilterKeys
    static let funnelExclusionKeys = ["event", "after", "before"] + funnelFilterKeys
    static let cohortKeys = ["period", "periods", "retention", "active_events", "repurchase_days"]

    // MARK: Funnels

    /// The funnels of a `funnels:` list.
    mutating func funnels(_ node: Node) -> [FunnelDefinition] {
        guard let list = node.sequence else {
            report(node, "`funnels` must be a list (each item starting with `- name: …`)")
            return []
        }
        var result: [FunnelDefinition] = []
        var seen: Set<String> = []
        for item in list {
            guard let funnel = self.funnel(item) else { continue }
            if !seen.insert(funnel.name).inserted { report(item, "two funnels are named `\(funnel.name)`") }
            result.append(funnel)
        }
        return result
    }

    /// One funnel; nil when it has no usable name or cannot be read at all.
    mutating func funnel(_ node: Node) -> FunnelDefinition? {
        guard let e = entries(node, allowed: Self.funnelKeys, what: "a funnel") else { return nil }
        let before = problems.count
        let name = string(e["name"]?.value, "name")
        if e["name"] == nil { report(node, "a funnel is missing `name`") }
        if let name, name.isEmpty || !name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) {
            report(e["name"]?.value, "a funnel `name` may use letters, digits, `_` and `-` only (it names the chart file), not `\(name)`")
        }
        let label = name.map { "funnel `\($0)`" } ?? "a funnel"

        var order = FunnelOrder.ordered
        if let node = e["order"]?.value, let text = string(node, "order") {
            if let value = FunnelOrder(rawValue: text) { order = value } else {
                report(node, "`order` must be \(Self.choices(FunnelOrder.allCases.map(\.rawValue))), not `\(text)`")
            }
        }
        var window = FunnelDefinition.defaultWindowMillis
        if let node = e["window"]?.value, let value = duration(node, "window") { window = value }
        var counting = FunnelCountingUnit.users
        if let node = e["counting"]?.value, let text = string(node, "counting") {
            if let value = FunnelCountingUnit(rawValue: text) { counting = value } else {
                report(node, "`counting` must be \(Self.choices(FunnelCountingUnit.allCases.map(\.rawValue))), not `\(text)`")
            }
        }
        var breakdown: FunnelField? = .platform
        if let node = e["breakdown"]?.value {
            if Self.isNull(node) {
                breakdown = nil
            } else if let text = string(node, "breakdown") {
                if text == "none" { breakdown = nil } else if let field = FunnelField(rawValue: text) { breakdown = field } else {
                    let suggestion = closest(text, in: Self.funnelFilterKeys).map { "; did you mean `\($0)`?" } ?? ""
                    report(node, "`breakdown` must be \(Self.choices(Self.funnelFilterKeys + ["none"])), not `\(text)`\(suggestion)")
                }
            }
        }

        var steps: [FunnelStep] = []
        var stepNodes: [String: Node] = [:]
        if let stepsNode = e["steps"]?.value {
            if let list = stepsNode.sequence {
                if list.isEmpty { report(stepsNode, "\(label) has no steps; list at least one event") }
                for item in list {
                    guard let step = self.step(item) else { continue }
                    if stepNodes[step.label] != nil {
                        report(item, "\(label): step label `\(step.label)` is used twice; give one step a different `label`")
                    } else {
                        stepNodes[step.label] = item
                    }
                    steps.append(step)
                }
            } else {
                report(stepsNode, "`steps` must be a list of events, e.g. [view, click, order]")
            }
        } else {
            report(node, "\(label) is missing `steps`")
        }

        var exclusions: [FunnelExclusion] = []
        if let exclusionsNode = e["exclusions"]?.value {
            if let list = exclusionsNode.sequence {
                for item in list {
                    if let exclusion = self.exclusion(item, steps: steps, stepNodes: stepNodes, funnel: label) {
                        exclusions.append(exclusion)
                    }
                }
            } else {
                report(exclusionsNode, "`exclusions` must be a list of `- {event: …, after: …, before: …}` entries")
            }
        }

        guard let name else { return nil }
        let definition = FunnelDefinition(name: name, steps: steps, order: order, windowMillis: window,
                                          exclusions: exclusions, countingUnit: counting, breakdown: breakdown)
        // What the engine itself finds unusable, once the precise checks above have passed (they
        // already cover most of it, closer to the offending line).
        if problems.count == before {
            for problem in definition.problems { report(node, problem) }
        }
        return definition
    }

    /// A step: `view`, or `{event: view, label: …, window: 1d, platform: [douyin], channel: paid}`.
    /// A step with problems is still returned when it has a label, so that other steps and the
    /// exclusions can refer to it without follow-on problems.
    mutating func step(_ node: Node) -> FunnelStep? {
        if let scalar = node.scalar {
            let event = scalar.string
            guard !event.isEmpty, !Self.isNull(node) else {
                report(node, "a funnel step must name an event")
                return nil
            }
            return FunnelStep(label: event, events: [event])
        }
        guard let e = entries(node, allowed: Self.funnelStepKeys, what: "a funnel step") else { return nil }
        let events = eventList(e["event"]?.value, owner: node, what: "a funnel step")
        var window: Int64?
        if let windowNode = e["window"]?.value { window = duration(windowNode, "window") }
        let filters = self.filters(e)
        var label = events.joined(separator: " / ")
        if let labelNode = e["label"]?.value, let text = string(labelNode, "label") {
            if text.isEmpty { report(labelNode, "a step `label` must not be empty") } else { label = text }
        }
        guard !label.isEmpty else { return nil }
        return FunnelStep(label: label, events: events, filters: filters, windowFromPreviousMillis: window)
    }

    /// An exclusion: `{event: complaint, after: view, before: order, platform: …}`; `after` defaults to
    /// the first step and `before` to the last.
    mutating func exclusion(_ node: Node, steps: [FunnelStep], stepNodes: [String: Node], funnel: String) -> FunnelExclusion? {
        guard let e = entries(node, allowed: Self.funnelExclusionKeys, what: "a funnel exclusion") else { return nil }
        let before = problems.count
        let events = eventList(e["event"]?.value, owner: node, what: "an exclusion")
        let filters = self.filters(e)
        let labels = steps.map(\.label)
        func stepLabel(_ key: String, default fallback: String?) -> (String, Int)? {
            guard let valueNode = e[key]?.value else {
                guard let fallback, let index = labels.firstIndex(of: fallback) else { return nil }
                return (fallback, index)
            }
            guard let text = string(valueNode, key) else { return nil }
            guard let index = labels.firstIndex(of: text) else {
                let suggestion = closest(text, in: labels).map { "; did you mean `\($0)`?" } ?? ""
                report(valueNode, "\(funnel) has no step labelled `\(text)`\(suggestion) (steps: \(labels.joined(separator: ", ")))")
                return nil
            }
            return (text, index)
        }
        let after = stepLabel("after", default: labels.first)
        let end = stepLabel("before", default: labels.last)
        if let after, let end, after.1 >= end.1 {
            report(e["before"]?.value ?? e["after"]?.value ?? node,
                   "an exclusion applies between two steps: `after` (`\(after.0)`) must come before `before` (`\(end.0)`)")
        }
        guard problems.count == before, let after, let end else { return nil }
        return FunnelExclusion(events: events, filters: filters, afterStep: after.0, beforeStep: end.0)
    }

    /// `event: view` or `event: [add_to_cart, order]`.
    private mutating func eventList(_ node: Node?, owner: Node, what: String) -> [String] {
        guard let node else {
            report(owner, "\(what) needs `event` (an event name or a list of alternatives)")
            return []
        }
        return stringList(node, "event")
    }

    /// Field filters (`platform`, `channel`, `content_id`, `campaign_id`, `kol_id`) of a step or exclusion.
    private mutating func filters(_ e: [String: (key: Node, value: Node)]) -> [FunnelField: [String]] {
        var filters: [FunnelField: [String]] = [:]
        for field in FunnelField.allCases {
            guard let node = e[field.rawValue]?.value else { continue }
            let values = stringList(node, field.rawValue)
            if !values.isEmpty { filters[field] = values }
        }
        return filters
    }

    /// A scalar or a list of scalars, each non-empty and listed once.
    private mutating func stringList(_ node: Node, _ what: String) -> [String] {
        if node.scalar != nil {
            guard !Self.isNull(node), let text = string(node, what), !text.isEmpty else {
                report(node, "`\(what)` must not be empty")
                return []
            }
            return [text]
        }
        guard let list = node.sequence else {
            report(node, "`\(what)` must be a value or a list of values such as [douyin, channels]")
            return []
        }
        if list.isEmpty { report(node, "`\(what)` lists no value") }
        var values: [String] = []
        for item in list {
            guard let text = string(item, what) else { continue }
            if text.isEmpty || Self.isNull(item) {
                report(item, "`\(what)` lists an empty value")
            } else if values.contains(text) {
                report(item, "`\(what)` lists `\(text)` twice")
            } else {
                values.append(text)
            }
        }
        return values
    }

    /// A positive duration such as `7d`, `24h`, `30m`, `90s` or `1d12h`, in milliseconds.
    mutating func duration(_ node: Node, _ what: String) -> Int64? {
        guard let text = string(node, what) else { return nil }
        guard let millis = Self.durationMillis(text) else {
            report(node, "`\(what)` must be a duration such as 7d, 24h, 30m or 1d12h, not `\(text)`")
            return nil
        }
        guard millis > 0 else {
            report(node, "`\(what)` must be longer than zero, not `\(text)`")
            return nil
        }
        return millis
    }

    /// `7d` → 604,800,000; groups of digits and a unit (`d`, `h`, `m`, `s`), largest unit first
    /// or not; nil when the text is anything else or overflows.
    static func durationMillis(_ text: String) -> Int64? {
        let units: [Character: Int64] = ["d": 86_400_000, "h": 3_600_000, "m": 60_000, "s": 1000]
        var total: Int64 = 0
        var digits = ""
        var groups = 0
        for c in text.trimmingCharacters(in: .whitespaces) {
            if c.isASCII, c.isNumber {
                digits.append(c)
            } else if let unit = units[c], !digits.isEmpty, let n = Int64(digits) {
                let (product, o1) = n.multipliedReportingOverflow(by: unit)
                let (sum, o2) = total.addingReportingOverflow(product)
                guard !o1, !o2 else { return nil }
                total = sum
                digits = ""
                groups += 1
            } else {
                return nil
            }
        }
        guard digits.isEmpty, groups > 0 else { return nil }
        return total
    }

    // MARK: Cohorts

    /// The `cohorts:` block; an empty block (`cohorts: {}` or just `cohorts:`) means every default.
    mutating func cohortOptions(_ node: Node) -> CohortOptions {
        var options = CohortOptions()
        if Self.isNull(node) { return options }
        guard let e = entries(node, allowed: Self.cohortKeys, what: "`cohorts`") else { return options }
        if let valueNode = e["period"]?.value, let text = string(valueNode, "cohorts.period") {
            if let unit = CohortPeriodUnit(rawValue: text) { options.period = unit } else {
                report(valueNode, "`cohorts.period` must be \(Self.choices(CohortPeriodUnit.allCases.map(\.rawValue))), not `\(text)`")
            }
        }
        if let n = int(e["periods"]?.value, "cohorts.periods", range: 1...120) { options.periods = n }
        if let valueNode = e["retention"]?.value, let text = string(valueNode, "cohorts.retention") {
            if let mode = RetentionMode(rawValue: text) { options.retention = mode } else {
                report(valueNode, "`cohorts.retention` must be \(Self.choices(RetentionMode.allCases.map(\.rawValue))), not `\(text)`")
            }
        }
        if let valueNode = e["active_events"]?.value, let active = activeEvents(valueNode) { options.activeEvents = active }
        if let valueNode = e["repurchase_days"]?.value {
            if let list = valueNode.sequence {
                var days: [Int] = []
                for item in list {
                    guard let n = int(item, "cohorts.repurchase_days", range: 1...3660) else { continue }
                    if days.contains(n) { report(item, "`cohorts.repurchase_days` lists \(n) twice") } else { days.append(n) }
                }
                options.repurchaseDays = days
            } else {
                report(valueNode, "`cohorts.repurchase_days` must be a list of day counts such as [30, 60, 90]")
            }
        }
        return options
    }

    /// `all`, a list (only those events), or `{except: [impression]}` / `{only: [view, click]}`.
    private mutating func activeEvents(_ node: Node) -> ActiveEvents? {
        let hint = "`cohorts.active_events` must be `all`, a list of events, `{only: [...]}` or `{except: [...]}`"
        if let scalar = node.scalar {
            if scalar.string == "all" { return .allExcept([]) }
            report(node, "\(hint), not `\(scalar.string)`")
            return nil
        }
        if node.sequence != nil {
            let names = stringList(node, "cohorts.active_events")
            return names.isEmpty ? nil : .only(names)
        }
        guard let e = entries(node, allowed: ["only", "except"], what: "`cohorts.active_events`") else { return nil }
        if e["only"] != nil, e["except"] != nil {
            report(node, "`cohorts.active_events` takes `only` or `except`, not both")
            return nil
        }
        if let listNode = e["only"]?.value {
            let names = stringList(listNode, "cohorts.active_events.only")
            return names.isEmpty ? nil : .only(names)
        }
        if let listNode = e["except"]?.value {
            if listNode.sequence?.isEmpty == true { return .allExcept([]) }
            let names = stringList(listNode, "cohorts.active_events.except")
            return names.isEmpty ? nil : .allExcept(names)
        }
        report(node, hint)
        return nil
    }

    // MARK: Helpers

    /// A YAML null (`~`, `null` or nothing at all).
    static func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar else { return false }
        return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// `a, b or c`.
    static func choices(_ names: [String]) -> String {
        guard names.count > 1, let last = names.last else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " or " + last
    }
}
