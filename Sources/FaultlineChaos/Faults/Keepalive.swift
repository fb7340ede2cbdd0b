import FaultlineWire

/// `keepalive(every)`: a `: keepalive` SSE comment after every `every` frames. Legal SSE
/// that proxies and OpenRouter send; google-genai fails on it (it feeds non-`data: `
/// lines to its JSON buffer).
public struct Keepalive: Fault {
    public static let name = "keepalive"
    public static let parameters: [String] = ["every"]
    public static let stage = FaultStage.frames

    public var every: Int

    public init(_ arguments: FaultArguments) throws(FaultSpecError) {
        every = try arguments.int("every", default: 1, in: 1...1_000_000)
    }

    public func apply(to draft: inout ResponseDraft, random: inout SeededRandom) {
        guard draft.isStream else { return }
        var out: [ResponseDraft.Piece] = []
        for (index, piece) in draft.pieces.enumerated() {
            out.append(piece)
            if (index + 1) % every == 0 { out.append(.init(bytes: Array(": keepalive\n\n".utf8))) }
        }
        draft.pieces = out
    }
}
