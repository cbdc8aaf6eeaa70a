// libFuzzer target: every field parser on arbitrary text. Each must return a value, nil, or a
// FieldParseError (typed throws), and never trap on overflow or bad indices.
import Foundation
import SluiceCore

private let zone = TimeZone(identifier: "Asia/Shanghai")!

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFields(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? FieldParsers.count(text)
    _ = try? FieldParsers.fen(text)
    _ = try? FieldParsers.moneyFen(text)
    _ = try? FieldParsers.rate(text)
    _ = try? FieldParsers.durationMillis(text)
    _ = try? FieldParsers.timestampMillis(text, timeZone: zone)
    _ = try? FieldParsers.date(text, timeZone: zone)
    _ = try? FieldParsers.id(text)
    _ = FieldParsers.text(text)
    if let rate = try? FieldParsers.rate(text), let count = try? FieldParsers.count(String(text.reversed())) {
        _ = rate.multipliedRounded(by: count)
    }
    return 0
}
