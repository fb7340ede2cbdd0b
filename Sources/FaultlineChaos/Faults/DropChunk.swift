import FaultlineWire

/// `drop_chunk(at)`: frame `at` is never sent. Imitates lost events behind a lossy
/// proxy: text goes missing or a tool call's arguments stop being valid JSON.
public struct DropChunk: Fault {
    public static let name = "drop_chunk"
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
        let delay = draft.pieces[index].delayMs
        draft.pieces.remove(at: index)
        if index < draft.pieces.count { draft.pieces[index].delayMs += delay }
    }
}
