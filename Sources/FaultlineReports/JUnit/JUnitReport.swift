import FaultlineSuite
import Foundation

/// JUnit XML for CI dashboards (DESIGN.md, "JUnit mapping"): one `<testsuite>` per suite
/// file, one `<testcase>` per expectation per scenario (classname `suite.scenario`) and per
/// conformance check; metrics in `<properties>` and in each case's `<system-out>`.
///
/// Two flavours: the aggregate `junit.xml` (`<testsuites>` root, valid against Jenkins'
/// junit-10.xsd) and one `TEST-<suite>.xml` per suite that is valid against junit-10.xsd
/// and Maven Surefire's schema too (no suite-level `system-out`, no `hostname`,
/// `skipped` always present, elements in Surefire's order).
public enum JUnitReport {
    /// The aggregate report of a whole run.
    public static func aggregate(_ run: RunResult) -> String {
        var xml = XMLBuilder()
        let totals = run.totals
        xml.open("testsuites", [
            ("name", "faultline"), ("tests", "\(totals.tests)"), ("failures", "\(totals.failures)"),
            ("errors", "\(totals.errors)"), ("time", XMLText.seconds(run.duration)),
        ])
        for suite in run.suites { write(suite, run: run, into: &xml) }
        xml.close("testsuites")
        return xml.text
    }

    /// One suite's report, for `reports/junit/TEST-<suite>.xml`.
    public static func suite(_ suite: SuiteResult, run: RunResult) -> String {
        var xml = XMLBuilder()
        write(suite, run: run, into: &xml)
        return xml.text
    }

    /// The file name for a suite's report: `TEST-<suite>.xml` with unsafe characters replaced.
    public static func fileName(for suite: SuiteResult) -> String {
        let safe = suite.name.unicodeScalars.map { scalar -> String in
            CharacterSet.alphanumerics.contains(scalar) || "-_.".unicodeScalars.contains(scalar) ? String(scalar) : "_"
        }.joined()
        return "TEST-\(safe).xml"
    }

    private static func write(_ suite: SuiteResult, run: RunResult, into xml: inout XMLBuilder) {
        let totals = suite.totals
        xml.open("testsuite", [
            ("name", suite.name), ("tests", "\(totals.tests)"), ("failures", "\(totals.failures)"),
            ("errors", "\(totals.errors)"), ("skipped", "\(totals.skipped)"), ("time", XMLText.seconds(suite.duration)),
            ("timestamp", timestamp(run.startedAt)),
        ])
        xml.open("properties")
        for (name, value) in properties(suite, run: run) { xml.open("property", [("name", name), ("value", value)], selfClosing: true) }
        xml.close("properties")
        for scenario in suite.scenarios {
            let classname = "\(suite.name).\(scenario.name)"
            let out = systemOut(scenario)
            for check in scenario.checks { write(check, classname: classname, systemOut: out, into: &xml) }
        }
        xml.close("testsuite")
    }

    private static func write(_ check: CheckResult, classname: String, systemOut: String, into xml: inout XMLBuilder) {
        let attributes = [("name", check.name), ("classname", classname), ("time", XMLText.seconds(check.duration))]
        var caseOut = systemOut
        if let metric = check.metric { caseOut = "checked=\(metric)\nbound=\(check.bound ?? "")\n" + (check.measured.map { "measured=\(format($0))\n" } ?? "") + caseOut }
        xml.open("testcase", attributes)
        switch check.status {
        case .passed: break
        case .failed:
            xml.leaf("failure", [("type", "threshold"), ("message", check.message ?? "expectation not met")], text: check.message ?? "")
        case .error:
            xml.leaf("error", [("type", "scenario"), ("message", check.message ?? "could not run")], text: check.message ?? "")
        case .skipped:
            xml.open("skipped", [("message", check.message ?? "skipped")], selfClosing: true)
        }
        xml.leaf("system-out", text: caseOut)
        xml.close("testcase")
    }

    /// `scenario.metric` → value for every scenario metric, plus the run's seed and version.
    static func properties(_ suite: SuiteResult, run: RunResult) -> [(String, String)] {
        var out: [(String, String)] = [
            ("faultline.version", run.version), ("suite.file", suite.file), ("suite.seed", "\(suite.seed)"),
        ]
        if let shard = run.shard { out.append(("run.shard", shard)) }
        for scenario in suite.scenarios {
            for metric in scenario.metrics { out.append(("\(scenario.name).\(metric.name)", format(metric.value))) }
            for provider in scenario.providers {
                for metric in provider.metrics { out.append(("\(scenario.name).provider.\(provider.provider).\(metric.name)", format(metric.value))) }
            }
            for metric in scenario.baseline ?? [] { out.append(("\(scenario.name).baseline.\(metric.name)", format(metric.value))) }
        }
        return out
    }

    /// The scenario's context and metrics as `key=value` lines, in each test case.
    static func systemOut(_ scenario: ScenarioResult) -> String {
        var lines = ["scenario=\(scenario.name)", "kind=\(scenario.kind.rawValue)", "clock=\(scenario.clock)"]
        if !scenario.chain.isEmpty { lines.append("chain=\(scenario.chain)") }
        if scenario.kind != .conformance { lines += ["requests=\(scenario.requests)", "concurrency=\(scenario.concurrency)"] }
        for (provider, faults) in scenario.faults.sorted(by: { $0.key < $1.key }) {
            lines.append("faults.\(provider)=\(faults.joined(separator: "; "))")
        }
        for metric in scenario.metrics { lines.append("\(metric.name)=\(format(metric.value))") }
        for provider in scenario.providers {
            for metric in provider.metrics { lines.append("provider.\(provider.provider).\(metric.name)=\(format(metric.value))") }
        }
        for metric in scenario.baseline ?? [] { lines.append("baseline.\(metric.name)=\(format(metric.value))") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Values without exponents, at most 6 decimals, trailing zeros trimmed.
    public static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var text = String(format: "%.6f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// ISO 8601 in UTC without a zone designator, which all three schemas accept.
    static func timestamp(_ unixSeconds: Double) -> String {
        // A start time read back by `merge` may be anything: years 0…5000 print, nothing traps.
        var seconds = time_t(unixSeconds.isFinite ? min(max(unixSeconds, -62_135_596_800), 95_617_584_000) : 0)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
            Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }
}
