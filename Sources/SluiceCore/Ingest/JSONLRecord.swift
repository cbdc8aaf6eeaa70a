/// One JSON-lines record: the values at the requested paths (nil when absent or JSON null), or why
/// the line is not a valid JSON object.
public struct JSONLRecord: Sendable, Equatable {
    /// 1-based line number.
    public var line: Int
    /// The line's text, without its line end (for the quarantine).
    public var raw: String
    /// One value per requested path, in the order given to the reader.
    public var values: [String?]
    /// Why the line is malformed; nil when it parsed.
    public var error: String?

    /// A record for line `line`.
    public init(line: Int, raw: String, values: [String?], error: String?) {
        self.line = line
        self.raw = raw
        self.values = values
        self.error = error
    }
}
