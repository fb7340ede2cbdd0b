/// What a chain knows about one provider across tasks: its breaker and a health score.
///
/// The score is an exponentially weighted mean of recent outcomes (1 for a success,
/// 0.5 for a success slower than the breaker's `slowCall`, 0 for a failure) and the
/// mean latency of successes: the same classification the breaker counts, so a report
/// shows why a breaker opened.
public struct ProviderHealth: Sendable, Hashable {
    public var breaker: CircuitBreaker
    /// In `0...1`; 1 until the first outcome.
    public private(set) var score = 1.0
    /// Exponentially weighted mean duration of successful attempts, seconds.
    public private(set) var latency: Double?
    public private(set) var successes = 0
    public private(set) var failures = 0
    /// Weight of the newest outcome.
    static let smoothing = 0.2

    public init(policy: BreakerPolicy) { breaker = CircuitBreaker(policy: policy) }

    /// Counts an attempt that came back well after `duration` seconds.
    public mutating func recordSuccess(duration: Double, now: Double) {
        successes += 1
        let slow = breaker.policy.slowCall.map { duration > $0 } ?? false
        score += Self.smoothing * ((slow ? 0.5 : 1) - score)
        latency = latency.map { $0 + Self.smoothing * (duration - $0) } ?? duration
        breaker.record(success: !slow, now: now)
    }

    /// Counts an attempt that failed in a way that reflects on the provider.
    public mutating func recordFailure(now: Double) {
        failures += 1
        score -= Self.smoothing * score
        breaker.record(success: false, now: now)
    }
}

/// Every provider's health for one chain, indexed like `ChainConfig.providers`.
///
/// It outlives a task: the driver owns one and passes it `inout` to the state machine's
/// events, so many concurrent tasks (in the simulator, or a real runner) share breakers.
public struct ProviderHealthBook: Sendable, Hashable {
    public var providers: [ProviderHealth]

    public init(chain: ChainConfig) {
        providers = chain.providers.map { _ in ProviderHealth(policy: chain.breaker) }
    }

    /// In-place access: a breaker update must not copy the provider's window (no allocation per event).
    public subscript(index: Int) -> ProviderHealth {
        get { providers[index] }
        _modify { yield &providers[index] }
    }
}
