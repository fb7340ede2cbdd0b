import FaultlineWire
import Testing

@testable import FaultlineChaos

/// Every route and auth form of the wire reference through the real responder and dialects.
struct MockServerRoutesTests {
    static let openAI = #"{"model":"gpt-4o","messages":[{"role":"user","content":"Say hi"}]}"#
    static let anthropic = #"{"model":"claude-sonnet-4-5","max_tokens":64,"messages":[{"role":"user","content":"Say hi"}]}"#
    static let gemini = #"{"contents":[{"role":"user","parts":[{"text":"Say hi"}]}]}"#

    static let configuration = MockServerConfiguration(
        mock: MockConfiguration(providers: [MockProviderConfig(name: "openai-primary"), MockProviderConfig(name: "locked", requiredKey: "sk-right")]),
        threads: 1)

    @Test(arguments: [
        ("/v1/chat/completions", openAI, ("authorization", "Bearer sk-a"), DialectID.openAIChat),
        ("/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21", openAI, ("api-key", "sk-a"), .openAIChat),
        ("/openai-primary/v1/chat/completions", openAI, ("authorization", "Bearer sk-a"), .openAIChat),
        ("/v1/messages", anthropic, ("x-api-key", "sk-a"), .anthropicMessages),
        ("/v1/messages", anthropic, ("authorization", "Bearer sk-a"), .anthropicMessages),
        ("/v1beta/models/gemini-2.5-flash:generateContent", gemini, ("x-goog-api-key", "sk-a"), .gemini),
        ("/v1/models/gemini-2.5-flash:generateContent?key=sk-a", gemini, ("x-unused", "1"), .gemini),
    ])
    func chatRoutesAnswerInTheirDialect(path: String, body: String, auth: (String, String), dialect: DialectID) async throws {
        try await TestMock.withServer(Self.configuration) { server in
            let reply = try await TestMock.call(server, .POST, path, body: body, headers: [auth, ("anthropic-version", "2023-06-01")])
            #expect(reply.status == 200, "\(reply.text)")
            let decoded = dialect.dialect.decodeResponse(WireResponse(status: reply.status, headers: [:], body: reply.body))
            #expect((try? decoded.get()) != nil, "\(decoded)")
            let entry = try #require(server.journal().first)
            #expect(entry.dialect == dialect)
            #expect(entry.keyID == KeyHash.keyID("sk-a"))
            #expect(!entry.path.contains("sk-a"))
        }
    }

    @Test func geminiStreamIsServerSentEvents() async throws {
        try await TestMock.withServer(Self.configuration) { server in
            let reply = try await TestMock.call(server, .POST, "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", body: Self.gemini)
            #expect(reply.status == 200)
            #expect(reply.headers.first(name: "content-type")?.hasPrefix("text/event-stream") == true)
            #expect(reply.text.hasPrefix("data: {"))
        }
    }

    @Test(arguments: [(nil as String?, DialectID.openAIChat), ("2023-06-01", .anthropicMessages)])
    func modelListsAnswerInTheirDialect(version: String?, dialect: DialectID) async throws {
        try await TestMock.withServer(Self.configuration) { server in
            let reply = try await TestMock.call(server, .GET, "/v1/models", headers: version.map { [("anthropic-version", $0)] } ?? [])
            #expect(reply.status == 200)
            let ids = reply.json?["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
            #expect(ids.contains(dialect == .openAIChat ? "gpt-4o" : "claude-sonnet-4-5"))
        }
    }

    @Test(arguments: [
        ("/locked/v1/chat/completions", openAI, DialectID.openAIChat, 401),
        ("/locked/v1/messages", anthropic, .anthropicMessages, 401),
        ("/locked/v1beta/models/gemini-2.5-flash:generateContent", gemini, .gemini, 400),
    ])
    func requiredKeyRefusesOthersInTheProviderForm(path: String, body: String, dialect: DialectID, status: Int) async throws {
        try await TestMock.withServer(Self.configuration) { server in
            let wrong = try await TestMock.call(server, .POST, path, body: body, headers: [("authorization", "Bearer sk-wrong"), ("x-goog-api-key", "sk-wrong")])
            #expect(wrong.status == status)
            let error = dialect.dialect.decodeResponse(WireResponse(status: wrong.status, headers: [:], body: wrong.body))
            guard case .failure(let providerError) = error else {
                Issue.record("expected an error, got \(error)")
                return
            }
            #expect(providerError.kind == .authentication)
            let right = try await TestMock.call(server, .POST, path, body: body, headers: [("authorization", "Bearer sk-right"), ("x-goog-api-key", "sk-right")])
            #expect(right.status == 200, "\(right.text)")
        }
    }

    @Test(arguments: [("/v1/nope", DialectID.openAIChat), ("/v1/messages/nope", .anthropicMessages), ("/v1beta/nope", .gemini)])
    func unknownPathsGetTheProviders404(path: String, dialect: DialectID) async throws {
        try await TestMock.withServer(Self.configuration) { server in
            let reply = try await TestMock.call(server, .POST, path, body: "{}")
            #expect(reply.status == 404)
            let decoded = dialect.dialect.decodeResponse(WireResponse(status: reply.status, headers: [:], body: reply.body))
            guard case .failure(let error) = decoded else {
                Issue.record("expected an error, got \(decoded)")
                return
            }
            #expect(error.kind == .badRequest)
        }
    }

    @Test func invalidJSONGetsTheProviders400() async throws {
        try await TestMock.withServer(Self.configuration) { server in
            let reply = try await TestMock.call(server, .POST, "/v1beta/models/gemini-2.5-flash:generateContent", body: "{not json")
            #expect(reply.status == 400)
            #expect(reply.json?["error"]?["status"] == "INVALID_ARGUMENT")
        }
    }
}
