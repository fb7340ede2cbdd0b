import FaultlineWire

/// `throttle(retry_after, scope=requests|tokens)`: the provider's own 429 with its
/// `retry-after` (OpenAI `rate_limit_exceeded`, Anthropic `rate_limit_error`, Gemini
/// `RESOURCE_EXHAUSTED` with `RetryInfo`). The most common production failure of all.
public struct Throttle: Fault {
    public static let name = "throttle"
    public static let parameters: [String] = ["retry_after", "scope"]
    public static let stage = FaultStage.status

    public var retryAfter: Double?
    public var scope: RateLimitScope

    public init(_ arguments: FaultArguments) throws(FaultSpecError) {
        retryAfter = try arguments.optionalDouble("retry_after", in: 0...86_400)
        scope = try arguments.choice("scope", ["requests", "tokens"], default: "requests") == "tokens" ? .tokens : .requests
    }

    public func apply(to draft: inout ResponseDraft, random: inout SeededRandom) {
        guard !draft.isError else { return }
        draft.fail(with: .rateLimited(retryAfter: retryAfter ?? 1, scope: scope))
    }
}
