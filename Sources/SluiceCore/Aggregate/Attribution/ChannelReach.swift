/// How far one channel key reached in the window, and how many of the users it reached converted through it.
///
/// - `touches`: touch events with this key whose time falls in the window.
/// - `usersReached`: distinct users with at least one such touch in the window.
/// - `convertingUsers`: users reached (as above) who have at least one conversion in the window
///   with a touchpoint of this key (that touchpoint may lie in the lookback before the window).
/// - `conversionRate`: convertingUsers / usersReached; nil when no user was reached in the window.
public struct ChannelReach: Sendable, Equatable {
    public var key: String
    public var touches: Int
    public var usersReached: Int
    public var convertingUsers: Int

    public init(key: String, touches: Int, usersReached: Int, convertingUsers: Int) {
        self.key = key
        self.touches = touches
        self.usersReached = usersReached
        self.convertingUsers = convertingUsers
    }

    public var conversionRate: Double? {
        usersReached > 0 ? Double(convertingUsers) / Double(usersReached) : nil
    }
}

/// Counts `ChannelReach` per channel id during the single pass, with per-channel "last user seen"
/// stamps instead of per-user sets.
struct ReachCounter {
    private(set) var touches: [Int] = []
    private(set) var usersReached: [Int] = []
    private(set) var convertingUsers: [Int] = []
    private var reachedStamp: [Int32] = []
    private var convertedStamp: [Int32] = []
    /// Channels that were a touchpoint of one of the current user's conversions.
    private var convertedThisUser: [Int32] = []

    mutating func grow(to count: Int) {
        guard touches.count < count else { return }
        let extra = count - touches.count
        touches += [Int](repeating: 0, count: extra)
        usersReached += [Int](repeating: 0, count: extra)
        convertingUsers += [Int](repeating: 0, count: extra)
        reachedStamp += [Int32](repeating: -1, count: extra)
        convertedStamp += [Int32](repeating: -1, count: extra)
    }

    /// A touch of `channel` in the window by user number `user`.
    @inline(__always)
    mutating func touch(_ channel: Int32, user: Int32) {
        let c = Int(channel)
        touches[c] += 1
        if reachedStamp[c] != user {
            reachedStamp[c] = user
            usersReached[c] += 1
        }
    }

    /// `channel` was a touchpoint of a conversion (in the window) of user number `user`.
    @inline(__always)
    mutating func converted(_ channel: Int32, user: Int32) {
        let c = Int(channel)
        if convertedStamp[c] != user {
            convertedStamp[c] = user
            convertedThisUser.append(channel)
        }
    }

    /// Closes user number `user`: channels it both was reached by in the window and converted through count it once.
    mutating func finishUser(_ user: Int32) {
        for channel in convertedThisUser where reachedStamp[Int(channel)] == user {
            convertingUsers[Int(channel)] += 1
        }
        convertedThisUser.removeAll(keepingCapacity: true)
    }
}
