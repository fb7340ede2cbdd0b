import FaultlineWire

/// A fallback chain: providers tried in order, with the retry, breaker, deadline and
/// validation policy that decide when to wait, when to move on and when to give up.
///
/// Read from `chains/*.yaml` with `ChainConfig.load(file:)`; the format is documented in
/// `chains/README.md`. Everything here is data: `ChainStateMachine` interprets it.
public struct ChainConfig: Sendable, Hashable {
    public var name: String
    /// In fallback order: index 0 is the primary.
    public var providers: [ProviderConfig]
    /// The retry policy of providers that do not set their own.
    public var retry: RetryPolicy
    public var breaker: BreakerPolicy
    /// Seconds the whole task may take, all attempts and waits included; `nil` is unbounded.
    public var deadline: Double?
    public var validation: ValidationPolicy
    /// Error classes that end the task at once: the request itself is wrong, so no provider would do better.
    public var fatalOn: Set<ProviderError.Kind>

    public init(
        name: String, providers: [ProviderConfig], retry: RetryPolicy = RetryPolicy(), breaker: BreakerPolicy = BreakerPolicy(),
        deadline: Double? = nil, validation: ValidationPolicy = ValidationPolicy(), fatalOn: Set<ProviderError.Kind> = [.badRequest]
    ) {
        self.name = name
        self.providers = providers
        self.retry = retry
        self.breaker = breaker
        self.deadline = deadline
        self.validation = validation
        self.fatalOn = fatalOn
    }

    /// The retry policy in force for provider `index`.
    public func retryPolicy(for index: Int) -> RetryPolicy { providers[index].retry ?? retry }

    /// Client options for every provider with API keys read from `environment`.
    /// Throws naming the variable when one is missing or empty, before any request is sent.
    public func clientOptions(environment: [String: String]) throws(ChainRunError) -> [ClientOptions] {
        var options: [ClientOptions] = []
        options.reserveCapacity(providers.count)
        for provider in providers {
            var key: String?
            if let variable = provider.apiKeyEnv {
                guard let value = environment[variable], !value.isEmpty else {
                    throw .missingAPIKey(provider: provider.name, variable: variable)
                }
                key = value
            }
            options.append(provider.clientOptions(apiKey: key))
        }
        return options
    }
}

/// What a delivered answer must look like, how to repair one that does not, and what
/// to do when repair is not enough.
public struct ValidationPolicy: Sendable, Hashable {
    /// When false the chain delivers whatever decodes, without checks or repair (what most
    /// gateways do); answers are still classified, so a bad one counts as `nonsense`.
    public var enabled: Bool
    /// The expected shape; `nil` accepts any answer. A task's own shape overrides it.
    public var shape: ExpectedShape?
    /// Tried in order, each on the result of the previous, until the answer passes.
    public var repair: [RepairStep]
    public var onFailure: OnFailure

    public init(enabled: Bool = true, shape: ExpectedShape? = nil, repair: [RepairStep] = [], onFailure: OnFailure = .fallBack) {
        self.enabled = enabled
        self.shape = shape
        self.repair = repair
        self.onFailure = onFailure
    }

    public enum OnFailure: String, Sendable, Hashable, CaseIterable {
        /// Count the attempt as failed and try the next provider.
        case fallBack = "fall_back"
        /// End the task with a shape error.
        case fail
        /// Deliver it anyway (what a chain without validation does): the outcome is `nonsense`.
        case deliver
    }
}
