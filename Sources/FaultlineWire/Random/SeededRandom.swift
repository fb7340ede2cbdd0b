/// A small, fast, seedable generator (SplitMix64). Every random choice in Faultline
/// (fault scheduling, jitter, generated answers) draws from one of these, derived
/// from the scenario seed, so a run with the same seed makes the same choices.
public struct SeededRandom: RandomNumberGenerator, Sendable, Hashable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A generator for a named sub-stream (a provider, a request index) that does not
    /// disturb the parent's sequence.
    public func derived(_ label: String, _ index: Int = 0) -> SeededRandom {
        let hash = FNV1a.hash(label)
        var mixer = SeededRandom(seed: state ^ hash ^ (UInt64(bitPattern: Int64(index)) &* 0x9E37_79B9_7F4A_7C15))
        return SeededRandom(seed: mixer.next())
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }
}
