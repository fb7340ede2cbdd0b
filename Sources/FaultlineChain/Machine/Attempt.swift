import FaultlineWire

/// What the driver must send for one attempt, and the phase budgets it must enforce.
///
/// The driver reports back with `responseHead`, `chunk`, then `completed` or
/// `failed` (a `.timeout(phase)` when one of `timeouts` ran out).
public struct Attempt: Sendable, Hashable {
    /// Index in `ChainConfig.providers`.
    public var provider: Int
    public var providerName: String
    /// 1-based count of attempts on this provider within the task.
    public var number: Int
    /// 0-based index among all the task's attempts.
    public var index: Int
    public var dialect: DialectID
    public var baseURL: String
    /// The HTTP request, built with the provider's dialect; `nil` when the machine was
    /// told not to encode (a virtual-time simulator that only needs the schedule).
    public var request: WireRequest?
    /// Phase budgets in seconds from the attempt's start (`idle` from the last byte);
    /// `total` is already cut to what is left of the task's deadline.
    public var timeouts: PhaseTimeouts
    public var streaming: Bool
}
