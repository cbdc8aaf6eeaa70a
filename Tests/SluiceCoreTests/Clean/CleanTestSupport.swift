import Foundation
@testable import SluiceCore

/// The reason a parser gave for rejecting a value, or nil when it accepted it.
func cleanRejection<T>(_ body: () throws(FieldParseError) -> T) -> String? {
    do {
        _ = try body()
        return nil
    } catch {
        return error.reason
    }
}

enum CleanZones {
    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!
    static let newYork = TimeZone(identifier: "America/New_York")!
    static let utc = TimeZone(identifier: "UTC")!
}
