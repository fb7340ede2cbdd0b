import FaultlineWire

/// `rate_limit(rpm, tpm)`: real token buckets, per provider and per API key, refilled
/// continuously. Every answer carries the remaining and reset headers in the provider's
/// style; a request beyond the budget gets the 429 with the wait until a token is back.
/// Imitates the published tier limits of OpenAI and Anthropic.
public struct RateLimit: Fault {
    public static let name = "rate_limit"
    public static let parameters: [String] = ["rpm", "tpm"]
    public static let stage = FaultStage.status

    public var rpm: Double?
    public var tpm: Double?

    public init(_ arguments: FaultArguments) throws(FaultSpecError) {
        rpm = try arguments.optionalDouble("rpm", in: 1...1e9)
        tpm = try arguments.optionalDouble("tpm", in: 1...1e12)
        guard rpm != nil || tpm != nil else { throw FaultSpecError("rate_limit: give `rpm`, `tpm` or both, e.g. rate_limit(rpm=60)") }
    }

    public func apply(to draft: inout ResponseDraft, random: inout SeededRandom) {
        guard let outcome = draft.rateLimit else { return }
        if let scope = outcome.refusedBy, !draft.isError {
            draft.fail(with: .rateLimited(retryAfter: max(0.001, (outcome.retryAfter * 1000).rounded(.up) / 1000), scope: scope))
        }
        RateLimitHeaders.add(outcome, dialect: draft.dialect, now: draft.now, to: &draft.headers)
    }
}
