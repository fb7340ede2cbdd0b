import FaultlineChain
import FaultlineChaos
import FaultlineWire
import Foundation
import Synchronization

/// A chaos scenario on the wall clock: the in-process `MockServer` on a loopback port,
/// the chain's `HTTPTransport` on real sockets, real time. Same scripts, same chain,
/// same metrics as the virtual clock; only time and the network are real.
///
/// A gateway scenario runs the same way with the roles moved: the mock, on the gateway's
/// fixed upstream port, plays the chain's providers, and the tasks go to the gateway's own
/// endpoint as to a single provider that neither retries nor falls back (the gateway does).
struct WallRun {
    let scenario: ScenarioDefinition
    let chain: ChainConfig
    let task: TaskDefinition

    func run(into collector: MetricsCollector) async throws -> ChaosScenario.Measurement {
        // Behind a gateway the journal is the measurement: room for every upstream request of a
        // run of ordinary size (eight per task), bounded so a huge run cannot take the memory.
        let server = try await MockServer.start(MockServerConfiguration(
            port: scenario.gateway?.mockPort ?? 0,
            mock: ChaosScenario.mockConfiguration(
                chain: chain, faults: scenario.faults, seed: scenario.seed, timing: scenario.timing, epoch: nil),
            journalCapacity: scenario.gateway == nil ? 10_000 : min(200_000, max(10_000, scenario.requests * 8))))
        let transport = HTTPTransport()
        let driven: ChainConfig
        let environment: [String: String]
        if let gateway = scenario.gateway {
            driven = Self.gatewayChain(gateway, upstreams: chain, task: task)
            environment = ProcessInfo.processInfo.environment
        } else {
            var local = chain
            for index in local.providers.indices {
                local.providers[index].baseURL = "http://127.0.0.1:\(server.port)"
                local.providers[index].pathPrefix = "/\(local.providers[index].name)"
                local.providers[index].apiKeyEnv = nil
            }
            driven = local
            environment = [:]
        }
        let runner: ChainRunner
        do {
            runner = try ChainRunner(chain: driven, transport: transport, environment: environment)
        } catch {
            try? await transport.shutdown()
            try? await server.stop()
            throw error
        }
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
        let journal = server.journal()
        let serverVerdicts = server.verdicts()
        try? await server.stop()
        let final = state.value.withLock { $0 }
        guard scenario.gateway != nil else {
            return ChaosScenario.Measurement(collector: final.collector, health: runner.health.snapshot, verdicts: final.judge.counts)
        }
        // Behind a gateway the client sees one attempt per task; what the gateway did upstream
        // (retries, fallbacks, ignored retry-after) is in the mock's journal and its verdicts.
        var verdicts: [String: Int] = [:]
        for verdict in serverVerdicts { verdicts[verdict.name.rawValue, default: 0] += 1 }
        return ChaosScenario.Measurement(
            collector: final.collector, health: runner.health.snapshot, verdicts: verdicts,
            upstream: UpstreamSummary(journal, tasks: requests, providers: chain.providers.map(\.name)))
    }

    /// The gateway as the one provider of a chain that only sends: one attempt, no breaker,
    /// no fallback, no repair, so every figure is the gateway's own. Priced as the chain's
    /// primary, whose traffic a healthy gateway would send it.
    static func gatewayChain(_ gateway: GatewayTarget, upstreams: ChainConfig, task: TaskDefinition) -> ChainConfig {
        let url = gateway.url.hasSuffix("/") ? String(gateway.url.dropLast()) : gateway.url
        let primary = upstreams.providers.first
        let provider = ProviderConfig(
            name: "gateway", dialect: gateway.dialect, baseURL: url, model: gateway.model ?? task.request.model,
            apiKeyEnv: gateway.apiKeyEnv, price: primary?.price ?? Price(), timeouts: primary?.timeouts ?? PhaseTimeouts())
        return ChainConfig(
            name: "gateway", providers: [provider], retry: RetryPolicy(maxAttempts: 1),
            breaker: BreakerPolicy(enabled: false), deadline: upstreams.deadline,
            validation: ValidationPolicy(enabled: upstreams.validation.enabled, shape: upstreams.validation.shape, repair: [], onFailure: .fail),
            fatalOn: upstreams.fatalOn)
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
        var request = task.request
        if scenario.gateway != nil { request.user = "faultline-task-\(index)" }
        let result = await runner.run(request, shape: task.shape, seed: jitter.next())
        state.value.withLock {
            $0.collector.record(TaskSample(trace: result.trace))
            $0.judge.judge(result.trace)
        }
    }
}
