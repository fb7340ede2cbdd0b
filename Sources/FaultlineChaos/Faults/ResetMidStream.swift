import FaultlineWire

/// `reset_mid_stream(after_chunks)`: the head and `after_chunks` frames, then a TCP RST.
/// Imitates a backend restart during a long generation; a non-stream body is cut in
/// half instead. The client has paid for tokens it never gets in full.
public struct ResetMidStream: Fault {
    public static let name = "reset_mid_stream"
    public static let parameters: [String] = ["after_chunks"]
    public static let stage = FaultStage.delivery

    public var afterChunks: Int

    public init(_ arguments: FaultArguments) throws(FaultSpecError) {
        afterChunks = try arguments.int("after_chunks", default: 2, in: 0...1_000_000)
    }

    public func apply(to draft: inout ResponseDraft, random: inout SeededRandom) {
        if draft.isStream {
            draft.pieces.removeSubrange(min(afterChunks, draft.pieces.count)...)
        } else {
            draft.cutBody(atFraction: 0.5)
        }
        draft.ending = .reset
    }
}
