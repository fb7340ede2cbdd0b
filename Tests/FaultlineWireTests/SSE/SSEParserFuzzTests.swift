import FaultlineFuzzSupport
import Testing

@testable import FaultlineWire

/// The SSE parser under mutated recorded streams, delivered in random pieces: it never traps
/// and gives the same events however the bytes were split (mid-line, mid-CRLF, mid-UTF-8).
struct SSEParserFuzzTests {
    static let seeds = FuzzCorpus.fixtureFiles(endingIn: [".sse"]).map(\.bytes)
    static let mutator = Mutator(dictionary: ["\r\n", "\n\n", "\r\r", "data:", "data: ", "event:", "id:", "retry:", ":", "\u{FEFF}"])

    @Test func anySplitGivesTheEventsOfTheWhole() {
        #expect(Self.seeds.count > 10)
        let campaign = FuzzCampaign("sse", count: 2_000)
        campaign.run { index, random in
            let input = Self.mutator.mutate(Mutator.pick(Self.seeds, using: &random), using: &random)
            Self.check(input, pieces: Mutator.pieces(of: input, using: &random), campaign.label(index))
        }
    }

    @Test func corpusReplays() {
        for entry in FuzzCorpus.entries("sse") {
            Self.check(entry.bytes, pieces: entry.bytes.indices.map { entry.bytes[$0...$0] }, entry.name)
        }
    }

    static func check(_ input: [UInt8], pieces: [ArraySlice<UInt8>], _ label: String) {
        var whole = SSEParser()
        let expected = whole.feed(input) + whole.finish()
        var split = SSEParser()
        let events = pieces.flatMap { split.feed($0) } + split.finish()
        #expect(events == expected, "\(label)")
    }
}
