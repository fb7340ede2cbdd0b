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
        if draft.dialect == .openAIChat, draft.isStream { return Self.objectsInStream(&draft) }
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

    /// OpenAI streams arguments as string fragments: the whole arguments object goes in
    /// the call's first delta and later deltas lose their `arguments`, as a server that
    /// streamed parsed arguments would send.
    static func objectsInStream(_ draft: inout ResponseDraft) {
        var joined: [Int: String] = [:]
        for piece in draft.pieces {
            _ = ResponseDraft.editFrameJSON(piece.bytes) { json in
                for call in json["choices"]?[0]?["delta"]?["tool_calls"]?.arrayValue ?? [] {
                    guard let index = call["index"]?.intValue, let fragment = call["function"]?["arguments"]?.stringValue else { continue }
                    joined[index, default: ""] += fragment
                }
            }
        }
        var placed: Set<Int> = []
        guard let arguments = try? DriftPath(parsing: "choices[0].delta.tool_calls[*]") else { return }
        for index in draft.pieces.indices {
            draft.pieces[index].bytes = ResponseDraft.editFrameJSON(draft.pieces[index].bytes) { json in
                arguments.transform(&json) { call in
                    guard case .object(var object) = call, let index = call["index"]?.intValue,
                        case .object(var function)? = call["function"], function["arguments"] != nil
                    else { return call }
                    if placed.insert(index).inserted {
                        let whole = joined[index] ?? ""
                        let value = (try? JSONValue(parsing: Array(whole.utf8))) ?? .string(whole)
                        if let at = function.fields.firstIndex(where: { $0.key == "arguments" }) { function.fields[at].value = value }
                    } else {
                        function.fields.removeAll { $0.key == "arguments" }
                    }
                    if let at = object.fields.firstIndex(where: { $0.key == "function" }) { object.fields[at].value = .object(function) }
                    return .object(object)
                }
            }
        }
    }
}
