import FaultlineSuite

/// One scenario as a card: status and failed checks' messages first, then its figures
/// (outcomes, latency, cost, providers) as panels, then every check in a compact table.
struct ScenarioCard {
    var scenario: ScenarioResult
    var anchor: String

    enum Status: String {
        case pass, fail, error, skip

        var label: String {
            switch self {
            case .pass: "✓ passed"
            case .fail: "✗ failed"
            case .error: "! error"
            case .skip: "– skipped"
            }
        }
    }

    var status: Status {
        let totals = scenario.totals
        if scenario.error != nil || totals.errors > 0 && totals.failures == 0 { return .error }
        if totals.failures + totals.errors > 0 { return .fail }
        if totals.tests > 0, totals.skipped == totals.tests { return .skip }
        return .pass
    }

    var html: String {
        var out = "<article class=\"card \(status.rawValue)\" id=\"\(anchor)\">\n"
        out += head
        if let description = scenario.description, !description.isEmpty {
            out += "<p class=\"description\">\(HTMLFormat.text(description))</p>\n"
        }
        if let error = scenario.error {
            out += "<p class=\"banner fail\"><strong>Could not run:</strong> \(HTMLFormat.text(error))</p>\n"
        }
        out += failedChecks
        out += figures
        out += ChecksTable(checks: scenario.checks, compact: scenario.kind == .conformance).html
        out += "</article>\n"
        return out
    }

    private var head: String {
        let totals = scenario.totals
        var out = "<div class=\"card-head\">\n<span class=\"badge \(status.rawValue)\">\(status.label)</span>\n"
        out += "<h3><a href=\"#\(anchor)\">\(HTMLFormat.text(scenario.name))</a></h3>\n"
        out += "<span class=\"tag\">\(scenario.kind.rawValue)</span>\n"
        out += "<span class=\"sub\">\(totals.passed)/\(totals.tests) checks passed</span>\n</div>\n"
        var facts: [String] = ["\(scenario.clock) clock"]
        if scenario.kind != .conformance {
            facts.append("\(scenario.requests) requests × \(scenario.concurrency) concurrent")
        }
        if !scenario.chain.isEmpty { facts.append("chain <code>\(HTMLFormat.text(scenario.chain))</code>") }
        out += "<p class=\"facts\">\(facts.joined(separator: " · "))</p>\n"
        if !scenario.faults.isEmpty {
            out += "<ul class=\"faults\">\n"
            for provider in scenario.faults.keys.sorted() {
                let faults = (scenario.faults[provider] ?? []).map { "<code>\(HTMLFormat.text($0))</code>" }
                out += "<li><span class=\"provider\">\(HTMLFormat.text(provider))</span> \(faults.joined(separator: " "))</li>\n"
            }
            out += "</ul>\n"
        }
        return out
    }

    /// The messages of failed and errored checks, where the eye lands first (an error that
    /// only repeats the "could not run" banner above is not shown twice).
    private var failedChecks: String {
        let failing = scenario.checks.filter {
            ($0.status == .failed || $0.status == .error) && !($0.status == .error && $0.message == scenario.error)
        }
        guard !failing.isEmpty else { return "" }
        var out = "<ul class=\"failed-checks\">\n"
        for check in failing {
            out += "<li><strong>\(HTMLFormat.text(check.name))</strong>"
            if let message = check.message { out += "<br/><span class=\"why\">\(HTMLFormat.text(message))</span>" }
            out += "</li>\n"
        }
        return out + "</ul>\n"
    }

    private var figures: String {
        var panels: [String] = []
        switch scenario.kind {
        case .conformance:
            let kpis = KeyFigures.conformance(scenario)
            if !kpis.isEmpty { return kpis }
            return ""
        case .chaos, .gateway, .canary:
            if !scenario.metrics.isEmpty || !scenario.latencyCDF.isEmpty {
                panels.append(panel("Outcomes", OutcomeBar(scenario: scenario).html, wide: true))
                panels.append(panel("Latency distribution", LatencyChart(scenario: scenario).html))
                panels.append(panel("Cost", CostBreakdown(scenario: scenario).html))
            }
            if !scenario.providers.isEmpty {
                panels.append(panel("Providers", ProviderTable(providers: scenario.providers).html, wide: true))
            }
            if scenario.previous != nil {
                panels.append(panel("Against the baseline run", BaselineDeltas(scenario: scenario).html))
            }
            if scenario.kind == .gateway, scenario.metric("upstream.requests") != nil {
                panels.append(panel("Behind the gateway", UpstreamTable(scenario: scenario).html, wide: true))
            }
            guard !panels.isEmpty else { return "" }
            return KeyFigures.chaos(scenario) + "<div class=\"panels\">\n" + panels.joined() + "</div>\n"
        }
    }

    /// A titled box in the card's grid; wide ones (bars, tables) span the whole row.
    private func panel(_ title: String, _ body: String, wide: Bool = false) -> String {
        "<section class=\"panel\(wide ? " wide" : "")\">\n<h4>\(title)</h4>\n\(body)</section>\n"
    }
}
