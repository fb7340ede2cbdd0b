import ArgumentParser
import FaultlineReports
import FaultlineSuite
import Foundation

/// `faultline merge`: one set of reports from the shards of a CI matrix.
struct MergeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the results of several shards into one set of reports.",
        discussion: """
            Each input is a shard's report folder (holding results.json) or a results.json file.
            Writes junit.xml, junit/TEST-<suite>.xml, results.json, summary.md and index.html
            with recomputed totals. Exits 1 when the merged results hold a failure.
            """
    )

    @Argument(help: "Shard report folders or results.json files.")
    var inputs: [String]

    @Option(name: .customLong("report-dir"), help: "Where to write the merged reports.")
    var reportDirectory = "reports"

    func run() async throws {
        var runs: [RunResult] = []
        for input in inputs { runs.append(try ResultsFile.load(input)) }
        let merged: RunResult
        do { merged = try ReportMerger.merge(runs) } catch { throw CLIError.badInput("\(error)") }
        try ReportWriter(directory: reportDirectory, html: HTMLRendering.renderer).write(merged)
        let totals = merged.totals
        print("merged \(runs.count) shards: \(totals.tests) checks, \(totals.failures) failed, \(totals.errors) errors → \(reportDirectory)/")
        if totals.failures + totals.errors > 0 { throw CLIError(status: .testFailed, message: "") }
    }
}

/// The HTML renderer, when the HTML report exists.
enum HTMLRendering {
    static let renderer: (@Sendable (RunResult) -> String)? = { HTMLReport.render($0) }
}
