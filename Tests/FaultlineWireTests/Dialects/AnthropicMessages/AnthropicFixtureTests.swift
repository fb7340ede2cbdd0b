import Foundation
import Testing
@testable import FaultlineWire

/// Every recorded case in `fixtures/anthropic-messages` decodes to its expectation, whole, as
/// recorded on the wire, at every split point and byte by byte.
@Suite("Anthropic Messages fixtures")
struct AnthropicFixtureTests {
    static let names = AnthropicTestSupport.fixtureNames()

    @Test func fixturesLoadWithoutErrorsAndCoverTheCases() {
        let loaded = Fixture.loadAll(from: AnthropicTestSupport.fixturesRoot)
        let errors = loaded.errors.filter { $0.file.contains("/anthropic-messages/") }
        #expect(errors.isEmpty, "\(errors)")
        let fixtures = loaded.fixtures.filter { $0.dialect == .anthropicMessages }
        #expect(fixtures.count >= 8)
        #expect(fixtures.contains { $0.isStream })
        let kinds = Set(fixtures.compactMap { if case .error(let kind, _) = $0.expectation { kind } else { nil } })
        #expect(kinds.isSuperset(of: [.rateLimited, .overloaded, .contextOverflow, .authentication, .quotaExhausted]))
    }

    @Test(arguments: names)
    func decodesToItsExpectation(name: String) throws {
        let fixture = try #require(AnthropicTestSupport.fixture(name))
        let result: Result<ChatResponse, ProviderError>
        if fixture.isStream {
            result = AnthropicTestSupport.decode(fixture.recordedPieces).flatMap(AnthropicTestSupport.accumulate)
        } else {
            result = AnthropicMessages().decodeResponse(fixture.response)
        }
        check(result, against: fixture)
    }

    @Test(arguments: names)
    func streamsDecodeTheSameAtEverySplitAndByteByByte(name: String) throws {
        let fixture = try #require(AnthropicTestSupport.fixture(name))
        guard fixture.isStream else { return }
        let body = fixture.response.body
        let whole = AnthropicTestSupport.decode(body)
        #expect(AnthropicTestSupport.decode(AnthropicTestSupport.byteByByte(body)) == whole)
        for pieces in AnthropicTestSupport.splits(body) {
            let split = AnthropicTestSupport.decode(pieces)
            #expect(split == whole, "split at \(pieces[0].count)")
            if split != whole { break }
        }
    }

    @Test(arguments: names)
    func theMockReadsTheRecordedRequest(name: String) throws {
        let fixture = try #require(AnthropicTestSupport.fixture(name))
        let request = try AnthropicMessages().decodeRequest(fixture.request).get()
        #expect(fixture.request.path == AnthropicMessages.path)
        #expect(AnthropicTestSupport.json(fixture.request.body)?["model"]?.stringValue == request.model)
        #expect(request.maxTokens != nil)
        #expect(request.stream == fixture.isStream)
        #expect(request.messages.last?.role == .user)
        #expect(!(request.messages.last?.text.isEmpty ?? true))
    }

    @Test(arguments: names)
    func noSecretsInTheFixture(name: String) throws {
        let fixture = try #require(AnthropicTestSupport.fixture(name))
        for field in fixture.request.headers { #expect(!WireHeaders.secretNames.contains(field.name.lowercased())) }
        for field in fixture.response.headers { #expect(!WireHeaders.secretNames.contains(field.name.lowercased())) }
        let directory = AnthropicTestSupport.fixturesRoot + "/" + name
        for file in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] {
            let text = (try? String(contentsOfFile: directory + "/" + file, encoding: .utf8)) ?? ""
            #expect(SecretScanner.scan(text).isEmpty, "\(file)")
        }
    }

    @Test func theMultibyteCaseReallySplitsCharacters() throws {
        let fixture = try #require(AnthropicTestSupport.fixture("anthropic-messages/stream-multibyte"))
        let splitsInside = fixture.recordedPieces.dropLast().contains { piece in
            piece.last.map { $0 & 0x80 != 0 } ?? false
                && (piece.endIndex < fixture.response.body.count && fixture.response.body[piece.endIndex] & 0xC0 == 0x80)
        }
        #expect(splitsInside)
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

extension AnthropicFixtureTests {
    /// The recorded request bodies are what this adapter writes for the request they decode to:
    /// the client and the fixtures agree on the SDK's field order and forms.
    @Test(arguments: ["anthropic-messages/tool-call-weather", "anthropic-messages/parallel-tool-calls",
        "anthropic-messages/json-structured-output", "anthropic-messages/stream-text", "anthropic-messages/max-tokens"])
    func theAdapterWritesTheRecordedRequestBody(name: String) throws {
        let fixture = try #require(AnthropicTestSupport.fixture(name))
        let request = try AnthropicMessages().decodeRequest(fixture.request).get()
        let encoded = AnthropicMessages().encodeRequest(request, options: ClientOptions())
        #expect(encoded.body == fixture.request.body, "\(String(decoding: encoded.body, as: UTF8.self))")
        #expect(encoded.path == fixture.request.path)
    }
}
