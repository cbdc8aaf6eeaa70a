/// Deterministic randomness for the fixtures: SplitMix64, seeded from a label.
///
/// Only integer arithmetic and IEEE +, -, *, / are used on top of it (no libm transcendental
/// functions), so every machine draws the same values and writes the same bytes.
struct SplitMix64 {
    private(set) var state: UInt64

    init(seed: UInt64) { state = seed }

    /// A stream named by `label` (and an optional number), independent of every other stream, so
    /// that changing one export family does not shift the values drawn for another.
    init(_ label: String, _ salt: UInt64 = 0) {
        state = fnv1a64(label) ^ (salt &* 0x9E37_79B9_7F4A_7C15)
        _ = next()
    }

    @inline(__always)
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0..<n (n > 0).
    @inline(__always)
    mutating func below(_ n: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// Uniform in the closed range.
    @inline(__always)
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// Uniform in [0, 1).
    @inline(__always)
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    @inline(__always)
    mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// A factor in [1 - spread, 1 + spread].
    mutating func around(_ spread: Double) -> Double { 1 - spread + 2 * spread * unit() }

    /// Roughly normal with mean 0 and standard deviation 1 (Irwin–Hall of four uniforms).
    mutating func gauss() -> Double {
        (unit() + unit() + unit() + unit() - 2) * 1.7320508075688772
    }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// An index drawn with the given (non-negative) weights.
    mutating func weighted(_ weights: [Double]) -> Int {
        var total = 0.0
        for w in weights { total += w }
        var x = unit() * total
        for (i, w) in weights.enumerated() {
            if x < w { return i }
            x -= w
        }
        return weights.count - 1
    }

    /// `n` random digits, the first one from `first` (e.g. "123456789" to avoid a leading zero).
    mutating func digits(_ n: Int, first: String = "123456789") -> String {
        let firstChars = Array(first)
        var s = String(firstChars[below(firstChars.count)])
        for _ in 1..<n { s.append(Character(Unicode.Scalar(UInt8(48 + below(10))))) }
        return s
    }

    /// `n` characters from `alphabet`.
    mutating func string(_ n: Int, from alphabet: String) -> String {
        let chars = Array(alphabet)
        var s = ""
        for _ in 0..<n { s.append(chars[below(chars.count)]) }
        return s
    }
}

/// Rounds half away from zero to an Int (deterministic IEEE arithmetic).
@inline(__always)
func iround(_ x: Double) -> Int { Int(x.rounded()) }

/// FNV-1a, 64-bit, over the UTF-8 bytes of `text`.
func fnv1a64(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return hash
}

/// Running FNV-1a 64-bit checksum (used for the large-mode event id checksum).
struct FNV1a64 {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
    @inline(__always)
    mutating func add(_ byte: UInt8) { value = (value ^ UInt64(byte)) &* 0x100_0000_01b3 }
    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) { for b in bytes { add(b) } }
    var hex: String {
        let h = String(value, radix: 16)
        return String(repeating: "0", count: 16 - h.count) + h
    }
}
