import FaultlineWire

/// `missing_done`: the stream ends cleanly without its terminal event (OpenAI `[DONE]`,
/// Anthropic `message_stop`; for Gemini, the final frame with `finishReason`). No SDK
/// notices (see the wire reference); only a completion rule does.
public struct MissingDone: Fault {
    public static let name = "missing_done"
    public static let parameters: [String] = []
    public static let stage = FaultStage.frames

    public init(_ arguments: FaultArguments) throws(FaultSpecError) {}

    public func apply(to draft: inout ResponseDraft, random: inout SeededRandom) {
        guard draft.isStream, !draft.pieces.isEmpty else { return }
        if let last = draft.pieces.lastIndex(where: { ResponseDraft.isTerminal($0.bytes) }) {
            draft.pieces.remove(at: last)
        } else {
            draft.pieces.removeLast()
        }
    }
}
