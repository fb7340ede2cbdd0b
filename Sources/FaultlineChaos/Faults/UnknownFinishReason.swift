import FaultlineWire

/// `unknown_finish_reason(reason)`: the answer ends with a finish reason the adapter has
/// never seen. Imitates providers adding reasons (Anthropic `pause_turn`, `refusal`,
/// `model_context_window_exceeded`; Gemini `MALFORMED_FUNCTION_CALL`) before SDKs know them.
public struct UnknownFinishReason: Fault {
    public static let name = "unknown_finish_reason"
    public static let parameters: [String] = ["reason"]
    public static let stage = FaultStage.content

    public var reason: String

    public init(_ arguments: FaultArguments) throws(FaultSpecError) {
        reason = arguments.string("reason") ?? "model_context_window_exceeded"
    }

    public func apply(to draft: inout ResponseDraft, random: inout SeededRandom) {
        let reason = draft.dialect == .gemini ? self.reason.uppercased() : self.reason
        draft.editResponse { $0.finishReason = .other(reason) }
    }
}
