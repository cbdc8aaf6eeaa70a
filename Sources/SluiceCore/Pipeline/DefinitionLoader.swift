import Foundation
import Yams

/// One problem found in a pipeline definition, with its place in the YAML file.
public struct DefinitionProblem: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String
    public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// The definition could not be used; every problem found is listed, not just the first.
public struct DefinitionError: Error, CustomStringConvertible, Sendable {
    public var problems: [DefinitionProblem]
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// Reads a pipeline definition from YAML and checks it, reporting problems by YAML line.
public enum DefinitionLoader {
    /// Loads and validates the definition at `path`.
    /// `environment` supplies the pseudonymisation key (`privacy.key_env`).
    public static func load(path: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PipelineDefinition {
        let text: String
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            guard let decoded = String(data: data, encoding: .utf8) else {
                throw DefinitionError(problems: [DefinitionProblem(file: path, line: 1, column: 1, message: "the definition is not UTF-8 text")])
            }
            text = decoded
        } catch let error as DefinitionError {
            throw error
        } catch {
            throw DefinitionError(problems: [DefinitionProblem(file: path, line: 1, column: 1, message: "cannot read the definition: \(error.localizedDescription)")])
        }
        return try parse(yaml: text, path: path, environment: environment)
    }

    /// Parses definition text; `path` names the file in messages and anchors relative paths.
    public static func parse(
        yaml text: String, path: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> PipelineDefinition {
        var reader = NodeReader(file: path)
        reader.environment = environment
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw DefinitionError(problems: [reader.problem(for: error)])
        }
        guard let root, let definition = reader.definition(root) else {
            if reader.problems.isEmpty {
                reader.report(nil, "the definition is empty; it needs at least `name` and `sources`")
            }
            throw DefinitionError(problems: reader.problems)
        }
        if !reader.problems.isEmpty { throw DefinitionError(problems: reader.problems) }
        return definition
    }
}

/// Walks the composed YAML tree, collecting problems instead of stopping at the first.
struct NodeReader {
    let file: String
    var problems: [DefinitionProblem] = []
    /// Where `privacy.key_env` is looked up.
    var environment: [String: String] = [:]

    init(file: String) { self.file = file }

    var baseDirectory: String {
        let absolute = file.hasPrefix("/") ? file : FileManager.default.currentDirectoryPath + "/" + file
        return (absolute as NSString).deletingLastPathComponent
    }

    mutating func report(_ node: Node?, _ message: String) {
        let mark = node?.mark
        problems.append(DefinitionProblem(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, message: message))
    }

    func problem(for error: YamlError) -> DefinitionProblem {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return DefinitionProblem(file: file, line: mark.line, column: mark.column, message: "invalid YAML: \(problem)")
        default:
            return DefinitionProblem(file: file, line: 1, column: 1, message: "invalid YAML: \(error)")
        }
    }

    // MARK: Typed accessors

    /// The mapping's entries, reporting keys that are not in `allowed` and duplicated keys.
    mutating func entries(_ node: Node, allowed: [String], what: String) -> [String: (key: Node, value: Node)]? {
        guard let mapping = node.mapping else {
            report(node, "\(what) must be a mapping of keys to values")
            return nil
        }
        var result: [String: (key: Node, value: Node)] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string else {
                report(key, "keys in \(what) must be plain strings")
                continue
            }
            if result[name] != nil { report(key, "`\(name)` appears twice in \(what)") }
            if !allowed.isEmpty, !allowed.contains(name) {
                let suggestion = closest(name, in: allowed).map { "; did you mean `\($0)`?" } ?? ""
                report(key, "unknown key `\(name)` in \(what)\(suggestion) (known: \(allowed.joined(separator: ", ")))")
                continue
            }
            result[name] = (key, value)
        }
        return result
    }

    mutating func string(_ node: Node?, _ what: String) -> String? {
        guard let node else { return nil }
        guard let scalar = node.scalar else {
            report(node, "`\(what)` must be a single value, not a list or mapping")
            return nil
        }
        return scalar.string
    }

    mutating func int(_ node: Node?, _ what: String, range: ClosedRange<Int>) -> Int? {
        guard let text = string(node, what) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            report(node, "`\(what)` must be a whole number from \(range.lowerBound) to \(range.upperBound), not `\(text)`")
            return nil
        }
        return value
    }

    mutating func stringMap(_ node: Node, _ what: String) -> [String: String] {
        guard let entries = entries(node, allowed: [], what: "`\(what)`") else { return [:] }
        var result: [String: String] = [:]
        for (name, pair) in entries {
            if let value = string(pair.value, "\(what).\(name)") { result[name] = value }
        }
        return result
    }

    // MARK: The definition

    static let topKeys = ["name", "timezone", "database", "input_root", "reports", "as_of", "max_reject_ratio", "limits", "sources", "targets", "funnels", "cohorts", "attribution", "reporting", "privacy"]
    static let sourceKeys = ["name", "files", "format", "encoding", "record", "skip_lines", "delimiter", "counters", "snapshot_date", "constants", "columns", "value_maps", "totals_markers", "restate_days", "freshness_days"]

    mutating func definition(_ root: Node) -> PipelineDefinition? {
        guard let top = entries(root, allowed: Self.topKeys, what: "the definition") else { return nil }
        let name = string(top["name"]?.value, "name")
        if top["name"] == nil { report(root, "missing `name`") }
        if let name, name.isEmpty || !name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) {
            report(top["name"]?.value, "`name` may use letters, digits, `_` and `-` only")
        }
        var timeZone = TimeZone(identifier: "Asia/Shanghai")!
        if let zone = string(top["timezone"]?.value, "timezone") {
            if let parsed = TimeZone(identifier: zone) { timeZone = parsed } else {
                report(top["timezone"]?.value, "unknown time zone `\(zone)`; use an IANA name such as Asia/Shanghai")
            }
        }
        let base = baseDirectory
        func resolve(_ path: String) -> String {
            let joined = path.hasPrefix("/") ? path : base + "/" + path
            return URL(fileURLWithPath: joined).standardizedFileURL.path
        }
        let database = string(top["database"]?.value, "database").map(resolve) ?? resolve("../out/\(name ?? "sluice").sqlite")
        let inputRoot = string(top["input_root"]?.value, "input_root").map(resolve) ?? resolve(".")
        let reports = string(top["reports"]?.value, "reports").map(resolve) ?? resolve("../out/reports")
        var asOf: LocalDate?
        if let text = string(top["as_of"]?.value, "as_of") {
            asOf = LocalDate(iso: text)
            if asOf == nil { report(top["as_of"]?.value, "`as_of` must be a date like 2026-11-09, not `\(text)`") }
        }
        var maxReject = 0.05
        if let text = string(top["max_reject_ratio"]?.value, "max_reject_ratio") {
            if let value = Double(text), (0...1).contains(value) { maxReject = value } else {
                report(top["max_reject_ratio"]?.value, "`max_reject_ratio` must be a number from 0 to 1, not `\(text)`")
            }
        }
        var limits = ReaderLimits()
        if let node = top["limits"]?.value,
           let entries = entries(node, allowed: ["max_field_bytes", "max_columns", "max_line_bytes", "max_json_depth"], what: "`limits`") {
            if let v = int(entries["max_field_bytes"]?.value, "limits.max_field_bytes", range: 1...(1 << 31)) { limits.maxFieldBytes = v }
            if let v = int(entries["max_columns"]?.value, "limits.max_columns", range: 1...10_000_000) { limits.maxColumns = v }
            if let v = int(entries["max_line_bytes"]?.value, "limits.max_line_bytes", range: 1...(1 << 31)) { limits.maxLineBytes = v }
            if let v = int(entries["max_json_depth"]?.value, "limits.max_json_depth", range: 1...100_000) { limits.maxJSONDepth = v }
        }
        var sources: [SourceDefinition] = []
        if let sourcesNode = top["sources"]?.value {
            if let sequence = sourcesNode.sequence {
                if sequence.isEmpty { report(sourcesNode, "`sources` is empty; list at least one source") }
                var seen: Set<String> = []
                for item in sequence {
                    guard let source = self.source(item) else { continue }
                    if !seen.insert(source.name).inserted { report(item, "two sources are named `\(source.name)`") }
                    sources.append(source)
                }
            } else {
                report(sourcesNode, "`sources` must be a list (each item starting with `- name: …`)")
            }
        } else {
            report(root, "missing `sources`: list the exports this pipeline reads")
        }
        let targets = top["targets"].map { self.targets($0.value) } ?? []
        let reporting = top["reporting"].map { self.reporting($0.value) } ?? ReportingOptions()
        let funnels = top["funnels"].map { self.funnels($0.value) } ?? []
        let cohorts = top["cohorts"].map { self.cohortOptions($0.value) }
        let attribution = top["attribution"].map { self.attributionOptions($0.value) }
        let (privacy, pseudonymizer) = top["privacy"].map { self.privacy($0.value) } ?? (PrivacyOptions(), nil)
        if let pseudonymizer {
            for i in sources.indices { sources[i].userIDPseudonymizer = pseudonymizer }
        }
        guard let name else { return nil }
        var definition = PipelineDefinition(
            name: name, timeZone: timeZone, databasePath: database, inputRoot: inputRoot, reportsRoot: reports,
            asOf: asOf, maxRejectRatio: maxReject, limits: limits, sources: sources, definitionPath: resolve(file))
        definition.targets = targets
        definition.reporting = reporting
        definition.funnels = funnels
        definition.cohorts = cohorts
        definition.attribution = attribution
        definition.privacy = privacy
        return definition
    }

    /// `privacy: {pseudonymize_user_ids: true, key_env: SLUICE_USER_ID_KEY}`; the key must be set
    /// in the environment when pseudonymisation is on.
    mutating func privacy(_ node: Node) -> (PrivacyOptions, Pseudonymizer?) {
        var options = PrivacyOptions()
        guard let e = entries(node, allowed: ["pseudonymize_user_ids", "key_env"], what: "`privacy`") else { return (options, nil) }
        if let flagNode = e["pseudonymize_user_ids"]?.value, let text = string(flagNode, "privacy.pseudonymize_user_ids") {
            switch text.lowercased() {
            case "true", "yes", "on": options.pseudonymizeUserIDs = true
            case "false", "no", "off": options.pseudonymizeUserIDs = false
            default: report(flagNode, "`privacy.pseudonymize_user_ids` must be true or false, not `\(text)`")
            }
        }
        if let keyNode = e["key_env"]?.value, let name = string(keyNode, "privacy.key_env") {
            if !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) {
                options.keyEnvironmentVariable = name
            } else {
                report(keyNode, "`privacy.key_env` must name an environment variable (letters, digits and `_`), not `\(name)`")
            }
        }
        guard options.pseudonymizeUserIDs else { return (options, nil) }
        let variable = options.keyEnvironmentVariable
        guard let key = environment[variable], !key.isEmpty else {
            report(e["key_env"]?.value ?? e["pseudonymize_user_ids"]?.value ?? node,
                   "`privacy.pseudonymize_user_ids` is on but the environment variable \(variable) is not set or empty; "
                       + "export \(variable) with a secret of at least 16 characters (keep it: the same key gives the same pseudonyms)")
            return (options, nil)
        }
        guard key.utf8.count >= 16 else {
            report(e["key_env"]?.value ?? e["pseudonymize_user_ids"]?.value ?? node,
                   "the key in \(variable) is \(key.utf8.count) bytes long; use a secret of at least 16 characters")
            return (options, nil)
        }
        return (options, Pseudonymizer(key: Array(key.utf8)))
    }

    mutating func reporting(_ node: Node) -> ReportingOptions {
        var options = ReportingOptions()
        guard let e = entries(node, allowed: ["locale", "anomaly_threshold", "windows"], what: "`reporting`") else { return options }
        if let locale = string(e["locale"]?.value, "reporting.locale") {
            if ["zh", "en"].contains(locale) { options.locale = locale } else { report(e["locale"]?.value, "`reporting.locale` must be zh or en, not `\(locale)`") }
        }
        if let node = e["anomaly_threshold"]?.value, let text = string(node, "reporting.anomaly_threshold") {
            if let value = Self.fraction(text), value > 0 { options.anomalyThreshold = value } else {
                report(node, "`reporting.anomaly_threshold` must be a positive fraction or percentage such as 0.2 or 20%, not `\(text)`")
            }
        }
        if let node = e["windows"]?.value {
            if let list = node.sequence {
                var names: [String] = []
                for item in list {
                    guard let name = string(item, "reporting.windows") else { continue }
                    if ["yesterday", "week_to_date", "month_to_date"].contains(name) || NightlyWindows.lastDays(name) != nil {
                        names.append(name)
                    } else {
                        report(item, "unknown report window `\(name)`; use yesterday, week_to_date, month_to_date or last_N_days")
                    }
                }
                options.windows = names
            } else {
                report(node, "`reporting.windows` must be a list such as [yesterday, week_to_date]")
            }
        }
        return options
    }

    /// `0.45`, `45%`.
    static func fraction(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix("%") { return Double(trimmed.dropLast()).map { $0 / 100 } }
        return Double(trimmed)
    }

    mutating func targets(_ node: Node) -> [KPITarget] {
        guard let list = node.sequence else {
            report(node, "`targets` must be a list of `- metric: …` entries")
            return []
        }
        var result: [KPITarget] = []
        for item in list {
            guard let e = entries(item, allowed: ["metric", "platform", "target", "direction", "amber"], what: "a target") else { continue }
            guard let id = string(e["metric"]?.value, "metric") else { report(item, "a target needs `metric`"); continue }
            guard let metric = KPIMetric.named(id) else {
                let suggestion = closest(id, in: KPIMetric.all.map(\.id)).map { "; did you mean `\($0)`?" } ?? ""
                report(e["metric"]?.value, "unknown metric `\(id)`\(suggestion)")
                continue
            }
            guard let targetNode = e["target"]?.value, let text = string(targetNode, "target") else { report(item, "a target needs `target`"); continue }
            guard let value = Self.targetValue(text, kind: metric.kind) else {
                report(targetNode, "`target` for \(id) must be \(Self.unitHint(metric.kind)), not `\(text)`")
                continue
            }
            var higher = metric.higherIsBetter
            if let direction = string(e["direction"]?.value, "direction") {
                switch direction { case "higher": higher = true
                case "lower": higher = false
                default: report(e["direction"]?.value, "`direction` must be higher or lower") }
            }
            var band = 0.9
            if let amberNode = e["amber"]?.value, let text = string(amberNode, "amber") {
                if let v = Self.fraction(text), v > 0, v < 1 { band = v } else { report(amberNode, "`amber` must be a fraction below 1 such as 0.9 or 90%") }
            }
            let platform = string(e["platform"]?.value, "platform")
            if result.contains(where: { $0.metric == id && $0.platform == platform }) {
                report(item, "a second target for \(id) on \(platform ?? "the total")")
            }
            result.append(KPITarget(metric: id, platform: platform, value: value, higherIsBetter: higher, amberBand: band))
        }
        return result
    }

    /// Reads a target in the metric's natural unit: a rate as 45% or 0.45, money in yuan, a duration as
    /// seconds or hh:mm:ss, ROI as 3 or 3:1.
    static func targetValue(_ text: String, kind: MetricKind) -> Double? {
        switch kind {
        case .rate: return fraction(text)
        case .count: return Double(text)
        case .money: return (try? FieldParsers.moneyFen(text))?.map(Double.init) ?? nil
        case .duration: return (try? FieldParsers.durationMillis(text))?.map(Double.init) ?? nil
        case .ratio:
            let parts = text.split(separator: ":").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let first = parts.first.flatMap({ Double($0) }) else { return nil }
            if parts.count == 2 { return Double(parts[1]).flatMap { $0 == 0 ? nil : first / $0 } }
            return parts.count == 1 ? first : nil
        }
    }

    static func unitHint(_ kind: MetricKind) -> String {
        switch kind {
        case .rate: return "a percentage or fraction (45% or 0.45)"
        case .count: return "a number"
        case .money: return "an amount in yuan (30 or ¥30.00)"
        case .duration: return "a duration (12s or 00:00:12)"
        case .ratio: return "revenue per yuan spent (3 or 3:1)"
        }
    }

    mutating func source(_ node: Node) -> SourceDefinition? {
        guard let e = entries(node, allowed: Self.sourceKeys, what: "a source") else { return nil }
        let before = problems.count
        let name = string(e["name"]?.value, "name") ?? ""
        if e["name"] == nil { report(node, "a source is missing `name`") }
        let label = name.isEmpty ? "source" : "source `\(name)`"
        let files = string(e["files"]?.value, "files") ?? ""
        if e["files"] == nil { report(node, "\(label) is missing `files` (a glob under input_root)") }
        if let problem = FileDiscovery.globProblem(files) { report(e["files"]?.value, "`files` of \(label) \(problem)") }

        var format: SourceDefinition.Format?
        if let text = string(e["format"]?.value, "format") {
            format = SourceDefinition.Format(rawValue: text)
            if format == nil { report(e["format"]?.value, "`format` must be csv or jsonl, not `\(text)`") }
        }
        var encoding = TextEncoding.auto
        if let text = string(e["encoding"]?.value, "encoding") {
            let normalized = text.lowercased().replacingOccurrences(of: "_", with: "-")
            switch normalized {
            case "auto": encoding = .auto
            case "utf-8", "utf8", "utf-8-sig": encoding = .utf8
            case "gb18030", "gbk", "gb2312": encoding = .gb18030
            default: report(e["encoding"]?.value, "`encoding` must be auto, utf-8 or gb18030, not `\(text)`")
            }
        }
        var record: RecordType?
        if let text = string(e["record"]?.value, "record") {
            record = RecordType(rawValue: text)
            if record == nil {
                report(e["record"]?.value, "`record` must be one of \(RecordType.allCases.map(\.rawValue).joined(separator: ", ")), not `\(text)`")
            }
        } else if e["record"] == nil {
            report(node, "\(label) is missing `record` (\(RecordType.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let skipLines = int(e["skip_lines"]?.value, "skip_lines", range: 0...1000) ?? 0
        var delimiter = UInt8(ascii: ",")
        if let text = string(e["delimiter"]?.value, "delimiter") {
            let resolved = text == "\\t" ? "\t" : text
            if resolved.utf8.count == 1, let byte = resolved.utf8.first, byte != UInt8(ascii: "\""), byte != 10, byte != 13 {
                delimiter = byte
            } else {
                report(e["delimiter"]?.value, "`delimiter` must be one ASCII character other than a quote or newline")
            }
        }
        var counters = SourceDefinition.Counters.daily
        if let text = string(e["counters"]?.value, "counters") {
            if let value = SourceDefinition.Counters(rawValue: text) { counters = value } else {
                report(e["counters"]?.value, "`counters` must be daily or cumulative, not `\(text)`")
            }
        }
        var snapshot: SourceDefinition.SnapshotDate?
        if let snapNode = e["snapshot_date"]?.value,
           let s = entries(snapNode, allowed: ["column", "filename"], what: "`snapshot_date`") {
            if let column = string(s["column"]?.value, "snapshot_date.column") {
                snapshot = .column(column)
            } else if let pattern = string(s["filename"]?.value, "snapshot_date.filename") {
                if let regex = try? NSRegularExpression(pattern: pattern), regex.numberOfCaptureGroups >= 1 {
                    snapshot = .filename(pattern)
                } else {
                    report(s["filename"]?.value, "`snapshot_date.filename` must be a regular expression with one capture group for the date")
                }
            } else {
                report(snapNode, "`snapshot_date` needs `column` or `filename`")
            }
        }
        let constants = e["constants"].map { stringMap($0.value, "constants") } ?? [:]
        var columns: [String: ColumnMapping] = [:]
        var columnNodes: [String: Node] = [:]
        if let columnsNode = e["columns"]?.value, let entries = entries(columnsNode, allowed: [], what: "`columns`") {
            for (field, pair) in entries {
                columnNodes[field] = pair.key
                if let scalar = pair.value.scalar {
                    columns[field] = ColumnMapping(column: scalar.string)
                } else if let long = self.entries(pair.value, allowed: ["column", "rate_of", "unit"], what: "`columns.\(field)`") {
                    guard let column = string(long["column"]?.value, "columns.\(field).column") else {
                        report(pair.value, "`columns.\(field)` needs `column`")
                        continue
                    }
                    var mapping = ColumnMapping(column: column)
                    mapping.rateOf = string(long["rate_of"]?.value, "columns.\(field).rate_of")
                    if let unit = string(long["unit"]?.value, "columns.\(field).unit") {
                        if let u = ColumnMapping.MoneyUnit(rawValue: unit) { mapping.unit = u } else {
                            report(long["unit"]?.value, "`unit` must be yuan or fen, not `\(unit)`")
                        }
                    }
                    columns[field] = mapping
                }
            }
        } else if e["columns"] == nil {
            report(node, "\(label) is missing `columns` (canonical field: export column)")
        }
        var valueMaps: [String: [String: String]] = [:]
        var valueMapNodes: [String: Node] = [:]
        if let mapsNode = e["value_maps"]?.value, let entries = entries(mapsNode, allowed: [], what: "`value_maps`") {
            for (field, pair) in entries {
                valueMapNodes[field] = pair.key
                valueMaps[field] = stringMap(pair.value, "value_maps.\(field)")
            }
        }
        var totals = ["合计", "总计", "汇总", "Total", "TOTAL", "total"]
        if let totalsNode = e["totals_markers"]?.value {
            if let sequence = totalsNode.sequence {
                totals = sequence.compactMap { string($0, "totals_markers") }
            } else {
                report(totalsNode, "`totals_markers` must be a list of strings")
            }
        }
        let restate = int(e["restate_days"]?.value, "restate_days", range: 0...366) ?? (record == .spendDaily ? 3 : 0)
        var freshness: Int? = 0
        if let node = e["freshness_days"]?.value {
            freshness = node.scalar?.string == "off" ? nil : int(node, "freshness_days (a number of days, or off)", range: 0...366)
        }

        // Cross-field checks, once the record type is known.
        if let record {
            let known = Dictionary(uniqueKeysWithValues: record.fields.map { ($0.name, $0) })
            for (field, mapping) in columns.sorted(by: { $0.key < $1.key }) {
                guard let spec = known[field] else {
                    let suggestion = closest(field, in: Array(known.keys)).map { "; did you mean `\($0)`?" } ?? ""
                    report(columnNodes[field], "`\(field)` is not a field of \(record.rawValue)\(suggestion)")
                    continue
                }
                if let rateOf = mapping.rateOf {
                    if spec.type != .count { report(columnNodes[field], "`rate_of` applies to count fields; `\(field)` is \(spec.type.rawValue)") }
                    if known[rateOf]?.type != .count || columns[rateOf] == nil {
                        report(columnNodes[field], "`rate_of: \(rateOf)` must name a count field that is itself mapped to a column")
                    }
                }
                if mapping.unit == .fen, spec.type != .money {
                    report(columnNodes[field], "`unit` applies to money fields; `\(field)` is \(spec.type.rawValue)")
                }
                if constants[field] != nil { report(columnNodes[field], "`\(field)` is both a constant and a column") }
            }
            for field in constants.keys.sorted() where known[field] == nil {
                report(e["constants"]?.value, "constant `\(field)` is not a field of \(record.rawValue)")
            }
            for field in valueMaps.keys.sorted() where known[field] == nil {
                report(valueMapNodes[field], "value map for `\(field)`, which is not a field of \(record.rawValue)")
            }
            if let statusMap = valueMaps["status"] {
                for (from, to) in statusMap.sorted(by: { $0.key < $1.key }) where !RecordType.orderStatuses.contains(to) {
                    report(valueMapNodes["status"], "status value `\(from)` maps to `\(to)`; use paid, completed, refunded or cancelled")
                }
            }
            let derivable: Set<String> = record == .events ? ["event_id"] : []
            let snapshotSupplies: Set<String> = counters == .cumulative ? ["stat_date"] : []
            for spec in record.fields where spec.required && !record.keyFieldsDefaultingToEmpty.contains(spec.name) {
                if columns[spec.name] == nil, constants[spec.name] == nil, !derivable.contains(spec.name), !snapshotSupplies.contains(spec.name) {
                    report(e["columns"]?.value ?? node, "\(label) must map `\(spec.name)` (a column or a constant): \(record.rawValue) needs it")
                }
            }
            if counters == .cumulative {
                if record != .contentDaily { report(e["counters"]?.value, "`counters: cumulative` applies to content_daily sources only") }
                if snapshot == nil { report(e["counters"]?.value, "`counters: cumulative` needs `snapshot_date` ({column: …} or {filename: '…(date)…'})") }
                if columns["stat_date"] != nil { report(columnNodes["stat_date"], "a cumulative source takes its date from `snapshot_date`; do not map `stat_date`") }
            } else if snapshot != nil {
                report(e["snapshot_date"]?.key, "`snapshot_date` is only used with `counters: cumulative`")
            }
        }
        if let format, format == .jsonl, skipLines > 0 { report(e["skip_lines"]?.value, "`skip_lines` applies to CSV only") }
        guard problems.count == before, let record else { return nil }
        return SourceDefinition(
            name: name, files: files, format: format, encoding: encoding, record: record, skipLines: skipLines,
            delimiter: delimiter, counters: counters, snapshotDate: snapshot, constants: constants, columns: columns,
            valueMaps: valueMaps, totalsMarkers: totals, restateDays: restate, freshnessLagDays: freshness)
    }
}

/// The candidate closest to `word` by edit distance, if reasonably close.
func closest(_ word: String, in candidates: [String]) -> String? {
    var best: (name: String, distance: Int)?
    for candidate in candidates {
        let distance = editDistance(word, candidate)
        if let current = best, current.distance < distance || (current.distance == distance && current.name <= candidate) { continue }
        best = (candidate, distance)
    }
    guard let best, best.distance <= max(2, word.count / 2) else { return nil }
    return best.name
}

/// Levenshtein distance over Unicode characters.
func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a), y = Array(b)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var previous = Array(0...y.count)
    var current = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
        current[0] = i
        for j in 1...y.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[y.count]
}
