import FaultlineWire

/// `split_utf8`: every body piece is cut in two, inside a multi-byte UTF-8 character when
/// it has one. TCP may split anywhere; a decoder that turns each read into a String
/// corrupts non-ASCII text.
public struct SplitUTF8: Fault {
    public static let name = "split_utf8"
    public static let parameters: [String] = []
    public static let stage = FaultStage.reshape

    public init(_ arguments: FaultArguments) throws(FaultSpecError) {}

    public func apply(to draft: inout ResponseDraft, random: inout SeededRandom) {
        var out: [ResponseDraft.Piece] = []
        out.reserveCapacity(draft.pieces.count * 2)
        for piece in draft.pieces {
            let bytes = piece.bytes
            guard bytes.count > 1 else { out.append(piece); continue }
            // A continuation byte (10xxxxxx) follows the cut when there is one.
            let cut = bytes.indices.dropFirst().first { bytes[$0] & 0xC0 == 0x80 } ?? bytes.count / 2
            out.append(.init(delayMs: piece.delayMs, bytes: Array(bytes[..<cut])))
            out.append(.init(delayMs: 0, bytes: Array(bytes[cut...])))
        }
        draft.pieces = out
    }
}
