import FaultlineWire
import Testing

@testable import FaultlineChaos

struct MockRouteTests {
    static let providers: Set<String> = ["default", "openai-primary", "openai"]

    static func route(_ method: String, _ uri: String, _ headers: WireHeaders = [:]) -> MockRoute {
        MockRoute.resolve(method: method, uri: uri, headers: headers, providers: providers)
    }

    @Test(arguments: [
        ("POST", "/v1/chat/completions", MockRoute.chat(dialect: .openAIChat, provider: "default", path: "/v1/chat/completions")),
        ("POST", "/openai/deployments/gpt4o/chat/completions?api-version=2024-10-21",
            .chat(dialect: .openAIChat, provider: "default", path: "/openai/deployments/gpt4o/chat/completions?api-version=2024-10-21")),
        ("POST", "/v1/messages", .chat(dialect: .anthropicMessages, provider: "default", path: "/v1/messages")),
        ("POST", "/v1beta/models/gemini-2.5-flash:generateContent",
            .chat(dialect: .gemini, provider: "default", path: "/v1beta/models/gemini-2.5-flash:generateContent")),
        ("POST", "/v1/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
            .chat(dialect: .gemini, provider: "default", path: "/v1/models/gemini-2.5-flash:streamGenerateContent?alt=sse")),
        ("GET", "/v1/models", .models(dialect: .openAIChat, provider: "default")),
        ("GET", "/v1beta/models", .models(dialect: .gemini, provider: "default")),
        ("POST", "/openai-primary/v1/chat/completions",
            .chat(dialect: .openAIChat, provider: "openai-primary", path: "/v1/chat/completions")),
        ("POST", "/openai-primary/v1beta/models/m:generateContent?key=k",
            .chat(dialect: .gemini, provider: "openai-primary", path: "/v1beta/models/m:generateContent?key=k")),
        ("POST", "/default/v1/messages", .chat(dialect: .anthropicMessages, provider: "default", path: "/v1/messages")),
        // A provider named `openai` does not shadow the Azure path.
        ("POST", "/openai/deployments/d/chat/completions",
            .chat(dialect: .openAIChat, provider: "default", path: "/openai/deployments/d/chat/completions")),
        ("POST", "/openai/v1/chat/completions", .chat(dialect: .openAIChat, provider: "openai", path: "/v1/chat/completions")),
    ])
    func providerRoutes(method: String, uri: String, expected: MockRoute) {
        #expect(Self.route(method, uri) == expected)
    }

    @Test func anthropicModelListIsToldByItsVersionHeader() {
        #expect(Self.route("GET", "/v1/models", ["anthropic-version": "2023-06-01"]) == .models(dialect: .anthropicMessages, provider: "default"))
    }

    @Test(arguments: [
        ("GET", "/v1/chat/completions", DialectID.openAIChat),
        ("POST", "/v2/whatever", .openAIChat),
        ("POST", "/v1/messages/batches", .anthropicMessages),
        ("POST", "/v1beta/models/m:countTokens", .gemini),
        ("POST", "/v1/models/m:embedContent", .gemini),
        ("POST", "/", .openAIChat),
        ("POST", "*", .openAIChat),
        ("POST", "/unknown-provider/v1/chat/completions", .openAIChat),
    ])
    func unknownPathsGetTheirFamily404(method: String, uri: String, dialect: DialectID) {
        guard case .notFound(let found, _, _) = Self.route(method, uri) else {
            Issue.record("\(method) \(uri) should not route")
            return
        }
        #expect(found == dialect)
    }

    @Test(arguments: [
        ("/_faultline/health", MockRoute.AdminEndpoint.health), ("/_faultline/journal?since=3", .journal),
        ("/_faultline/faults", .faults), ("/_faultline/reset", .reset), ("/_faultline/verdicts", .verdicts),
        ("/_faultline/nope", .unknown),
    ])
    func adminEndpoints(uri: String, endpoint: MockRoute.AdminEndpoint) {
        #expect(Self.route("GET", uri) == .admin(endpoint))
    }
}
