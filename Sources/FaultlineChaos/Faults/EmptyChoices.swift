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
        if draft.dialect == .anthropicMessages, draft.isStream {
            // Anthropic streams each content block as its own events: an empty answer has none.
            let prefix = Array("event: content_block".utf8)
            draft.pieces.removeAll { $0.bytes.starts(with: prefix) }
            return
        }
        let text: String =
            switch draft.dialect {
            case .openAIChat: "choices"
            case .anthropicMessages: "content"
            case .gemini: "candidates"
            }
        guard let path = try? DriftPath(parsing: text) else { return }
        draft.editJSON { json in path.set(.array([]), in: &json) }
    }
}
