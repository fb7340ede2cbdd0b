/// 64-bit FNV-1a: the one stable hash behind derived random streams, the mock's ids and
/// the journal's fingerprints. The same in every run and on every platform, unlike
/// Swift's `Hasher`, which is seeded per process.
public enum FNV1a {
    public static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    /// The hash of `bytes`, continuing from `seed` (the offset basis for a fresh hash).
    public static func hash(_ bytes: some Sequence<UInt8>, seed: UInt64 = offsetBasis) -> UInt64 {
        var hash = seed
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    public static func hash(_ text: String) -> UInt64 { hash(text.utf8) }
}
