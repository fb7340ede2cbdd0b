import FaultlineWire

/// Everything one task cost: its attempts in order and the DESIGN.md metrics derived
/// from them (latency, recovery latency, billed and wasted tokens and dollars, timeout waste).
public struct TaskTrace: Sendable, Hashable {
    public var start: Double
    public var end: Double
    public var attempts: [AttemptTrace]
    public var outcome: TaskOutcome = .failed
    /// Index in `attempts` of the attempt whose answer was delivered.
    public var deliveredAttempt: Int?
    /// Providers passed over because their breaker was open, in order.
    public var skippedProviders: [Int] = []
    /// Why the task failed, when it did.
    public var failure: ProviderError?
    /// Shape violations of the delivered answer (non-empty only for `nonsense`), or of the last rejected one.
    public var violations: [ShapeViolation] = []

    public init(start: Double) {
        self.start = start
        end = start
        attempts = []
        attempts.reserveCapacity(4)
    }

    public var delivered: Bool { deliveredAttempt != nil }
    /// End to end, seconds.
    public var latency: Double { end - start }
    /// End to end minus the duration of the delivering attempt: what recovery cost in time.
    /// For a failed task, the whole latency.
    public var recoveryLatency: Double { latency - (deliveredAttempt.map { attempts[$0].duration } ?? 0) }
    /// Time to first token of the delivering attempt, from the task's start.
    public var timeToFirstToken: Double? { deliveredAttempt.flatMap { attempts[$0].firstToken }.map { $0 - start } }

    public var billedInputTokens: Int { attempts.reduce(0) { $0 + $1.inputTokens } }
    public var billedOutputTokens: Int { attempts.reduce(0) { $0 + $1.outputTokens } }
    /// Tokens billed on attempts that delivered nothing (a cut stream bills what it sent).
    public var wastedInputTokens: Int { attempts.reduce(0) { $0 + ($1.delivered ? 0 : $1.inputTokens) } }
    public var wastedOutputTokens: Int { attempts.reduce(0) { $0 + ($1.delivered ? 0 : $1.outputTokens) } }
    public var totalDollars: Double { attempts.reduce(0) { $0 + $1.dollars } }
    public var wastedDollars: Double { attempts.reduce(0) { $0 + ($1.delivered ? 0 : $1.dollars) } }
    /// Seconds spent inside attempts that ended in a timeout.
    public var timeoutWaste: Double { attempts.reduce(0) { $0 + ($1.timedOut ? $1.duration : 0) } }
    /// Some attempt's tokens were estimated because its provider reported no usage.
    public var usageEstimated: Bool { attempts.contains { $0.usageEstimated } }
}
