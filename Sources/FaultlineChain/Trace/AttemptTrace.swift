import FaultlineWire

/// One attempt at one provider, as it happened: times on the driver's clock, how far it
/// got, how it ended, the tokens the provider would bill for it and their price.
public struct AttemptTrace: Sendable, Hashable {
    /// How far an attempt got before it ended.
    public enum Phase: Int, Sendable, Hashable, Comparable {
        case sent, head, streaming, complete
        public static func < (a: Phase, b: Phase) -> Bool { a.rawValue < b.rawValue }
    }

    /// How the attempt ended.
    public enum Result: Sendable, Hashable {
        /// Its answer was delivered to the caller.
        case delivered
        /// An answer came back but failed the shape check even after repair.
        case rejected
        case error(ProviderError)
        /// The task ended (delivered elsewhere, or given up) while it was in flight.
        case abandoned
    }

    /// Index in `ChainConfig.providers`.
    public var provider: Int
    public var providerName: String
    /// 1-based count of attempts on this provider within the task.
    public var number: Int
    public var start: Double
    public var end: Double
    public var phase: Phase = .sent
    public var status: Int?
    public var firstByte: Double?
    public var firstToken: Double?
    public var result: Result = .abandoned
    /// The wait the provider asked for in its `retry-after`, seconds.
    public var retryAfter: Double?
    /// Seconds the chain waited (backoff or retry-after) right before this attempt.
    public var waitBefore: Double
    public var inputTokens = 0
    public var outputTokens = 0
    public var cachedTokens = 0
    /// The provider reported no usage for this attempt and the counts are estimates.
    public var usageEstimated = false
    public var dollars = 0.0
    /// For an answer: whether it passed the shape checks before any repair.
    public var shapeValid: Bool?
    /// Repair steps that changed the answer, in order.
    public var repairs: [RepairStep] = []

    public init(provider: Int, providerName: String, number: Int, start: Double, waitBefore: Double) {
        self.provider = provider
        self.providerName = providerName
        self.number = number
        self.start = start
        self.end = start
        self.waitBefore = waitBefore
    }

    public var duration: Double { end - start }
    public var delivered: Bool { result == .delivered }
    public var error: ProviderError? { if case .error(let e) = result { e } else { nil } }
    public var timedOut: Bool { error?.kind == .timeout }
}
