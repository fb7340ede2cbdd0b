import FaultlineSuite
import Foundation

/// A scheduled run's memory: one JSON line per run (`--history FILE`), with each scenario's
/// key figures, so a canary or a nightly gate can be trended without a database. The file is
/// append-only and carried from run to run by a CI cache or artifact.
public struct RunHistory: Sendable {
    public struct Entry: Sendable, Hashable, Codable {
        /// Unix seconds of the run's start (`SOURCE_DATE_EPOCH` when set).
        public var time: Double
        public var version: String
        /// `GIT_COMMIT` or `GITHUB_SHA`, when the CI set one.
        public var commit: String?
        /// `suite.scenario` → metric → value, key figures only.
        public var scenarios: [String: [String: Double]]
    }

    /// The figures a trend follows: what a dashboard shows per scenario.
    public static let keyMetrics = [
        "success_rate", "latency_ms.p50", "latency_ms.p99", "ttft_ms.p99", "recovery_latency_ms.p99", "attempts.mean",
        "cost.per_success_usd", "cost.total_usd", "shape_stability", "drift.added", "drift.removed", "drift.retyped",
    ]

    public var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    /// The line a run adds.
    public static func entry(for run: RunResult, environment: [String: String]) -> Entry {
        var scenarios: [String: [String: Double]] = [:]
        for suite in run.suites {
            for scenario in suite.scenarios {
                let figures = scenario.metrics.filter { keyMetrics.contains($0.name) && $0.value.isFinite }
                if !figures.isEmpty { scenarios["\(suite.name).\(scenario.name)"] = Dictionary(figures.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a }) }
            }
        }
        let commit = [environment["GIT_COMMIT"], environment["GITHUB_SHA"], environment["CI_COMMIT_SHA"]].compactMap { $0 }.first { !$0.isEmpty }
        return Entry(time: run.startedAt, version: run.version, commit: commit, scenarios: scenarios)
    }

    /// Appends `entry` as one line to `file`, creating it.
    public static func append(_ entry: Entry, to file: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var line = try encoder.encode(entry)
        line.append(0x0A)
        if !FileManager.default.fileExists(atPath: file) {
            guard FileManager.default.createFile(atPath: file, contents: line) else { throw HistoryError(file: file, line: 0, reason: "cannot create the file") }
            return
        }
        guard let handle = FileHandle(forWritingAtPath: file) else { throw HistoryError(file: file, line: 0, reason: "cannot open the file for writing") }
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: line)
    }

    /// Reads a history file; a line that is not an entry is an error naming it.
    public static func load(_ file: String) throws -> RunHistory {
        guard let data = FileManager.default.contents(atPath: file) else { throw HistoryError(file: file, line: 0, reason: "cannot read the file") }
        var entries: [Entry] = []
        for (index, line) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            do { entries.append(try JSONDecoder().decode(Entry.self, from: Data(line))) } catch {
                throw HistoryError(file: file, line: index + 1, reason: "not a history entry (expected a JSON object with time, version, scenarios)")
            }
        }
        return RunHistory(entries: entries)
    }

    /// The values of `metric` for `scenario` over the last `count` runs that measured it, oldest first.
    public func series(_ scenario: String, _ metric: String, last count: Int) -> [Double] {
        Array(entries.compactMap { $0.scenarios[scenario]?[metric] }.suffix(count))
    }
}

public struct HistoryError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var reason: String
    public var description: String { line > 0 ? "\(file):\(line): \(reason)" : "\(file): \(reason)" }
}
