import FaultlineWire

/// `invalid_json`: the model's JSON is cut off: the answer text loses its second half,
/// and (OpenAI) tool-call arguments strings too. Imitates a generation that hit
/// `max_tokens` mid-object but still reports success.
public struct InvalidJSON: Fault {
    public static let name = "invalid_json"
    public static let parameters: [String] = []
    public static let stage = FaultStage.content

    public init(_ arguments: FaultArguments) throws(FaultSpecError) {}

    public func apply(to draft: inout ResponseDraft, random: inout SeededRandom) {
        draft.editResponse { response in
            if !response.text.isEmpty { response.text = String(response.text.prefix(max(1, response.text.count / 2))) }
        }
        guard draft.isEncoded, draft.dialect == .openAIChat, !draft.isStream,
            let path = try? DriftPath(parsing: "choices[*].message.tool_calls[*].function.arguments")
        else { return }
        draft.editJSON { json in
            path.transform(&json) { value in
                guard case .string(let text) = value else { return value }
                return .string(String(text.prefix(max(1, text.count / 2))))
            }
        }
    }
}
