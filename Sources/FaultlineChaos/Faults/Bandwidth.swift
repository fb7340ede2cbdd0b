import FaultlineWire

/// `bandwidth(bytes_per_s)`: the body trickles at this rate, in slices of a tenth of a
/// second. Imitates a congested link or a proxy that throttles, turning a large answer
/// into a slow one without any error.
public struct Bandwidth: Fault {
    public static let name = "bandwidth"
    public static let parameters: [String] = ["bytes_per_s"]
    public static let stage = FaultStage.reshape

    public var bytesPerSecond: Double

    public init(_ arguments: FaultArguments) throws(FaultSpecError) {
        bytesPerSecond = try arguments.double("bytes_per_s", default: 1024, in: 1...1e12)
    }

    /// Writes one answer is cut into at most (about): a slow rate on a large answer makes
    /// larger slices at the same rate, not millions of one-byte steps held in memory.
    public static let maximumSlices = 10_000

    public func apply(to draft: inout ResponseDraft, random: inout SeededRandom) {
        let total = draft.pieces.reduce(0) { $0 + $1.bytes.count }
        let slice = max(1, Int(bytesPerSecond / 10), (total + Self.maximumSlices - 1) / Self.maximumSlices)
        var out: [ResponseDraft.Piece] = []
        for piece in draft.pieces {
            var start = 0
            var first = true
            repeat {
                let end = min(piece.bytes.count, start + slice)
                let bytes = Array(piece.bytes[start..<end])
                let transfer = Double(bytes.count) / bytesPerSecond * 1000
                out.append(.init(delayMs: (first ? piece.delayMs : 0) + transfer, bytes: bytes))
                first = false
                start = end
            } while start < piece.bytes.count
        }
        draft.pieces = out
    }
}
