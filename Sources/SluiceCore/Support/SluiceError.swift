/// An error raised anywhere in the pipeline, carrying where it happened and what to do about it.
///
/// Every input problem Sluice reports names the file and, where known, the line, column and byte
/// offset, so that the user can open the file at the right place.
public struct SluiceError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Which stage or mechanism raised the error.
    public enum Kind: String, Sendable {
        case io, gzip, encoding, csv, json, definition, mapping, store, limit, usage
        /// Another run holds the database's run lock.
        case lock
    }

    public var kind: Kind
    public var message: String
    public var file: String?
    public var line: Int?
    public var column: Int?
    /// Byte offset of the problem: in the file as stored for gzip errors, in the decompressed
    /// text for encoding errors.
    public var byteOffset: Int?
    /// What the user can do about it.
    public var hint: String?

    public init(
        _ kind: Kind, _ message: String, file: String? = nil, line: Int? = nil, column: Int? = nil,
        byteOffset: Int? = nil, hint: String? = nil
    ) {
        self.kind = kind
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.byteOffset = byteOffset
        self.hint = hint
    }

    /// `file:line:column: message (at byte N) — hint`
    public var description: String {
        var location = ""
        if let file { location = file }
        if let line { location += (location.isEmpty ? "line " : ":") + String(line) }
        if let column, line != nil { location += ":" + String(column) }
        var text = location.isEmpty ? message : location + ": " + message
        if let byteOffset { text += " (at byte \(byteOffset))" }
        if let hint { text += ". " + hint }
        return text
    }

    /// The same error with a file name filled in when it had none.
    public func inFile(_ path: String) -> SluiceError {
        var copy = self
        if copy.file == nil { copy.file = path }
        return copy
    }
}
