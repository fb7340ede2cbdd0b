import FaultlineWire

/// A suite file as loaded and validated: scenarios ready to run.
public struct SuiteDefinition: Sendable {
    public var name: String
    public var file: String
    public var seed: UInt64
    public var scenarios: [ScenarioDefinition]

    public init(name: String, file: String, seed: UInt64, scenarios: [ScenarioDefinition]) {
        self.name = name
        self.file = file
        self.seed = seed
        self.scenarios = scenarios
    }
}

/// The clock a chaos scenario runs on.
public enum ClockKind: String, Sendable, Hashable, CaseIterable {
    /// Real sockets against the in-process mock, real time.
    case wall
    /// A discrete-event simulation: the same chain and scripts, simulated time.
    case virtual
}

/// One scenario: task × chain × fault plan × load × expectations.
public struct ScenarioDefinition: Sendable {
    public var name: String
    public var kind: ScenarioResult.Kind
    public var description: String?
    /// The line of the scenario in its suite file, for errors found while running.
    public var line: Int
    public var task: TaskDefinition?
    /// The chain file as written in the suite (for reports) and the loaded chain.
    public var chainFile: String
    public var chain: ChainSetup?
    /// Faults per provider name; `*` applies to every provider.
    public var faults: [String: [String]]
    public var requests: Int
    public var concurrency: Int
    /// Requests per second for an open-loop arrival process, instead of closed-loop concurrency.
    public var arrivalRate: Double?
    public var clock: ClockKind
    /// Also run the task fault-free on the primary alone ("default provider for everything").
    public var baseline: Bool
    public var expectations: [Expectation]
    /// Conformance: the fixture root to check.
    public var fixtures: String?
    /// Scenario seed: the suite seed mixed with the scenario name unless given.
    public var seed: UInt64
    /// Reason to skip, when the scenario is declared `skip: "reason"`.
    public var skip: String?
    /// How fast the mock answers when no fault says otherwise.
    public var timing: MockTiming
    /// A gateway scenario's black box: the endpoint driven and the mock port its upstreams use.
    public var gateway: GatewayTarget?
    /// How far each metric may move from a `--baseline` run (`regressions:`); empty uses the defaults.
    public var regressions: [String: Tolerance] = [:]
    /// A canary whose keys are not set is skipped (`missing_key: skip`) instead of refused.
    public var skipWithoutKeys = false

    public init(
        name: String, kind: ScenarioResult.Kind, description: String? = nil, line: Int = 1, task: TaskDefinition? = nil,
        chainFile: String = "", chain: ChainSetup? = nil, faults: [String: [String]] = [:], requests: Int = 100,
        concurrency: Int = 8, arrivalRate: Double? = nil, clock: ClockKind = .virtual, baseline: Bool = false,
        expectations: [Expectation] = [], fixtures: String? = nil, seed: UInt64 = 0, skip: String? = nil,
        timing: MockTiming = MockTiming()
    ) {
        self.name = name
        self.kind = kind
        self.description = description
        self.line = line
        self.task = task
        self.chainFile = chainFile
        self.chain = chain
        self.faults = faults
        self.requests = requests
        self.concurrency = concurrency
        self.arrivalRate = arrivalRate
        self.clock = clock
        self.baseline = baseline
        self.expectations = expectations
        self.fixtures = fixtures
        self.seed = seed
        self.skip = skip
        self.timing = timing
    }
}

/// The gateway a `kind: gateway` scenario drives: its own endpoint, in one dialect, while the
/// mock on `mockPort` stands in for every upstream the gateway is configured with (the chain's
/// providers, mounted at `/{provider}/…`, under the scenario's faults).
public struct GatewayTarget: Sendable, Hashable {
    /// The gateway's base URL, e.g. `http://127.0.0.1:4000`.
    public var url: String
    public var dialect: DialectID
    /// The model name sent to the gateway (its route name); nil sends the task's model.
    public var model: String?
    /// The fixed loopback port the mock listens on, where the gateway's upstreams point.
    public var mockPort: Int
    /// The environment variable holding the gateway's own key, if it wants one.
    public var apiKeyEnv: String?
    /// Milliseconds to wait, with the mock already listening, before the first task; the
    /// journal and the mock's counters are then cleared. Gateways keep state across
    /// scenarios (LiteLLM cools a failing deployment down for `cooldown_time`): waiting it
    /// out keeps one scenario's outage from deciding the next one's routing.
    public var settleMs: Double = 0

    public static let defaultMockPort = 8089
    /// The longest `settle_ms` accepted: ten minutes.
    public static let maxSettleMs: Double = 600_000

    public init(url: String, dialect: DialectID = .openAIChat, model: String? = nil, mockPort: Int = defaultMockPort, apiKeyEnv: String? = nil) {
        self.url = url
        self.dialect = dialect
        self.model = model
        self.mockPort = mockPort
        self.apiKeyEnv = apiKeyEnv
    }
}

/// The mock's pace for generated answers. A provider is never instant: without a time to
/// first byte, virtual-clock latencies would measure only the waits between attempts.
public struct MockTiming: Sendable, Hashable {
    /// Time to the response head, in milliseconds (suite key `first_byte_ms`).
    public var firstByteMs: Double
    /// Gap between stream chunks, in milliseconds (suite key `chunk_gap_ms`).
    public var chunkGapMs: Double

    public init(firstByteMs: Double = 300, chunkGapMs: Double = 20) {
        self.firstByteMs = firstByteMs
        self.chunkGapMs = chunkGapMs
    }
}
