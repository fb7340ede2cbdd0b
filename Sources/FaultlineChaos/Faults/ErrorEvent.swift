import FaultlineWire

/// `error_event(after_chunks, kind=overloaded|server_error|rate_limited)`: after
/// `after_chunks` frames, the provider's own mid-stream error frame, then the stream ends.
/// Imitates Anthropic's `event: error` with `overloaded_error` inside a 200, OpenAI's
/// `{"error": …}` data and Gemini's error chunk.
public struct ErrorEvent: Fault {
    public static let name = "error_event"
    public static let parameters: [String] = ["after_chunks", "kind"]
    public static let stage = FaultStage.frames

    public var afterChunks: Int
    public var kind: String

    public init(_ arguments: FaultArguments) throws(FaultSpecError) {
        afterChunks = try arguments.int("after_chunks", default: 2, in: 0...1_000_000)
        kind = try arguments.choice("kind", ["overloaded", "server_error", "rate_limited"], default: "overloaded")
    }

    public func apply(to draft: inout ResponseDraft, random: inout SeededRandom) {
        guard draft.isStream, !draft.isError else { return }
        let error: ProviderError =
            switch kind {
            case "server_error": .serverError(status: 500, detail: "Internal server error")
            case "rate_limited": .rateLimited(retryAfter: nil, scope: .requests)
            default: .overloaded(retryAfter: nil)
            }
        draft.pieces.removeSubrange(min(afterChunks, draft.pieces.count)...)
        draft.pieces.append(.init(delayMs: draft.chunkGapMs, bytes: draft.dialect.dialect.encodeStreamError(error)))
    }
}
