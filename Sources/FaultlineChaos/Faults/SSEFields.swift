import FaultlineWire

/// `sse_fields`: a bare `retry:` event first and an `id:` line in every frame. Legal SSE;
/// the openai SDK yields the bare event and fails decoding its empty data, and
/// google-genai rejects any non-`data: ` line.
public struct SSEFields: Fault {
    public static let name = "sse_fields"
    public static let parameters: [String] = []
    public static let stage = FaultStage.frames

    public init(_ arguments: FaultArguments) throws(FaultSpecError) {}

    public func apply(to draft: inout ResponseDraft, random: inout SeededRandom) {
        guard draft.isStream else { return }
        for index in draft.pieces.indices {
            draft.pieces[index].bytes = Array("id: \(index + 1)\n".utf8) + draft.pieces[index].bytes
        }
        draft.pieces.insert(.init(bytes: Array("retry: 3000\n\n".utf8)), at: 0)
    }
}
