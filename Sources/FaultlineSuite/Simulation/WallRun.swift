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
        let server = try await startMock()
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
        if let settle = scenario.gateway?.settleMs, settle > 0 {
            try? await Task.sleep(for: .milliseconds(settle))
            server.reset()
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
        guard let gateway = scenario.gateway else {
            return ChaosScenario.Measurement(collector: final.collector, health: runner.health.snapshot, verdicts: final.judge.counts)
        }
        // Behind a gateway the client sees one attempt per task; what the gateway did upstream
        // (retries, fallbacks, ignored retry-after, a cut stream patched into a success) is in
        // the mock's journal and its verdicts.
        var verdicts: [String: Int] = [:]
        for verdict in serverVerdicts { verdicts[verdict.name.rawValue, default: 0] += 1 }
        let held = final.held.sorted { $0.index < $1.index }
        let delivered = Set(held.filter { $0.sample.shapeRepaired }.map { Self.endUser($0.index) })
        let upstream = UpstreamSummary(
            journal, tasks: requests, providers: chain.providers.map(\.name), delivered: delivered,
            policy: VerdictPolicy())
        let maskedIDs = Set(upstream.masked.flatMap(\.requests))
        let masked = Set(journal.filter { maskedIDs.contains($0.id) }.compactMap(\.endUser))
        var collector = final.collector
        for (index, sample) in held {
            collector.record(masked.contains(Self.endUser(index)) ? sample.masked : sample)
        }
        return ChaosScenario.Measurement(
            collector: collector, health: runner.health.snapshot, verdicts: verdicts, upstream: upstream,
            problem: Self.upstreamProblem(
                journal, scenario: scenario.name, gateway: gateway, providers: chain.providers.map(\.name),
                tasks: held.count, delivered: delivered.count))
    }

    /// The end user a gateway task carries, which the gateway passes upstream: how the mock's
    /// journal ties an upstream request to its task.
    static func endUser(_ index: Int) -> String { "faultline-task-\(index)" }

    /// Why the figures of a gateway run say nothing about the gateway, if they do not: tasks
    /// were answered but the mock saw no upstream request at all (the gateway's upstreams
    /// point elsewhere), or saw some under no provider of the chain (a missing mount).
    static func upstreamProblem(
        _ journal: [JournalEntry], scenario: String, gateway: GatewayTarget, providers: [String], tasks: Int, delivered: Int
    ) -> GatewayRunError? {
        guard tasks > 0 else { return nil }
        if journal.isEmpty {
            return .nothingUpstream(
                port: gateway.mockPort, scenario: scenario, gateway: gateway.url, delivered: delivered, tasks: tasks, providers: providers)
        }
        let unmounted = UpstreamSummary.unmounted(journal, providers: providers)
        guard unmounted.count == journal.count else { return nil }
        var paths: [String] = []
        for entry in unmounted where !paths.contains(entry.path) && paths.count < 3 { paths.append(entry.path) }
        return .unmountedUpstream(port: gateway.mockPort, scenario: scenario, requests: journal.count, paths: paths, providers: providers)
    }

    /// The in-process mock: on port 0 for a chaos run, on the gateway's fixed upstream port
    /// for a gateway run, where a failed bind is named with the port and the scenario.
    private func startMock() async throws -> MockServer {
        // Behind a gateway the journal is the measurement: room for every upstream request of a
        // run of ordinary size (eight per task), bounded so a huge run cannot take the memory.
        var configuration = MockServerConfiguration(
            port: scenario.gateway?.mockPort ?? 0,
            mock: ChaosScenario.mockConfiguration(
                chain: chain, faults: scenario.faults, seed: scenario.seed, timing: scenario.timing, epoch: nil),
            journalCapacity: scenario.gateway == nil ? 10_000 : min(200_000, max(10_000, scenario.requests * 8)))
        configuration.journalEndUsers = scenario.gateway != nil
        do {
            return try await MockServer.start(configuration)
        } catch {
            guard let port = scenario.gateway?.mockPort else { throw error }
            guard let code = MockPortProbe.bindError(port: port) else {
                throw GatewayRunError.mockPortUnavailable(port: port, scenario: scenario.name, reason: "\(error)")
            }
            throw GatewayRunError.mockPort(port, scenario: scenario.name, errno: code)
        }
    }

    /// The gateway as the one provider of a chain that only sends: one attempt, no breaker,
    /// no fallback, no repair, so every figure is the gateway's own. Priced as the chain's
    /// primary, whose traffic a healthy gateway would send it.
    static func gatewayChain(_ gateway: GatewayTarget, upstreams: ChainConfig, task: TaskDefinition) -> ChainConfig {
        let url = gateway.url.hasSuffix("/") ? String(gateway.url.dropLast()) : gateway.url
        let primary = upstreams.providers.first
        let provider = ProviderConfig(
            name: "gateway", dialect: gateway.dialect, baseURL: url,
            model: gatewayModel(gateway, upstreams: upstreams, task: task),
            apiKeyEnv: gateway.apiKeyEnv, price: primary?.price ?? Price(), timeouts: primary?.timeouts ?? PhaseTimeouts())
        return ChainConfig(
            name: "gateway", providers: [provider], retry: RetryPolicy(maxAttempts: 1),
            breaker: BreakerPolicy(enabled: false), deadline: upstreams.deadline,
            validation: ValidationPolicy(enabled: upstreams.validation.enabled, shape: upstreams.validation.shape, repair: [], onFailure: .fail),
            fatalOn: upstreams.fatalOn)
    }

    /// The model name sent to the gateway: `gateway.model`, else the chain's first provider's
    /// model (a gateway's route is usually named after the model it serves), else the task's.
    /// Never empty when any of them is set: an empty model is a 400 at every gateway.
    static func gatewayModel(_ gateway: GatewayTarget, upstreams: ChainConfig, task: TaskDefinition) -> String {
        [gateway.model, upstreams.providers.first?.model, task.request.model]
            .lazy.compactMap { $0 }.first { !$0.isEmpty } ?? ""
    }

    /// What the workers share: the metrics, the verdicts and the next task to take. Behind a
    /// gateway the samples are held (`held`) until the journal can say which were masked faults.
    final class SharedState: Sendable {
        let value: Mutex<(collector: MetricsCollector, judge: VerdictJudge, next: Int, held: [(index: Int, sample: TaskSample)])>
        init(collector: MetricsCollector) { value = Mutex((collector: collector, judge: VerdictJudge(), next: 0, held: [])) }
    }

    private func runOne(
        _ index: Int, runner: ChainRunner, root: SeededRandom,
        state: SharedState
    ) async {
        var jitter = root.derived("task", index)
        var request = task.request
        if scenario.gateway != nil { request.user = Self.endUser(index) }
        let result = await runner.run(request, shape: task.shape, seed: jitter.next())
        let sample = TaskSample(trace: result.trace)
        state.value.withLock {
            if scenario.gateway != nil {
                $0.held.append((index, sample))
            } else {
                $0.collector.record(sample)
                $0.judge.judge(result.trace)
            }
        }
    }
}
