/// Why a field value could not be parsed.
///
/// `reason` is a short English sentence that names the offending value, e.g. `'12abc' is not a count`.
/// The Clean stage adds the file, line and column when it quarantines the row.
public struct FieldParseError: Error, Equatable, Sendable, CustomStringConvertible {
    public var reason: String

    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { reason }

    /// `'<value>' <rest>`, with the value shortened so that a 16 MiB field cannot produce a 16 MiB message.
    static func value(_ text: String, _ rest: String) -> FieldParseError {
        FieldParseError("'\(quoted(text))' \(rest)")
    }

    /// The value as shown inside an error message: trimmed of surrounding whitespace and cut to 60 characters.
    static func quoted(_ text: String) -> String {
        let trimmed = text.trimmingSluiceWhitespace()
        guard trimmed.unicodeScalars.count > 60 else { return trimmed }
        return String(String.UnicodeScalarView(trimmed.unicodeScalars.prefix(60))) + "…"
    }
}

extension String {
    /// This string without the whitespace that `ByteScan.trim` removes (slow path, for messages only).
    fileprivate func trimmingSluiceWhitespace() -> String {
        var copy = self
        return copy.withUTF8 { buffer in
            let r = ByteScan.trim(buffer, 0, buffer.count)
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[r.lower..<r.upper]), as: UTF8.self)
        }
    }
}
