import FaultlineChaos

/// How `faultline canary` spends: the caps every request is checked against before it is
/// sent, and whether anything is sent at all.
public struct CanaryOptions: Sendable {
    /// The hard cap on dollars, checked before each request against its worst case.
    public var maxSpendUSD: Double
    /// The cap on requests sent, over the whole run.
    public var maxRequests: Int
    /// Print each request and the worst-case spend instead of sending.
    public var dryRun: Bool
    /// Where a dry run's lines go.
    public var log: @Sendable (String) -> Void
    /// `--record DIR`: what the canary saw, written as fixtures through the recorder's redaction.
    public var recorder: FixtureWriter?
    /// Faultline's version, for a recorded fixture's provenance.
    public var version = "unknown"

    /// A canary that runs by accident should cost cents, not dollars.
    public static let defaultMaxSpendUSD = 0.25
    public static let defaultMaxRequests = 200
    /// The output cap a canary request gets when its task sets none: without one, the worst
    /// case (and so the spend cap) would be unbounded.
    public static let defaultMaxTokens = 256

    public init(
        maxSpendUSD: Double = defaultMaxSpendUSD, maxRequests: Int = defaultMaxRequests, dryRun: Bool = false,
        log: @escaping @Sendable (String) -> Void = { print($0) }, recorder: FixtureWriter? = nil
    ) {
        self.recorder = recorder
        self.maxSpendUSD = maxSpendUSD
        self.maxRequests = maxRequests
        self.dryRun = dryRun
        self.log = log
    }
}

/// The money and requests a canary run may still spend, shared by every scenario of the run.
/// A request is sent only after its worst case is reserved; what it really cost settles the
/// reservation, so the cap holds even if every answer ran to `max_tokens`.
public actor SpendBudget {
    public let maxUSD: Double
    public let maxRequests: Int
    public private(set) var spentUSD = 0.0
    public private(set) var reservedUSD = 0.0
    public private(set) var requests = 0

    public init(maxUSD: Double, maxRequests: Int) {
        self.maxUSD = maxUSD
        self.maxRequests = maxRequests
    }

    /// Why a request of this worst case may not be sent, or nil after reserving it.
    func reserve(worstCaseUSD: Double) -> String? {
        if requests >= maxRequests { return "--max-requests \(maxRequests) reached" }
        let committed = spentUSD + reservedUSD
        if committed + worstCaseUSD > maxUSD {
            return "--max-spend-usd \(maxUSD) would be exceeded: spent \(usd(committed)), this request's worst case \(usd(worstCaseUSD))"
        }
        requests += 1
        reservedUSD += worstCaseUSD
        return nil
    }

    /// Replaces a reservation with what the request actually cost.
    func settle(reservedUSD reserved: Double, spentUSD spent: Double) {
        reservedUSD = max(0, reservedUSD - reserved)
        spentUSD += spent
    }

    private func usd(_ value: Double) -> String { "$" + ThresholdEvaluator.format(value) }
}
