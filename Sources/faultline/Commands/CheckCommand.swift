import ArgumentParser
import FaultlineWire
import Foundation

/// `faultline check`: validates fixtures (and suites), decodes every fixture through its
/// dialect against its expectations, and flags anything shaped like an API key.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate fixtures and suites; decode every fixture against its expectations; find secrets.",
        discussion: "Exits 0 when everything is good, 2 with `file: what is wrong` for each problem."
    )

    @Argument(help: "Fixture roots, fixture case folders or suite files (default: fixtures/ and suites/).")
    var paths: [String] = []

    func run() async throws {
        let targets = paths.isEmpty ? ["fixtures", "suites"].filter { FileManager.default.fileExists(atPath: $0) } : paths
        var problems: [String] = []
        var checked = 0
        for path in targets {
            let report = FixtureCheck.run(path: path)
            checked += report.checked
            problems += report.problems
        }
        for problem in problems { FileHandle.standardError.write(Data((problem + "\n").utf8)) }
        print("checked \(checked) files: \(problems.isEmpty ? "all good" : "\(problems.count) problem(s)")")
        if !problems.isEmpty { throw CLIError(status: .badInput, message: "") }
    }
}
