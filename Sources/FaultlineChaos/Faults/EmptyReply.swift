import FaultlineWire

/// `empty_reply`: the connection closes (FIN) with nothing sent. Imitates a server that
/// crashed on the request; clients see "server disconnected without sending a response".
public struct EmptyReply: Fault {
    public static let name = "empty_reply"
    public static let parameters: [String] = []
    public static let stage = FaultStage.connection

    public init(_ arguments: FaultArguments) throws(FaultSpecError) {}

    public func apply(to draft: inout ResponseDraft, random: inout SeededRandom) {
        draft.replacement = [.close]
    }
}
