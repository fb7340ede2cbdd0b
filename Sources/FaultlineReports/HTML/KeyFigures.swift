import FaultlineSuite

/// The handful of figures a reader wants before any chart, as a row of tiles.
enum KeyFigures {
    static func chaos(_ scenario: ScenarioResult) -> String {
        var tiles: [(String, String, String)] = []
        if let rate = scenario.metric("success_rate") {
            tiles.append(("success", HTMLFormat.percent(rate), rate >= 0.99 ? "good" : rate >= 0.9 ? "warn" : "bad"))
        }
        if let p99 = scenario.metric("latency_ms.p99") { tiles.append(("p99 latency", HTMLFormat.milliseconds(p99), "")) }
        if let recovery = scenario.metric("recovery_latency_ms.p99") {
            tiles.append(("p99 recovery", HTMLFormat.milliseconds(recovery), ""))
        }
        if let attempts = scenario.metric("attempts.mean") {
            tiles.append(("attempts / task", HTMLFormat.number((attempts * 100).rounded() / 100), ""))
        }
        // Behind a gateway the client makes one attempt per task; the gateway's own are upstream.
        if let upstream = scenario.metric("upstream.attempts_per_task") {
            tiles.append(("upstream requests / task", HTMLFormat.number((upstream * 100).rounded() / 100), ""))
        }
        if let stability = scenario.metric("shape_stability") {
            tiles.append(("shape stability", HTMLFormat.percent(stability), stability >= 1 ? "good" : stability >= 0.95 ? "warn" : "bad"))
        }
        if let cost = scenario.metric("cost.per_success_usd") { tiles.append(("cost / success", HTMLFormat.dollars(cost), "")) }
        return row(tiles)
    }

    static func conformance(_ scenario: ScenarioResult) -> String {
        var tiles: [(String, String, String)] = []
        for name in MetricCatalogue.conformance {
            guard let value = scenario.metric(name) else { continue }
            if name == "pass_rate" {
                tiles.append(("pass rate", HTMLFormat.percent(value), value >= 1 ? "good" : "bad"))
            } else {
                tiles.append((name, HTMLFormat.number(value), name == "drifted" && value > 0 ? "warn" : ""))
            }
        }
        return row(tiles)
    }

    private static func row(_ tiles: [(String, String, String)]) -> String {
        guard !tiles.isEmpty else { return "" }
        var out = "<div class=\"kpis\">\n"
        for (label, value, tone) in tiles {
            out += "<div class=\"kpi \(tone)\"><span class=\"value\">\(HTMLFormat.text(value))</span><span class=\"label\">\(label)</span></div>\n"
        }
        return out + "</div>\n"
    }
}
