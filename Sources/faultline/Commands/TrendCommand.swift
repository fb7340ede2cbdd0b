import ArgumentParser
import FaultlineReports
import Foundation

/// `faultline trend FILE`: the history a scheduled run keeps, as a table per scenario.
struct TrendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trend",
        abstract: "Print each scenario's key figures over the last runs of a history file (see run --history).",
        discussion: """
            FILE is the JSON Lines file that `faultline run --history FILE` and `faultline canary
            --history FILE` append one line per run to. Prints, per scenario, the key figures of the
            last N runs, oldest first, as Markdown tables.
            """
    )

    @Argument(help: "The history file (JSON Lines).")
    var file: String

    @Option(help: "How many of the latest runs to show.")
    var last = 10

    func run() async throws {
        guard last >= 1 else { throw CLIError.badInput("--last: expected a count ≥ 1, got \(last)") }
        let history: RunHistory
        do { history = try RunHistory.load(file) } catch { throw CLIError.badInput("\(error)") }
        print(history.trend(last: last), terminator: "")
    }
}
