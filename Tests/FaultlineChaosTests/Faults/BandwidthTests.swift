import FaultlineChaos
import FaultlineWire
import Testing

@Suite struct BandwidthTests {
    static func bandwidth(_ text: String) throws -> Bandwidth {
        try #require(try FaultCatalogue.make(FaultSpec(parsing: text)).fault as? Bandwidth)
    }

    @Test func aSlowRateOnALargeAnswerKeepsTheRateWithBoundedSlices() throws {
        // One byte a second over 1 MB was a million one-byte steps in memory for one request.
        var draft = ResponseDraft(
            dialect: .gemini, request: nil, status: 200, headers: [:], isStream: false,
            pieces: [.init(delayMs: 0, bytes: Array(repeating: 65, count: 1_000_000))])
        var random = SeededRandom(seed: 1)
        try Self.bandwidth("bandwidth(bytes_per_s=1)").apply(to: &draft, random: &random)
        #expect(draft.pieces.count <= Bandwidth.maximumSlices)
        #expect(draft.pieces.reduce(0) { $0 + $1.bytes.count } == 1_000_000)
        let seconds = draft.pieces.reduce(0) { $0 + $1.delayMs } / 1000
        #expect(abs(seconds - 1_000_000) < 1)
    }

    @Test func anOrdinaryRateSlicesATenthOfASecond() throws {
        var draft = ResponseDraft(
            dialect: .gemini, request: nil, status: 200, headers: [:], isStream: false,
            pieces: [.init(delayMs: 0, bytes: Array(repeating: 65, count: 1000))])
        var random = SeededRandom(seed: 1)
        try Self.bandwidth("bandwidth(bytes_per_s=1000)").apply(to: &draft, random: &random)
        #expect(draft.pieces.count == 10)
    }
}
