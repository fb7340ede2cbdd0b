import Foundation
import Testing
@testable import FaultlineWire

/// The matching rule (fixtures/README.md "Matching") and the check that no two fixtures
/// of one dialect share a key, so that every fixture can be served.
@Suite("Fixture matching")
struct FixtureMatchingTests {
    static var fixturesRoot: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path + "/fixtures"
    }

    static func fixture(_ name: String, dialect: DialectID = .gemini, prompt: String, stream: Bool = false) -> Fixture {
        let body = #"{"contents": [{"parts": [{"text": "\#(prompt)"}], "role": "user"}], "generationConfig": {}}"#
        let method = stream ? "streamGenerateContent?alt=sse" : "generateContent"
        return Fixture(
            name: "\(dialect.rawValue)/\(name)", dialect: dialect, description: "",
            request: WireRequest(
                method: "POST", path: "/v1beta/models/gemini-2.5-flash:\(method)",
                headers: ["content-type": "application/json"], body: Array(body.utf8)),
            response: WireResponse(
                status: 200, headers: ["content-type": stream ? "text/event-stream" : "application/json"], body: []),
            chunks: [], expectation: .response(.init()))
    }

    @Test func theRecordedFixturesCanAllBeToldApart() {
        let fixtures = Fixture.loadAll(from: Self.fixturesRoot).fixtures
        #expect(fixtures.count >= 40)
        let ambiguities = Fixture.ambiguities(fixtures)
        #expect(ambiguities.isEmpty, "\(ambiguities.map(\.description))")
        #expect(fixtures.allSatisfy { $0.matchKey != nil }, "every recorded request decodes")
    }

    @Test func twoFixturesWithTheSamePromptAreReportedByName() throws {
        let fixtures = [
            Self.fixture("tool-call-weather", prompt: "Weather in Paris?"),
            Self.fixture("error-429-rate-limited", prompt: "Weather in Paris?"),
            Self.fixture("stream-text", prompt: "Weather in Paris?", stream: true),
            Self.fixture("text-plain", prompt: "Something else"),
        ]
        let ambiguities = Fixture.ambiguities(fixtures)
        try #require(ambiguities.count == 1, "the stream switch and the prompt tell the others apart")
        let only = ambiguities[0]
        #expect(only.first == "gemini/error-429-rate-limited", "the first in name order is the one served")
        #expect(only.second == "gemini/tool-call-weather")
        #expect(only.description.contains("fixtures/gemini/error-429-rate-limited"))
        #expect(only.description.contains("fixtures/gemini/tool-call-weather"))
        #expect(only.description.contains("Weather in Paris?"))
    }

    @Test func theKeyOfARequestIsTheKeyOfTheFixtureThatRecordedIt() throws {
        let fixture = Self.fixture("text-plain", prompt: "Hello")
        let request = try Gemini().decodeRequest(fixture.request).get()
        #expect(Fixture.MatchKey(request: request, dialect: .gemini) == fixture.matchKey)
        #expect(request.lastUserText == "Hello")
    }
}
