import FaultlineWire

/// `chunk_gap(ms, jitter)`: every stream frame after the first waits `ms` ± `jitter`.
/// Imitates a dribbling stream from an overloaded backend, which trips idle timeouts
/// set too tight and stretches time to last token.
public struct ChunkGap: Fault {
    public static let name = "chunk_gap"
    public static let parameters: [String] = ["ms", "jitter"]
    public static let stage = FaultStage.delivery

    public var ms: Double
    public var jitter: Double

    public init(_ arguments: FaultArguments) throws(FaultSpecError) {
        ms = try arguments.double("ms", default: 500, in: 0...3_600_000)
        jitter = try arguments.double("jitter", default: 0, in: 0...3_600_000)
    }

    public func apply(to draft: inout ResponseDraft, random: inout SeededRandom) {
        for index in draft.pieces.indices.dropFirst() {
            let offset = jitter > 0 ? (random.unit() * 2 - 1) * jitter : 0
            draft.pieces[index].delayMs = max(0, ms + offset)
        }
    }
}
