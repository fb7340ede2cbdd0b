import ArgumentParser
import FaultlineChaos
import FaultlineReports
import FaultlineSuite
import FaultlineWire
import Foundation

/// `faultline canary`: the live suite. Probes each provider of each `kind: canary` scenario
/// on its own, against its real endpoint, under a hard spend cap, and reports success,
/// latency, errors, cost and shape drift against the fixtures as JUnit.
struct CanaryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "canary",
        abstract: "Probe the live providers of `kind: canary` scenarios: availability, latency, cost and shape drift.",
        discussion: """
            With no SUITE, runs the canary scenarios of every suites/*.yaml. Each provider of a
            scenario's chain gets the scenario's task `requests` times at its chain `base_url`, with
            the key from its `api_key_env` (no retry, no fallback: a canary measures the provider).
            Money is never spent by surprise: before each request its worst case (every request byte
            an input token, the answer running to max_tokens, \(CanaryOptions.defaultMaxTokens) when the task sets none)
            is checked against --max-spend-usd (default $\(CanaryOptions.defaultMaxSpendUSD)) and
            --max-requests (default \(CanaryOptions.defaultMaxRequests)); what a cap stops is reported
            as skipped. A key that is not set stops the run before anything is sent (exit 2), unless
            the scenario says `missing_key: skip`. Keys never appear in any output or report.
            Exit codes: 0 all passed · 1 a check failed · 2 bad input or a missing key · 3 internal error · 130/143 interrupted.
            """
    )

    @Argument(help: "Suite files or folders of suites (default: suites/).")
    var paths: [String] = []

    @Option(name: .customLong("max-spend-usd"), help: "Hard cap on dollars for the whole run, checked before each request with its worst case.")
    var maxSpendUSD = CanaryOptions.defaultMaxSpendUSD

    @Option(name: .customLong("max-requests"), help: "Cap on requests sent for the whole run.")
    var maxRequests = CanaryOptions.defaultMaxRequests

    @Flag(name: .customLong("dry-run"), help: "Print every request that would be sent and the worst-case spend; send nothing.")
    var dryRun = false

    @Option(help: "Run only scenarios whose `suite.scenario` name contains this text.")
    var filter: String?

    @OptionGroup var reports: ReportOptions

    @Option(help: "Also write what the canary saw as fixtures under this folder (<dialect>/<case>/, redacted as `faultline record` does); compare with `faultline check DIR --against fixtures`.")
    var record: String?

    func run() async throws {
        guard maxSpendUSD.isFinite, maxSpendUSD >= 0 else { throw CLIError.badInput("--max-spend-usd: expected a finite amount ≥ 0, got \(maxSpendUSD)") }
        guard maxRequests >= 0 else { throw CLIError.badInput("--max-requests: expected a count ≥ 0, got \(maxRequests)") }
        let suites = try SuiteFiles.load(paths)

        let environment = ProcessInfo.processInfo.environment
        var options = RunOptions(filter: filter, startedAt: Date().timeIntervalSince1970)
        var canary = CanaryOptions(maxSpendUSD: maxSpendUSD, maxRequests: maxRequests, dryRun: dryRun)
        canary.version = Faultline.version
        if let record, !dryRun {
            do { canary.recorder = try FixtureWriter(root: record, redactor: Redactor()) } catch {
                throw CLIError.badInput("--record \(record): \(error)")
            }
        }
        options.canary = canary
        let runner = SuiteRunner(options: options, version: Faultline.version)
        let selected = runner.selected(suites).flatMap(\.scenarios)
        guard !selected.isEmpty else {
            throw CLIError.badInput("no `kind: canary` scenario\(filter.map { " matching `\($0)`" } ?? "") in \(suites.map(\.file).joined(separator: ", "))")
        }
        let missing = CanaryKeys.missing(in: selected.filter { !$0.skipWithoutKeys }, environment: environment)
        guard missing.isEmpty else {
            let named = missing.map { "\($0.variable) is not set (provider \($0.provider) of scenario `\($0.scenario)`)" }
            throw CLIError.badInput((named + ["nothing was sent; set the keys, or mark the scenario `missing_key: skip`"]).joined(separator: "\n"))
        }

        try ReportFolder.checkWritable(reports.reportDirectory, junitPath: reports.junit)
        let (result, signalled) = try await ReportedRun.execute(runner, suites: suites, writer: reports.writer, reportDirectory: reports.reportDirectory, showProgress: false)
        print(TerminalText.escapedLines(Summary.render(result, reportDirectory: reports.reportDirectory)))
        if !dryRun { try reports.remember(result, environment: environment) }
        let spent = result.suites.flatMap(\.scenarios).compactMap { $0.metric("cost.total_usd") }.reduce(0, +)
        print(dryRun ? "dry run: nothing was sent" : "spent: $\(ThresholdEvaluator.format(spent)) of the $\(ThresholdEvaluator.format(maxSpendUSD)) cap")
        let totals = result.totals
        if let signalled {
            let name = signalled == .terminated ? "terminated (SIGTERM)" : "interrupted (SIGINT)"
            throw CLIError(status: signalled, message: "\(name): the reports hold what finished")
        }
        if totals.failures + totals.errors > 0 { throw CLIError(status: .testFailed, message: "") }
    }
}
