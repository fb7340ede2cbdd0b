import FaultlineSuite

/// `summary.md`: failures first (what a reviewer must act on), then one table per suite;
/// appended to `$GITHUB_STEP_SUMMARY` in GitHub Actions.
public enum MarkdownReport {
    public static func render(_ run: RunResult) -> String {
        let totals = run.totals
        var out = "# Faultline results\n\n"
        let verdict = totals.failures + totals.errors == 0 ? "✅ all passed" : "❌ \(totals.failures) failed, \(totals.errors) errors"
        out += "\(verdict) — \(totals.tests) checks in \(run.suites.count) suites"
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
