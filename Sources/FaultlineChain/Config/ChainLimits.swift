/// The ranges a chain file's numbers must fall in (README, "Limits"). Every one ends up in
/// a timer, a loop count or a division on the wall clock: a value past its range once
/// passed `check` and then trapped `run` converting seconds to an integer.
public enum ChainLimits {
    /// Timeouts, `deadline`, backoff `initial`/`max`, `retry_after.cap`, breaker durations, in seconds: a day.
    public static let seconds: ClosedRange<Double> = 0...86_400
    /// The breaker's `window`, split into buckets by integer division: a millisecond to a day.
    public static let breakerWindow: ClosedRange<Double> = 0.001...86_400
    /// Backoff `multiplier`.
    public static let multiplier: ClosedRange<Double> = 1...100
    /// `max_attempts` per provider.
    public static let attempts: ClosedRange<Int> = 1...100
    /// Breaker `minimum_requests` and `half_open_probes`.
    public static let breakerCount: ClosedRange<Int> = 1...1_000_000
    /// Prices in dollars per million tokens.
    public static let price: ClosedRange<Double> = 0...1_000_000
    /// The longest single sleep the wall-clock runner takes, whatever a provider's
    /// `retry-after` asks: the machine is woken and decides again.
    public static let longestSleep: Double = 86_400
}
