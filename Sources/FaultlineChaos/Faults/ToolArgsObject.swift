import FaultlineWire

/// `tool_args_object`: tool-call arguments in the wrong JSON type. OpenAI's
/// `function.arguments` becomes an object instead of a string holding JSON (the SDK does
/// not reject it); Anthropic's `input` and Gemini's `args` become a string instead of an object.
public struct ToolArgsObject: Fault {
    public static let name = "tool_args_object"
    public static let parameters: [String] = []
    public static let stage = FaultStage.body

    public init(_ arguments: FaultArguments) throws(FaultSpecError) {}

    public func apply(to draft: inout ResponseDraft, random: inout SeededRandom) {
        guard !draft.isError else { return }
        let path: String
        switch draft.dialect {
        case .openAIChat: path = draft.isStream ? "choices[*].delta.tool_calls[*].function.arguments" : "choices[*].message.tool_calls[*].function.arguments"
        case .anthropicMessages: path = draft.isStream ? "content_block.input" : "content[*].input"
        case .gemini: path = "candidates[*].content.parts[*].functionCall.args"
        }
        guard let driftPath = try? DriftPath(parsing: path) else { return }
        draft.editJSON { json in
            driftPath.transform(&json) { value in
                switch value {
                case .string(let text): (try? JSONValue(parsing: Array(text.utf8))) ?? .object(["partial": .string(text)])
                default: .string(value.jsonString)
                }
            }
        }
    }
}
