import FaultlineFuzzSupport
import Testing

@testable import FaultlineWire

/// Each dialect's decoders under mutated recorded fixtures: the adapter's response and stream
/// decoders and the mock's request decoder never trap, a broken body is a `ProviderError`,
/// and a stream decodes to the same events and error however it was split.
struct DialectDecoderFuzzTests {
    struct Seed {
        var dialect: DialectID
        var bytes: [UInt8]
    }

    static func seeds(_ suffix: String) -> [Seed] {
        FuzzCorpus.fixtureFiles(endingIn: [suffix]).compactMap { file in
            guard let dialect = DialectID(rawValue: String(file.path.prefix { $0 != "/" })) else { return nil }
            return Seed(dialect: dialect, bytes: file.bytes)
        }
    }

    static let responses = seeds("/response.json")
    static let streams = seeds("/response.sse")
    static let requests = seeds("/request.json")
    static let mutator = Mutator(dictionary: [
        "null", "\"\"", "[]", "{}", "-1", "1e308", "\"choices\":", "\"content\":", "\"candidates\":", "\"type\":",
        "data: [DONE]\n\n", "event: error\n", "\n\n", "\\ud83d",
    ])

    @Test func mutatedResponsesDecodeOrFailAsProviderErrors() {
        #expect(Self.responses.count > 20)
        Self.campaign("dialect-response", Self.responses) { seed, body, random, _ in
            let status = Mutator.pick([200, 200, 400, 429, 500, 529], using: &random)
            _ = seed.dialect.dialect.decodeResponse(WireResponse(status: status, headers: ["content-type": "application/json"], body: body))
        }
    }

    @Test func mutatedStreamsDecodeTheSameHoweverSplit() {
        #expect(Self.streams.count > 10)
        Self.campaign("dialect-stream", Self.streams) { seed, body, random, label in
            Self.checkStream(seed.dialect, body, pieces: Mutator.pieces(of: body, using: &random), label)
        }
    }

    @Test func mutatedRequestsDecodeOrAreRefused() {
        #expect(Self.requests.count > 20)
        Self.campaign("dialect-request", Self.requests) { seed, body, _, _ in
            let path = switch seed.dialect {
            case .openAIChat: "/v1/chat/completions"
            case .anthropicMessages: "/v1/messages"
            case .gemini: "/v1beta/models/gemini-2.5-flash:generateContent"
            }
            _ = seed.dialect.dialect.decodeRequest(WireRequest(path: path, headers: ["content-type": "application/json"], body: body))
        }
    }

    /// 2,000 mutants of `seeds` through `decode`, each with its generator and replay label.
    static func campaign(_ target: String, _ seeds: [Seed], _ decode: (Seed, [UInt8], inout SeededRandom, String) -> Void) {
        let campaign = FuzzCampaign(target, count: 2_000)
        campaign.run { index, random in
            let seed = Mutator.pick(seeds, using: &random)
            let body = mutator.mutate(seed.bytes, using: &random)
            decode(seed, body, &random, campaign.label(index))
        }
    }

    @Test func corpusReplays() {
        for entry in FuzzCorpus.entries("dialect-response") {
            for dialect in DialectID.allCases {
                _ = dialect.dialect.decodeResponse(WireResponse(status: 200, body: entry.bytes))
                Self.checkStream(dialect, entry.bytes, pieces: [entry.bytes[...]], entry.name)
            }
        }
    }

    /// Decodes `body` whole and in `pieces`: the same events and the same error either way.
    static func checkStream(_ dialect: DialectID, _ body: [UInt8], pieces: [ArraySlice<UInt8>], _ label: String) {
        func decode(_ parts: [ArraySlice<UInt8>]) -> ([StreamEvent], ProviderError?) {
            var decoder = dialect.dialect.makeStreamDecoder()
            var events: [StreamEvent] = []
            do throws(ProviderError) {
                for part in parts { try decoder.feed(part, into: &events) }
                try decoder.finish(into: &events)
                return (events, nil)
            } catch {
                return (events, error)
            }
        }
        let whole = decode([body[...]])
        let split = decode(pieces)
        #expect(split.0 == whole.0, "\(dialect.rawValue): \(label)")
        #expect(split.1 == whole.1, "\(dialect.rawValue): \(label)")
    }
}
