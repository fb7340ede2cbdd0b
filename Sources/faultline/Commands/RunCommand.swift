import ArgumentParser
import FaultlineReports
import FaultlineSuite
import FaultlineWire
import Foundation

/// `faultline run`: the main job. Loads the suites, runs them against the embedded mock
/// and writes the reports; the exit code gates CI.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run suites against the embedded mock and write JUnit, JSON, Markdown and HTML reports.",
        discussion: """
            With no SUITE, runs every suites/*.yaml. No network and no API keys are needed: every
            provider of a chain is served by the in-process mock. Reports go to reports/ (junit.xml,
            junit/TEST-<suite>.xml, results.json, summary.md, index.html). SOURCE_DATE_EPOCH fixes
            timestamps, so a virtual-clock run with a given --seed is byte-for-byte reproducible.
            Exit codes: 0 all passed · 1 a check failed · 2 bad input (also: no scenario selected, an
            unwritable --report-dir) · 3 internal error · 130 SIGINT · 143 SIGTERM (both write the reports
            of what finished).
            """
    )

    @Argument(help: "Suite files or folders of suites (default: suites/).")
    var paths: [String] = []

    @Option(help: "Seed for every scenario (overrides the suites' seeds).")
    var seed: UInt64?

    @Option(help: "Force every chaos scenario onto this clock: wall or virtual.")
    var clock: String?

    @Option(help: "Run only scenarios whose `suite.scenario` name contains this text.")
    var filter: String?

    @Option(help: "Run one shard of the scenarios, as i/n (e.g. 2/4), for a CI matrix; merge with `faultline merge`.")
    var shard: String?

    @OptionGroup var reports: ReportOptions

    @Option(help: "An earlier run (its report folder or results.json) to gate against: each scenario gets a vs_baseline check per tolerance of its regressions:.")
    var baseline: String?

    @Flag(help: "No progress line (the default when stderr is not a terminal or CI is set).")
    var quiet = false

    func run() async throws {
        let clockKind: ClockKind?
        if let clock {
            guard let parsed = ClockKind(rawValue: clock) else { throw CLIError.badInput("--clock: expected wall or virtual, got `\(clock)`") }
            clockKind = parsed
        } else {
            clockKind = nil
        }
        var parsedShard: Shard?
        if let shard {
            guard let s = Shard(shard) else { throw CLIError.badInput("--shard: expected i/n with 1 ≤ i ≤ n, got `\(shard)`") }
            parsedShard = s
        }
        let suites = try SuiteFiles.load(paths)

        let environment = ProcessInfo.processInfo.environment
        let epoch = environment["SOURCE_DATE_EPOCH"].flatMap(Double.init)
        let showProgress = !quiet && isatty(STDERR_FILENO) == 1 && environment["CI"] == nil
        var options = RunOptions(
            seed: seed, clock: clockKind, filter: filter, shard: parsedShard,
            startedAt: epoch ?? Date().timeIntervalSince1970, reproducible: epoch != nil,
            progress: showProgress ? ProgressLine.print : nil)
        options.baseline = try baseline.map(ResultsFile.load)
        let runner = SuiteRunner(options: options, version: Faultline.version)
        try ScenarioSelection.check(runner, suites: suites)
        try ReportFolder.checkWritable(reports.reportDirectory, junitPath: reports.junit)

        let (result, signalled) = try await ReportedRun.execute(runner, suites: suites, writer: reports.writer, reportDirectory: reports.reportDirectory, showProgress: showProgress)
        print(TerminalText.escapedLines(Summary.render(result, reportDirectory: reports.reportDirectory)))
        try reports.remember(result, environment: environment)
        let totals = result.totals
        if let signalled {
            let name = signalled == .terminated ? "terminated (SIGTERM)" : "interrupted (SIGINT)"
            throw CLIError(status: signalled, message: "\(name): the reports hold what finished")
        }
        if totals.failures + totals.errors > 0 { throw CLIError(status: .testFailed, message: "") }
    }
}
