import FaultlineSuite
import Foundation
import Testing

@testable import FaultlineReports

/// The history file a scheduled run appends to, and the trend read from it.
struct RunHistoryTests {
    static func run(at time: Double, success: Double) -> RunResult {
        RunResult(
            version: "1.0", startedAt: time, duration: 0, seed: 1, shard: nil, interrupted: false,
            suites: [SuiteResult(name: "canary", file: "c.yaml", seed: 1, duration: 0, scenarios: [
                ScenarioResult(name: "openai plain", kind: .canary, clock: "wall", requests: 2, concurrency: 1, metrics: [
                    Metric("success_rate", success), Metric("latency_ms.p99", 812.5), Metric("requests.sent", 2),
                ]),
            ])])
    }

    @Test func runsAppendOneLineEachAndTrendOldestFirst() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("history-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        for (i, success) in [1.0, 0.5, 1.0].enumerated() {
            let entry = RunHistory.entry(for: Self.run(at: 1_764_000_000 + Double(i) * 3600, success: success), environment: ["GITHUB_SHA": "abcdef0123456789"])
            try RunHistory.append(entry, to: file)
        }
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.split(separator: "\n").count == 3)
        #expect(!text.contains("requests.sent"), "only key figures are kept")
        let history = try RunHistory.load(file)
        #expect(history.series("canary.openai plain", "success_rate", last: 2) == [0.5, 1])
        let trend = history.trend(last: 2)
        #expect(trend.contains("### canary.openai plain"))
        #expect(trend.contains("| run | commit | success_rate | latency_ms.p99 |"))
        #expect(trend.contains("| 2025-11-24T17:00:00Z | abcdef01 | 0.5 | 812.5 |"))
        #expect(!trend.contains("2025-11-24T16:00:00Z"), "only the last 2 runs")
    }

    @Test func aBrokenLineIsReportedByNumber() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("history-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try RunHistory.append(RunHistory.entry(for: Self.run(at: 0, success: 1), environment: [:]), to: file)
        let handle = try #require(FileHandle(forWritingAtPath: file))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{not json\n".utf8))
        try handle.close()
        #expect(throws: HistoryError.self) { try RunHistory.load(file) }
        do { _ = try RunHistory.load(file) } catch { #expect("\(error)".hasSuffix(":2: not a history entry (expected a JSON object with time, version, scenarios)")) }
    }
}
