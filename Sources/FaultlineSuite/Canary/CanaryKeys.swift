/// The API keys a canary run needs, checked before anything is sent: a missing key is a
/// usage error naming the variable, unless the scenario says to skip without it.
public enum CanaryKeys {
    public struct Missing: Sendable, Hashable {
        public var scenario: String
        public var provider: String
        public var variable: String
    }

    /// Every provider key of `scenarios` that `environment` does not hold (or holds empty).
    /// Each variable once, with the first scenario and provider that needs it.
    public static func missing(in scenarios: [ScenarioDefinition], environment: [String: String]) -> [Missing] {
        var seen = Set<String>()
        return scenarios.flatMap { scenario in
            (scenario.chain?.config.providers ?? []).compactMap { provider in
                guard let variable = provider.apiKeyEnv, (environment[variable] ?? "").isEmpty, seen.insert(variable).inserted else { return nil }
                return Missing(scenario: scenario.name, provider: provider.name, variable: variable)
            }
        }
    }
}
