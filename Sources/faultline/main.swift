import ArgumentParser
import Foundation

/// `faultline`: conformance and chaos testing for LLM provider adapters and fallback chains.
struct Faultline: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "faultline",
        abstract: "Conformance and chaos testing for LLM provider adapters and fallback chains.",
        discussion: """
            Exit codes: 0 all passed · 1 a test failed · 2 bad input or usage · 3 internal error · 130 SIGINT · 143 SIGTERM.
            """,
        version: version,
        subcommands: [RunCommand.self, CanaryCommand.self, CheckCommand.self, ServeCommand.self, RecordCommand.self, MergeCommand.self, CompareCommand.self, TrendCommand.self, BenchCommand.self]
    )
}

await CommandLine.runFaultline()
