import FaultlineWire
import Testing

@testable import FaultlineChaos

struct RequestAuthTests {
    @Test(arguments: [
        ((["authorization": "Bearer sk-one"] as WireHeaders), "/v1/chat/completions"),
        ((["Authorization": "bearer sk-one"] as WireHeaders), "/v1/messages"),
        ((["x-api-key": "sk-one"] as WireHeaders), "/v1/messages"),
        ((["api-key": "sk-one"] as WireHeaders), "/openai/deployments/d/chat/completions?api-version=1"),
        ((["x-goog-api-key": "sk-one"] as WireHeaders), "/v1beta/models/m:generateContent"),
        (WireHeaders(), "/v1beta/models/m:generateContent?alt=sse&key=sk-one"),
    ])
    func everyAuthFormYieldsTheKey(headers: WireHeaders, uri: String) {
        let auth = RequestAuth(headers: headers, uri: uri)
        #expect(auth.key == "sk-one")
        #expect(auth.keyID == KeyHash.keyID("sk-one"))
    }

    @Test func keyIDIsShortStableAndHidesTheKey() {
        let id = KeyHash.keyID("sk-secret-123456")
        #expect(id == KeyHash.keyID("sk-secret-123456"))
        #expect(id != KeyHash.keyID("sk-secret-123457"))
        #expect(id.hasPrefix("key_") && id.count == 12)
        #expect(!id.contains("secret"))
    }

    @Test func anyKeyIsAcceptedUnlessOneIsRequired() {
        let auth = RequestAuth(headers: ["x-api-key": "whatever"], uri: "/v1/messages")
        #expect(auth.refusal(required: nil, dialect: .anthropicMessages) == nil)
        #expect(auth.refusal(required: "whatever", dialect: .anthropicMessages) == nil)
        #expect(auth.refusal(required: "other", dialect: .anthropicMessages)?.kind == .authentication)
    }

    @Test(arguments: [
        (DialectID.openAIChat, "sk-wrong" as String?, 401), (.openAIChat, nil, 401), (.anthropicMessages, "sk-wrong", 401),
        (.gemini, "sk-wrong", 400), (.gemini, nil, 403),
    ])
    func refusalsUseTheProviderStatus(dialect: DialectID, key: String?, status: Int) {
        let headers: WireHeaders = key.map { ["authorization": "Bearer \($0)"] } ?? [:]
        guard case .authentication(let found, let detail)? = RequestAuth(headers: headers, uri: "/").refusal(required: "sk-right", dialect: dialect) else {
            Issue.record("expected an authentication refusal")
            return
        }
        #expect(found == status)
        #expect(!detail.contains("sk-wrong") && !detail.contains("sk-right"))
    }

    @Test(arguments: [
        ("/v1beta/models/m:generateContent?key=abc", "/v1beta/models/m:generateContent?key=[redacted]"),
        ("/v1beta/models/m:streamGenerateContent?alt=sse&key=abc", "/v1beta/models/m:streamGenerateContent?alt=sse&key=[redacted]"),
        ("/v1/chat/completions", "/v1/chat/completions"),
        ("/x?monkey=1", "/x?monkey=1"),
    ])
    func journalPathsHideQueryKeys(uri: String, redacted: String) {
        #expect(RequestAuth.redactingQueryKey(uri) == redacted)
    }
}
