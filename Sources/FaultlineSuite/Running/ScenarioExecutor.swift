import Foundation

/// Runs one scenario of any kind and turns what it measured into checks.
enum ScenarioExecutor {
    static func run(_ scenario: ScenarioDefinition, reproducible: Bool, canary: (CanaryOptions, SpendBudget)? = nil) async -> ScenarioResult {
        if let reason = scenario.skip { return skipped(scenario, reason: reason) }
        switch scenario.kind {
        case .canary:
            guard let (options, budget) = canary else {
                return skipped(scenario, reason: "a canary probes the live providers: run it with `faultline canary`")
            }
            return await CanaryScenario.run(scenario, options: options, budget: budget, reproducible: reproducible)
        case .conformance:
            return await ConformanceScenario.run(scenario, reproducible: reproducible)
        case .chaos, .gateway:
            return await ChaosScenario.run(scenario, reproducible: reproducible)
        }
    }

    /// A scenario that could not run: every expectation is an `<error>` with the reason
    /// (or one `scenario runs` error when it has none), so the dashboard shows it red.
    static func failed(_ scenario: ScenarioDefinition, message: String) -> ScenarioResult {
        var result = unmeasured(scenario, status: .error, message: message)
        result.error = message
        return result
    }

    /// A scenario that ran but whose figures cannot be trusted: its metrics stay for the
    /// reports, every check becomes an `<error>` with the reason.
    static func fail(_ result: inout ScenarioResult, message: String) {
        result.error = message
        result.checks = result.checks.isEmpty
            ? [CheckResult(name: "scenario runs", status: .error, message: message)]
            : result.checks.map { CheckResult(name: $0.name, status: .error, message: message, metric: $0.metric, measured: $0.measured, bound: $0.bound) }
    }

    static func skipped(_ scenario: ScenarioDefinition, reason: String) -> ScenarioResult {
        unmeasured(scenario, status: .skipped, message: reason)
    }

    /// Every expectation (or one `scenario runs` check) with the same status and message.
    private static func unmeasured(_ scenario: ScenarioDefinition, status: CheckResult.Status, message: String) -> ScenarioResult {
        var result = shell(scenario)
        let names = scenario.expectations.isEmpty ? ["scenario runs"] : scenario.expectations.map(\.name)
        result.checks = names.map { CheckResult(name: $0, status: status, message: message) }
        return result
    }

    /// The scenario's identity, without measurements.
    static func shell(_ scenario: ScenarioDefinition) -> ScenarioResult {
        ScenarioResult(
            name: scenario.name, kind: scenario.kind, description: scenario.description, clock: scenario.clock.rawValue,
            requests: scenario.kind == .conformance ? 0 : scenario.requests, concurrency: scenario.concurrency,
            chain: scenario.chainFile, faults: scenario.faults)
    }
}
