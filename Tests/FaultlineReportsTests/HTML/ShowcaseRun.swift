import Foundation
import FaultlineSuite

/// A realistic run with every figure the HTML report draws (outcomes, latency CDF, cost
/// against a baseline, several providers), for the page's tests and its screenshot.
enum ShowcaseRun {
    static func make() -> RunResult {
        RunResult(
            version: "0.1.0", startedAt: 1_764_000_000, duration: 48.2, seed: 42,
            suites: [
                SuiteResult(
                    name: "chaos-smoke", file: "suites/chaos-smoke.yaml", seed: 42, duration: 31.5,
                    scenarios: [throttled(), truncated(), SampleRun.make().suites[0].scenarios[1]]),
                SuiteResult(name: "conformance", file: "suites/conformance.yaml", seed: 42, duration: 2.1, scenarios: [conformance()]),
            ])
    }

    /// Primary answers 429 with retry-after for the first two attempts of each task.
    static func throttled() -> ScenarioResult {
        ScenarioResult(
            name: "primary throttled, retry-after honoured", kind: .chaos,
            description: "openai-primary answers 429 with retry-after: 2 on the first two attempts; the chain should wait, then fall back.",
            clock: "virtual", requests: 400, concurrency: 16, chain: "chains/default.yaml",
            faults: ["openai-primary": ["throttle(retry_after=2, first=2)"], "anthropic-secondary": ["latency(ms=120, jitter=40)"]],
            metrics: [
                Metric("success_rate", 0.9925), Metric("outcome.clean", 281), Metric("outcome.repaired", 12),
                Metric("outcome.retried", 54), Metric("outcome.fell_back", 50), Metric("outcome.failed", 2), Metric("outcome.nonsense", 1),
                Metric("latency_ms.p50", 640), Metric("latency_ms.p95", 2840), Metric("latency_ms.p99", 4120), Metric("latency_ms.max", 4460),
                Metric("recovery_latency_ms.p99", 4100.5), Metric("attempts.mean", 1.43), Metric("attempts.max", 4),
                Metric("tokens.billed_input", 96_400), Metric("tokens.billed_output", 41_250),
                Metric("tokens.wasted_input", 14_100), Metric("tokens.wasted_output", 3_020),
                Metric("cost.total_usd", 0.5812), Metric("cost.wasted_usd", 0.0731), Metric("cost.per_success_usd", 0.001464),
                Metric("cost.overhead_ratio", 1.27), Metric("timeout_waste_s", 0), Metric("shape_stability", 0.9975),
            ],
            providers: [
                ProviderMetrics(provider: "openai-primary", metrics: [
                    Metric("attempts", 452), Metric("successes", 347), Metric("failures", 105), Metric("timeouts", 0),
                    Metric("shape_stability", 1), Metric("health", 0.77),
                ]),
                ProviderMetrics(provider: "anthropic-secondary", metrics: [
                    Metric("attempts", 119), Metric("successes", 50), Metric("failures", 66), Metric("timeouts", 3),
                    Metric("shape_stability", 0.98), Metric("health", 0.42),
                ]),
            ],
            baseline: [Metric("cost.per_success_usd", 0.001152), Metric("latency_ms.p99", 910)],
            latencyCDF: cdf { fraction in
                fraction < 0.84 ? 180 + 900 * pow(fraction / 0.84, 2) : 2100 + 2360 * pow((fraction - 0.84) / 0.16, 1.5)
            },
            checks: [
                CheckResult(name: "success_rate >= 0.99", status: .passed, metric: "success_rate", measured: 0.9925, bound: ">= 0.99"),
                CheckResult(
                    name: "recovery_latency_ms.p99 < 3000", status: .failed,
                    message: "p99 recovery 4.1 s > 3 s; 92% of it waiting on retry-after from openai-primary",
                    metric: "recovery_latency_ms.p99", measured: 4100.5, bound: "< 3000"),
                CheckResult(
                    name: "cost.overhead_ratio < 1.2", status: .failed,
                    message: "overhead ratio 1.27 > 1.2; 61% of wasted cost from attempts on anthropic-secondary that were cut",
                    metric: "cost.overhead_ratio", measured: 1.27, bound: "< 1.2"),
                CheckResult(name: "verdicts.retry_after_ignored == 0", status: .passed, metric: "verdicts.retry_after_ignored", measured: 0, bound: "== 0"),
            ])
    }

    /// Streams cut after a few chunks: the chain repairs or falls back, nothing is lost.
    static func truncated() -> ScenarioResult {
        ScenarioResult(
            name: "streams cut mid-way", kind: .chaos, clock: "virtual", requests: 200, concurrency: 8, chain: "chains/default.yaml",
            faults: ["openai-primary": ["truncate(after_chunks=3, p=0.2)"]],
            metrics: [
                Metric("success_rate", 1), Metric("outcome.clean", 158), Metric("outcome.repaired", 0), Metric("outcome.retried", 42),
                Metric("outcome.fell_back", 0), Metric("outcome.failed", 0), Metric("outcome.nonsense", 0),
                Metric("latency_ms.p50", 21), Metric("latency_ms.p95", 48), Metric("latency_ms.p99", 61), Metric("latency_ms.max", 75),
                Metric("attempts.mean", 1.21), Metric("tokens.billed_input", 40_000), Metric("tokens.billed_output", 16_900),
                Metric("tokens.wasted_input", 8_400), Metric("tokens.wasted_output", 610),
                Metric("cost.total_usd", 0.118), Metric("cost.wasted_usd", 0.0161), Metric("cost.per_success_usd", 0.00059),
                Metric("cost.overhead_ratio", 1.08), Metric("shape_stability", 1),
            ],
            providers: [ProviderMetrics(provider: "openai-primary", metrics: [
                Metric("attempts", 242), Metric("successes", 200), Metric("failures", 42), Metric("timeouts", 0),
                Metric("shape_stability", 1), Metric("health", 0.93),
            ])],
            latencyCDF: cdf { 12 + 63 * pow($0, 3) },
            checks: [
                CheckResult(name: "success_rate == 1", status: .passed, metric: "success_rate", measured: 1, bound: "== 1"),
                CheckResult(name: "shape_stability == 1", status: .passed, metric: "shape_stability", measured: 1, bound: "== 1"),
            ])
    }

    static func conformance() -> ScenarioResult {
        let dialects = ["openai-chat", "anthropic-messages", "gemini"]
        let fixtures = ["text", "tool call", "stream", "error 429"]
        var checks: [CheckResult] = []
        for dialect in dialects {
            for fixture in fixtures {
                checks.append(CheckResult(name: "\(dialect)/\(fixture) decodes", status: .passed))
            }
        }
        checks.append(CheckResult(name: "gemini/stream over the mock", status: .skipped, message: "mock not built for this dialect"))
        return ScenarioResult(
            name: "fixtures decode and round-trip", kind: .conformance, clock: "virtual", requests: 0, concurrency: 1,
            metrics: [Metric("fixtures", 12), Metric("decoded", 12), Metric("served", 11), Metric("drifted", 0), Metric("pass_rate", 1)],
            checks: checks)
    }

    /// 41 points of a CDF from its quantile function.
    static func cdf(_ quantile: (Double) -> Double) -> [CDFPoint] {
        (0...40).map { step in
            let fraction = Double(step) / 40
            return CDFPoint(latencyMs: (quantile(fraction) * 10).rounded() / 10, fraction: fraction)
        }
    }
}
