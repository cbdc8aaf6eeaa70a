/// Why a row was not loaded: which export column and canonical field, and a sentence a person can act on.
public struct Rejection: Error, Sendable, Equatable {
    public var column: String?
    public var field: String?
    public var reason: String
}
