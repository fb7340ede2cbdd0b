import FaultlineWire

/// `stall(after_chunks, ms)`: the stream stops after `after_chunks` frames. With `ms`
/// it resumes after that pause; without, it never does and the connection stays open.
/// Imitates the stuck streams users report when a provider's backend dies behind its
/// load balancer: only an idle timeout gets the client out.
public struct Stall: Fault {
    public static let name = "stall"
    public static let parameters: [String] = ["after_chunks", "ms"]
    public static let stage = FaultStage.delivery

    public var afterChunks: Int
    public var ms: Double?

    public init(_ arguments: FaultArguments) throws(FaultSpecError) {
        afterChunks = try arguments.int("after_chunks", default: 1, in: 0...1_000_000)
        ms = try arguments.optionalDouble("ms", in: 0...3_600_000)
    }

    public func apply(to draft: inout ResponseDraft, random: inout SeededRandom) {
        guard draft.isStream else {
            // A JSON body has no chunks: half of it arrives, then the rest waits or never comes.
            let whole = draft.body
            let half = whole.count / 2
            let first = draft.pieces.first?.delayMs ?? 0
            draft.pieces = [.init(delayMs: first, bytes: Array(whole[..<half]))]
            if let ms {
                draft.pieces.append(.init(delayMs: ms, bytes: Array(whole[half...])))
            } else {
                draft.headers.set("content-length", String(whole.count))
                draft.ending = .stall
            }
            return
        }
        let cut = min(afterChunks, draft.pieces.count)
        if let ms {
            if cut < draft.pieces.count { draft.pieces[cut].delayMs += ms }
        } else {
            draft.pieces.removeSubrange(cut...)
            draft.ending = .stall
        }
    }
}
