/// Replaces user ids by keyed pseudonyms (`privacy.pseudonymize_user_ids`).
///
/// The pseudonym is `p_` and the first 128 bits of HMAC-SHA256(key, id) in hexadecimal: the same
/// key gives the same pseudonym for an id in every run, so joins across files, days and reports
/// still work; without the key the raw id cannot be recovered or confirmed.
public struct Pseudonymizer: Sendable {
    private let mac: HMACSHA256

    /// - Parameter key: the secret key (the bytes of the environment variable's value).
    public init(key: [UInt8]) {
        mac = HMACSHA256(key: key)
    }

    /// The pseudonym of `id`.
    public func pseudonym(_ id: String) -> String {
        "p_" + hexString(mac.authenticate(id.utf8).prefix(16))
    }
}

/// Privacy settings of a pipeline (`privacy` in the definition).
public struct PrivacyOptions: Sendable {
    /// Store keyed pseudonyms instead of raw `user_id` values (events and orders).
    public var pseudonymizeUserIDs = false
    /// The environment variable holding the key.
    public var keyEnvironmentVariable = "SLUICE_USER_ID_KEY"

    public init() {}
}
