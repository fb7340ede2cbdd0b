import ArgumentParser
import FaultlineReports
import FaultlineSuite
import Foundation

/// `faultline compare OLD NEW`: what a change did, as a Markdown table for a pull request.
struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two runs' results and print the changes as a Markdown table; exit 1 on a regression.",
        discussion: """
            OLD and NEW are report folders (holding results.json) or results.json files, typically
            main's last run (a CI artifact) and this change's. Every metric of each scenario present in
            both is compared; the judged ones, with the tolerance each may move by, are by default
            success_rate and shape_stability -0, latency_ms.p99 and recovery_latency_ms.p99 +10%,
            attempts.mean, cost.total_usd and cost.per_success_usd +5%. Give --tolerance METRIC=+5%
            (repeatable) to judge other metrics instead. Scenarios added or removed are listed, not
            errors. On the virtual clock with a fixed seed, results are exact: any change is the change's.
            """
    )

    @Argument(help: "The baseline: a report folder or its results.json.")
    var old: String

    @Argument(help: "The run to judge: a report folder or its results.json.")
    var new: String

    @Option(name: .customLong("tolerance"), help: "METRIC=TOLERANCE, e.g. latency_ms.p99=+10% or shape_stability=-0 (replaces the defaults).")
    var tolerances: [String] = []

    func run() async throws {
        var judged: [String: Tolerance] = [:]
        for entry in tolerances {
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let tolerance = Tolerance(parts[1]) else {
                throw CLIError.badInput("--tolerance: expected METRIC=+N% / +Nms / +N / -N, got `\(entry)`")
            }
            judged[parts[0]] = tolerance
        }
        let comparison = BaselineComparison(old: try ResultsFile.load(old), new: try ResultsFile.load(new), tolerances: judged)
        print(comparison.markdown, terminator: "")
        if !comparison.regressions.isEmpty { throw CLIError(status: .testFailed, message: "") }
    }
}

/// Reads a run's `results.json`, given it or the report folder that holds it.
enum ResultsFile {
    static func load(_ path: String) throws -> RunResult {
        let file = path.hasSuffix(".json") ? path : path + "/results.json"
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CLIError.badInput("\(file): cannot read (expected a report folder or its results.json)")
        }
        do { return try JSONReport.decode(data) } catch {
            throw CLIError.badInput("\(file): not a Faultline results.json: \(error)")
        }
    }
}
