import FaultlineWire

/// `truncate(after_chunks)`: a stream's HTTP message completes properly (final chunk)
/// after `after_chunks` frames, so the terminal event (`[DONE]`, `message_stop`, Gemini's
/// `finishReason`) never comes; no SDK notices. A non-stream body is cut in half and the
/// connection closed. Imitates proxies that end a response early on a timeout of their own.
public struct Truncate: Fault {
    public static let name = "truncate"
    public static let parameters: [String] = ["after_chunks"]
    public static let stage = FaultStage.delivery

    public var afterChunks: Int?

    public init(_ arguments: FaultArguments) throws(FaultSpecError) {
        afterChunks = try arguments.optionalInt("after_chunks", in: 0...1_000_000)
    }

    public func apply(to draft: inout ResponseDraft, random: inout SeededRandom) {
        if draft.isStream {
            let keep = afterChunks ?? max(1, draft.pieces.count / 2)
            draft.pieces.removeSubrange(min(keep, max(0, draft.pieces.count - 1))...)
        } else {
            draft.cutBody(atFraction: 0.5)
            draft.ending = .close
        }
    }
}
