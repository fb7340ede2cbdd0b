import Foundation
import Testing
@testable import FaultlineWire

/// The adapter side: the request the SDK sends, strict decoding of bodies, and the
/// error taxonomy from status, error body and headers.
@Suite("Anthropic Messages client")
struct AnthropicClientTests {
    let anthropic = AnthropicMessages()

    static let weather = Tool(
        name: "get_weather", description: "Weather for a city.",
        parameters: ["type": "object", "properties": ["city": ["type": "string"]], "required": ["city"]])

    @Test func requestPathHeadersAndKeyAsTheSDKSendsThem() throws {
        let options = ClientOptions(apiKey: "test-key", pathPrefix: "/anthropic-primary", extraHeaders: ["x-faultline-fault": "overloaded"])
        let wire = anthropic.encodeRequest(ChatRequest(model: "claude-sonnet-4-5", messages: [.user("hi")]), options: options)
        #expect(wire.method == "POST")
        #expect(wire.path == "/anthropic-primary/v1/messages")
        #expect(wire.headers["authorization"] == "Bearer test-key")
        #expect(wire.headers["anthropic-version"] == "2026-10-21")
        #expect(wire.headers["content-type"] == "application/json")
        #expect(wire.headers["user-agent"] == "Anthropic/Python 2.13.0")
        #expect(wire.headers["x-faultline-fault"] == "overloaded")
        #expect(wire.headers["x-api-key"] == nil)
        #expect(anthropic.encodeRequest(ChatRequest(model: "m", messages: []), options: ClientOptions()).headers["authorization"] == nil)
    }

    @Test func bodyFieldsInTheSDKOrderAndMaxTokensAlwaysSent() throws {
        let request = ChatRequest(
            model: "claude-sonnet-4-5", system: "Be brief.", messages: [.user("Weather in Paris?")], tools: [Self.weather],
            toolChoice: .required, responseFormat: .jsonSchema(name: "answer", schema: ["type": "object"]),
            maxTokens: 300, temperature: 0.5, stream: true)
        let body = String(decoding: anthropic.encodeRequest(request, options: ClientOptions()).body, as: UTF8.self)
        #expect(body == #"{"max_tokens":300,"messages":[{"role":"user","content":"Weather in Paris?"}],"model":"claude-sonnet-4-5","output_config":{"format":{"type":"json_schema","schema":{"type":"object"}}},"stream":true,"system":"Be brief.","tool_choice":{"type":"any"},"tools":[{"name":"get_weather","description":"Weather for a city.","input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}],"temperature":0.5}"#)
        let minimal = anthropic.encodeRequest(ChatRequest(model: "m", messages: [.user("x")]), options: ClientOptions())
        #expect(String(decoding: minimal.body, as: UTF8.self) == #"{"max_tokens":4096,"messages":[{"role":"user","content":"x"}],"model":"m"}"#)
    }

    /// The end user goes where each dialect carries it, and the mock's decoders take it.
    @Test func theEndUserIsSentAsEachDialectCarriesIt() throws {
        var request = ChatRequest(model: "m", messages: [.user("x")])
        request.user = "faultline-task-7"
        let anthropicBody = anthropic.encodeRequest(request, options: ClientOptions()).body
        #expect(String(decoding: anthropicBody, as: UTF8.self).contains(#""metadata":{"user_id":"faultline-task-7"}"#))
        let openAI = DialectID.openAIChat.dialect.encodeRequest(request, options: ClientOptions())
        #expect(String(decoding: openAI.body, as: UTF8.self).contains(#""user":"faultline-task-7""#))
        for (dialect, wire) in [(DialectID.anthropicMessages, anthropic.encodeRequest(request, options: ClientOptions())), (.openAIChat, openAI)] {
            guard case .success(let decoded) = dialect.dialect.decodeRequest(wire) else {
                Issue.record("\(dialect) refused its own request with a user")
                continue
            }
            #expect(decoded.messages.count == 1)
        }
    }

    @Test func toolUseIsAnObjectAndToolResultsReferToTheCall() throws {
        let call = ToolCall(id: "toolu_1", name: "get_weather", arguments: ["city": "Paris"])
        let request = ChatRequest(model: "m", messages: [
            .user("Weather?"),
            Message(role: .assistant, parts: [.text("Checking."), .toolUse(call)]),
            Message(role: .user, parts: [.toolResult(id: "toolu_1", name: "get_weather", content: "18°C", isError: false),
                .toolResult(id: "toolu_2", name: "get_weather", content: "timeout", isError: true)]),
        ])
        let json = try #require(AnthropicTestSupport.json(anthropic.encodeRequest(request, options: ClientOptions()).body))
        #expect(json["messages"]?[1]?["content"]?[1] == ["type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": ["city": "Paris"]])
        #expect(json["messages"]?[2]?["content"]?[0] == ["type": "tool_result", "tool_use_id": "toolu_1", "content": "18°C"])
        #expect(json["messages"]?[2]?["content"]?[1]?["is_error"] == true)
    }

    static let okBody = #"{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[{"type":"thinking","thinking":"hmm","signature":"s"},{"type":"text","text":"Hi"},{"type":"server_tool_use","id":"srvtoolu_1","name":"web_search","input":{}},{"type":"tool_use","id":"toolu_1","name":"f","input":{"a":[1,2]}}],"stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":5,"cache_creation_input_tokens":7,"cache_read_input_tokens":100,"output_tokens":9,"service_tier":"standard"},"container":null,"new_field":{"x":1}}"#

    @Test func decodesTextToolUseAndUsageIgnoringThinkingAndUnknownFields() throws {
        let response = try anthropic.decodeResponse(WireResponse(status: 200, body: Array(Self.okBody.utf8))).get()
        #expect(response == ChatResponse(
            id: "msg_1", model: "claude-sonnet-4-5", text: "Hi",
            toolCalls: [ToolCall(id: "toolu_1", name: "f", arguments: ["a": [1, 2]])],
            finishReason: .toolCalls, usage: Usage(input: 112, output: 9, cached: 100)))
    }

    @Test(arguments: [
        ("end_turn", FinishReason.stop), ("stop_sequence", .stop), ("max_tokens", .length), ("tool_use", .toolCalls),
        ("refusal", .contentFilter), ("pause_turn", .other("pause_turn")),
        ("model_context_window_exceeded", .other("model_context_window_exceeded")), ("brand_new", .other("brand_new")),
    ])
    func stopReasonsMapToCanonicalAndBack(raw: String, reason: FinishReason) throws {
        let body = Self.okBody.replacingOccurrences(of: #""stop_reason":"tool_use""#, with: #""stop_reason":"\#(raw)""#)
        let response = try anthropic.decodeResponse(WireResponse(status: 200, body: Array(body.utf8))).get()
        #expect(response.finishReason == reason)
        if raw != "stop_sequence" { #expect(AnthropicMessages.stopReason(reason) == raw) }
    }

    @Test(arguments: [
        (#""id":"msg_1""#, #""id":7"#, "$.id", "string", "integer"),
        (#""model":"claude-sonnet-4-5""#, #""modelx":"a""#, "$.model", "string", "missing"),
        (#""content":[{"type":"thinking""#, #""content":7,"c":[{"type":"thinking""#, "$.content", "array", "integer"),
        (#""text":"Hi""#, #""text":null"#, "$.content[1].text", "string", "null"),
        (#""input":{"a":[1,2]}"#, #""input":"{\"a\":[1,2]}""#, "$.content[3].input", "object", "string"),
        (#""name":"f""#, #""name":false"#, "$.content[3].name", "string", "boolean"),
        (#""stop_reason":"tool_use","#, "", "$.stop_reason", "string or null", "missing"),
        (#""stop_reason":"tool_use""#, #""stop_reason":3"#, "$.stop_reason", "string or null", "integer"),
        (#""output_tokens":9"#, #""output_tokens":"9""#, "$.usage.output_tokens", "integer", "string"),
        (#""input_tokens":5"#, #""input_tokens":5.5"#, "$.usage.input_tokens", "integer", "number"),
        (#""usage":{"input_tokens":5,"cache_creation_input_tokens":7,"cache_read_input_tokens":100,"output_tokens":9,"service_tier":"standard"}"#,
            #""usage":[5]"#, "$.usage", "object", "array"),
        (#""output_tokens":9,"#, "", "$.usage.output_tokens", "integer", "missing"),
        (#""type":"message""#, #""type":"completion""#, "$.type", "\"message\"", "\"completion\""),
    ])
    func driftNamesThePathExpectedAndFound(original: String, drifted: String, path: String, expected: String, found: String) {
        let body = Self.okBody.replacingOccurrences(of: original, with: drifted)
        #expect(body != Self.okBody)
        let error = AnthropicTestSupport.failure(anthropic.decodeResponse(WireResponse(status: 200, body: Array(body.utf8))))
        #expect(error == .shapeDrift(path: path, expected: expected, found: found), "\(String(describing: error))")
    }

    @Test func aMissingUsageIsUnknownUsageNotDrift() throws {
        let body = Self.okBody.replacingOccurrences(
            of: #","usage":{"input_tokens":5,"cache_creation_input_tokens":7,"cache_read_input_tokens":100,"output_tokens":9,"service_tier":"standard"}"#, with: "")
        #expect(body != Self.okBody)
        #expect(try anthropic.decodeResponse(WireResponse(status: 200, body: Array(body.utf8))).get().usage == nil)
    }

    @Test(arguments: ["", "{", "not json", #"{"id":"msg_1""#, "\u{FF}\u{FE}"])
    func invalidJSONIsMalformedAtTheRoot(body: String) {
        let error = AnthropicTestSupport.failure(anthropic.decodeResponse(WireResponse(status: 200, body: Array(body.utf8))))
        guard case .malformed(let path, _) = error else {
            Issue.record("expected malformed, got \(String(describing: error))")
            return
        }
        #expect(path == "$")
    }

    @Test func aNonObjectBodyIsDriftAtTheRoot() {
        let error = AnthropicTestSupport.failure(anthropic.decodeResponse(WireResponse(status: 200, body: Array("[1]".utf8))))
        #expect(error == .shapeDrift(path: "$", expected: "object", found: "array"))
    }

    static func errorBody(_ type: String, _ message: String) -> [UInt8] {
        Array(#"{"type":"error","error":{"type":"\#(type)","message":"\#(message)"},"request_id":"req_1"}"#.utf8)
    }

    @Test(arguments: [
        (429, "rate_limit_error", "50 requests per minute", ["retry-after": "17"], ProviderError.rateLimited(retryAfter: 17, scope: .requests)),
        (429, "rate_limit_error", "30,000 input tokens per minute", ["retry-after-ms": "1500"], .rateLimited(retryAfter: 1.5, scope: .tokens)),
        (429, "rate_limit_error", "limit", ["anthropic-ratelimit-input-tokens-remaining": "0"], .rateLimited(retryAfter: nil, scope: .tokens)),
        (429, "rate_limit_error", "limit", [
            "anthropic-ratelimit-requests-remaining": "0", "anthropic-ratelimit-requests-reset": "2026-11-24T14:02:28Z",
            "date": "Tue, 24 Nov 2026 14:02:11 GMT",
        ], .rateLimited(retryAfter: 17, scope: .requests)),
        (529, "overloaded_error", "Overloaded", [:], .overloaded(retryAfter: nil)),
        (529, "overloaded_error", "Overloaded", ["retry-after": "3"], .overloaded(retryAfter: 3)),
        (402, "billing_error", "Your credit balance is too low", [:], .quotaExhausted(detail: "Your credit balance is too low")),
        (401, "authentication_error", "invalid x-api-key", [:], .authentication(status: 401, detail: "invalid x-api-key")),
        (403, "permission_error", "no access", [:], .authentication(status: 403, detail: "no access")),
        (400, "invalid_request_error", "prompt is too long: 215634 tokens > 200000 maximum", [:],
            .contextOverflow(detail: "prompt is too long: 215634 tokens > 200000 maximum")),
        (400, "invalid_request_error", "Output blocked by content filtering policy", [:],
            .contentFiltered(detail: "Output blocked by content filtering policy")),
        (400, "invalid_request_error", "max_tokens: Field required", [:], .badRequest(status: 400, detail: "max_tokens: Field required")),
        (404, "not_found_error", "model: claude-9", [:], .badRequest(status: 404, detail: "model: claude-9")),
        (413, "request_too_large", "Request exceeds the maximum size", [:], .contextOverflow(detail: "Request exceeds the maximum size")),
        (500, "api_error", "Internal server error", [:], .serverError(status: 500, detail: "Internal server error")),
        (504, "timeout_error", "Request timed out", [:], .serverError(status: 504, detail: "Request timed out")),
    ] as [(Int, String, String, WireHeaders, ProviderError)])
    func errorStatusesMapToTheTaxonomy(status: Int, type: String, message: String, headers: WireHeaders, expected: ProviderError) {
        let response = WireResponse(status: status, headers: headers, body: Self.errorBody(type, message))
        #expect(AnthropicTestSupport.failure(anthropic.decodeResponse(response)) == expected)
    }

    @Test(arguments: [
        (429, ProviderError.Kind.rateLimited), (529, .overloaded), (402, .quotaExhausted), (401, .authentication),
        (403, .authentication), (400, .badRequest), (404, .badRequest), (500, .serverError), (502, .serverError), (503, .serverError),
    ])
    func aNonJSONErrorBodyStillGivesTheStatusClass(status: Int, kind: ProviderError.Kind) {
        for body in ["<html><body>502 Bad Gateway</body></html>", "", #"{"unexpected":true}"#] {
            let error = AnthropicTestSupport.failure(anthropic.decodeResponse(WireResponse(status: status, body: Array(body.utf8))))
            #expect(error?.kind == kind, "\(status) \(body): \(String(describing: error))")
        }
    }

    @Test func anErrorBodyInA200IsClassifiedByItsType() {
        let error = AnthropicTestSupport.failure(anthropic.decodeResponse(WireResponse(status: 200, body: Self.errorBody("overloaded_error", "Overloaded"))))
        #expect(error == .overloaded(retryAfter: nil))
    }
}
