import FaultlineWire

/// `malformed_chunk(at)`: frame `at` carries JSON cut in half. Imitates a proxy that
/// splits or corrupts an SSE event; a strict adapter must report it, not crash.
public struct MalformedChunk: Fault {
    public static let name = "malformed_chunk"
    public static let parameters: [String] = ["at"]
    public static let stage = FaultStage.frames

    /// The frame index, 0-based (frame 0 is the first event).
    public var at: Int

    public init(_ arguments: FaultArguments) throws(FaultSpecError) {
        at = try arguments.int("at", default: 1, in: 0...1_000_000)
    }

    public func apply(to draft: inout ResponseDraft, random: inout SeededRandom) {
        guard draft.isStream, !draft.pieces.isEmpty else { return }
        let index = min(at, draft.pieces.count - 1)
        draft.pieces[index].bytes = ResponseDraft.malformedFrame(draft.pieces[index].bytes)
    }
}
