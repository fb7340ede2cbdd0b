import FaultlineWire

/// The metric names an expectation may use (DESIGN.md, "Metrics"). A suite naming
/// anything else is rejected at load with the closest known name.
public enum MetricCatalogue {
    public static let outcomes = ["clean", "repaired", "retried", "fell_back", "failed", "nonsense"]
    public static let verdicts = ["retry_after_ignored", "no_backoff", "retry_storm", "retried_non_retryable", "no_timeout"]

    /// Scenario-level metrics of a chaos scenario, in report order.
    public static let chaos: [String] =
        ["success_rate"]
        + outcomes.map { "outcome.\($0)" }
        + ["latency_ms.p50", "latency_ms.p95", "latency_ms.p99", "latency_ms.max",
           "ttft_ms.p50", "ttft_ms.p95", "ttft_ms.p99", "ttft_ms.max",
           "recovery_latency_ms.p50", "recovery_latency_ms.p95", "recovery_latency_ms.p99", "recovery_latency_ms.max",
           "attempts.mean", "attempts.max",
           "tokens.billed_input", "tokens.billed_output", "tokens.wasted_input", "tokens.wasted_output", "tokens.estimated_tasks",
           "cost.total_usd", "cost.wasted_usd", "cost.per_success_usd", "cost.overhead_ratio",
           "timeout_waste_s", "shape_stability", "shape_stability_repaired", "delivered"]
        + verdicts.map { "verdicts.\($0)" }

    /// Per-provider metrics, reported as `provider.<name>.<metric>`.
    public static let perProvider = [
        "attempts", "successes", "failures", "timeouts", "shape_stability", "health", "breaker_opens",
        "tokens.billed_input", "tokens.billed_output", "cost.total_usd", "latency_ms.p50", "latency_ms.p99",
    ]

    /// What a baseline run reports, as `baseline.<metric>` and `vs_baseline.<metric>`.
    public static let baseline = [
        "success_rate", "latency_ms.p50", "latency_ms.p99", "recovery_latency_ms.p99", "attempts.mean", "cost.total_usd",
        "cost.per_success_usd", "shape_stability",
    ]

    /// What a gateway scenario adds from the mock's journal: the gateway's upstream traffic,
    /// `upstream.<provider>.<metric>` per upstream (`perUpstream`), and the verdict only a
    /// gateway scenario can judge (a success delivered from broken upstream answers).
    public static let gateway = [
        "upstream.requests", "upstream.errors", "upstream.attempts_per_task", "verdicts.masked_upstream_fault",
    ]

    /// Per-upstream metrics of a gateway scenario, reported as `upstream.<provider>.<metric>`.
    public static let perUpstream = ["requests", "errors"]

    /// `upstream.<provider>.<metric>` split at its last dot; nil for any other name
    /// (including the scenario-wide `upstream.*` figures).
    public static func upstreamParts(_ name: String) -> (provider: String, metric: String)? {
        guard name.hasPrefix("upstream."), !gateway.contains(name) else { return nil }
        let rest = name.dropFirst("upstream.".count)
        guard let dot = rest.lastIndex(of: "."), dot > rest.startIndex else { return nil }
        return (String(rest[..<dot]), String(rest[rest.index(after: dot)...]))
    }

    /// Metrics of a canary scenario, for the scenario and per provider (`provider.<name>.<metric>`),
    /// plus `errors.<kind>` for each error kind seen (`errors.rate_limited`).
    public static let canary = [
        "requests.sent", "requests.skipped", "success_rate", "latency_ms.p50", "latency_ms.p95", "latency_ms.p99",
        "ttft_ms.p50", "ttft_ms.p95", "ttft_ms.p99", "errors", "tokens.input", "tokens.output", "cost.total_usd",
        "drift.removed", "drift.retyped", "drift.added",
    ]

    /// Metrics of a conformance scenario.
    public static let conformance = ["fixtures", "decoded", "served", "drifted", "pass_rate"]

    /// Whether `name` is a metric a scenario of `kind` can report. Baseline comparisons
    /// are `baseline.<metric>` and `vs_baseline.<metric>` (measured − baseline).
    public static func isKnown(_ name: String, kind: ScenarioResult.Kind) -> Bool {
        switch kind {
        case .conformance:
            return conformance.contains(name)
        case .canary:
            let local = name.hasPrefix("provider.") ? String(name.split(separator: ".", maxSplits: 2).dropFirst(2).first ?? "") : name
            return canary.contains(local) || (local.hasPrefix("errors.") && ProviderError.Kind(rawValue: String(local.dropFirst(7))) != nil)
        case .chaos, .gateway:
            if chaos.contains(name) { return true }
            if kind == .gateway {
                if gateway.contains(name) { return true }
                if let parts = upstreamParts(name), perUpstream.contains(parts.metric) { return true }
            }
            for prefix in ["baseline.", "vs_baseline."] where name.hasPrefix(prefix) {
                return baseline.contains(String(name.dropFirst(prefix.count)))
            }
            if name.hasPrefix("provider.") {
                let rest = name.dropFirst("provider.".count)
                return perProvider.contains { rest.hasSuffix("." + $0) }
            }
            return false
        }
    }

    /// The names a scenario of `kind` can report; for a gateway, with `upstreams` (the
    /// chain's provider names) spelled out per upstream, so a typo gets the closest real name.
    public static func known(kind: ScenarioResult.Kind, upstreams: [String] = []) -> [String] {
        switch kind {
        case .conformance: conformance
        case .canary: canary + ProviderError.Kind.allCases.map { "errors.\($0.rawValue)" }
        case .chaos: chaos
        case .gateway: chaos + gateway + upstreams.flatMap { name in perUpstream.map { "upstream.\(name).\($0)" } }
        }
    }
}
