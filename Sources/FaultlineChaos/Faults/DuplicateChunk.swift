import FaultlineWire

/// `duplicate_chunk(at)`: frame `at` is sent twice. Imitates a retrying proxy replaying
/// an event; text appears twice unless the adapter notices.
public struct DuplicateChunk: Fault {
    public static let name = "duplicate_chunk"
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
        draft.pieces.insert(ResponseDraft.Piece(bytes: draft.pieces[index].bytes), at: index + 1)
    }
}
