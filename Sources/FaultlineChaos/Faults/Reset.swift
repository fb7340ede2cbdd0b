import FaultlineWire

/// `reset`: a TCP RST before any response byte (SO_LINGER 0). Imitates a load balancer
/// dropping the connection; SDKs raise a connection error (openai `APIConnectionError`).
public struct Reset: Fault {
    public static let name = "reset"
    public static let parameters: [String] = []
    public static let stage = FaultStage.connection

    public init(_ arguments: FaultArguments) throws(FaultSpecError) {}

    public func apply(to draft: inout ResponseDraft, random: inout SeededRandom) {
        draft.replacement = [.reset]
    }
}
