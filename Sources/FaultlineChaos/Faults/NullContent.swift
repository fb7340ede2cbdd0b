import FaultlineWire

/// `null_content`: the answer text is `null` where a string was expected. Imitates OpenAI
/// returning `content: null` next to a refusal or tool call, which adapters that assume a
/// string trip over.
public struct NullContent: Fault {
    public static let name = "null_content"
    public static let parameters: [String] = []
    public static let stage = FaultStage.body

    public init(_ arguments: FaultArguments) throws(FaultSpecError) {}

    public func apply(to draft: inout ResponseDraft, random: inout SeededRandom) {
        guard !draft.isError else { return }
        let text: String =
            switch draft.dialect {
            case .openAIChat: draft.isStream ? "choices[*].delta.content" : "choices[*].message.content"
            case .anthropicMessages: draft.isStream ? "delta.text" : "content[*].text"
            case .gemini: "candidates[*].content.parts[*].text"
            }
        guard let path = try? DriftPath(parsing: text) else { return }
        draft.editJSON { json in path.set(.null, in: &json) }
    }
}
