import FaultlineSuite

/// A run with every check status and hostile provider text, for the writers' tests.
enum SampleRun {
    static let hostile = "bad \u{1} bytes ]]> <tag> & \"quotes\" \u{FFFF} emoji 🚀 中文"

    static func make() -> RunResult {
        let chaos = ScenarioResult(
            name: "primary throttled", kind: .chaos, description: hostile, clock: "virtual", requests: 200, concurrency: 8,
            chain: "chains/default.yaml", faults: ["openai-primary": ["throttle(retry_after=2, first=2)"]],
            metrics: [Metric("success_rate", 0.995), Metric("recovery_latency_ms.p99", 4100.5), Metric("cost.per_success_usd", 0.000123)],
            providers: [ProviderMetrics(provider: "openai-primary", metrics: [Metric("attempts", 210)])],
            baseline: [Metric("cost.per_success_usd", 0.0001)],
            latencyCDF: [CDFPoint(latencyMs: 10, fraction: 0.5), CDFPoint(latencyMs: 4100, fraction: 1)],
            checks: [
                CheckResult(name: "success_rate >= 0.99", status: .passed, metric: "success_rate", measured: 0.995, bound: ">= 0.99"),
                CheckResult(
                    name: "recovery_latency_ms.p99 < 3000", status: .failed,
                    message: "recovery_latency_ms.p99 = 4100.5, expected < 3000; 92% of recovery time: waiting on retry-after from openai-primary; " + hostile,
                    metric: "recovery_latency_ms.p99", measured: 4100.5, bound: "< 3000"),
            ])
        let broken = ScenarioResult(
            name: "mock would not start", kind: .chaos, clock: "wall", requests: 10, concurrency: 1,
            checks: [CheckResult(name: "scenario runs", status: .error, message: "address in use")],
            error: "address in use")
        let conformance = ScenarioResult(
            name: "fixtures", kind: .conformance, clock: "virtual", requests: 0, concurrency: 1,
            metrics: [Metric("fixtures", 2)],
            checks: [
                CheckResult(name: "openai-chat/text decodes", status: .passed),
                CheckResult(name: "gemini/stream over the mock", status: .skipped, message: "mock not built"),
            ])
        return RunResult(
            version: "0.1.0", startedAt: 1_764_000_000, duration: 12.3456, seed: 42, suites: [
                SuiteResult(name: "chaos-smoke", file: "suites/chaos-smoke.yaml", seed: 42, duration: 1.5, scenarios: [chaos, broken]),
                SuiteResult(name: "conformance", file: "suites/conformance.yaml", seed: 42, duration: 0.25, scenarios: [conformance]),
            ])
    }
}
