/// 64-bit FNV-1a: the one stable hash behind derived random streams, the mock's ids and
/// the journal's fingerprints. The same in every run and on every platform, unlike
/// Swift's `Hasher`, which is seeded per process.
public enum FNV1a {
    public static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    /// The hash of `bytes`, continuing from `seed` (the offset basis for a fresh hash).
    /// Inlinable so a caller's `[UInt8]` or `String.UTF8View` hashes its contiguous bytes.
    @inlinable
    public static func hash(_ bytes: some Sequence<UInt8>, seed: UInt64 = offsetBasis) -> UInt64 {
        if let contiguous = bytes.withContiguousStorageIfAvailable({ Self.hash(buffer: $0, seed: seed) }) { return contiguous }
        var hash = seed
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= prime
        }
        return hash
    }

    @inlinable
    public static func hash(_ text: String) -> UInt64 { hash(text.utf8) }

    /// The low `digits` hex digits of `value`, zero-padded: ids and fingerprints built from a hash.
    public static func hex(_ value: UInt64, digits: Int) -> String {
        let alphabet: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: digits) { buffer in
            for i in 0..<digits {
                let nibble = Int((value >> UInt64(4 * (digits - 1 - i))) & 0xF)
                buffer[i] = alphabet.utf8Start[nibble]
            }
            return digits
        }
    }

    @usableFromInline static let prime: UInt64 = 0x0000_0100_0000_01b3

    @usableFromInline
    static func hash(buffer: UnsafeBufferPointer<UInt8>, seed: UInt64) -> UInt64 {
        var hash = seed
        for byte in buffer {
            hash ^= UInt64(byte)
            hash &*= prime
        }
        return hash
    }
}
