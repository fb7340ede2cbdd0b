import FaultlineWire

/// Everything the mock's answers depend on: with the same configuration and the same
/// requests, the mock sends the same bytes.
public struct MockConfiguration: Sendable {
    public var seed: UInt64
    public var fixtures: [Fixture]
    /// Named mounts; "default" always exists (added when missing).
    public var providers: [MockProviderConfig]
    /// Applied to every provider.
    public var faults: [FaultSpec]
    /// Gap between generated stream chunks, in milliseconds.
    public var chunkGapMs: Double
    /// Generated answers' time to first byte, in milliseconds.
    public var firstByteMs: Double
    /// Unix time (seconds) of `elapsed == 0`, for the reset timestamps of rate-limit
    /// headers; nil takes the wall clock when the responder starts. Set it for
    /// byte-for-byte reproducible answers.
    public var epoch: Double?

    public init(
        seed: UInt64 = 0, fixtures: [Fixture] = [], providers: [MockProviderConfig] = [],
        faults: [FaultSpec] = [], chunkGapMs: Double = 20, firstByteMs: Double = 0, epoch: Double? = nil
    ) {
        self.epoch = epoch
        self.seed = seed
        self.fixtures = fixtures
        self.providers = providers.contains { $0.name == "default" } ? providers : [MockProviderConfig(name: "default")] + providers
        self.faults = faults
        self.chunkGapMs = chunkGapMs
        self.firstByteMs = firstByteMs
    }

    /// The provider mounted as `name`.
    public func provider(named name: String) -> MockProviderConfig? { providers.first { $0.name == name } }
}
