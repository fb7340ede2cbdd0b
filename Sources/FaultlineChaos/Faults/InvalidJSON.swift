import FaultlineWire

/// `invalid_json`: the model's JSON is cut off inside a 200: the answer text loses its
/// second half, and OpenAI's tool-call `arguments` string too (Anthropic and Gemini send
/// arguments as objects, which cannot be invalid inside a valid body). Imitates a
/// generation that hit `max_tokens` mid-object but still reports success. Non-stream only.
public struct InvalidJSON: Fault {
    public static let name = "invalid_json"
    public static let parameters: [String] = []
    public static let stage = FaultStage.body

    public init(_ arguments: FaultArguments) throws(FaultSpecError) {}

    public func apply(to draft: inout ResponseDraft, random: inout SeededRandom) {
        guard !draft.isError, !draft.isStream else { return }
        let texts: [String] =
            switch draft.dialect {
            case .openAIChat: ["choices[*].message.content", "choices[*].message.tool_calls[*].function.arguments"]
            case .anthropicMessages: ["content[*].text"]
            case .gemini: ["candidates[*].content.parts[*].text"]
            }
        let paths = texts.compactMap { try? DriftPath(parsing: $0) }
        draft.editJSON { json in
            for path in paths { path.transform(&json, Self.cut) }
        }
    }

    static func cut(_ value: JSONValue) -> JSONValue {
        guard case .string(let text) = value, !text.isEmpty else { return value }
        return .string(String(text.prefix(max(1, text.count / 2))))
    }
}
