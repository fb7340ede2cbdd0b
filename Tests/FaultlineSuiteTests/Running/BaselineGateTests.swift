import Foundation
import Testing

@testable import FaultlineSuite

/// `--baseline`: the gate demo. A chain change that makes recovery slower fails against the
/// old run naming the metric and both values; the same run with no change passes with every
/// delta exactly 0 on the virtual clock.
struct BaselineGateTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// A suite over a copy of `chains/single-provider-retries.yaml` with its first backoff set to `initial` seconds.
    static func suite(backoff initial: Int, regressions: String = "") throws -> SuiteDefinition {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("faultline-gate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let chain = try String(contentsOf: root.appendingPathComponent("chains/single-provider-retries.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "backoff: { initial: 1,", with: "backoff: { initial: \(initial),")
        try chain.write(to: folder.appendingPathComponent("chain.yaml"), atomically: true, encoding: .utf8)
        let text = """
            suite: gate
            seed: 5
            chain: chain.yaml
            task: \(root.path)/fixtures/tasks/summarize.yaml
            requests: 200
            \(regressions)
            scenarios:
              - name: overloaded half the time
                faults:
                  "*": [ "overloaded(p=0.5)" ]
            """
        return try SuiteLoader.load(text: text, file: folder.appendingPathComponent("gate.yaml").path).get()
    }

    static func run(_ suite: SuiteDefinition, baseline: RunResult? = nil) async -> RunResult {
        var options = RunOptions(clock: .virtual, reproducible: true)
        options.baseline = baseline
        return await SuiteRunner(options: options, version: "test").run([suite])
    }

    @Test func noChangeGivesZeroDeltasAndPasses() async throws {
        let suite = try Self.suite(backoff: 1)
        let old = await Self.run(suite)
        let new = await Self.run(suite, baseline: old)
        let checks = try #require(new.suites.first?.scenarios.first?.checks)
        #expect(checks.count == 7 && checks.allSatisfy { $0.status == .passed && $0.name.hasPrefix("vs_baseline ") })
        let comparison = BaselineComparison(old: old, new: new)
        #expect(!comparison.rows.isEmpty && comparison.rows.allSatisfy { $0.delta == 0 })
    }

    @Test func aLongerBackoffFailsNamingTheMetricAndBothValues() async throws {
        let old = await Self.run(try Self.suite(backoff: 1))
        let new = await Self.run(try Self.suite(backoff: 3), baseline: old)
        let failed = try #require(new.suites.first?.scenarios.first?.checks.filter { $0.status == .failed })
        let recovery = try #require(failed.first { $0.name == "vs_baseline recovery_latency_ms.p99 <= +10%" })
        #expect(recovery.message?.hasPrefix("recovery_latency_ms.p99: ") == true)
        #expect(recovery.message?.contains(" → ") == true && recovery.message?.hasSuffix("allowed +10%") == true)
    }

    @Test func suiteRegressionsReplaceTheDefaults() async throws {
        let suite = try Self.suite(backoff: 1, regressions: "regressions:\n  recovery_latency_ms.p99: \"+250ms\"")
        #expect(suite.scenarios.first?.regressions.keys.sorted() == ["recovery_latency_ms.p99"])
        let old = await Self.run(suite)
        let checks = await Self.run(suite, baseline: old).suites.first?.scenarios.first?.checks ?? []
        #expect(checks.map(\.name) == ["vs_baseline recovery_latency_ms.p99 <= +250ms"])
    }

    @Test func aBadToleranceIsALoadErrorAtItsLine() throws {
        #expect(throws: LoadFailure.self) { try Self.suite(backoff: 1, regressions: "regressions:\n  latency_ms.p99: \"10%\"") }
        do { _ = try Self.suite(backoff: 1, regressions: "regressions:\n  latency_ms.p99: \"10%\"") } catch {
            #expect("\(error)".contains("gate.yaml:7:"))
            #expect("\(error)".contains("expected a tolerance such as"))
        }
    }
}
