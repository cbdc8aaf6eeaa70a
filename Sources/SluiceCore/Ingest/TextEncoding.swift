/// The character encoding of an input file.
public enum TextEncoding: String, Sendable {
    /// Decide from a byte-order mark, else UTF-8 when the start of the file is valid UTF-8, else GB18030.
    case auto
    /// UTF-8, validated while reading.
    case utf8 = "utf-8"
    /// GB18030, a superset of GBK and GB2312; transcoded to UTF-8 while reading.
    case gb18030
}
