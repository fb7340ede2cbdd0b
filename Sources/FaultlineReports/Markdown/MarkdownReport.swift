import FaultlineSuite

/// `summary.md`: failures first (what a reviewer must act on), then one table per suite;
/// appended to `$GITHUB_STEP_SUMMARY` in GitHub Actions.
public enum MarkdownReport {
    public static func render(_ run: RunResult) -> String {
        let totals = run.totals
        var out = "# Faultline results\n\n"
        let verdict = totals.failures + totals.errors == 0 ? "✅ all passed" : "❌ \(totals.failures) failed, \(totals.errors) errors"
        out += "\(verdict) — \(totals.tests) checks in \(run.suites.count) suite\(run.suites.count == 1 ? "" : "s")"
        if totals.skipped > 0 { out += ", \(totals.skipped) skipped" }
        if run.interrupted { out += " — **interrupted**: results of what finished" }
        out += "\n\n"

        let failing = run.suites.flatMap { suite in
            suite.scenarios.flatMap { scenario in
                scenario.checks.filter { $0.status == .failed || $0.status == .error }.map { (suite.name, scenario.name, $0) }
            }
        }
        if !failing.isEmpty {
            out += "## Failures\n\n| suite | scenario | check | why |\n| --- | --- | --- | --- |\n"
            for (suite, scenario, check) in failing {
                out += "| \(cell(suite)) | \(cell(scenario)) | \(cell(check.name)) | \(cell(check.message ?? check.status.rawValue)) |\n"
            }
            out += "\n"
        }

        for suite in run.suites {
            let t = suite.totals
            out += "## \(cell(suite.name))\n\n`\(suite.file)` · seed \(suite.seed) · \(t.passed)/\(t.tests) passed\n\n"
            out += "| scenario | checks | success | p99 latency ms | attempts | cost/success $ | shape stability |\n"
            out += "| --- | --- | --- | --- | --- | --- | --- |\n"
            for scenario in suite.scenarios {
                let st = scenario.totals
                let mark = st.failures + st.errors == 0 ? "✅" : "❌"
                func m(_ name: String) -> String { scenario.metric(name).map { JUnitReport.format($0) } ?? "–" }
                out += "| \(mark) \(cell(scenario.name)) | \(st.passed)/\(st.tests) | \(m("success_rate")) | \(m("latency_ms.p99")) | \(m("attempts.mean")) | \(m("cost.per_success_usd")) | \(m("shape_stability")) |\n"
            }
            out += "\n"
            out += upstreamTable(suite.scenarios)
            out += baselineTable(suite.scenarios)
        }
        return out
    }

    /// Behind each gateway: what it sent upstream, which the client-side columns above cannot
    /// show (one attempt per task there, whatever the gateway retried). Every gateway scenario
    /// with figures gets a row, whether or not a check names them.
    static func upstreamTable(_ scenarios: [ScenarioResult]) -> String {
        let gateways = scenarios.filter { $0.kind == .gateway && $0.metric("upstream.requests") != nil }
        guard !gateways.isEmpty else { return "" }
        var out = "| behind the gateway | upstream requests | broken answers | upstream requests / task | masked faults | per upstream (requests / broken) |\n"
        out += "| --- | --- | --- | --- | --- | --- |\n"
        for scenario in gateways {
            func m(_ name: String) -> String { scenario.metric(name).map { JUnitReport.format($0) } ?? "–" }
            let perUpstream = scenario.metrics.compactMap { metric -> String? in
                guard let parts = MetricCatalogue.upstreamParts(metric.name), parts.metric == "requests" else { return nil }
                return "\(parts.provider) \(JUnitReport.format(metric.value)) / \(m("upstream.\(parts.provider).errors"))"
            }
            out += "| \(cell(scenario.name)) | \(m("upstream.requests")) | \(m("upstream.errors")) | \(m("upstream.attempts_per_task")) | \(m("verdicts.masked_upstream_fault")) | \(cell(perUpstream.joined(separator: " · "))) |\n"
        }
        return out + "\n"
    }

    /// A table cell: pipes escaped, newlines flattened.
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}

import Foundation

extension MarkdownReport {
    /// The figures a reviewer compares with the baseline run.
    static let comparedFigures = [
        "success_rate", "latency_ms.p99", "recovery_latency_ms.p99", "attempts.mean", "cost.per_success_usd", "shape_stability",
    ]

    /// Against the `--baseline` run: each key figure's change, 🟢 better, 🔴 worse, = unchanged.
    static func baselineTable(_ scenarios: [ScenarioResult]) -> String {
        let gated = scenarios.filter { $0.previous != nil }
        guard !gated.isEmpty else { return "" }
        var out = "| vs baseline | " + comparedFigures.joined(separator: " | ") + " |\n"
        out += "| --- |" + String(repeating: " --- |", count: comparedFigures.count) + "\n"
        for scenario in gated {
            let cells = comparedFigures.map { name -> String in
                guard let new = scenario.metric(name), let old = scenario.previous?.first(where: { $0.name == name })?.value else { return "–" }
                return delta(name, old: old, new: new)
            }
            out += "| \(cell(scenario.name)) | " + cells.joined(separator: " | ") + " |\n"
        }
        return out + "\n"
    }

    /// `🔴 ▲ 900 → 1200 (+33.3%)`, `🟢 ▼ …`, or `= 900`.
    static func delta(_ metric: String, old: Double, new: Double) -> String {
        guard let improved = MetricDirection(metric).isImprovement(old: old, new: new) else {
            return old == new ? "= \(JUnitReport.format(new))" : "\(JUnitReport.format(old)) → \(JUnitReport.format(new))"
        }
        let change = old == 0 ? "" : " (\(new > old ? "+" : "−")\(JUnitReport.format((abs(new - old) / abs(old) * 1000).rounded() / 10))%)"
        return "\(improved ? "🟢" : "🔴") \(new > old ? "▲" : "▼") \(JUnitReport.format(old)) → \(JUnitReport.format(new))\(change)"
    }
}
