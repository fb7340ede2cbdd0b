import Foundation
import FaultlineWire

/// A deterministic fuzz campaign for one target: `count` inputs, each drawn from its own
/// generator derived from a fixed seed, so `swift test` runs the same inputs every time and a
/// failure names the input index that reproduces it.
///
/// The nightly run (`scripts/fuzz`) scales the campaign without touching the tests:
/// - `FAULTLINE_FUZZ_SCALE=N` runs N times as many inputs (default 1);
/// - `FAULTLINE_FUZZ_SEED=S` starts from another seed (default: the target's name hashed),
///   so successive nights explore new inputs;
/// - `FAULTLINE_FUZZ_REPORT=FILE` appends one line per campaign: target, inputs, seconds.
public struct FuzzCampaign: Sendable {
    public let target: String
    public let seed: UInt64
    public let count: Int

    public init(_ target: String, count: Int, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.target = target
        let scale = environment["FAULTLINE_FUZZ_SCALE"].flatMap { Int($0) }.map { max(1, min($0, 1_000_000)) } ?? 1
        self.count = count * scale
        self.seed = environment["FAULTLINE_FUZZ_SEED"].flatMap { UInt64($0) } ?? FNV1a.hash(target)
        self.reportFile = environment["FAULTLINE_FUZZ_REPORT"]
    }

    private let reportFile: String?

    /// Runs `body` once per input with that input's generator and index.
    public func run(_ body: (_ index: Int, _ random: inout SeededRandom) throws -> Void) rethrows {
        let root = SeededRandom(seed: seed)
        let start = ContinuousClock.now
        for index in 0..<count {
            var random = root.derived(target, index)
            try body(index, &random)
        }
        report(inputs: count, elapsed: ContinuousClock.now - start)
    }

    /// A one-line label for an expectation's message, enough to replay the failing input.
    public func label(_ index: Int) -> String {
        "fuzz target \(target), seed \(seed), input \(index) (replay with FAULTLINE_FUZZ_SEED=\(seed))"
    }

    private func report(inputs: Int, elapsed: Duration) {
        guard let reportFile else { return }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let line = "\(target)\t\(inputs)\t\(String(format: "%.3f", seconds))\t\(Int(Double(inputs) / max(seconds, 1e-9)))\n"
        guard let handle = FileHandle(forWritingAtPath: reportFile) ?? {
            _ = FileManager.default.createFile(atPath: reportFile, contents: nil)
            return FileHandle(forWritingAtPath: reportFile)
        }() else { return }
        handle.seekToEndOfFile()
        handle.write(Data(line.utf8))
        try? handle.close()
    }
}
