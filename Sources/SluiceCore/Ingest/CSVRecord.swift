/// One CSV record: its fields (UTF-8 decoded) and the 1-based physical line where it starts.
public struct CSVRecord: Sendable, Equatable {
    /// The fields, unquoted.
    public var fields: [String]
    /// 1-based physical line where the record starts.
    public var line: Int

    /// A record with the given fields, starting on physical line `line`.
    public init(fields: [String], line: Int) {
        self.fields = fields
        self.line = line
    }
}
