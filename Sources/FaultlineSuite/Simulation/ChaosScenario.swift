import FaultlineChain
import FaultlineChaos
import FaultlineWire
import Foundation

/// A chaos scenario: the task through the chain under the fault plan and load, on the
/// virtual or the wall clock; then the baseline, the metrics and the checks.
enum ChaosScenario {
    static func run(_ scenario: ScenarioDefinition, reproducible: Bool) async -> ScenarioResult {
        guard let task = scenario.task, let setup = scenario.chain else {
            return ScenarioExecutor.failed(scenario, message: "the scenario has no task or chain")
        }
        let started = ContinuousClock.now
        let chain = setup.config
        // What the client drives: the chain, or behind a gateway the gateway alone.
        let driven = scenario.gateway.map { WallRun.gatewayChain($0, upstreams: chain, task: task) } ?? chain
        var result = ScenarioExecutor.shell(scenario)
        var collector = MetricsCollector(providers: driven.providers.map(\.name))
        collector.cleanPrimaryCost = cleanAttemptCost(scenario, chain: chain, task: task)

        let measured: Measurement
        switch scenario.clock {
        case .virtual:
            measured = virtual(scenario, chain: chain, task: task, faults: scenario.faults, collector: collector)
        case .wall:
            if let gateway = scenario.gateway, let problem = GatewayProbe.problem(gateway.url) {
                return ScenarioExecutor.failed(scenario, message: problem)
            }
            do {
                measured = try await WallRun(scenario: scenario, chain: chain, task: task).run(into: collector)
            } catch {
                return ScenarioExecutor.failed(scenario, message: "\(error)")
            }
        }

        result.metrics = measured.collector.metrics(verdicts: measured.verdicts) + (measured.upstream?.metrics ?? [])
        result.providers = measured.collector.providerMetrics(
            health: Dictionary(uniqueKeysWithValues: driven.providers.indices.map { (driven.providers[$0].name, measured.health[$0].score) }),
            breakerOpens: Dictionary(uniqueKeysWithValues: driven.providers.indices.map { (driven.providers[$0].name, measured.health[$0].breaker.timesOpened) }))
        result.latencyCDF = measured.collector.latencyCDF()

        if scenario.baseline {
            let baseline = baselineMetrics(scenario, chain: chain, task: task, cleanCost: collector.cleanPrimaryCost)
            result.baseline = baseline
            for metric in baseline {
                result.metrics.append(Metric("baseline.\(metric.name)", metric.value))
            }
            for metric in baseline {
                if let value = result.metric(metric.name) { result.metrics.append(Metric("vs_baseline.\(metric.name)", value - metric.value)) }
            }
        }
        let perProvider = result.providers.flatMap { provider in
            provider.metrics.map { Metric("provider.\(provider.provider).\($0.name)", $0.value) }
        }
        result.checks = ThresholdEvaluator.evaluate(
            scenario.expectations, metrics: result.metrics + perProvider, cause: measured.collector.topCause())
        if let evidence = measured.upstream?.masked.first?.message {
            // The verdict's own evidence says which task and which broken answers, where a cause by time cannot.
            for index in result.checks.indices
            where result.checks[index].status == .failed && result.checks[index].metric == "verdicts.masked_upstream_fault" {
                result.checks[index].message = (result.checks[index].message ?? "") + "; e.g. \(evidence)"
            }
        }
        result.duration = scenario.clock == .virtual && reproducible ? 0 : started.duration(to: .now).seconds
        if let problem = measured.problem { ScenarioExecutor.fail(&result, message: problem.description) }
        return result
    }

    struct Measurement {
        var collector: MetricsCollector
        var health: ProviderHealthBook
        var verdicts: [String: Int]
        /// A gateway scenario's upstream traffic, from the mock's journal.
        var upstream: UpstreamSummary? = nil
        /// Why the figures do not measure the gateway (it never reached the mock), if so.
        var problem: GatewayRunError? = nil
    }

    /// Unix time of a virtual run's start, for the dates in the mock's headers: fixed, so
    /// every virtual run sends the same bytes (2026-01-01T00:00:00Z).
    static let virtualEpoch: Double = 1_767_225_600

    /// The mock's configuration for the chain's providers under `faults` (`*` = every provider).
    /// `epoch` nil takes the wall clock (wall runs); virtual runs pass `virtualEpoch`.
    static func mockConfiguration(
        chain: ChainConfig, faults: [String: [String]], seed: UInt64, timing: MockTiming, epoch: Double?
    ) -> MockConfiguration {
        func specs(_ texts: [String]) -> [FaultSpec] { texts.compactMap { try? FaultSpec(parsing: $0) } }
        return MockConfiguration(
            seed: seed,
            providers: chain.providers.map { MockProviderConfig(name: $0.name, faults: specs(faults[$0.name] ?? [])) },
            faults: specs(faults["*"] ?? []), chunkGapMs: timing.chunkGapMs, firstByteMs: timing.firstByteMs, epoch: epoch)
    }

    static func virtual(
        _ scenario: ScenarioDefinition, chain: ChainConfig, task: TaskDefinition, faults: [String: [String]],
        collector: MetricsCollector
    ) -> Measurement {
        var simChain = chain
        for index in simChain.providers.indices { simChain.providers[index].pathPrefix = "" }
        let responder = MockResponder(configuration: mockConfiguration(
            chain: chain, faults: faults, seed: scenario.seed, timing: scenario.timing, epoch: virtualEpoch))
        let run = VirtualRun(
            chain: simChain, task: task, requests: scenario.requests, concurrency: scenario.concurrency,
            arrivalRate: scenario.arrivalRate, seed: scenario.seed, responder: responder)
        let outcome = run.run(into: collector)
        return Measurement(collector: outcome.metrics, health: outcome.health, verdicts: outcome.verdicts.counts)
    }

    /// "Default provider for everything": the primary alone, fault-free, same task and load.
    static func baselineMetrics(_ scenario: ScenarioDefinition, chain: ChainConfig, task: TaskDefinition, cleanCost: Double?) -> [Metric] {
        var primaryOnly = chain
        primaryOnly.providers = [chain.providers[0]]
        var collector = MetricsCollector(providers: [chain.providers[0].name])
        collector.cleanPrimaryCost = cleanCost
        let measured = virtual(scenario, chain: primaryOnly, task: task, faults: [:], collector: collector)
        let keep = Set(MetricCatalogue.baseline)
        return measured.collector.metrics().filter { keep.contains($0.name) }
    }

    /// What one clean attempt on the primary costs: the denominator of `cost.overhead_ratio`.
    static func cleanAttemptCost(_ scenario: ScenarioDefinition, chain: ChainConfig, task: TaskDefinition) -> Double? {
        var one = scenario
        (one.requests, one.concurrency, one.arrivalRate) = (1, 1, nil)
        var primaryOnly = chain
        primaryOnly.providers = [chain.providers[0]]
        let measured = virtual(one, chain: primaryOnly, task: task, faults: [:], collector: MetricsCollector())
        let cost = measured.collector.metrics().first { $0.name == "cost.total_usd" }?.value ?? 0
        return cost > 0 ? cost : nil
    }
}

