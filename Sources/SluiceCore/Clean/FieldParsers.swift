/// Parsers that turn one raw export value into one canonical field value (see docs/canonical-tables.md).
///
/// Every parser:
/// - trims surrounding whitespace (ASCII whitespace, no-break space, ideographic space U+3000,
///   zero-width space and a stray U+FEFF) before looking at the value;
/// - returns nil for a missing value (`isMissing`: empty cell or a placeholder such as `--`);
/// - throws `FieldParseError` naming the value when it is present but malformed, never guesses;
/// - works on the value's UTF-8 bytes without allocating on the common path (plain digits), and never
///   passes a count, an amount of money or an id through binary floating point.
///
/// The parsers are pure functions of their arguments and safe to call from any thread.
public enum FieldParsers {}
