/// A per-provider circuit breaker: after enough failures in a recent window the provider
/// is skipped for `openDuration`, then a few probe requests decide whether it is back.
///
/// The shape is resilience4j's and Envoy's outlier detection: a failure-rate threshold
/// over a window with a minimum number of calls, an open period, half-open probes.
public struct BreakerPolicy: Sendable, Hashable {
    public var enabled: Bool
    /// Length of the sliding window of recent outcomes, seconds.
    public var window: Double
    /// Outcomes needed in the window before the rate is judged.
    public var minimumRequests: Int
    /// Failure share in `0...1` that opens the breaker.
    public var failureRate: Double
    /// Seconds the breaker stays open before allowing probes.
    public var openDuration: Double
    /// Probe attempts allowed while half-open; all must succeed to close.
    public var halfOpenProbes: Int
    /// A success slower than this (seconds) counts as a failure for the breaker and lowers health.
    public var slowCall: Double?

    public init(
        enabled: Bool = true, window: Double = 30, minimumRequests: Int = 10, failureRate: Double = 0.5,
        openDuration: Double = 30, halfOpenProbes: Int = 1, slowCall: Double? = nil
    ) {
        self.enabled = enabled
        self.window = window
        self.minimumRequests = minimumRequests
        self.failureRate = failureRate
        self.openDuration = openDuration
        self.halfOpenProbes = halfOpenProbes
        self.slowCall = slowCall
    }
}
