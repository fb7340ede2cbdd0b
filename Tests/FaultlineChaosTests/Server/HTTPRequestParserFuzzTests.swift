import FaultlineFuzzSupport
import Testing

@testable import FaultlineChaos

/// The mock's request framing under mutated and hostile requests, delivered in random pieces:
/// it never traps, and a request is framed (or refused) the same however the bytes arrive, so
/// no split can smuggle a request past the framing rules.
struct HTTPRequestParserFuzzTests {
    static let seeds = [
        HTTPRequestParserTests.chunked,
        HTTPRequestParserTests.pipelined,
        "GET /v1/models HTTP/1.1\r\nHost: x\r\n\r\n",
        "POST /v1/messages HTTP/1.0\r\nContent-Length: 5\r\nConnection: keep-alive\r\n\r\nhello",
        "POST /v1beta/models/g:streamGenerateContent?alt=sse HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
            + "Content-Length: 2\r\n\r\n{}GET / HTTP/1.1\r\nHost: y\r\n\r\n",
    ].map { Array($0.utf8) }

    static let mutator = Mutator(dictionary: [
        "\r\n", "\n", "\r\n\r\n", " ", "\t", ":", "Content-Length: 3\r\n", "Content-Length: -1\r\n",
        "Content-Length: 99999999999999999999\r\n", "Transfer-Encoding: chunked\r\n", "Transfer-Encoding: gzip, chunked\r\n",
        "Host: z\r\n", "ffffffffffffffff\r\n", "0\r\n\r\n", ";ext=1", "HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "Expect: 100-continue\r\n",
    ])

    @Test func anySplitFramesTheSameRequests() {
        let campaign = FuzzCampaign("http-request", count: 3_000)
        campaign.run { index, random in
            let input = Self.mutator.mutate(Mutator.pick(Self.seeds, using: &random), using: &random, maxSteps: 6)
            let cuts = Mutator.pieces(of: input, using: &random).map(\.endIndex)
            Self.check(input, cuts: cuts, campaign.label(index))
        }
    }

    @Test func corpusReplays() {
        for entry in FuzzCorpus.entries("http-request") {
            Self.check(entry.bytes, cuts: Array(entry.bytes.indices), entry.name)
        }
    }

    static func check(_ input: [UInt8], cuts: [Int], _ label: String) {
        let whole = HTTPRequestParserTests.parse(bytes: input)
        let split = HTTPRequestParserTests.parse(bytes: input, splitAt: cuts)
        #expect(split.heads.map(\.uri) == whole.heads.map(\.uri), "\(label)")
        #expect(split.bodies == whole.bodies, "\(label)")
        #expect(split.error == whole.error, "\(label)")
    }
}
