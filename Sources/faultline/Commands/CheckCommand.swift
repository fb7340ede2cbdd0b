import ArgumentParser
import FaultlineSuite
import FaultlineWire
import Foundation

/// `faultline check`: validates fixtures (and suites), decodes every fixture through its
/// dialect against its expectations, and flags anything shaped like an API key.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate fixtures and suites; decode every fixture against its expectations; find secrets.",
        discussion: """
            Fixtures are found by their case.json anywhere under PATH (the dialect comes from the
            recorded request path). Exits 0 when everything is good, 2 with `file:line:column: what
            is wrong` for each problem, and 2 when a PATH holds no fixture, suite, chain or task.
            """
    )

    @Argument(help: "Fixture roots, fixture case folders or suite files (default: fixtures/ and suites/).")
    var paths: [String] = []

    @Option(help: "An older fixture folder: also print what changed from it (cases added and removed, answer shapes per dialect), e.g. after `faultline canary --record`.")
    var against: String?

    func run() async throws {
        let targets = paths.isEmpty ? ["fixtures", "suites"].filter { FileManager.default.fileExists(atPath: $0) } : paths
        guard !targets.isEmpty else { throw CLIError.badInput("no fixtures/ or suites/ here; name what to check: faultline check PATH...") }
        var problems: [String] = []
        var seen = Set<String>()
        var fixtures = 0
        var yamlFiles = 0
        for path in targets {
            let report = FixtureCheck.run(path: path)
            fixtures += report.fixtures
            yamlFiles += report.yamlFiles
            // A task or chain shared by several suites reports its problems once.
            for problem in report.problems where seen.insert(problem).inserted { problems.append(problem) }
        }
        for problem in problems { FileHandle.standardError.write(Data((TerminalText.escapedLines(problem) + "\n").utf8)) }
        if let against { try printDrift(from: against, to: targets) }
        print("checked \(fixtures) fixture(s) and \(yamlFiles) suite, chain or task file(s): \(problems.isEmpty ? "all good" : "\(problems.count) problem(s)")")
        if !problems.isEmpty { throw CLIError(status: .badInput, message: "") }
    }

    /// The drift summary between the fixtures under `old` and those under `targets`.
    private func printDrift(from old: String, to targets: [String]) throws {
        let before = Fixture.loadAll(from: old).fixtures
        guard !before.isEmpty else { throw CLIError.badInput("--against \(old): no fixture found there") }
        let after = targets.flatMap { Fixture.loadAll(from: $0).fixtures }
        print("changes from \(old):")
        for line in FixtureDrift(old: before, new: after).lines { print("  " + TerminalText.escapedLines(line)) }
    }
}
