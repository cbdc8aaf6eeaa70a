/// A 256-entry table classifying bytes for the CSV scanner, so that its inner loops test one table
/// entry per byte instead of comparing against each special byte.
final class CSVByteClasses {
    static let delimiter: UInt8 = 1
    static let lineFeed: UInt8 = 2
    static let carriageReturn: UInt8 = 4
    static let quote: UInt8 = 8
    /// Bytes that end an unquoted field.
    static let endsUnquoted: UInt8 = delimiter | lineFeed | carriageReturn
    /// Bytes that need attention inside a quoted field (the quote, and line ends for line counting).
    static let specialInQuotes: UInt8 = quote | lineFeed | carriageReturn

    /// The class bits of each byte value.
    let table: UnsafeMutablePointer<UInt8>

    init(delimiter: UInt8) {
        table = .allocate(capacity: 256)
        table.initialize(repeating: 0, count: 256)
        table[Int(UInt8(ascii: "\n"))] |= Self.lineFeed
        table[Int(UInt8(ascii: "\r"))] |= Self.carriageReturn
        table[Int(UInt8(ascii: "\""))] |= Self.quote
        table[Int(delimiter)] |= Self.delimiter
    }

    deinit { table.deallocate() }
}
