import Foundation

/// Turns the raw text values of one export row into the typed values of a canonical record.
///
/// Built once per file from the source definition; `requestedColumns` says which export columns
/// (CSV headers or JSON key paths) the reader must supply, in the order `map` expects them.
public final class RecordMapper {
    private enum Plan {
        case column(index: Int, mapping: ColumnMapping)
        case value(SQLValue)
        case derivedEventID
        case absent
    }

    public let record: RecordType
    public let fields: [FieldSpec]
    /// Distinct export columns to read, in the order of the values passed to `map`.
    public let requestedColumns: [String]
    private let plans: [Plan]
    private let valueMaps: [Int: [String: String]]
    private let rateFields: [(field: Int, of: Int)]
    /// Key fields stored as the empty string when the export has no value (see `RecordType.keyFieldsDefaultingToEmpty`).
    private let emptyKeyFields: [Int]
    private let timeZone: TimeZone
    /// Replaces `user_id` values by keyed pseudonyms (`privacy.pseudonymize_user_ids`).
    let pseudonymizer: Pseudonymizer?
    /// Position of `user_id` in `fields`, when pseudonymising.
    private let userIDField: Int?
    /// Position in `requestedColumns` of the column `user_id` is read from, when pseudonymising.
    let userIDColumn: Int?

    /// - Parameter fixed: values for fields that come from outside the row (a snapshot date taken from the file name).
    public init(source: SourceDefinition, timeZone: TimeZone, fixed: [String: SQLValue] = [:]) throws {
        record = source.record
        fields = source.record.fields
        self.timeZone = timeZone
        var columns: [String] = []
        var plans: [Plan] = []
        var maps: [Int: [String: String]] = [:]
        for (i, spec) in fields.enumerated() {
            if let value = fixed[spec.name] {
                plans.append(.value(value))
            } else if let mapping = source.columns[spec.name] {
                let index: Int
                if let existing = columns.firstIndex(of: mapping.column) { index = existing } else {
                    index = columns.count
                    columns.append(mapping.column)
                }
                plans.append(.column(index: index, mapping: mapping))
            } else if let constant = source.constants[spec.name] {
                switch RecordMapper.parse(constant, spec: spec, mapping: ColumnMapping(column: ""), timeZone: timeZone) {
                case .success(let value): plans.append(.value(value))
                case .failure(let rejection):
                    throw SluiceError(.definition, "source `\(source.name)`: constant \(spec.name): \(rejection.reason)")
                }
            } else if spec.name == "event_id" {
                plans.append(.derivedEventID)
            } else if source.record.keyFieldsDefaultingToEmpty.contains(spec.name) {
                plans.append(.value(.text("")))
            } else {
                plans.append(.absent)
            }
            if let map = source.valueMaps[spec.name] { maps[i] = map }
        }
        var rates: [(Int, Int)] = []
        for (i, spec) in fields.enumerated() {
            if let of = source.columns[spec.name]?.rateOf, let j = fields.firstIndex(where: { $0.name == of }) {
                rates.append((i, j))
            }
        }
        requestedColumns = columns
        self.plans = plans
        valueMaps = maps
        rateFields = rates
        let defaultingToEmpty = source.record.keyFieldsDefaultingToEmpty
        emptyKeyFields = source.record.fields.indices.filter { defaultingToEmpty.contains(source.record.fields[$0].name) }
        pseudonymizer = source.userIDPseudonymizer
        userIDField = pseudonymizer == nil ? nil : fields.firstIndex { $0.name == "user_id" }
        userIDColumn = userIDField.flatMap { i in
            if case .column(let index, _) = plans[i] { return index } else { return nil }
        }
    }

    /// Maps one row: `values[i]` is the text of `requestedColumns[i]`, nil when absent.
    public func map(_ values: [String?]) -> Result<[SQLValue], Rejection> {
        var out = [SQLValue](repeating: .null, count: fields.count)
        if let rejection = map(values, into: &out, at: 0) { return .failure(rejection) }
        return .success(out)
    }

    /// `map` writing the record into `out[base ..< base + fields.count]` (which must exist) instead of
    /// a new array: the ingest hot path appends rows to a batch without an allocation per row.
    /// Returns the rejection, or nil when the row mapped (the slots are then the record's values).
    func map(_ values: [String?], into out: inout [SQLValue], at base: Int) -> Rejection? {
        for i in 0..<fields.count { out[base + i] = .null }
        var rateTexts: [Int: String] = [:]
        var deriveID = -1
        for (i, plan) in plans.enumerated() {
            let spec = fields[i]
            switch plan {
            case .value(let value):
                out[base + i] = value
            case .absent:
                break
            case .derivedEventID:
                deriveID = i
            case .column(let index, let mapping):
                guard index < values.count, var text = values[index] else { break }
                if let map = valueMaps[i] {
                    let key = text.trimmingCharacters(in: .whitespaces)
                    if let mapped = map[key] {
                        text = mapped
                    } else if spec.type == .status, !RecordType.orderStatuses.contains(key), !FieldParsers.isMissing(key) {
                        return Rejection(
                            column: mapping.column, field: spec.name,
                            reason: "unknown \(mapping.column) value '\(key)'; add it to value_maps.\(spec.name)")
                    }
                }
                if mapping.rateOf != nil {
                    rateTexts[i] = text
                    continue
                }
                switch RecordMapper.parse(text, spec: spec, mapping: mapping, timeZone: timeZone) {
                case .success(let value): out[base + i] = value
                case .failure(var rejection):
                    rejection.column = mapping.column
                    if i == userIDField {
                        // The parser's reason quotes the raw value; a pseudonymised id must not be shown.
                        rejection.reason = "\(mapping.column) is not a valid user id (the value is not shown: user ids are pseudonymised)"
                    }
                    return rejection
                }
            }
        }
        for (field, of) in rateFields {
            guard let text = rateTexts[field] else { continue }
            let column = requestedColumnName(field)
            do throws(FieldParseError) {
                guard let rate = try FieldParsers.rate(text) else { continue }
                guard case .integer(let whole) = out[base + of] else { continue }
                guard let value = rate.multipliedRounded(by: whole) else {
                    return Rejection(column: column, field: fields[field].name, reason: "'\(text)' × \(whole) overflows")
                }
                out[base + field] = .integer(value)
            } catch {
                return Rejection(column: column, field: fields[field].name, reason: error.reason)
            }
        }
        for i in emptyKeyFields where out[base + i] == .null { out[base + i] = .text("") }
        if let field = userIDField, let pseudonymizer, case .text(let id) = out[base + field], !id.isEmpty {
            out[base + field] = .text(pseudonymizer.pseudonym(id))
        }
        if deriveID >= 0 { out[base + deriveID] = .text(RecordMapper.derivedID(out[base ..< base + fields.count])) }
        for (i, spec) in fields.enumerated() where spec.required {
            if case .null = out[base + i] {
                let column = requestedColumnName(i)
                return Rejection(
                    column: column, field: spec.name,
                    reason: column.map { "\(spec.name) is required but \($0) is empty" } ?? "\(spec.name) is required but missing")
            }
        }
        return nil
    }

    private func requestedColumnName(_ field: Int) -> String? {
        if case .column(let index, _) = plans[field] { return requestedColumns[index] }
        return nil
    }

    /// A stable id for a row that has none: FNV-1a (64-bit) over the row's values.
    static func derivedID<Values: Collection<SQLValue>>(_ values: Values) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for value in values {
            let text: String
            switch value {
            case .null: text = "\u{0}"
            case .integer(let v): text = String(v)
            case .real(let v): text = String(v)
            case .text(let v): text = v
            }
            for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            hash = (hash ^ 0x1f) &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "h" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Parses one text value as the given canonical field.
    static func parse(_ text: String, spec: FieldSpec, mapping: ColumnMapping, timeZone: TimeZone) -> Result<SQLValue, Rejection> {
        do throws(FieldParseError) {
            let value: SQLValue
            switch spec.type {
            case .text, .status:
                value = FieldParsers.text(text).map(SQLValue.text) ?? .null
                if spec.type == .status, case .text(let status) = value, !RecordType.orderStatuses.contains(status) {
                    return .failure(Rejection(field: spec.name, reason: "status '\(status)' is not paid, completed, refunded or cancelled; add a value map"))
                }
            case .id:
                value = try FieldParsers.id(text).map(SQLValue.text) ?? .null
            case .count:
                let count = try FieldParsers.count(text)
                if let count, count < 0, !RecordType.signedCounts.contains(spec.name) {
                    return .failure(Rejection(field: spec.name, reason: "\(spec.name) '\(text)' is negative"))
                }
                value = count.map(SQLValue.integer) ?? .null
            case .money:
                value = try (mapping.unit == .fen ? FieldParsers.fen(text) : FieldParsers.moneyFen(text)).map(SQLValue.integer) ?? .null
            case .duration:
                value = try FieldParsers.durationMillis(text).map(SQLValue.integer) ?? .null
            case .timestamp:
                value = try FieldParsers.timestampMillis(text, timeZone: timeZone).map(SQLValue.integer) ?? .null
            case .date:
                value = try FieldParsers.date(text, timeZone: timeZone).map { SQLValue.text($0.iso) } ?? .null
            }
            return .success(value)
        } catch {
            return .failure(Rejection(field: spec.name, reason: error.reason))
        }
    }
}
