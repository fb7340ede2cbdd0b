import FaultlineChaos
import Foundation
@testable import FaultlineWire
import Testing

@Suite struct ResponseSourceTests {
    /// The repository's recorded fixtures (`fixtures/`), found from this file's path.
    static let recorded: [Fixture] = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return Fixture.loadAll(from: url.path + "/fixtures").fixtures
    }()

    @Test func recordedFixturesAreServedByteForByte() throws {
        try #require(Self.recorded.count >= 10, "fixtures/ is found")
        let responder = MockResponder(configuration: MockConfiguration(fixtures: Self.recorded))
        var replayed = 0
        for fixture in Self.recorded {
            guard case .success(let chat) = fixture.dialect.dialect.decodeRequest(fixture.request) else { continue }
            let chosen = try #require(responder.source.fixture(for: chat, dialect: fixture.dialect))
            let probe = ScriptProbe(responder.script(for: MockRequest(dialect: fixture.dialect, wire: fixture.request)))
            #expect(probe.status == chosen.response.status, "\(fixture.name)")
            #expect(probe.body == chosen.response.body, "\(fixture.name)")
            #expect(probe.streaming == chosen.isStream, "\(fixture.name)")
            #expect(chosen.name == fixture.name, "every fixture answers its own request (fixtures/README.md, Matching)")
            if chosen.name == fixture.name { replayed += 1 }
        }
        #expect(replayed == Self.recorded.count, "every fixture answers its own request: \(replayed) of \(Self.recorded.count)")
    }

    static func fixture(stream: Bool, text: String = "What is Faultline?") -> Fixture {
        let request = Requests.wire(.gemini, Requests.chat(text, stream: stream))
        let body = Array(#"data: {"candidates":[{"content":{"parts":[{"text":"recorded"}],"role":"model"},"finishReason":"STOP","index":0}]}"#.utf8) + [10, 10]
        let headers: WireHeaders = stream
            ? ["content-type": "text/event-stream", "content-length": "999", "x-recorded": "yes", "set-cookie": "session=abc"]
            : ["content-type": "application/json; charset=UTF-8", "x-recorded": "yes"]
        return Fixture(
            name: "gemini/recorded-\(stream)", dialect: .gemini, description: "", request: request,
            response: WireResponse(status: 200, headers: headers, body: body),
            chunks: [.init(bytes: 10, delayMs: 5), .init(bytes: 20, delayMs: 40)],
            expectation: .response(.init()))
    }

    @Test func matchingFixtureIsReplayedWithItsTiming() {
        let source = ResponseSource(configuration: MockConfiguration(fixtures: [Self.fixture(stream: true), Self.fixture(stream: false)]))
        #expect(source.fixtureCount == 2)
        let draft = source.draft(for: Requests.chat("What is Faultline?", stream: true), dialect: .gemini)
        #expect(draft.isEncoded)
        #expect(draft.pieces.map(\.bytes.count).prefix(2) == [10, 20])
        #expect(draft.pieces.map(\.delayMs).prefix(2) == [5, 40])
        #expect(draft.body == Self.fixture(stream: true).response.body)
        #expect(draft.headers["x-recorded"] == "yes")
        #expect(draft.headers["content-length"] == nil, "the server writes its own framing")
        #expect(draft.headers["set-cookie"] == nil, "credentials are never replayed")
    }

    @Test(arguments: [("What is Faultline?", true, false), ("Something else", false, false), ("What is Faultline?", false, true)])
    func fixtureNeedsSameTextAndStreamSwitch(text: String, stream: Bool, matches: Bool) {
        let source = ResponseSource(configuration: MockConfiguration(fixtures: [Self.fixture(stream: false)]))
        let request = Requests.chat(text, stream: stream)
        #expect((source.fixture(for: request, dialect: .gemini) != nil) == matches)
        #expect(source.fixture(for: request, dialect: .anthropicMessages) == nil)
    }

    @Test func withoutFixtureTheAnswerIsGenerated() {
        let source = ResponseSource(configuration: MockConfiguration(seed: 4, chunkGapMs: 15))
        let request = Requests.chat("anything", stream: true)
        var draft = source.draft(for: request, dialect: .gemini)
        #expect(!draft.isEncoded)
        #expect(draft.response == AnswerGenerator(seed: 4).answer(to: request, dialect: .gemini))
        draft.encode()
        #expect(draft.pieces.count > 1)
        #expect(draft.pieces.dropFirst().allSatisfy { $0.delayMs == 15 })
    }
}
