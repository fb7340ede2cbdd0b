import FaultlineSuite

/// `index.html`: one self-contained page (inline CSS and SVG, no script, no external
/// request of any kind) so it opens from disk or a CI artifact and prints cleanly.
/// Failures come first, like `summary.md`; then one card per scenario with its outcome
/// bar, latency CDF, cost breakdown and provider table. Deterministic: the same
/// `RunResult` gives the same bytes (no clock is read).
///
/// The page is also well-formed XML (no named entities, every element closed), so tests
/// and tools can parse it with an XML parser as well as a browser.
public enum HTMLReport {
    public static func render(_ run: RunResult) -> String {
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <meta name="color-scheme" content="light"/>
            <title>\(HTMLFormat.text(title(run)))</title>
            <style>\(HTMLStyle.css)</style>
            </head>
            <body>

            """
        out += header(run)
        out += "<main>\n"
        out += overview(run)
        out += failures(run)
        for (index, suite) in run.suites.enumerated() {
            out += section(suite, index: index)
        }
        if run.suites.isEmpty { out += "<p class=\"empty\">No suites ran.</p>\n" }
        out += "</main>\n"
        out += "<footer>Faultline \(HTMLFormat.text(run.version)) · self-contained report, no external requests</footer>\n"
        out += "</body>\n</html>\n"
        return out
    }

    static func title(_ run: RunResult) -> String {
        let totals = run.totals
        let verdict = totals.failures + totals.errors == 0 ? "passed" : "\(totals.failures) failed, \(plural(totals.errors, "error"))"
        return "Faultline results — \(verdict)"
    }

    /// `1 error`, `2 errors`.
    static func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }

    /// The anchor of a scenario card, from positions only (names may hold any text).
    static func anchor(suite: Int, scenario: Int) -> String { "s\(suite)-\(scenario)" }

    static func header(_ run: RunResult) -> String {
        let totals = run.totals
        let failing = totals.failures + totals.errors > 0
        var out = "<header class=\"page\">\n<div class=\"title\">\n<h1>Faultline results</h1>\n"
        out += failing
            ? "<span class=\"badge fail\">✗ \(totals.failures) failed · \(plural(totals.errors, "error"))</span>\n"
            : "<span class=\"badge pass\">✓ all passed</span>\n"
        out += "</div>\n<dl class=\"meta\">\n"
        var meta: [(String, String)] = [("version", run.version)]
        meta.append(("seed", run.seed.map { String($0) } ?? "per suite"))
        if let shard = run.shard { meta.append(("shard", shard)) }
        meta.append(("started", JUnitReport.timestamp(run.startedAt) + " UTC"))
        meta.append(("duration", String(format: "%.1f s", run.duration.isFinite ? run.duration : 0)))
        meta.append(("suites", String(run.suites.count)))
        for (key, value) in meta {
            out += "<div><dt>\(key)</dt><dd>\(HTMLFormat.text(value))</dd></div>\n"
        }
        out += "</dl>\n<div class=\"totals\">\n"
        let tiles: [(String, Int, String)] = [
            ("passed", totals.passed, "pass"), ("failed", totals.failures, totals.failures > 0 ? "fail" : "muted"),
            ("errors", totals.errors, totals.errors > 0 ? "fail" : "muted"), ("skipped", totals.skipped, totals.skipped > 0 ? "warn" : "muted"),
            ("checks", totals.tests, "muted"),
        ]
        for (label, count, tone) in tiles {
            out += "<div class=\"tile \(tone)\"><span class=\"count\">\(count)</span><span class=\"label\">\(label)</span></div>\n"
        }
        out += "</div>\n"
        if run.interrupted {
            out += "<p class=\"banner warn\">Interrupted (SIGINT or SIGTERM): these are the results of what finished; the interrupted scenario is an error.</p>\n"
        }
        out += "</header>\n"
        return out
    }

    /// Every scenario as a chip coloured by status, linked to its card: the whole run at a glance.
    static func overview(_ run: RunResult) -> String {
        guard run.suites.contains(where: { !$0.scenarios.isEmpty }) else { return "" }
        var out = "<nav class=\"overview\">\n"
        for (suiteIndex, suite) in run.suites.enumerated() where !suite.scenarios.isEmpty {
            out += "<div class=\"overview-suite\"><span class=\"overview-name\">\(HTMLFormat.text(suite.name))</span>\n"
            for (scenarioIndex, scenario) in suite.scenarios.enumerated() {
                let status = ScenarioCard(scenario: scenario, anchor: "").status
                out += "<a class=\"chip \(status.rawValue)\" href=\"#\(anchor(suite: suiteIndex, scenario: scenarioIndex))\">"
                out += "\(HTMLFormat.text(scenario.name))</a>\n"
            }
            out += "</div>\n"
        }
        return out + "</nav>\n"
    }

    /// Failed and errored checks of every scenario, linked to their cards: what a reviewer must act on.
    static func failures(_ run: RunResult) -> String {
        var rows = ""
        for (suiteIndex, suite) in run.suites.enumerated() {
            for (scenarioIndex, scenario) in suite.scenarios.enumerated() {
                for check in scenario.checks where check.status == .failed || check.status == .error {
                    let link = "#" + anchor(suite: suiteIndex, scenario: scenarioIndex)
                    rows += "<tr><td>\(HTMLFormat.text(suite.name))</td>"
                    rows += "<td><a href=\"\(link)\">\(HTMLFormat.text(scenario.name))</a></td>"
                    rows += "<td><span class=\"status \(check.status.rawValue)\">\(check.status.rawValue)</span> \(HTMLFormat.text(check.name))</td>"
                    rows += "<td class=\"why\">\(HTMLFormat.text(check.message ?? check.status.rawValue))</td></tr>\n"
                }
            }
        }
        guard !rows.isEmpty else { return "" }
        return """
            <section class="failures">
            <h2>Failures</h2>
            <div class="scroll"><table>
            <thead><tr><th>suite</th><th>scenario</th><th>check</th><th>why</th></tr></thead>
            <tbody>
            \(rows)</tbody>
            </table></div>
            </section>

            """
    }

    static func section(_ suite: SuiteResult, index: Int) -> String {
        let totals = suite.totals
        var out = "<section class=\"suite\">\n<div class=\"suite-head\">\n<h2>\(HTMLFormat.text(suite.name))</h2>\n"
        out += "<span class=\"sub\"><code>\(HTMLFormat.text(suite.file))</code> · seed \(suite.seed) · "
        out += "\(totals.passed)/\(totals.tests) passed"
        if totals.failures > 0 { out += " · <span class=\"t-fail\">\(totals.failures) failed</span>" }
        if totals.errors > 0 { out += " · <span class=\"t-fail\">\(plural(totals.errors, "error"))</span>" }
        if totals.skipped > 0 { out += " · \(totals.skipped) skipped" }
        out += "</span>\n</div>\n"
        for (scenarioIndex, scenario) in suite.scenarios.enumerated() {
            out += ScenarioCard(scenario: scenario, anchor: anchor(suite: index, scenario: scenarioIndex)).html
        }
        if suite.scenarios.isEmpty { out += "<p class=\"empty\">No scenarios.</p>\n" }
        out += "</section>\n"
        return out
    }
}
