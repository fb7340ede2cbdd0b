import FaultlineSuite

/// Behind a gateway: what it sent to each upstream and how many of those answers were
/// broken, from the mock's journal. Shown for every gateway scenario, since the client's
/// one attempt per task hides the gateway's retries and fallbacks.
struct UpstreamTable {
    var scenario: ScenarioResult

    /// The upstream names with figures, in the order the scenario reported them.
    static func providers(_ scenario: ScenarioResult) -> [String] {
        var names: [String] = []
        for metric in scenario.metrics {
            guard let parts = MetricCatalogue.upstreamParts(metric.name), !names.contains(parts.provider) else { continue }
            names.append(parts.provider)
        }
        return names
    }

    var html: String {
        var out = "<div class=\"scroll\"><table class=\"providers\">\n<thead><tr><th>upstream</th>"
        out += "<th class=\"num\">requests</th><th class=\"num\">broken answers</th></tr></thead>\n<tbody>\n"
        for name in Self.providers(scenario) {
            out += row(HTMLFormat.text(name), requests: "upstream.\(name).requests", errors: "upstream.\(name).errors")
        }
        out += row("<strong>all</strong>", requests: "upstream.requests", errors: "upstream.errors")
        out += "</tbody>\n</table></div>\n"
        var facts: [String] = []
        if let attempts = scenario.metric("upstream.attempts_per_task") {
            facts.append("\(HTMLFormat.number((attempts * 100).rounded() / 100)) upstream requests per task")
        }
        if let masked = scenario.metric("verdicts.masked_upstream_fault") {
            let tone = masked > 0 ? "bad" : "good"
            facts.append("<span class=\"\(tone)\">\(HTMLFormat.number(masked)) successes masking broken upstream answers</span>")
        }
        if !facts.isEmpty { out += "<p class=\"facts\">\(facts.joined(separator: " · "))</p>\n" }
        return out
    }

    private func row(_ label: String, requests: String, errors: String) -> String {
        let broken = scenario.metric(errors)
        return "<tr><td>\(label)</td><td class=\"num\">\(HTMLFormat.number(scenario.metric(requests)))</td>"
            + "<td class=\"num\((broken ?? 0) > 0 ? " warn" : "")\">\(HTMLFormat.number(broken))</td></tr>\n"
    }
}
