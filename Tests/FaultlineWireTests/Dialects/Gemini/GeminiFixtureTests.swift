import Foundation
import Testing
@testable import FaultlineWire

/// Every recorded case in `fixtures/gemini` decodes to its expectation, whole, as
/// recorded on the wire, at every split point and byte by byte.
@Suite("Gemini fixtures")
struct GeminiFixtureTests {
    static let names = GeminiTestSupport.fixtureNames()

    @Test func fixturesLoadWithoutErrorsAndCoverTheCases() {
        let loaded = Fixture.loadAll(from: GeminiTestSupport.fixturesRoot)
        let errors = loaded.errors.filter { $0.file.contains("/gemini/") }
        #expect(errors.isEmpty, "\(errors)")
        let fixtures = loaded.fixtures.filter { $0.dialect == .gemini }
        #expect(fixtures.count >= 8)
        #expect(fixtures.contains { $0.isStream })
        let kinds = Set(fixtures.compactMap { if case .error(let kind, _) = $0.expectation { kind } else { nil } })
        #expect(kinds.isSuperset(of: [.rateLimited, .overloaded, .contextOverflow, .authentication, .contentFiltered]))
    }

    @Test(arguments: names)
    func decodesToItsExpectation(name: String) throws {
        let fixture = try #require(GeminiTestSupport.fixture(name))
        let result: Result<ChatResponse, ProviderError>
        if fixture.isStream {
            result = GeminiTestSupport.decode(fixture.recordedPieces).flatMap(GeminiTestSupport.accumulate)
        } else {
            result = Gemini().decodeResponse(fixture.response)
        }
        check(result, against: fixture)
    }

    @Test(arguments: names)
    func streamsDecodeTheSameAtEverySplitAndByteByByte(name: String) throws {
        let fixture = try #require(GeminiTestSupport.fixture(name))
        guard fixture.isStream else { return }
        let body = fixture.response.body
        let whole = GeminiTestSupport.decode(body)
        #expect(GeminiTestSupport.decode(GeminiTestSupport.byteByByte(body)) == whole)
        for pieces in GeminiTestSupport.splits(body) {
            let split = GeminiTestSupport.decode(pieces)
            #expect(split == whole, "split at \(pieces[0].count)")
            if split != whole { break }
        }
    }

    @Test(arguments: names)
    func theMockReadsTheRecordedRequest(name: String) throws {
        let fixture = try #require(GeminiTestSupport.fixture(name))
        let request = try Gemini().decodeRequest(fixture.request).get()
        #expect(fixture.request.path.contains("/models/\(request.model):"))
        #expect(request.stream == fixture.isStream)
        #expect(request.messages.last?.role == .user)
        #expect(!(request.messages.last?.text.isEmpty ?? true))
    }

    @Test(arguments: names)
    func noSecretsInTheFixture(name: String) throws {
        let fixture = try #require(GeminiTestSupport.fixture(name))
        for field in fixture.request.headers { #expect(!WireHeaders.secretNames.contains(field.name.lowercased())) }
        for field in fixture.response.headers { #expect(!WireHeaders.secretNames.contains(field.name.lowercased())) }
        let directory = GeminiTestSupport.fixturesRoot + "/" + name
        for file in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] {
            let text = (try? String(contentsOfFile: directory + "/" + file, encoding: .utf8)) ?? ""
            #expect(SecretScanner.scan(text).isEmpty, "\(file)")
        }
    }

    @Test func theMultibyteCaseReallySplitsCharacters() throws {
        let fixture = try #require(GeminiTestSupport.fixture("gemini/stream-multibyte"))
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
