import Foundation
import Testing

@testable import FaultlineSuite

/// One code path, two clocks: a scenario gives the same outcomes class by class on the
/// virtual clock (simulated transport) and the wall clock (real sockets, in-process mock),
/// and the virtual clock replays a seed exactly.
@Suite struct ClockAgreementTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func scenario(_ name: String, task: String = "weather-tool", faults: String, requests: Int = 24) throws -> ScenarioDefinition {
        let text = """
            suite: clocks
            seed: 5
            chain: \(repository.path)/chains/default.yaml
            task: \(repository.path)/fixtures/tasks/\(task).yaml
            requests: \(requests)
            concurrency: 4
            first_byte_ms: 30
            chunk_gap_ms: 5
            scenarios:
              - name: \(name)
                faults:
                  openai-primary: [ "\(faults)" ]
            """
        return try SuiteLoader.load(text: text, file: "/tmp/clocks.yaml").get().scenarios[0]
    }

    /// Faults scheduled by count, not chance, so both clocks hit the same requests.
    static let cases: [(name: String, task: String, faults: String)] = [
        ("throttled first", "weather-tool", "throttle(retry_after=0.2, first=4)"),
        ("reset first", "weather-tool", "reset(first=3)"),
        ("quota gone", "weather-tool", "quota_exhausted(first=2)"),
        ("cut stream", "chat-stream", "truncate(after_chunks=2, first=2)"),
        ("mid-stream reset", "chat-stream", "reset_mid_stream(after_chunks=1, first=2)"),
    ]

    static let compared = [
        "success_rate", "outcome.clean", "outcome.repaired", "outcome.retried", "outcome.fell_back", "outcome.failed",
        "outcome.nonsense", "attempts.max", "delivered",
    ]

    @Test(arguments: cases.indices)
    func wallAndVirtualGiveTheSameOutcomes(_ index: Int) async throws {
        let (name, task, faults) = Self.cases[index]
        var scenario = try Self.scenario(name, task: task, faults: faults)
        scenario.clock = .virtual
        let virtual = await ChaosScenario.run(scenario, reproducible: true)
        scenario.clock = .wall
        let wall = await ChaosScenario.run(scenario, reproducible: false)
        #expect(wall.error == nil, "\(wall.error ?? "")")
        for metric in Self.compared {
            #expect(virtual.metric(metric) == wall.metric(metric), "\(name): \(metric) virtual \(virtual.metric(metric) ?? -1), wall \(wall.metric(metric) ?? -1)")
        }
        // Timing within tolerance: the median task is one clean attempt on both clocks.
        let (v, w) = (virtual.metric("latency_ms.p50") ?? 0, wall.metric("latency_ms.p50") ?? 0)
        #expect(w >= v * 0.8 && w <= v + 250, "\(name): p50 virtual \(v) ms, wall \(w) ms")
    }

    @Test func theSameSeedReplaysExactly() async throws {
        let scenario = try Self.scenario("noisy", faults: "throttle(retry_after=1, p=0.2)", requests: 300)
        let first = await ChaosScenario.run(scenario, reproducible: true)
        let second = await ChaosScenario.run(scenario, reproducible: true)
        #expect(first.metrics == second.metrics)
        #expect(first.providers.map(\.metrics) == second.providers.map(\.metrics))
        #expect(first.latencyCDF == second.latencyCDF)
        #expect(first.checks == second.checks)
        #expect(first.duration == 0)

        var reseeded = scenario
        reseeded.seed &+= 1
        let other = await ChaosScenario.run(reseeded, reproducible: true)
        #expect(other.metrics != first.metrics, "another seed should draw other faults")
    }
}
