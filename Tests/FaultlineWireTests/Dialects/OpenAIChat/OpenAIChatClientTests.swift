import Testing
@testable import FaultlineWire

/// The adapter side: the request the SDK would send, and strict decoding of what comes back.
@Suite("OpenAI Chat client")
struct OpenAIChatClientTests {
    typealias S = OpenAIChatTestSupport
    let openAI = OpenAIChat()

    static let weather = Tool(
        name: "get_weather", description: "Current weather for a city.",
        parameters: ["type": "object", "properties": ["city": ["type": "string"]], "required": ["city"]])

    @Test func theRequestHasTheSDKPathHeadersAndFieldOrder() throws {
        var request = ChatRequest(model: "gpt-4o-mini", system: "Be brief.", messages: [.user("hi")], tools: [Self.weather],
            toolChoice: .required, responseFormat: .json, maxTokens: 50, temperature: 0.5, stream: true)
        request.includeStreamUsage = true
        let wire = openAI.encodeRequest(request, options: ClientOptions(apiKey: "test-key", pathPrefix: "/openai-primary",
            extraHeaders: ["x-faultline-fault": "throttle"]))
        #expect(wire.method == "POST")
        #expect(wire.path == "/openai-primary/v1/chat/completions")
        #expect(wire.headers["authorization"] == "Bearer test-key")
        #expect(wire.headers["content-type"] == "application/json")
        #expect(wire.headers["x-stainless-retry-count"] == "0")
        #expect(wire.headers["x-faultline-fault"] == "throttle")
        #expect(wire.headers["api-key"] == nil)
        let body = try #require(S.json(wire.body)?.objectValue)
        #expect(body.keys == ["model", "stream", "messages", "max_completion_tokens", "response_format", "stream_options",
            "temperature", "tool_choice", "tools"])
        #expect(body["messages"]?[0] == ["role": "system", "content": "Be brief."])
        #expect(body["stream_options"] == ["include_usage": true])
        #expect(body["tool_choice"] == "required")
        #expect(body["response_format"] == ["type": "json_object"])
        #expect(body["tools"]?[0]?["function"]?["name"] == "get_weather")
    }

    @Test func aPlainRequestSendsOnlyWhatIsSet() throws {
        let wire = openAI.encodeRequest(ChatRequest(model: "gpt-4o", messages: [.user("hi")]), options: ClientOptions())
        #expect(wire.path == OpenAIChat.path)
        #expect(wire.headers["authorization"] == nil)
        #expect(String(decoding: wire.body, as: UTF8.self) == #"{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]}"#)
    }

    @Test func aStreamWithoutUsageSendsNoStreamOptions() throws {
        var request = ChatRequest(model: "gpt-4o", messages: [.user("hi")], stream: true)
        request.includeStreamUsage = false
        let body = try #require(S.json(openAI.encodeRequest(request, options: ClientOptions()).body))
        #expect(body["stream"] == true)
        #expect(body["stream_options"] == nil)
    }

    @Test func azureUsesTheDeploymentPathApiVersionAndApiKeyHeader() {
        let options = ClientOptions(apiKey: "azure-key", azureDeployment: "gpt4o-prod", azureAPIVersion: "2024-10-21")
        let wire = openAI.encodeRequest(ChatRequest(model: "gpt-4o", messages: [.user("hi")]), options: options)
        #expect(wire.path == "/openai/deployments/gpt4o-prod/chat/completions?api-version=2024-10-21")
        #expect(wire.headers["api-key"] == "azure-key")
        #expect(wire.headers["authorization"] == nil)
    }

    @Test func toolCallsAndResultsUseTheOpenAIMessageForms() throws {
        let request = ChatRequest(model: "m", messages: [
            .user("Weather?"),
            Message(role: .assistant, parts: [.toolUse(ToolCall(id: "call_1", name: "get_weather", arguments: ["city": "Paris"]))]),
            Message(role: .user, parts: [.toolResult(id: "call_1", name: "get_weather", content: "18°C", isError: false)]),
        ])
        let messages = try #require(S.json(openAI.encodeRequest(request, options: ClientOptions()).body)?["messages"]?.arrayValue)
        #expect(messages[1]["content"] == .null)
        #expect(messages[1]["tool_calls"]?[0]?["function"]?["arguments"] == .string(#"{"city":"Paris"}"#), "arguments is a JSON string")
        #expect(messages[2] == ["role": "tool", "tool_call_id": "call_1", "content": "18°C"])
    }

    static let named: JSONValue = ["type": "function", "function": ["name": "get_weather"]]

    @Test(arguments: [(ToolChoice.none, JSONValue.string("none")), (.required, JSONValue.string("required")), (.tool("get_weather"), named)])
    func toolChoiceForms(choice: ToolChoice, expected: JSONValue) throws {
        let request = ChatRequest(model: "m", messages: [.user("x")], tools: [Self.weather], toolChoice: choice)
        #expect(S.json(openAI.encodeRequest(request, options: ClientOptions()).body)?["tool_choice"] == expected)
    }

    @Test func aJSONSchemaFormatIsStrictWithItsName() throws {
        let request = ChatRequest(model: "m", messages: [.user("x")], responseFormat: .jsonSchema(name: "invoice", schema: ["type": "object"]))
        let format = S.json(openAI.encodeRequest(request, options: ClientOptions()).body)?["response_format"]
        #expect(format == ["type": "json_schema", "json_schema": ["name": "invoice", "schema": ["type": "object"], "strict": true]])
    }

    // MARK: decodeResponse

    static func body(message: String = #"{"role":"assistant","content":"Hi"}"#, finish: String = #""stop""#, extra: String = "") -> String {
        #"{"id":"chatcmpl-1","object":"chat.completion","created":1795574531,"model":"gpt-4o-mini","choices":[{"index":0,"message":\#(message),"logprobs":null,"finish_reason":\#(finish)}],"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7,"prompt_tokens_details":{"cached_tokens":1},"completion_tokens_details":{"reasoning_tokens":0}}\#(extra)}"#
    }

    func decode(_ body: String, status: Int = 200, headers: WireHeaders = [:]) -> Result<ChatResponse, ProviderError> {
        openAI.decodeResponse(WireResponse(status: status, headers: headers, body: Array(body.utf8)))
    }

    @Test func aTextBodyDecodes() throws {
        let response = try decode(Self.body(extra: #","x_new_field":{"a":1}"#)).get()
        #expect(response == ChatResponse(id: "chatcmpl-1", model: "gpt-4o-mini", text: "Hi", finishReason: .stop,
            usage: Usage(input: 5, output: 2, cached: 1, reasoning: 0)))
    }

    @Test func anUnknownFinishReasonIsKept() throws {
        #expect(try decode(Self.body(finish: #""eos_token""#)).get().finishReason == .other("eos_token"))
        #expect(try decode(Self.body(finish: "null")).get().finishReason == nil)
    }

    @Test(arguments: [
        (#"{"role":"assistant","content":42}"#, "$.choices[0].message.content", "string or null", "integer"),
        (#"{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"f","arguments":{"a":1}}}]}"#,
            "$.choices[0].message.tool_calls[0].function.arguments", "string", "object"),
        (#"{"role":"assistant","content":null,"tool_calls":[{"type":"function","function":{"name":"f","arguments":"{}"}}]}"#,
            "$.choices[0].message.tool_calls[0].id", "string", "missing"),
        (#""just text""#, "$.choices[0].message", "object", "string"),
    ])
    func driftNamesItsPath(message: String, path: String, expected: String, found: String) {
        #expect(S.failure(decode(Self.body(message: message))) == .shapeDrift(path: path, expected: expected, found: found))
    }

    @Test(arguments: [
        (#"{"object":"chat.completion","model":"m","choices":[]}"#, "$.id"),
        (#"{"id":"x","object":"chat.completion","choices":[]}"#, "$.model"),
        (#"{"id":"x","object":"chat.completion","model":"m"}"#, "$.choices"),
        (#"{"id":"x","model":"m","choices":[{"index":0,"finish_reason":"stop"}]}"#, "$.choices[0].message"),
        (#"{"id":"x","model":"m","choices":[],"usage":{"prompt_tokens":"5","completion_tokens":1}}"#, "$.usage.prompt_tokens"),
        (#"[1,2]"#, "$"),
    ])
    func aMissingOrMistypedRequiredFieldIsDrift(body: String, path: String) {
        guard case .shapeDrift(let at, _, _)? = S.failure(decode(body)) else {
            Issue.record("expected drift at \(path), got \(decode(body))")
            return
        }
        #expect(at == path)
    }

    @Test func invalidArgumentsJSONIsReportedWithItsPath() {
        let message = #"{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"f","arguments":"{\"city\": \"Par"}}]}"#
        guard case .malformed(let path, _)? = S.failure(decode(Self.body(message: message))) else {
            Issue.record("expected malformed")
            return
        }
        #expect(path == "$.choices[0].message.tool_calls[0].function.arguments")
    }

    @Test(arguments: ["", "{", "not json", "{\"id\":\"x\",", "\u{FF}\u{FE}"])
    func aBodyThatIsNotJSONIsMalformed(body: String) {
        #expect(S.failure(decode(body))?.kind == .malformed)
    }

    @Test func emptyArgumentsAreAnEmptyObject() throws {
        let message = #"{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"f","arguments":""}}]}"#
        #expect(try decode(Self.body(message: message, finish: #""tool_calls""#)).get().toolCalls[0].arguments == .object([:]))
    }

    // MARK: errors

    static func errorBody(_ type: String, _ code: String?, _ message: String) -> String {
        #"{"error":{"message":"\#(message)","type":"\#(type)","param":null,"code":\#(code.map { "\"\($0)\"" } ?? "null")}}"#
    }

    @Test func aRateLimitReadsRetryAfterAndScope() {
        let headers: WireHeaders = ["retry-after": "3", "x-ratelimit-remaining-tokens": "0"]
        #expect(S.failure(decode(Self.errorBody("tokens", "rate_limit_exceeded", "Rate limit reached on tokens per min (TPM)"),
            status: 429, headers: headers)) == .rateLimited(retryAfter: 3, scope: .tokens))
        let reset: WireHeaders = ["x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "1.5s"]
        #expect(S.failure(decode(Self.errorBody("requests", "rate_limit_exceeded", "RPM"), status: 429, headers: reset))
            == .rateLimited(retryAfter: 1.5, scope: .requests))
    }

    @Test(arguments: [
        (429, "insufficient_quota", String?("insufficient_quota"), ProviderError.Kind.quotaExhausted),
        (400, "invalid_request_error", "context_length_exceeded", .contextOverflow),
        (400, "invalid_request_error", "content_filter", .contentFiltered),
        (400, "invalid_request_error", nil, .badRequest),
        (404, "invalid_request_error", "model_not_found", .badRequest),
        (401, "invalid_request_error", "invalid_api_key", .authentication),
        (403, "invalid_request_error", "unsupported_country_region_territory", .authentication),
        (503, "server_error", nil, .overloaded),
        (500, "server_error", nil, .serverError),
        (502, "server_error", nil, .serverError),
    ])
    func errorStatusesMapToTheTaxonomy(status: Int, type: String, code: String?, kind: ProviderError.Kind) {
        #expect(S.failure(decode(Self.errorBody(type, code, "something"), status: status))?.kind == kind)
    }

    @Test(arguments: [(429, ProviderError.Kind.rateLimited), (503, .overloaded), (401, .authentication), (500, .serverError),
        (502, .serverError), (400, .badRequest), (422, .badRequest)])
    func anErrorBodyThatIsNotJSONStillGivesTheStatusClass(status: Int, kind: ProviderError.Kind) {
        #expect(S.failure(decode("<html>Bad Gateway</html>", status: status))?.kind == kind)
        #expect(S.failure(decode("", status: status))?.kind == kind)
    }

    @Test func aCompatibleProvidersStringErrorIsRead() {
        #expect(S.failure(decode(#"{"error":"model overloaded"}"#, status: 503)) == .overloaded(retryAfter: nil))
        #expect(S.failure(decode(#"{"message":"bad key"}"#, status: 401)) == .authentication(status: 401, detail: "bad key"))
    }

    @Test func anErrorBodyInA200IsTheError() {
        #expect(S.failure(decode(Self.errorBody("server_error", nil, "boom")))?.kind == .serverError)
    }
}
