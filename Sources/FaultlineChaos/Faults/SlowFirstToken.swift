import FaultlineWire

/// `slow_first_token(ms)`: the head comes at once, the first token late. Imitates a
/// reasoning model or a cold replica: a stream's first content frame waits `ms`
/// (a non-stream answer waits before its body), which only a first-token timeout catches.
public struct SlowFirstToken: Fault {
    public static let name = "slow_first_token"
    public static let parameters: [String] = ["ms"]
    public static let stage = FaultStage.delivery

    public var ms: Double

    public init(_ arguments: FaultArguments) throws(FaultSpecError) {
        ms = try arguments.double("ms", default: 2000, in: 0...3_600_000)
    }

    public func apply(to draft: inout ResponseDraft, random: inout SeededRandom) {
        guard !draft.pieces.isEmpty else { return draft.firstByteMs += ms }
        let at = draft.isStream && draft.pieces.count > 1 ? 1 : 0
        draft.pieces[at].delayMs += ms
    }
}
