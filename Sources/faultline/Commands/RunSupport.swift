import FaultlineReports
import FaultlineSuite
import FaultlineWire
import Foundation

/// Finds suite files: given files as they are, folders searched for `*.yaml` (sorted).
enum SuiteFiles {
    static func find(_ paths: [String]) throws -> [String] {
        let roots = paths.isEmpty ? [BundledFiles.path("suites")] : paths
        var files: [String] = []
        for root in roots {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) else {
                throw CLIError.badInput("\(root): no such suite file or folder")
            }
            if !isDirectory.boolValue {
                files.append(root)
                continue
            }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
            files += names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { root + "/" + $0 }
        }
        if files.isEmpty { throw CLIError.badInput("no suites found in \(roots.joined(separator: ", "))") }
        return files
    }
}

extension SuiteFiles {
    /// Every suite under `paths`, loaded; any problem in any of them is exit 2 listing them all.
    static func load(_ paths: [String]) throws -> [SuiteDefinition] {
        var suites: [SuiteDefinition] = []
        var diagnostics: [String] = []
        for file in try find(paths) {
            switch SuiteLoader.load(file: file) {
            case .success(let suite): suites.append(suite)
            case .failure(let failure): diagnostics += failure.diagnostics.map(\.description)
            }
        }
        guard diagnostics.isEmpty else { throw CLIError.badInput(diagnostics.joined(separator: "\n")) }
        return suites
    }
}

/// The bundled `suites/`, `chains/` and `fixtures/`: in the working folder when it has them
/// (a checkout), else next to the binary (an unpacked release tarball run from anywhere).
enum BundledFiles {
    static func path(_ name: String) -> String {
        if FileManager.default.fileExists(atPath: name) { return name }
        guard let executable = Bundle.main.executablePath else { return name }
        let beside = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent(name).path
        return FileManager.default.fileExists(atPath: beside) ? beside : name
    }
}

/// A one-line progress display on a terminal.
enum ProgressLine {
    @Sendable static func print(_ progress: RunProgress) {
        let line = TerminalText.escaped("[\(progress.completed)/\(progress.total)] \(progress.scenario)")
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + String(line.prefix(120))).utf8))
    }

    static func clear() { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
}

/// The summary printed after a run: one line per scenario, failures spelled out.
enum Summary {
    static func render(_ run: RunResult, reportDirectory: String) -> String {
        var lines: [String] = []
        for suite in run.suites {
            let t = suite.totals
            lines.append("\(suite.name)  \(t.passed)/\(t.tests) passed  (\(suite.file), seed \(suite.seed))")
            for scenario in suite.scenarios {
                let st = scenario.totals
                let mark = st.failures + st.errors > 0 ? "✗" : (st.skipped == st.tests ? "-" : "✓")
                var line = "  \(mark) \(scenario.name)"
                if let success = scenario.metric("success_rate") {
                    line += "  success \(JUnitReport.format(success))"
                    if let p99 = scenario.metric("latency_ms.p99") { line += " · p99 \(JUnitReport.format(p99)) ms" }
                    if let cost = scenario.metric("cost.per_success_usd") { line += " · $\(JUnitReport.format(cost))/success" }
                } else if scenario.metric("pass_rate") != nil {
                    line += "  \(st.passed)/\(st.tests) checks"
                } else if st.skipped == st.tests, let reason = scenario.checks.first?.message {
                    line += "  skipped: \(reason)"
                }
                lines.append(line)
                // A scenario that could not run errs every check with one reason: say it once.
                if let error = scenario.error {
                    lines.append("      ERROR \(error)")
                    continue
                }
                for check in scenario.checks where check.status == .failed || check.status == .error {
                    lines.append("      \(check.status == .failed ? "FAIL" : "ERROR") \(check.name): \(check.message ?? "")")
                }
            }
        }
        let t = run.totals
        lines.append("")
        lines.append("\(t.tests) checks: \(t.passed) passed, \(t.failures) failed, \(t.errors) errors, \(t.skipped) skipped\(run.interrupted ? " (interrupted)" : "")")
        lines.append("reports: \(reportDirectory)/junit.xml, \(reportDirectory)/junit/, \(reportDirectory)/results.json, \(reportDirectory)/summary.md\(HTMLRendering.renderer == nil ? "" : ", \(reportDirectory)/index.html")")
        return lines.joined(separator: "\n")
    }
}
