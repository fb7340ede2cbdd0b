import FaultlineWire

/// `garbage(bytes)`: random bytes instead of an HTTP response, then close. Imitates a
/// misconfigured proxy or TLS terminator answering on the wrong protocol.
public struct Garbage: Fault {
    public static let name = "garbage"
    public static let parameters: [String] = ["bytes"]
    public static let stage = FaultStage.connection

    public var count: Int

    public init(_ arguments: FaultArguments) throws(FaultSpecError) {
        count = try arguments.int("bytes", default: 64, in: 1...1_048_576)
    }

    public func apply(to draft: inout ResponseDraft, random: inout SeededRandom) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        while bytes.count < count {
            var word = random.next()
            for _ in 0..<8 where bytes.count < count {
                bytes.append(UInt8(truncatingIfNeeded: word))
                word >>= 8
            }
        }
        draft.replacement = [.body(bytes), .close]
    }
}
