/// Everything one `faultline run` produced: what the report writers render and
/// what `faultline merge` reads back. Codable with a fixed key order (`.sortedKeys`)
/// so two runs with the same seed and `SOURCE_DATE_EPOCH` serialise byte for byte alike.
public struct RunResult: Sendable, Hashable, Codable {
    /// Faultline's version, for trending results across releases.
    public var version: String
    /// Unix seconds when the run started (`SOURCE_DATE_EPOCH` when set).
    public var startedAt: Double
    /// Wall seconds the run took; 0 under `SOURCE_DATE_EPOCH` with the virtual clock, for reproducibility.
    public var duration: Double
    /// The seed given with `--seed`, if any (each suite records the seed it used).
    public var seed: UInt64?
    /// The shard this run was (`--shard i/n`), if any.
    public var shard: String?
    /// True when SIGINT stopped the run; the results hold what finished.
    public var interrupted: Bool
    public var suites: [SuiteResult]

    /// The scenario `name` of suite `suite`, if this run has it.
    public func scenario(suite: String, name: String) -> ScenarioResult? {
        suites.first { $0.name == suite }?.scenarios.first { $0.name == name }
    }

    public init(
        version: String, startedAt: Double, duration: Double, seed: UInt64? = nil, shard: String? = nil,
        interrupted: Bool = false, suites: [SuiteResult]
    ) {
        self.version = version
        self.startedAt = startedAt
        self.duration = duration
        self.seed = seed
        self.shard = shard
        self.interrupted = interrupted
        self.suites = suites
    }

    public var totals: CheckTotals { suites.reduce(into: CheckTotals()) { $0 += $1.totals } }
}

/// One suite file's results: a JUnit `<testsuite>`.
public struct SuiteResult: Sendable, Hashable, Codable {
    public var name: String
    /// The suite file, relative to the working directory.
    public var file: String
    public var seed: UInt64
    public var duration: Double
    public var scenarios: [ScenarioResult]

    public init(name: String, file: String, seed: UInt64, duration: Double, scenarios: [ScenarioResult]) {
        self.name = name
        self.file = file
        self.seed = seed
        self.duration = duration
        self.scenarios = scenarios
    }

    public var totals: CheckTotals { scenarios.reduce(into: CheckTotals()) { $0 += $1.totals } }
}

/// Counts of checks by status, as JUnit totals them.
public struct CheckTotals: Sendable, Hashable, Codable {
    public var tests = 0
    public var failures = 0
    public var errors = 0
    public var skipped = 0

    public init(tests: Int = 0, failures: Int = 0, errors: Int = 0, skipped: Int = 0) {
        self.tests = tests
        self.failures = failures
        self.errors = errors
        self.skipped = skipped
    }

    public var passed: Int { tests - failures - errors - skipped }

    public static func += (lhs: inout CheckTotals, rhs: CheckTotals) {
        lhs.tests += rhs.tests
        lhs.failures += rhs.failures
        lhs.errors += rhs.errors
        lhs.skipped += rhs.skipped
    }
}
