import FaultlineWire
import Foundation

/// Runs loaded suites scenario by scenario and collects the results the reports render.
///
/// Cancellation (SIGINT, SIGTERM) is cooperative: the scenario under way ends as an `<error>`
/// ("interrupted"), the ones not started are left out, and the result says `interrupted`.
public struct SuiteRunner: Sendable {
    public var options: RunOptions
    public var version: String

    public init(options: RunOptions, version: String) {
        self.options = options
        self.version = version
    }

    /// The scenarios this run will execute, after `--filter` and `--shard`.
    public func selected(_ suites: [SuiteDefinition]) -> [(suite: SuiteDefinition, scenarios: [ScenarioDefinition])] {
        var ordinal = 0
        return suites.map { suite in
            let scenarios = suite.scenarios.filter { scenario in
                if options.canary != nil, scenario.kind != .canary { return false }
                defer { ordinal += 1 }
                if let shard = options.shard, !shard.includes(ordinal) { return false }
                if let filter = options.filter, !filter.isEmpty {
                    return "\(suite.name).\(scenario.name)".range(of: filter, options: .caseInsensitive) != nil
                }
                return true
            }
            return (suite, scenarios)
        }.filter { !$0.scenarios.isEmpty }
    }

    /// A ledger for `run(_:ledger:)`, stamped with this run's version, start, seed and shard.
    public func makeLedger() -> RunLedger {
        RunLedger(
            template: RunResult(
                version: version, startedAt: options.startedAt, duration: 0, seed: options.seed,
                shard: options.shard?.description, suites: []),
            reproducible: options.reproducible)
    }

    /// Runs the selected scenarios, recording each finished one in `ledger` as it finishes.
    public func run(_ suites: [SuiteDefinition], ledger: RunLedger? = nil) async -> RunResult {
        let started = ContinuousClock.now
        let plan = selected(suites)
        let total = plan.reduce(0) { $0 + $1.scenarios.count }
        var completed = 0
        var results: [SuiteResult] = []
        var interrupted = false
        let canary = options.canary.map { ($0, SpendBudget(maxUSD: $0.maxSpendUSD, maxRequests: $0.maxRequests)) }
        for (suite, scenarios) in plan {
            let suiteStarted = ContinuousClock.now
            var scenarioResults: [ScenarioResult] = []
            for var scenario in scenarios {
                if Task.isCancelled {
                    interrupted = true
                    break
                }
                if let seed = options.seed { scenario.seed = seed ^ FNV1a.hash(scenario.name) }
                if let clock = options.clock, scenario.kind == .chaos { scenario.clock = clock }
                options.progress?(RunProgress(completed: completed, total: total, scenario: "\(suite.name).\(scenario.name)", finished: false))
                var result = await ScenarioExecutor.run(scenario, reproducible: options.reproducible, canary: canary)
                if Task.isCancelled {
                    interrupted = true
                    result = ScenarioExecutor.failed(scenario, message: "interrupted before the scenario finished")
                } else if let before = options.baseline?.scenario(suite: suite.name, name: scenario.name), result.error == nil, !result.metrics.isEmpty {
                    result.checks += BaselineComparison.checks(old: before, new: result, tolerances: scenario.regressions)
                    result.previous = before.metrics
                }
                scenarioResults.append(result)
                ledger?.record(result, suite: suite, seed: options.seed ?? suite.seed)
                completed += 1
                options.progress?(RunProgress(completed: completed, total: total, scenario: "\(suite.name).\(scenario.name)", finished: true))
                if interrupted { break }
            }
            if !scenarioResults.isEmpty {
                results.append(SuiteResult(
                    name: suite.name, file: suite.file, seed: options.seed ?? suite.seed,
                    duration: options.reproducible ? scenarioResults.reduce(0) { $0 + $1.duration } : suiteStarted.duration(to: .now).seconds,
                    scenarios: scenarioResults))
            }
            if interrupted { break }
        }
        return RunResult(
            version: version, startedAt: options.startedAt,
            duration: options.reproducible ? results.reduce(0) { $0 + $1.duration } : started.duration(to: .now).seconds,
            seed: options.seed, shard: options.shard?.description, interrupted: interrupted, suites: results)
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
