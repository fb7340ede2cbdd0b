import Foundation
import Testing
@testable import FaultlineWire

/// The mock side: reading requests as the service does, and writing its bodies and errors.
@Suite("Anthropic Messages server")
struct AnthropicServerTests {
    let anthropic = AnthropicMessages()

    static func post(_ body: String, path: String = "/v1/messages", headers: WireHeaders = [:]) -> WireRequest {
        WireRequest(path: path, headers: headers, body: Array(body.utf8))
    }

    static let minimal = #"{"max_tokens":100,"messages":[{"role":"user","content":"hi"}],"model":"claude-sonnet-4-5"}"#

    @Test(arguments: ["/v1/messages", "/anthropic-primary/v1/messages", "/v1/messages?beta=true"])
    func readsTheMinimalRequestBehindAnyPrefix(path: String) throws {
        let request = try anthropic.decodeRequest(Self.post(Self.minimal, path: path)).get()
        #expect(request == ChatRequest(model: "claude-sonnet-4-5", messages: [.user("hi")], maxTokens: 100))
    }

    @Test(arguments: [
        (["x-api-key": "key-1"] as WireHeaders, "key-1"),
        (["Authorization": "Bearer key-2"] as WireHeaders, "key-2"),
        (["authorization": "bearer  key-3"] as WireHeaders, "key-3"),
        (["x-api-key": "key-4", "authorization": "Bearer other"] as WireHeaders, "key-4"),
    ])
    func theKeyIsReadFromXAPIKeyOrBearer(headers: WireHeaders, key: String) throws {
        let wire = Self.post(Self.minimal, headers: headers)
        #expect(AnthropicMessages.apiKey(of: wire) == key)
        #expect(throws: Never.self) { try anthropic.decodeRequest(wire).get() }
    }

    @Test func noKeyOrAnotherSchemeIsNoKey() {
        #expect(AnthropicMessages.apiKey(of: Self.post(Self.minimal)) == nil)
        #expect(AnthropicMessages.apiKey(of: Self.post(Self.minimal, headers: ["authorization": "Basic abc"])) == nil)
    }

    @Test(arguments: ["/v1/chat/completions", "/v1/complete", "/v1/messages/count_tokens"])
    func otherPathsAre404(path: String) {
        #expect(AnthropicTestSupport.failure(anthropic.decodeRequest(Self.post(Self.minimal, path: path)))?.kind == .badRequest)
        guard case .failure(.badRequest(let status, _)) = anthropic.decodeRequest(Self.post(Self.minimal, path: path)) else { return }
        #expect(status == 404)
    }

    @Test(arguments: [
        ("{", "request body"),
        ("[]", "body"),
        (#"{"messages":[{"role":"user","content":"hi"}],"model":"m"}"#, "max_tokens: Field required"),
        (#"{"max_tokens":10,"messages":[{"role":"user","content":"hi"}]}"#, "model: Field required"),
        (#"{"max_tokens":10,"model":"m"}"#, "messages: Field required"),
        (#"{"max_tokens":"10","messages":[],"model":"m"}"#, "max_tokens"),
        (#"{"max_tokens":10.5,"messages":[],"model":"m"}"#, "max_tokens"),
        (#"{"max_tokens":10,"messages":[{"role":"system","content":"hi"}],"model":"m"}"#, "messages.0.role"),
        (#"{"max_tokens":10,"messages":[{"role":"user"}],"model":"m"}"#, "messages.0.content"),
        (#"{"max_tokens":10,"messages":["hi"],"model":"m"}"#, "messages.0"),
        (#"{"max_tokens":10,"messages":[{"role":"assistant","content":[{"type":"tool_use","id":"t","name":"f","input":"{}"}]}],"model":"m"}"#, "messages.0.content.0.input"),
        (#"{"max_tokens":10,"messages":[],"model":"m","tool_choice":{"type":"sometimes"}}"#, "tool_choice.type"),
        (#"{"max_tokens":10,"messages":[],"model":"m","tool_choice":{"type":"tool"}}"#, "tool_choice.name"),
        (#"{"max_tokens":10,"messages":[],"model":"m","system":5}"#, "system"),
        (#"{"max_tokens":10,"messages":[],"model":"m","stream":"yes"}"#, "stream"),
    ])
    func requestsTheServiceRefusesAre400WithTheField(body: String, mention: String) {
        let result = anthropic.decodeRequest(Self.post(body))
        guard case .failure(.badRequest(let status, let detail)) = result else {
            Issue.record("expected 400 for \(body), got \(result)")
            return
        }
        #expect(status == 400)
        #expect(detail.contains(mention), "\(detail)")
    }

    @Test func readsSystemBlocksToolsChoicesAndConversation() throws {
        let body = #"""
            {"max_tokens":512,"messages":[
              {"role":"user","content":[{"type":"text","text":"Weather?"},{"type":"image","source":{"type":"base64","media_type":"image/png","data":"AAAA"}}]},
              {"role":"assistant","content":[{"type":"thinking","thinking":"t","signature":"s"},{"type":"text","text":"Checking."},{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":[{"type":"text","text":"18"},{"type":"text","text":"°C"}],"is_error":false},
                {"type":"tool_result","tool_use_id":"toolu_9","content":"boom","is_error":true}]}],
             "model":"claude-opus-4-1","metadata":{"user_id":"u"},"stop_sequences":["END"],"stream":true,
             "system":[{"type":"text","text":"Be ","cache_control":{"type":"ephemeral"}},{"type":"text","text":"brief."}],
             "temperature":0.7,"thinking":{"type":"enabled","budget_tokens":1024},"tool_choice":{"type":"tool","name":"get_weather","disable_parallel_tool_use":true},
             "tools":[{"name":"get_weather","description":"Weather.","input_schema":{"type":"object"}},{"type":"web_search_20250305","name":"web_search","max_uses":5}],
             "top_k":5,"unknown_future_field":{"x":1}}
            """#
        let request = try anthropic.decodeRequest(Self.post(body)).get()
        #expect(request == ChatRequest(
            model: "claude-opus-4-1", system: "Be brief.",
            messages: [
                .user("Weather?"),
                Message(role: .assistant, parts: [.text("Checking."), .toolUse(ToolCall(id: "toolu_1", name: "get_weather", arguments: ["city": "Paris"]))]),
                Message(role: .user, parts: [
                    .toolResult(id: "toolu_1", name: "get_weather", content: "18°C", isError: false),
                    .toolResult(id: "toolu_9", name: "", content: "boom", isError: true),
                ]),
            ],
            tools: [Tool(name: "get_weather", description: "Weather.", parameters: ["type": "object"])],
            toolChoice: .tool("get_weather"), maxTokens: 512, temperature: 0.7, stream: true))
    }

    @Test(arguments: [
        (#""tool_choice":{"type":"auto"}"#, ToolChoice.auto), (#""tool_choice":{"type":"any"}"#, .required),
        (#""tool_choice":{"type":"none"}"#, .none), (#""tool_choice":{"type":"tool","name":"f"}"#, .tool("f")),
    ])
    func everyToolChoice(field: String, choice: ToolChoice) throws {
        let body = #"{"max_tokens":10,"messages":[],"model":"m",\#(field),"tools":[{"name":"f","input_schema":{"type":"object"}}]}"#
        #expect(try anthropic.decodeRequest(Self.post(body)).get().toolChoice == choice)
    }

    @Test func structuredOutputIsReadFromOutputConfig() throws {
        let body = #"{"max_tokens":10,"messages":[],"model":"m","output_config":{"format":{"type":"json_schema","schema":{"type":"object","properties":{"a":{"type":"integer"}}}}}}"#
        #expect(try anthropic.decodeRequest(Self.post(body)).get().responseFormat
            == .jsonSchema(name: AnthropicMessages.schemaName, schema: ["type": "object", "properties": ["a": ["type": "integer"]]]))
        let effort = #"{"max_tokens":10,"messages":[],"model":"m","output_config":{"effort":"high"}}"#
        #expect(try anthropic.decodeRequest(Self.post(effort)).get().responseFormat == .text)
    }

    @Test func responseBodyFieldsAreInTheServiceOrder() throws {
        let response = ChatResponse(
            id: "msg_1", model: "claude-sonnet-4-5", text: "Hi",
            toolCalls: [ToolCall(id: "toolu_1", name: "f", arguments: ["a": 1])], finishReason: .toolCalls,
            usage: Usage(input: 120, output: 9, cached: 100))
        let wire = anthropic.encodeResponse(response, for: ChatRequest(model: "x", messages: []))
        #expect(wire.status == 200)
        #expect(wire.headers["content-type"] == "application/json")
        #expect(wire.headers["request-id"]?.hasPrefix("req_011C") == true)
        #expect(wire.headers["date"] == nil)
        #expect(String(decoding: wire.body, as: UTF8.self)
            == #"{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[{"type":"text","text":"Hi"},{"type":"tool_use","id":"toolu_1","name":"f","input":{"a":1}}],"stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":20,"cache_creation_input_tokens":0,"cache_read_input_tokens":100,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},"output_tokens":9,"service_tier":"standard"}}"#)
        let again = anthropic.encodeResponse(response, for: ChatRequest(model: "x", messages: []))
        #expect(again == wire, "deterministic, request id included")
    }

    @Test func theRequestModelIsUsedWhenTheResponseHasNone() throws {
        let wire = anthropic.encodeResponse(ChatResponse(id: "msg_1", model: ""), for: ChatRequest(model: "claude-haiku-4-5", messages: []))
        #expect(AnthropicTestSupport.json(wire.body)?["model"] == "claude-haiku-4-5")
        #expect(AnthropicTestSupport.json(wire.body)?["stop_reason"] == .null)
    }

    @Test(arguments: [
        (ProviderError.rateLimited(retryAfter: 17, scope: .requests), 429, "rate_limit_error", "17"),
        (.rateLimited(retryAfter: 2.5, scope: .tokens), 429, "rate_limit_error", "2.5"),
        (.overloaded(retryAfter: nil), 529, "overloaded_error", nil),
        (.overloaded(retryAfter: 4), 529, "overloaded_error", "4"),
        (.quotaExhausted(detail: "no credit"), 402, "billing_error", nil),
        (.authentication(status: 401, detail: "invalid x-api-key"), 401, "authentication_error", nil),
        (.authentication(status: 403, detail: "denied"), 403, "permission_error", nil),
        (.contextOverflow(detail: "too big"), 400, "invalid_request_error", nil),
        (.contentFiltered(detail: "blocked"), 400, "invalid_request_error", nil),
        (.badRequest(status: 400, detail: "max_tokens: Field required"), 400, "invalid_request_error", nil),
        (.badRequest(status: 404, detail: "model: x"), 404, "not_found_error", nil),
        (.serverError(status: 500, detail: "Internal server error"), 500, "api_error", nil),
        (.timeout(.total), 504, "timeout_error", nil),
    ] as [(ProviderError, Int, String, String?)])
    func errorsHaveTheServiceStatusBodyAndHeaders(error: ProviderError, status: Int, type: String, retryAfter: String?) throws {
        let wire = anthropic.encodeError(error)
        #expect(wire.status == status)
        #expect(wire.headers["retry-after"] == retryAfter)
        #expect(wire.headers["content-type"] == "application/json")
        let requestID = try #require(wire.headers["request-id"])
        let json = try #require(AnthropicTestSupport.json(wire.body))
        #expect(json.objectValue?.keys == ["type", "error", "request_id"])
        #expect(json["type"] == "error")
        #expect(json["error"]?["type"]?.stringValue == type)
        #expect(json["error"]?["message"]?.stringValue?.isEmpty == false)
        #expect(json["request_id"]?.stringValue == requestID)
    }

    @Test func aRateLimitCarriesTheRemainingCounterOfItsScope() {
        let requests = anthropic.encodeError(.rateLimited(retryAfter: 1, scope: .requests)).headers
        #expect(requests["anthropic-ratelimit-requests-remaining"] == "0")
        #expect(requests["x-should-retry"] == "true")
        let tokens = anthropic.encodeError(.rateLimited(retryAfter: 1, scope: .tokens)).headers
        #expect(tokens["anthropic-ratelimit-input-tokens-remaining"] == "0")
        #expect(tokens["anthropic-ratelimit-requests-remaining"] != "0")
    }

    @Test func streamUsageHasTheServicesFields() throws {
        let response = ChatResponse(id: "msg_s", model: "claude-sonnet-4-5", text: "Hi there", finishReason: .stop,
            usage: Usage(input: 30, output: 4, cached: 10))
        let frames = anthropic.encodeStream(response.streamEvents(), for: ChatRequest(model: "x", messages: [.user("x")], stream: true)).frames
        let text = frames.map { String(decoding: $0, as: UTF8.self) }
        // As recorded in fixtures/anthropic-messages/stream-text.
        let start = try #require(text.first { $0.hasPrefix("event: message_start\n") })
        #expect(start.contains(#""usage":{"input_tokens":20,"cache_creation_input_tokens":0,"cache_read_input_tokens":10,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},"output_tokens":1,"service_tier":"standard"}}}"#))
        let delta = try #require(text.first { $0.hasPrefix("event: message_delta\n") })
        #expect(delta.contains(#""usage":{"input_tokens":20,"cache_creation_input_tokens":0,"cache_read_input_tokens":10,"output_tokens":4}}"#))
    }

    @Test func theStreamErrorFrameIsAnErrorEvent() throws {
        let frame = String(decoding: anthropic.encodeStreamError(.overloaded(retryAfter: nil)), as: UTF8.self)
        #expect(frame.hasPrefix("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}"))
        #expect(frame.hasSuffix("}\n\n"))
    }
}
