import FaultlineWire

/// `hang`: the request is read and never answered, not even a head. Imitates a
/// provider edge that accepts the connection and then loses the request; the client's
/// first-byte (or total) timeout is the only way out.
public struct Hang: Fault {
    public static let name = "hang"
    public static let parameters: [String] = []
    public static let stage = FaultStage.connection

    public init(_ arguments: FaultArguments) throws(FaultSpecError) {}

    public func apply(to draft: inout ResponseDraft, random: inout SeededRandom) {
        draft.replacement = [.stall]
    }
}
