import FaultlineSuite
import Testing

@testable import FaultlineReports

/// Tolerances and the comparison of a run with its baseline.
struct BaselineComparisonTests {
    @Test(arguments: [
        ("+5%", 100.0, 105.0, true), ("+5%", 100.0, 105.1, false), ("+5%", 100.0, 50.0, true),
        ("-0", 1.0, 1.0, true), ("-0", 1.0, 0.995, false), ("-0", 0.9, 1.0, true),
        ("+250ms", 1000.0, 1250.0, true), ("+250ms", 1000.0, 1251.0, false), ("+0", 0.0, 0.0, true), ("+0", 0.0, 1.0, false),
    ])
    func tolerancesAllowMovesInTheirDirectionUpToTheirAmount(text: String, old: Double, new: Double, allowed: Bool) throws {
        #expect(try #require(Tolerance(text)).allows(old: old, new: new) == allowed)
    }

    @Test(arguments: ["5%", "+", "+x%", "+-1", "*5", "", "+nan", "+inf%"])
    func malformedTolerancesAreRefused(text: String) { #expect(Tolerance(text) == nil) }

    static func run(_ scenarios: [(String, [Metric])]) -> RunResult {
        RunResult(
            version: "test", startedAt: 0, duration: 0, seed: 1, shard: nil, interrupted: false,
            suites: [SuiteResult(name: "s", file: "s.yaml", seed: 1, duration: 0, scenarios: scenarios.map { name, metrics in
                ScenarioResult(name: name, kind: .chaos, clock: "virtual", requests: 10, concurrency: 1, metrics: metrics)
            })])
    }

    @Test func theSameRunComparedWithItselfHasOnlyZeroDeltas() {
        let run = Self.run([("a", [Metric("success_rate", 1), Metric("cost.per_success_usd", 0.002), Metric("latency_ms.p99", 900)])])
        let comparison = BaselineComparison(old: run, new: run)
        #expect(comparison.regressions.isEmpty)
        #expect(comparison.rows.count == 3 && comparison.rows.allSatisfy { $0.delta == 0 })
        #expect(comparison.checks(for: "s.a").map(\.name) == ["vs_baseline success_rate >= -0", "vs_baseline cost.per_success_usd <= +5%", "vs_baseline latency_ms.p99 <= +10%"])
    }

    @Test func aDearerRecoveryFailsNamingTheMetricAndBothValues() throws {
        let old = Self.run([("a", [Metric("cost.per_success_usd", 0.002)]), ("gone", [])])
        let new = Self.run([("a", [Metric("cost.per_success_usd", 0.0025)]), ("new", [])])
        let comparison = BaselineComparison(old: old, new: new)
        let failed = try #require(comparison.checks(for: "s.a").first)
        #expect(failed.status == .failed)
        #expect(failed.message == "cost.per_success_usd: 0.002 → 0.0025 (+25%), allowed +5%")
        #expect(comparison.added == ["s.new"] && comparison.removed == ["s.gone"])
        #expect(comparison.markdown.contains("| ✗ | s.a | `cost.per_success_usd` | 0.002 | 0.0025 | +25% | +5% |"))
        #expect(comparison.markdown.contains("Added scenarios: s.new"))
    }
}

/// The deltas summary.md and the HTML card show for a gated scenario.
struct BaselineDeltaRenderingTests {
    static var scenario: ScenarioResult {
        var scenario = ScenarioResult(name: "gated", kind: .chaos, clock: "virtual", requests: 10, concurrency: 1, metrics: [
            Metric("success_rate", 0.9), Metric("latency_ms.p99", 1200), Metric("shape_stability", 1),
        ])
        scenario.previous = [Metric("success_rate", 1), Metric("latency_ms.p99", 900), Metric("shape_stability", 1)]
        return scenario
    }

    @Test func worseIsRedBetterIsGreenUnchangedIsEqual() {
        let table = MarkdownReport.baselineTable([Self.scenario])
        #expect(table.contains("| gated | 🔴 ▼ 1 → 0.9 (−10%) | 🔴 ▲ 900 → 1200 (+33.3%) |"))
        #expect(table.contains("| = 1 |"))
        #expect(MarkdownReport.delta("cost.per_success_usd", old: 2, new: 1) == "🟢 ▼ 2 → 1 (−50%)")
        #expect(MarkdownReport.baselineTable([ScenarioResult(name: "plain", kind: .chaos, clock: "virtual", requests: 1, concurrency: 1)]).isEmpty)
    }

    @Test func theHTMLCardColoursEachDeltaByDirection() {
        let html = BaselineDeltas(scenario: Self.scenario).html
        #expect(html.contains("<dt>success_rate</dt><dd class=\"bad\">▼ "))
        #expect(html.contains("<dt>latency_ms.p99</dt><dd class=\"bad\">▲ "))
        #expect(html.contains("<dt>shape_stability</dt><dd class=\"\">= "))
    }
}
