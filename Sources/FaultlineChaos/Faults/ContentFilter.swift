import FaultlineWire

/// `content_filter`: the provider's safety system refuses the request (OpenAI
/// `content_policy_violation`, Gemini's 200 with `promptFeedback.blockReason`).
public struct ContentFilter: Fault {
    public static let name = "content_filter"
    public static let parameters: [String] = []
    public static let stage = FaultStage.status

    public init(_ arguments: FaultArguments) throws(FaultSpecError) {}

    public func apply(to draft: inout ResponseDraft, random: inout SeededRandom) {
        guard !draft.isError else { return }
        draft.fail(with: .contentFiltered(detail: "The request was rejected by the safety system."))
    }
}
