import FaultlineWire

/// `empty_choices`: a 200 with an empty answer list (OpenAI `choices: []`, Anthropic
/// `content: []`, Gemini `candidates: []`). Imitates filtered or failed generations that
/// some OpenAI-compatible gateways return as success; `choices[0]` then crashes naive adapters.
public struct EmptyChoices: Fault {
    public static let name = "empty_choices"
    public static let parameters: [String] = []
    public static let stage = FaultStage.body

    public init(_ arguments: FaultArguments) throws(FaultSpecError) {}

    public func apply(to draft: inout ResponseDraft, random: inout SeededRandom) {
        guard !draft.isError else { return }
        let text: String =
            switch draft.dialect {
            case .openAIChat: draft.isStream ? "choices" : "choices"
            case .anthropicMessages: draft.isStream ? "content_block" : "content"
            case .gemini: draft.isStream ? "candidates" : "candidates"
            }
        guard let path = try? DriftPath(parsing: text) else { return }
        draft.editJSON { json in path.set(.array([]), in: &json) }
    }
}
