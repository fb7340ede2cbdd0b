import AsyncHTTPClient
import FaultlineChain
import FaultlineWire
import Foundation

/// A `kind: canary` scenario: each provider of the chain probed on its own with the task,
/// `requests` times, against its real `base_url` with the key from `api_key_env`, and its
/// answers compared with the fixtures of its dialect for shape drift.
enum CanaryScenario {
    static func run(_ scenario: ScenarioDefinition, options: CanaryOptions, budget: SpendBudget, reproducible: Bool) async -> ScenarioResult {
        guard let chain = scenario.chain, let task = scenario.task else {
            return ScenarioExecutor.failed(scenario, message: "a canary scenario needs a chain and a task")
        }
        let environment = ProcessInfo.processInfo.environment
        let missing = CanaryKeys.missing(in: [scenario], environment: environment)
        if !missing.isEmpty {
            let reason = "\(missing.map(\.variable).joined(separator: ", ")) not set: nothing sent"
            return scenario.skipWithoutKeys ? ScenarioExecutor.skipped(scenario, reason: reason) : ScenarioExecutor.failed(scenario, message: reason)
        }
        let started = ContinuousClock.now
        let probes = chain.config.providers.map { provider in
            CanaryProbe(provider: provider, task: task.request, apiKey: provider.apiKeyEnv.flatMap { environment[$0] })
        }
        if options.dryRun {
            for probe in probes {
                options.log("\(scenario.name) · \(probe.dryRunLine(requests: scenario.requests))")
            }
            return ScenarioExecutor.skipped(scenario, reason: "dry run: nothing sent")
        }

        let baseline = DriftBaseline(fixtures: Fixture.loadAll(from: scenario.fixtures ?? "fixtures").fixtures)
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        var tallies: [CanaryTally] = []
        for probe in probes {
            var tally = CanaryTally(provider: probe.provider.name)
            for _ in 0..<scenario.requests {
                if Task.isCancelled { break }
                if let reason = await budget.reserve(worstCaseUSD: probe.worstCaseUSD) {
                    tally.stopped(reason)
                    continue
                }
                let sample = await probe.send(with: client)
                await budget.settle(reservedUSD: probe.worstCaseUSD, spentUSD: sample.dollars)
                let drift = sample.shape.map { baseline.drift(of: $0, dialect: probe.provider.dialect, stream: probe.streaming) }
                tally.add(sample, drift: drift ?? ShapeDiff())
                if let recorder = options.recorder { CanaryRecording.save(sample, of: probe, options: options, with: recorder) }
            }
            tallies.append(tally)
        }
        try? await client.shutdown()

        var result = ScenarioExecutor.shell(scenario)
        result.clock = "wall"
        result.duration = reproducible ? 0 : started.duration(to: .now).seconds
        let total = CanaryTally.merged(tallies)
        result.metrics = total.metrics
        result.providers = tallies.map { ProviderMetrics(provider: $0.provider, metrics: $0.metrics) }
        result.checks = checks(scenario.expectations, total: total, tallies: tallies)
        if total.sent > 0, let reason = total.stopReason {
            result.checks.append(CheckResult(name: "requests stopped by a cap", status: .skipped, message: "\(total.notSent) not sent: \(reason)"))
        }
        return result
    }

    /// One check per expectation; a breached drift bound names the paths that drifted.
    static func checks(_ expectations: [Expectation], total: CanaryTally, tallies: [CanaryTally]) -> [CheckResult] {
        if total.sent == 0 {
            let reason = total.stopReason.map { "nothing sent: \($0)" } ?? "nothing sent"
            return expectations.map { CheckResult(name: $0.name, status: .skipped, message: reason, metric: $0.metric, bound: $0.boundText) }
        }
        let metrics = total.metrics + tallies.flatMap { tally in tally.metrics.map { Metric("provider.\(tally.provider).\($0.name)", $0.value) } }
        return ThresholdEvaluator.evaluate(expectations, metrics: metrics).map { check in
            guard check.status == .failed, let metric = check.metric, metric.contains("drift.") else { return check }
            var check = check
            let kind = String(metric.split(separator: ".").last ?? "")
            let scoped = metric.hasPrefix("provider.") ? tallies.filter { metric.hasPrefix("provider.\($0.provider).") } : tallies
            let paths = scoped.flatMap { tally in tally.driftLines(kind).map { "\(tally.provider) \($0)" } }
            if !paths.isEmpty { check.message = (check.message ?? "") + "; " + paths.joined(separator: ", ") }
            return check
        }
    }
}
