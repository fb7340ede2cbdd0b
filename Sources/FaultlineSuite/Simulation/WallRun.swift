import FaultlineChain
import FaultlineChaos
import FaultlineWire
import Foundation
import Synchronization

/// A chaos scenario on the wall clock: the in-process `MockServer` on a loopback port,
/// the chain's `HTTPTransport` on real sockets, real time. Same scripts, same chain,
/// same metrics as the virtual clock; only time and the network are real.
struct WallRun {
    let scenario: ScenarioDefinition
    let chain: ChainConfig
    let task: TaskDefinition

    func run(into collector: MetricsCollector) async throws -> ChaosScenario.Measurement {
        let server = try await MockServer.start(MockServerConfiguration(
            mock: ChaosScenario.mockConfiguration(
                chain: chain, faults: scenario.faults, seed: scenario.seed, timing: scenario.timing, epoch: nil)))
        let transport = HTTPTransport()
        var local = chain
        for index in local.providers.indices {
            local.providers[index].baseURL = "http://127.0.0.1:\(server.port)"
            local.providers[index].pathPrefix = "/\(local.providers[index].name)"
            local.providers[index].apiKeyEnv = nil
        }
        let runner = try ChainRunner(chain: local, transport: transport, environment: [:])
        let state = SharedState(collector: collector)
        let requests = scenario.requests
        let root = SeededRandom(seed: scenario.seed)

        await withTaskGroup(of: Void.self) { group in
            if let rate = scenario.arrivalRate {
                var arrivals = root.derived("arrivals")
                let start = ContinuousClock.now
                var offset = 0.0
                for index in 0..<requests {
                    try? await Task.sleep(until: start + .seconds(offset))
                    if Task.isCancelled { break }
                    group.addTask { await runOne(index, runner: runner, root: root, state: state) }
                    offset += -Foundation.log(1 - arrivals.unit()) / rate
                }
            } else {
                for _ in 0..<min(scenario.concurrency, requests) {
                    group.addTask {
                        while !Task.isCancelled {
                            let index = state.value.withLock { s -> Int in
                                defer { s.next += 1 }
                                return s.next
                            }
                            guard index < requests else { return }
                            await runOne(index, runner: runner, root: root, state: state)
                        }
                    }
                }
            }
        }
        try? await transport.shutdown()
        try? await server.stop()
        let final = state.value.withLock { $0 }
        return ChaosScenario.Measurement(collector: final.collector, health: runner.health.snapshot, verdicts: final.judge.counts)
    }

    /// What the workers share: the metrics, the verdicts and the next task to take.
    final class SharedState: Sendable {
        let value: Mutex<(collector: MetricsCollector, judge: VerdictJudge, next: Int)>
        init(collector: MetricsCollector) { value = Mutex((collector: collector, judge: VerdictJudge(), next: 0)) }
    }

    private func runOne(
        _ index: Int, runner: ChainRunner, root: SeededRandom,
        state: SharedState
    ) async {
        var jitter = root.derived("task", index)
        let result = await runner.run(task.request, shape: task.shape, seed: jitter.next())
        state.value.withLock {
            $0.collector.record(TaskSample(trace: result.trace))
            $0.judge.judge(result.trace)
        }
    }
}
