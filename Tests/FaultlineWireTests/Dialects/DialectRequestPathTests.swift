import FaultlineWire
import Testing

/// A fixture's dialect is read from its recorded request path, by the mock's routing rules.
@Suite struct DialectRequestPathTests {
    @Test(arguments: [
        ("/v1/chat/completions", DialectID.openAIChat),
        ("/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21", .openAIChat),
        ("/api/openai/v1/chat/completions", .openAIChat),
        ("/v1/messages", .anthropicMessages),
        ("/v1beta/models/gemini-2.5-flash:generateContent", .gemini),
        ("/v1/models/gemini-2.5-flash:streamGenerateContent?alt=sse", .gemini),
    ])
    func knownEndpoints(_ path: String, _ dialect: DialectID) {
        #expect(DialectID(requestPath: path) == dialect)
    }

    @Test(arguments: ["/", "", "/v1/models", "/v1/embeddings", "/v1beta/models/x:countTokens", "/v1/messages/count_tokens"])
    func otherPathsAreNoDialect(_ path: String) {
        #expect(DialectID(requestPath: path) == nil)
    }
}
