import FaultlineChaos
import FaultlineWire
import Foundation
import Testing

@testable import FaultlineSuite

/// Canary scenarios against the mock standing in for the live providers: its `drift(...)`
/// faults are exactly the changes a canary must detect, and its journal counts what was sent.
@Suite(.serialized) struct CanaryScenarioTests {
    static let keyVariable = "FAULTLINE_CANARY_TEST_KEY"
    /// Assembled at run time, so no committed line holds a key-shaped string.
    static let key = "sk-" + "canary-test-0123456789abcdefDISTINCT"
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// The text of a suite of one canary scenario over the three dialects, all served on `port`.
    static func suiteText(port: Int, requests: Int, expect: [String], keyVariable: String, extra: [String] = [], task: String = "summarize") -> String {
        let providers = [("openai", "openai-chat", "gpt-4o-mini"), ("anthropic", "anthropic-messages", "claude-3-5-haiku-latest"), ("gemini", "gemini", "gemini-2.0-flash")]
        var lines = ["suite: canary-test", "scenarios:", "  - name: live", "    kind: canary", "    requests: \(requests)"]
        lines += ["    task: \(root)/fixtures/tasks/\(task).yaml", "    fixtures: \(root)/fixtures"] + extra.map { "    " + $0 }
        lines += ["    chain:", "      chain: probe", "      providers:"]
        for (name, dialect, model) in providers {
            lines += ["        - name: \(name)", "          dialect: \(dialect)", "          base_url: http://127.0.0.1:\(port)"]
            lines += ["          model: \(model)", "          api_key_env: \(keyVariable)", "          price: { input: 1, output: 2 }"]
        }
        lines += ["    expect:"] + expect.map { "      " + $0 }
        return lines.joined(separator: "\n") + "\n"
    }

    struct Outcome {
        var scenario: ScenarioResult
        var journal: [JournalEntry]
    }

    /// Runs the canary against a fresh mock with `faults` on every provider.
    static func run(
        requests: Int = 3, expect: [String], faults: String = "", options: CanaryOptions = CanaryOptions(),
        keyVariable: String = keyVariable, extra: [String] = [], task: String = "summarize"
    ) async throws -> Outcome {
        setenv(Self.keyVariable, key, 1)
        let specs = faults.isEmpty ? [] : try FaultSpec.parseList(faults)
        let mock = try await MockServer.start(MockServerConfiguration(mock: MockConfiguration(seed: 3, faults: specs)))
        let text = suiteText(port: mock.port, requests: requests, expect: expect, keyVariable: keyVariable, extra: extra, task: task)
        let suite: SuiteDefinition
        switch SuiteLoader.load(text: text, file: FileManager.default.temporaryDirectory.path + "/canary.yaml") {
        case .success(let loaded): suite = loaded
        case .failure(let failure):
            try await mock.stop()
            throw failure
        }
        var runOptions = RunOptions()
        runOptions.canary = options
        let result = await SuiteRunner(options: runOptions, version: "test").run([suite])
        let journal = mock.journal()
        try await mock.stop()
        return Outcome(scenario: try #require(result.suites.first?.scenarios.first), journal: journal)
    }

    static let clean = ["success_rate: \"== 1\"", "drift.removed: \"== 0\"", "drift.retyped: \"== 0\"", "drift.added: \"== 0\""]

    @Test func withoutFaultsEveryProviderPassesWithNoDrift() async throws {
        let outcome = try await Self.run(expect: Self.clean + ["latency_ms.p99: \"< 5000\""])
        #expect(outcome.scenario.checks.allSatisfy { $0.status == .passed }, "\(outcome.scenario.checks)")
        #expect(outcome.journal.count == 9, "3 requests to each of 3 providers")
        #expect(outcome.scenario.providers.map(\.provider) == ["openai", "anthropic", "gemini"])
        #expect(outcome.scenario.metric("requests.sent") == 9)
        #expect(outcome.scenario.metric("tokens.output") ?? 0 > 0)
        #expect(outcome.scenario.metric("cost.total_usd") ?? 0 > 0)
    }

    @Test(arguments: [
        ("drift(drop=usage)", "drift.removed", "usage"),
        ("drift(retype=id)", "drift.retyped", "id"),
        ("drift(add=brand_new_field)", "drift.added", "brand_new_field"),
    ])
    func eachKindOfDriftFailsNamingThePath(fault: String, metric: String, path: String) async throws {
        let outcome = try await Self.run(requests: 1, expect: Self.clean, faults: fault)
        let failed = outcome.scenario.checks.filter { $0.status == .failed }
        let check = try #require(failed.first { $0.metric == metric }, "\(outcome.scenario.checks)")
        #expect(check.message?.contains("$.\(path)") == true, "\(check.message ?? "")")
        #expect(outcome.scenario.metric(metric) ?? 0 >= 1)
    }

    @Test func theSpendCapStopsAfterWhatItAllows() async throws {
        // The summarize request's worst case is ~400 request bytes × $1/M + 128 tokens × $2/M ≈ $0.00066,
        // while each answer costs a few hundredths of that: a $0.002 cap lets a few requests through.
        let cap = 0.002
        let outcome = try await Self.run(requests: 5, expect: Self.clean, options: CanaryOptions(maxSpendUSD: cap))
        let sent = try #require(outcome.scenario.metric("requests.sent"))
        #expect(sent > 0 && sent < 15)
        #expect(Double(outcome.journal.count) == sent, "the mock saw exactly what the canary sent")
        #expect(outcome.scenario.metric("requests.skipped") == 15 - sent)
        #expect(try #require(outcome.scenario.metric("cost.total_usd")) <= cap)
        let stopped = try #require(outcome.scenario.checks.first { $0.name == "requests stopped by a cap" })
        #expect(stopped.status == .skipped && stopped.message?.contains("--max-spend-usd") == true)
    }

    @Test func aZeroCapSendsNothingAndSkipsEveryCheck() async throws {
        let outcome = try await Self.run(expect: Self.clean, options: CanaryOptions(maxSpendUSD: 0))
        #expect(outcome.journal.isEmpty)
        #expect(outcome.scenario.checks.allSatisfy { $0.status == .skipped && $0.message?.contains("nothing sent") == true })
    }

    @Test func timeToFirstTokenCountsTheWaitForTheHead() async throws {
        // The mock holds every answer's head 300 ms: a first token cannot come sooner.
        let outcome = try await Self.run(requests: 1, expect: Self.clean, faults: "latency(ms=300)", task: "chat-stream")
        let ttft = try #require(outcome.scenario.metric("ttft_ms.p50"))
        #expect(ttft >= 300, "ttft_ms.p50 = \(ttft)")
        let latency = try #require(outcome.scenario.metric("latency_ms.p50"))
        #expect(ttft <= latency)
    }

    @Test func aMaxRequestsCapCountsRequests() async throws {
        let outcome = try await Self.run(requests: 2, expect: Self.clean, options: CanaryOptions(maxRequests: 4))
        #expect(outcome.journal.count == 4)
        #expect(outcome.scenario.metric("requests.skipped") == 2)
    }

    @Test func aMissingKeySendsNothing() async throws {
        let missing = CanaryKeys.missing(
            in: [ScenarioDefinition(name: "x", kind: .canary, chain: try Self.chain(keyVariable: "FAULTLINE_UNSET_CANARY_KEY"))],
            environment: [:])
        #expect(missing.map(\.variable) == ["FAULTLINE_UNSET_CANARY_KEY"])
        let outcome = try await Self.run(expect: Self.clean, keyVariable: "FAULTLINE_UNSET_CANARY_KEY", extra: ["missing_key: skip"])
        #expect(outcome.journal.isEmpty)
        #expect(outcome.scenario.checks.allSatisfy { $0.status == .skipped })
        #expect(outcome.scenario.checks.first?.message?.contains("FAULTLINE_UNSET_CANARY_KEY not set") == true)
    }

    @Test func aDryRunPrintsTheRequestsAndSendsNothing() async throws {
        let lines = LockedLines()
        let outcome = try await Self.run(expect: Self.clean, options: CanaryOptions(dryRun: true, log: lines.append))
        #expect(outcome.journal.isEmpty)
        #expect(lines.all.count == 3)
        #expect(lines.all.allSatisfy { $0.contains("worst case $") && !$0.contains(Self.key) })
    }

    @Test func canaryScenariosAreSkippedByRun() async throws {
        setenv(Self.keyVariable, Self.key, 1)
        let text = Self.suiteText(port: 9, requests: 1, expect: Self.clean, keyVariable: Self.keyVariable)
        let suite = try SuiteLoader.load(text: text, file: FileManager.default.temporaryDirectory.path + "/canary.yaml").get()
        let result = await SuiteRunner(options: RunOptions(), version: "test").run([suite])
        let checks = result.suites.flatMap(\.scenarios).flatMap(\.checks)
        #expect(!checks.isEmpty && checks.allSatisfy { $0.status == .skipped && $0.message?.contains("faultline canary") == true })
    }

    @Test func theKeyNeverReachesTheResults() async throws {
        let outcome = try await Self.run(requests: 1, expect: Self.clean, faults: "drift(add=extra)")
        let encoded = try JSONEncoder().encode(outcome.scenario)
        #expect(String(decoding: encoded, as: UTF8.self).contains(Self.key) == false)
    }

    @Test func recordSavesWhatItSawAsFixturesThatPassConformance() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("faultline-canary-record-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let lines = LockedLines()
        let writer = try FixtureWriter(root: folder, redactor: Redactor())
        let outcome = try await Self.run(requests: 1, expect: Self.clean, options: CanaryOptions(log: lines.append, recorder: writer))
        #expect(outcome.journal.count == 3)
        let (fixtures, errors) = Fixture.loadAll(from: folder)
        #expect(errors.isEmpty, "\(errors)")
        #expect(Set(fixtures.map(\.dialect)) == Set(DialectID.allCases))
        #expect(fixtures.allSatisfy { if case .recorded = $0.provenance { true } else { false } })
        #expect(lines.all.filter { $0.hasPrefix("recorded ") }.count == 3, "\(lines.all)")
        let files = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []
        for file in files {
            let text = (try? String(contentsOfFile: folder + "/" + file, encoding: .utf8)) ?? ""
            #expect(!text.contains(Self.key), "\(file) holds the key")
        }
        // The recorded folder is a fixture set like any other: a conformance scenario over it passes.
        let conformance = await ScenarioExecutor.run(ScenarioDefinition(name: "recorded", kind: .conformance, fixtures: folder), reproducible: true)
        #expect(!conformance.checks.isEmpty && conformance.checks.allSatisfy { $0.status == .passed }, "\(conformance.checks.filter { $0.status != .passed })")
    }

    static func chain(keyVariable: String) throws -> ChainSetup {
        let text = suiteText(port: 9, requests: 1, expect: [], keyVariable: keyVariable)
        let suite = try SuiteLoader.load(text: text.replacingOccurrences(of: "    expect:\n", with: ""), file: "/tmp/x.yaml").get()
        return try #require(suite.scenarios.first?.chain)
    }
}

/// Lines logged from any task, read after the run.
final class LockedLines: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    var all: [String] { lock.withLock { stored } }
    var append: @Sendable (String) -> Void { { line in self.lock.withLock { self.stored.append(line) } } }
}
