/// One scenario's results: its metrics and one check per expectation.
public struct ScenarioResult: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case conformance, chaos, gateway, canary
    }

    public var name: String
    public var kind: Kind
    public var description: String?
    /// `wall` or `virtual`.
    public var clock: String
    public var requests: Int
    public var concurrency: Int
    /// The chain file or name the scenario ran (chaos), empty for conformance.
    public var chain: String
    /// Faults per provider, as written (`"openai-primary": ["throttle(retry_after=2, first=2)"]`).
    public var faults: [String: [String]]
    /// Wall seconds the scenario took to run (0 on the virtual clock, which is reproducible).
    public var duration: Double
    /// Scenario-level metrics in a fixed order (`success_rate`, `latency_ms.p99`, …).
    public var metrics: [Metric]
    /// The same metrics per provider (`attempts`, `shape_stability`, `health`, …).
    public var providers: [ProviderMetrics]
    /// Metrics of the fault-free baseline run ("default provider for everything"), when asked for.
    public var baseline: [Metric]?
    /// The same scenario's metrics in the `--baseline` run this one was gated against.
    public var previous: [Metric]?
    /// End-to-end latency distribution, for plots: (latency ms, cumulative fraction) points.
    public var latencyCDF: [CDFPoint]
    public var checks: [CheckResult]
    /// Why the scenario could not run at all (bad config, mock would not start), if so.
    public var error: String?

    public init(
        name: String, kind: Kind, description: String? = nil, clock: String, requests: Int, concurrency: Int,
        chain: String = "", faults: [String: [String]] = [:], duration: Double = 0, metrics: [Metric] = [],
        providers: [ProviderMetrics] = [], baseline: [Metric]? = nil, latencyCDF: [CDFPoint] = [],
        checks: [CheckResult] = [], error: String? = nil
    ) {
        self.name = name
        self.kind = kind
        self.description = description
        self.clock = clock
        self.requests = requests
        self.concurrency = concurrency
        self.chain = chain
        self.faults = faults
        self.duration = duration
        self.metrics = metrics
        self.providers = providers
        self.baseline = baseline
        self.latencyCDF = latencyCDF
        self.checks = checks
        self.error = error
    }

    public func metric(_ name: String) -> Double? { metrics.first { $0.name == name }?.value }

    public var totals: CheckTotals {
        var totals = CheckTotals()
        for check in checks {
            totals.tests += 1
            switch check.status {
            case .passed: break
            case .failed: totals.failures += 1
            case .error: totals.errors += 1
            case .skipped: totals.skipped += 1
            }
        }
        return totals
    }
}

/// A named measurement. Names are stable across runs (`latency_ms.p99`); values never go in names.
public struct Metric: Sendable, Hashable, Codable {
    public var name: String
    public var value: Double
    public init(_ name: String, _ value: Double) {
        self.name = name
        self.value = value
    }
}

public struct ProviderMetrics: Sendable, Hashable, Codable {
    public var provider: String
    public var metrics: [Metric]
    public init(provider: String, metrics: [Metric]) {
        self.provider = provider
        self.metrics = metrics
    }
    public func metric(_ name: String) -> Double? { metrics.first { $0.name == name }?.value }
}

public struct CDFPoint: Sendable, Hashable, Codable {
    public var latencyMs: Double
    public var fraction: Double
    public init(latencyMs: Double, fraction: Double) {
        self.latencyMs = latencyMs
        self.fraction = fraction
    }
}

/// One JUnit `<testcase>`: an expectation of a scenario, or a conformance check of a fixture.
public struct CheckResult: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
        case passed, failed, error, skipped
    }

    /// Stable name: the expectation as written (`shape_stability == 1`) or the check
    /// (`openai-chat/text decodes`); never a measured value.
    public var name: String
    public var status: Status
    /// For failures: measured value, bound and the top contributing cause, in one sentence.
    /// For errors and skips: the reason.
    public var message: String?
    /// The metric the expectation reads, its measured value and the bound, when it is a threshold.
    public var metric: String?
    public var measured: Double?
    public var bound: String?
    public var duration: Double

    public init(
        name: String, status: Status, message: String? = nil, metric: String? = nil, measured: Double? = nil,
        bound: String? = nil, duration: Double = 0
    ) {
        self.name = name
        self.status = status
        self.message = message
        self.metric = metric
        self.measured = measured
        self.bound = bound
        self.duration = duration
    }
}
