import FaultlineSuite

/// A run with one gateway scenario whose checks name none of the upstream figures, for the
/// writers' tests: the figures must be shown anyway.
enum GatewayRun {
    static func make() -> RunResult {
        let gateway = ScenarioResult(
            name: "litellm falls back", kind: .gateway, clock: "wall", requests: 40, concurrency: 4,
            metrics: [
                Metric("success_rate", 1), Metric("attempts.mean", 1), Metric("upstream.requests", 160),
                Metric("upstream.errors", 120), Metric("upstream.attempts_per_task", 4),
                Metric("verdicts.masked_upstream_fault", 3),
                Metric("upstream.openai-primary.requests", 120), Metric("upstream.openai-primary.errors", 120),
                Metric("upstream.anthropic-fallback.requests", 40), Metric("upstream.anthropic-fallback.errors", 0),
            ],
            checks: [CheckResult(name: "success_rate >= 0.99", status: .passed, metric: "success_rate", measured: 1, bound: ">= 0.99")])
        return RunResult(
            version: "0.1.0", startedAt: 1_764_000_000, duration: 3, seed: 7, suites: [
                SuiteResult(name: "gateway-litellm", file: "suites/gateway/litellm.yaml", seed: 7, duration: 3, scenarios: [gateway])
            ])
    }
}
