import ArgumentParser
import FaultlineReports
import FaultlineSuite

/// Where a run's reports go and what it remembers: the options `run` and `canary` share.
struct ReportOptions: ParsableArguments {
    @Option(name: .customLong("report-dir"), help: "Where to write the reports.")
    var reportDirectory = "reports"

    @Option(help: "Write the aggregate JUnit report to this path instead of <report-dir>/junit.xml.")
    var junit: String?

    @Option(help: "Append this run's key figures to a JSON Lines history file (see `faultline trend`).")
    var history: String?

    var writer: ReportWriter { ReportWriter(directory: reportDirectory, junitPath: junit, html: HTMLRendering.renderer) }

    /// Appends `result` to the history file, if one was given.
    func remember(_ result: RunResult, environment: [String: String]) throws {
        guard let history else { return }
        do { try RunHistory.append(RunHistory.entry(for: result, environment: environment), to: history) } catch {
            throw CLIError.badInput("--history: \(error)")
        }
    }
}
