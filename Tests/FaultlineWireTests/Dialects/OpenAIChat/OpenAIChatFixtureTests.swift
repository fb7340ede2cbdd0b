import Foundation
import Testing
@testable import FaultlineWire

/// Every recorded case in `fixtures/openai-chat` decodes to its expectation, whole, as
/// recorded on the wire, at every split point and byte by byte.
@Suite("OpenAI Chat fixtures")
struct OpenAIChatFixtureTests {
    typealias S = OpenAIChatTestSupport
    static let names = S.fixtureNames()

    @Test func fixturesLoadWithoutErrorsAndCoverTheCases() {
        let loaded = Fixture.loadAll(from: S.fixturesRoot)
        let errors = loaded.errors.filter { $0.file.contains("/openai-chat/") }
        #expect(errors.isEmpty, "\(errors)")
        let fixtures = loaded.fixtures.filter { $0.dialect == .openAIChat }
        #expect(fixtures.count >= 8)
        #expect(fixtures.filter(\.isStream).count >= 3)
        let kinds = Set(fixtures.compactMap { if case .error(let kind, _) = $0.expectation { kind } else { nil } })
        #expect(kinds.isSuperset(of: [.rateLimited, .overloaded, .contextOverflow, .authentication, .quotaExhausted, .truncatedStream]))
    }

    @Test(arguments: names)
    func decodesToItsExpectation(name: String) throws {
        let fixture = try #require(S.fixture(name))
        let result: Result<ChatResponse, ProviderError>
        if fixture.isStream {
            result = S.decode(fixture.recordedPieces).flatMap(S.accumulate)
        } else {
            result = OpenAIChat().decodeResponse(fixture.response)
        }
        check(result, against: fixture)
    }

    @Test(arguments: names)
    func streamsDecodeTheSameAtEverySplitAndByteByByte(name: String) throws {
        let fixture = try #require(S.fixture(name))
        guard fixture.isStream else { return }
        let body = fixture.response.body
        let whole = S.decode(body)
        #expect(S.decode(S.byteByByte(body)) == whole)
        for pieces in S.splits(body) {
            let split = S.decode(pieces)
            #expect(split == whole, "split at \(pieces[0].count)")
            if split != whole { break }
        }
    }

    @Test(arguments: names)
    func theMockReadsTheRecordedRequest(name: String) throws {
        let fixture = try #require(S.fixture(name))
        let request = try OpenAIChat().decodeRequest(fixture.request).get()
        #expect(fixture.request.path == OpenAIChat.path)
        #expect(S.json(fixture.request.body)?["model"]?.stringValue == request.model)
        #expect(request.stream == fixture.isStream)
        #expect(request.messages.last?.role == .user)
        #expect(!(request.messages.last?.text.isEmpty ?? true))
    }

    @Test(arguments: names)
    func noSecretsInTheFixture(name: String) throws {
        let fixture = try #require(S.fixture(name))
        for field in fixture.request.headers { #expect(!WireHeaders.secretNames.contains(field.name.lowercased())) }
        for field in fixture.response.headers { #expect(!WireHeaders.secretNames.contains(field.name.lowercased())) }
        let directory = S.fixturesRoot + "/" + name
        for file in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] {
            let text = (try? String(contentsOfFile: directory + "/" + file, encoding: .utf8)) ?? ""
            #expect(SecretScanner.scan(text).isEmpty, "\(file)")
        }
    }

    @Test func theMultibyteCaseReallySplitsCharacters() throws {
        let fixture = try #require(S.fixture("openai-chat/stream-multibyte"))
        let body = fixture.response.body
        let splitsInside = fixture.recordedPieces.dropLast().contains { piece in
            piece.endIndex < body.count && body[piece.endIndex] & 0xC0 == 0x80
        }
        #expect(splitsInside)
    }

    @Test func recordedFixtureMatchingKeysAreDistinct() {
        let keys = S.fixtures().compactMap { fixture -> String? in
            guard let request = try? OpenAIChat().decodeRequest(fixture.request).get() else { return nil }
            return "\(request.stream) \(request.messages.last?.text ?? "")"
        }
        #expect(Set(keys).count == keys.count, "two fixtures would answer the same request")
    }

    private func check(_ result: Result<ChatResponse, ProviderError>, against fixture: Fixture) {
        switch (fixture.expectation, result) {
        case (.response(let expected), .success(let response)):
            #expect(expected.mismatches(response).isEmpty, "\(fixture.name): \(expected.mismatches(response))")
        case (.error(let kind, let retryAfter), .failure(let error)):
            #expect(error.kind == kind, "\(fixture.name): \(error)")
            if let retryAfter { #expect(error.retryAfter == retryAfter, "\(fixture.name): \(error)") }
        case (.response, .failure(let error)):
            Issue.record("\(fixture.name): expected a response, got \(error)")
        case (.error(let kind, _), .success(let response)):
            Issue.record("\(fixture.name): expected \(kind.rawValue), got \(response)")
        }
    }
}

extension OpenAIChatFixtureTests {
    /// The recorded request bodies are what this adapter writes for the request they decode to:
    /// the client and the fixtures agree on the SDK's field order and forms.
    @Test(arguments: ["openai-chat/text-plain", "openai-chat/tool-call-weather", "openai-chat/parallel-tool-calls",
        "openai-chat/json-structured-output", "openai-chat/stream-text", "openai-chat/stream-tool-call"])
    func theAdapterWritesTheRecordedRequestBody(name: String) throws {
        let fixture = try #require(S.fixture(name))
        let request = try OpenAIChat().decodeRequest(fixture.request).get()
        let encoded = OpenAIChat().encodeRequest(request, options: ClientOptions())
        #expect(encoded.body == fixture.request.body, "\(String(decoding: encoded.body, as: UTF8.self))")
        #expect(encoded.path == fixture.request.path)
    }
}
