/// What the metrics need from one finished task, whatever clock ran it. Built from a
/// chain's task trace; kept separate so every metric's definition can be tested on
/// hand-built samples.
public struct TaskSample: Sendable, Hashable {
    /// `clean`, `repaired`, `retried`, `fell_back`, `failed` or `nonsense`.
    public var outcome: String
    public var delivered: Bool
    /// End to end, seconds.
    public var latency: Double
    /// Time to the first token of the delivering attempt, seconds, for streams.
    public var ttft: Double?
    /// End to end minus the duration of the attempt that delivered.
    public var recoveryLatency: Double
    public var attempts: [AttemptSample]
    /// Delivered and passed every shape check without repair / after repair.
    public var shapeClean: Bool
    public var shapeRepaired: Bool
    /// The provider reported no usage somewhere and tokens were estimated.
    public var usageEstimated: Bool

    public init(
        outcome: String, delivered: Bool, latency: Double, ttft: Double? = nil, recoveryLatency: Double,
        attempts: [AttemptSample], shapeClean: Bool, shapeRepaired: Bool, usageEstimated: Bool = false
    ) {
        self.outcome = outcome
        self.delivered = delivered
        self.latency = latency
        self.ttft = ttft
        self.recoveryLatency = recoveryLatency
        self.attempts = attempts
        self.shapeClean = shapeClean
        self.shapeRepaired = shapeRepaired
        self.usageEstimated = usageEstimated
    }
}

/// One attempt of a task, as the metrics see it.
public struct AttemptSample: Sendable, Hashable {
    public var provider: String
    /// The attempt produced the delivered answer.
    public var delivered: Bool
    /// The attempt ended in an error (any class); `errorKind` names it.
    public var errorKind: String?
    public var timedOut: Bool
    public var duration: Double
    public var inputTokens: Int
    public var outputTokens: Int
    public var cost: Double
    /// For attempts that returned an answer: whether it passed the shape checks unrepaired.
    public var shapeValid: Bool?
    /// Seconds spent waiting before this attempt because of a retry-after.
    public var retryAfterWait: Double

    public init(
        provider: String, delivered: Bool, errorKind: String? = nil, timedOut: Bool = false, duration: Double,
        inputTokens: Int, outputTokens: Int, cost: Double, shapeValid: Bool? = nil, retryAfterWait: Double = 0
    ) {
        self.provider = provider
        self.delivered = delivered
        self.errorKind = errorKind
        self.timedOut = timedOut
        self.duration = duration
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.cost = cost
        self.shapeValid = shapeValid
        self.retryAfterWait = retryAfterWait
    }
}
