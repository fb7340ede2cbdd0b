import ArgumentParser
import FaultlineSuite
import Foundation

/// `faultline bench`: the performance figures, one line each (`name: p50 1.2 µs, p99 6.8 µs`
/// or `name: 123456 chunks/s`) so scripts can read them. Run it from a release build.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the codecs, the chain, the simulator and the mock's answers (use a release build).",
        discussion: "Figures and targets are recorded in Benchmarks/README.md."
    )

    enum Area: String, ExpressibleByArgument, CaseIterable {
        case wire, chain, sim, mock, all
    }

    @Argument(help: "What to measure: wire, chain, sim, all, or mock (only the mock's answer figures, also part of chain).")
    var area: Area = .all

    func run() async throws {
        #if DEBUG
            FileHandle.standardError.write(Data("note: this is a debug build; figures are only meaningful with `swift run -c release`\n".utf8))
        #endif
        if area == .wire || area == .all { for line in WireBenchmarks.run() { print(line) } }
        if area == .chain || area == .all { for line in await ChainBenchmarks.run() { print(line) } }
        if area == .sim || area == .all { for line in SimulationBenchmarks.run() { print(line) } }
        // `chain` includes these two figures; `mock` runs them alone, in a second rather than a minute.
        if area == .mock { for line in ChainBenchmarks.mockAnswer(requests: 100_000) { print(line) } }
    }
}
