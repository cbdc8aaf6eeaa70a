import Foundation

/// A fast 64-bit fingerprint of a file's bytes, used by the manifest to tell a changed file from
/// an unchanged one. Not cryptographic; collisions between two versions of one export are
/// vanishingly unlikely (2^-64).
public enum ContentHash {
    /// Hashes the file at `path` by streaming it in 1 MiB blocks.
    public static func ofFile(at path: String) throws -> String {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw SluiceError(.io, "cannot open: \(String(cString: strerror(errno)))", file: path)
        }
        defer { close(fd) }
        var state = State()
        let size = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 8)
        defer { buffer.deallocate() }
        while true {
            let n = read(fd, buffer.baseAddress, size)
            if n < 0 {
                if errno == EINTR { continue }
                throw SluiceError(.io, "read failed: \(String(cString: strerror(errno)))", file: path)
            }
            if n == 0 { break }
            state.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        }
        return state.hexDigest
    }

    /// Hashes bytes in memory (for tests and small inputs).
    public static func of(_ bytes: [UInt8]) -> String {
        var state = State()
        bytes.withUnsafeBytes { state.update($0) }
        return state.hexDigest
    }

    /// Two independent multiply-rotate lanes over 8-byte words, folded with the length.
    struct State {
        var a: UInt64 = 0x9E37_79B9_7F4A_7C15
        var b: UInt64 = 0xC2B2_AE3D_27D4_EB4F
        var length: UInt64 = 0
        var tail: [UInt8] = []

        mutating func update(_ bytes: UnsafeRawBufferPointer) {
            var start = 0
            length &+= UInt64(bytes.count)
            if !tail.isEmpty {
                while tail.count < 8, start < bytes.count { tail.append(bytes[start]); start += 1 }
                if tail.count == 8 {
                    let word = tail.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                    mix(word)
                    tail.removeAll(keepingCapacity: true)
                }
            }
            var i = start
            while i + 8 <= bytes.count {
                mix(bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                i += 8
            }
            while i < bytes.count { tail.append(bytes[i]); i += 1 }
        }

        @inline(__always) mutating func mix(_ word: UInt64) {
            a = (a ^ word) &* 0xFF51_AFD7_ED55_8CCD
            a = (a << 31) | (a >> 33)
            b = (b &+ word) &* 0xC4CE_B9FE_1A85_EC53
            b = (b << 27) | (b >> 37)
        }

        var hexDigest: String {
            var copy = self
            var last: UInt64 = 0
            for (k, byte) in tail.enumerated() { last |= UInt64(byte) << (8 * UInt64(k)) }
            copy.mix(last ^ (copy.length << 3))
            var h = copy.a ^ (copy.b &* 0x9E37_79B9_7F4A_7C15)
            h ^= h >> 33; h = h &* 0xFF51_AFD7_ED55_8CCD; h ^= h >> 33
            let hex = String(h, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }
    }
}
