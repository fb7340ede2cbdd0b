import FaultlineWire

/// `quota_exhausted`: billing quota used up (OpenAI 429 `insufficient_quota`, Anthropic
/// 402 `billing_error`, Gemini 429 per-day quota). Retrying cannot help: fall back.
public struct QuotaExhausted: Fault {
    public static let name = "quota_exhausted"
    public static let parameters: [String] = []
    public static let stage = FaultStage.status

    public init(_ arguments: FaultArguments) throws(FaultSpecError) {}

    public func apply(to draft: inout ResponseDraft, random: inout SeededRandom) {
        guard !draft.isError else { return }
        draft.fail(with: .quotaExhausted(detail: "You exceeded your current quota, please check your plan and billing details."))
    }
}
