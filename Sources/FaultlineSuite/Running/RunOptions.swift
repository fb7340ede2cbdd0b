/// How `faultline run` runs: the flags of the CLI as values.
public struct RunOptions: Sendable {
    /// Overrides every suite's seed.
    public var seed: UInt64?
    /// Forces every chaos scenario onto this clock.
    public var clock: ClockKind?
    /// Runs only scenarios whose `suite.scenario` name contains this text (case-insensitive).
    public var filter: String?
    public var shard: Shard?
    /// Unix seconds recorded as the run's start: `SOURCE_DATE_EPOCH` when set, so reports reproduce.
    public var startedAt: Double
    /// True under `SOURCE_DATE_EPOCH`: wall durations are not recorded for virtual-clock work.
    public var reproducible: Bool
    /// Called as scenarios start and finish, for a progress line.
    public var progress: (@Sendable (RunProgress) -> Void)?
    /// Set by `faultline canary`: only canary scenarios run, under these caps. `faultline run`
    /// leaves it nil and reports canary scenarios as skipped (they need keys and money).
    public var canary: CanaryOptions?
    /// An earlier run (`--baseline`): each scenario it also has gets one `vs_baseline` check
    /// per tolerance of its `regressions:`.
    public var baseline: RunResult?

    public init(
        seed: UInt64? = nil, clock: ClockKind? = nil, filter: String? = nil, shard: Shard? = nil, startedAt: Double = 0,
        reproducible: Bool = false, progress: (@Sendable (RunProgress) -> Void)? = nil
    ) {
        self.seed = seed
        self.clock = clock
        self.filter = filter
        self.shard = shard
        self.startedAt = startedAt
        self.reproducible = reproducible
        self.progress = progress
    }
}

/// One slice of the scenarios, for a CI matrix: `--shard 2/4` runs every 4th scenario from the 2nd.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// 1-based.
    public var index: Int
    public var count: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(i) else { return nil }
        index = i
        count = n
    }

    public func includes(_ ordinal: Int) -> Bool { ordinal % count == index - 1 }
    public var description: String { "\(index)/\(count)" }
}

public struct RunProgress: Sendable {
    public var completed: Int
    public var total: Int
    public var scenario: String
    public var finished: Bool
}
