import FaultlineWire

/// `missing_usage`: the token counts are gone (OpenAI `usage`, Anthropic `usage`,
/// Gemini `usageMetadata`). Imitates OpenAI-compatible servers and streams without
/// `include_usage`: cost accounting must estimate, and say so.
public struct MissingUsage: Fault {
    public static let name = "missing_usage"
    public static let parameters: [String] = []
    public static let stage = FaultStage.body

    public init(_ arguments: FaultArguments) throws(FaultSpecError) {}

    public func apply(to draft: inout ResponseDraft, random: inout SeededRandom) {
        guard !draft.isError else { return }
        let text: String =
            switch draft.dialect {
            case .openAIChat: "usage"
            case .anthropicMessages: draft.isStream ? "message.usage" : "usage"
            case .gemini: "usageMetadata"
            }
        guard let path = try? DriftPath(parsing: text) else { return }
        let anthropic = draft.dialect == .anthropicMessages
        draft.editJSON { json in
            path.remove(from: &json)
            if anthropic { DriftPath([.key("usage")]).remove(from: &json) }
        }
    }
}
