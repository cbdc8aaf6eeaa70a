/// Limits that protect against hostile inputs; exceeding one throws `SluiceError(.limit, ...)` naming
/// the limit and how to raise it (pipeline key `limits.<name>`).
public struct ReaderLimits: Sendable, Equatable {
    /// Longest CSV field, in bytes (`limits.max_field_bytes`).
    public var maxFieldBytes: Int = 16 << 20
    /// Most fields in one CSV record (`limits.max_columns`).
    public var maxColumns: Int = 10_000
    /// Longest JSON line or CSV record, in bytes (`limits.max_line_bytes`).
    public var maxLineBytes: Int = 64 << 20
    /// Deepest nesting of JSON objects and arrays (`limits.max_json_depth`).
    public var maxJSONDepth: Int = 64

    /// The default limits.
    public init() {}
}

extension ReaderLimits {
    /// The error for an input that exceeds the limit whose pipeline key is `limits.<key>`.
    static func exceeded(
        _ what: String, key: String, limit: Int, file: String, line: Int? = nil, byteOffset: Int? = nil
    ) -> SluiceError {
        SluiceError(
            .limit, "\(what) exceeds limits.\(key) (\(limit))", file: file, line: line, byteOffset: byteOffset,
            hint: "if the file is trusted, raise limits.\(key) in the pipeline definition")
    }
}
