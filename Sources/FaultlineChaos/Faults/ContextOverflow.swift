import FaultlineWire

/// `context_overflow`: the prompt is longer than the model's context window (OpenAI
/// `context_length_exceeded`, Anthropic "prompt is too long", Gemini token count 400).
public struct ContextOverflow: Fault {
    public static let name = "context_overflow"
    public static let parameters: [String] = []
    public static let stage = FaultStage.status

    public init(_ arguments: FaultArguments) throws(FaultSpecError) {}

    public func apply(to draft: inout ResponseDraft, random: inout SeededRandom) {
        guard !draft.isError else { return }
        draft.fail(with: .contextOverflow(detail: "This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens."))
    }
}
