import Foundation
import Testing

@testable import FaultlineWire

/// `provenance` in `case.json`: every bundled fixture says it was composed and from what,
/// the loader reads both shapes and refuses a malformed one, and an `expect` written
/// from a decoded response reads back to an expectation that response meets.
struct FixtureProvenanceTests {
    @Test func everyBundledFixtureSaysItWasComposed() {
        let loaded = Fixture.loadAll(from: FixtureMatchingTests.fixturesRoot)
        #expect(loaded.errors.isEmpty, "\(loaded.errors)")
        #expect(loaded.fixtures.count >= 40)
        for fixture in loaded.fixtures {
            guard case .composed(let sources, let note) = fixture.provenance else {
                Issue.record("\(fixture.name): provenance \(String(describing: fixture.provenance))")
                continue
            }
            #expect(!sources.isEmpty && sources.allSatisfy { $0.contains(" : ") || $0.contains("provider-wire.md") }, "\(fixture.name)")
            #expect(note?.contains("not captured") == true, "\(fixture.name)")
        }
    }

    @Test(arguments: [
        Fixture.Provenance.recorded(Fixture.Recording(recordedAt: "2026-12-03T17:40:00Z", upstream: "api.openai.com", client: "OpenAI/Python 3.57.0", faultlineVersion: "0.1.0")),
        .recorded(Fixture.Recording(recordedAt: "2026-12-03T17:40:00Z", upstream: "127.0.0.1:8089", client: nil, faultlineVersion: "0.1.0")),
        .composed(sources: ["openai/openai-python : src/openai/types/chat/chat_completion.py"], note: "by hand"),
    ])
    func provenanceRoundTrips(_ provenance: Fixture.Provenance) throws {
        #expect(try Fixture.Provenance(json: provenance.json) == provenance)
    }

    @Test(arguments: [
        #"{"kind": "captured"}"#,
        #"{"kind": "recorded", "upstream": "api.openai.com"}"#,
        #"{"kind": "composed", "sources": []}"#,
        #"{"kind": "composed", "sources": [1]}"#,
    ])
    func malformedProvenanceIsRefused(_ text: String) throws {
        let json = try JSONValue(parsing: text)
        #expect(throws: FixtureError.self) { try Fixture.Provenance(json: json) }
    }

    @Test func writtenExpectationsReadBack() throws {
        let response = ChatResponse(
            id: "chatcmpl-1", model: "gpt-4o-mini", text: "Hi",
            toolCalls: [ToolCall(id: "call_1", name: "get_weather", arguments: ["city": "Paris"])],
            finishReason: .toolCalls, usage: Usage(input: 12, output: 5, cached: 0, reasoning: nil))
        let (key, json) = Fixture.Expectation(.success(response)).json
        #expect(key == "expect")
        let read = try Fixture.ExpectedResponse(json: try JSONValue(parsing: json.prettyBytes), file: "case.json")
        #expect(read.mismatches(response).isEmpty)
        #expect(read == Fixture.ExpectedResponse(response))

        let error = Fixture.Expectation(.failure(.rateLimited(retryAfter: 2, scope: .requests)))
        #expect(error == .error(kind: .rateLimited, retryAfter: 2))
        #expect(error.json.key == "expectError")
        #expect(error.json.value == ["kind": "rate_limited", "retryAfter": 2])
    }

    @Test func prettyJSONIsTheBundledLayout() {
        let json: JSONValue = ["a": [1, 2], "b": [:], "c": ["d": "e"], "f": []]
        #expect(String(decoding: json.prettyBytes, as: UTF8.self) == "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {},\n  \"c\": {\n    \"d\": \"e\"\n  },\n  \"f\": []\n}\n")
    }
}
