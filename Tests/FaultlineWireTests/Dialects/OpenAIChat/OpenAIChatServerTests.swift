import Testing
@testable import FaultlineWire

/// The mock side: reading requests as the service does, and writing its bodies, errors and frames.
@Suite("OpenAI Chat server")
struct OpenAIChatServerTests {
    typealias S = OpenAIChatTestSupport
    let openAI = OpenAIChat()

    func request(_ body: String, path: String = "/v1/chat/completions", method: String = "POST") -> Result<ChatRequest, ProviderError> {
        openAI.decodeRequest(WireRequest(method: method, path: path, headers: ["content-type": "application/json"], body: Array(body.utf8)))
    }

    @Test func aFullRequestIsRead() throws {
        let body = #"{"messages":[{"role":"developer","content":"Be brief."},{"role":"user","content":[{"type":"text","text":"Hi"},{"type":"image_url","image_url":{"url":"x"}}]},{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"f","arguments":"{\"a\":1}"}}]},{"role":"tool","tool_call_id":"call_1","content":"ok"}],"model":"gpt-4o","max_tokens":77,"temperature":0.7,"n":1,"seed":42,"stream":true,"stream_options":{"include_usage":true},"tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"},"strict":true}}],"tool_choice":{"type":"function","function":{"name":"f"}},"response_format":{"type":"json_object"},"unknown_future_field":{"x":1}}"#
        let decoded = try request(body).get()
        #expect(decoded.model == "gpt-4o")
        #expect(decoded.system == "Be brief.")
        #expect(decoded.maxTokens == 77)
        #expect(decoded.temperature == 0.7)
        #expect(decoded.stream && decoded.includeStreamUsage)
        #expect(decoded.toolChoice == .tool("f"))
        #expect(decoded.responseFormat == .json)
        #expect(decoded.tools == [Tool(name: "f", parameters: ["type": "object"])])
        #expect(decoded.messages == [
            Message(role: .user, parts: [.text("Hi")]),
            Message(role: .assistant, parts: [.toolUse(ToolCall(id: "call_1", name: "f", arguments: ["a": 1]))]),
            Message(role: .user, parts: [.toolResult(id: "call_1", name: "f", content: "ok", isError: false)]),
        ])
    }

    @Test func maxCompletionTokensWinsOverMaxTokens() throws {
        #expect(try request(#"{"model":"m","messages":[],"max_completion_tokens":5,"max_tokens":9}"#).get().maxTokens == 5)
        #expect(try request(#"{"model":"m","messages":[],"max_tokens":9}"#).get().maxTokens == 9)
    }

    @Test func aStreamWithoutStreamOptionsAsksForNoUsage() throws {
        #expect(try request(#"{"model":"m","messages":[],"stream":true}"#).get().includeStreamUsage == false)
    }

    @Test func azurePathsAreReadAndTheDeploymentIsTheModel() throws {
        let decoded = try request(#"{"messages":[{"role":"user","content":"hi"}]}"#,
            path: "/openai/deployments/gpt4o-prod/chat/completions?api-version=2024-10-21").get()
        #expect(decoded.model == "gpt4o-prod")
        #expect(S.failure(request(#"{"messages":[]}"#, path: "/openai/deployments/d/chat/completions"))?.kind == .badRequest)
        let wire = WireRequest(path: "/openai/deployments/d/chat/completions?api-version=1", headers: ["api-key": "k"])
        #expect(OpenAIChat.apiKey(of: wire) == "k")
        #expect(OpenAIChat.apiKey(of: WireRequest(path: "/", headers: ["authorization": "Bearer sk"])) == "sk")
    }

    @Test(arguments: [
        ("not json", "could not parse the JSON body"),
        (#"{"messages":[]}"#, "you must provide a model parameter"),
        (#"{"model":"m"}"#, "Missing required parameter: 'messages'."),
        (#"{"model":"m","messages":"hi"}"#, "Invalid type for 'messages'"),
        (#"{"model":"m","messages":[{"role":"user","content":5}]}"#, "Invalid type for 'messages[0].content'"),
        (#"{"model":"m","messages":[{"role":"robot","content":"x"}]}"#, "Invalid value: 'robot'"),
        (#"{"model":"m","messages":[],"tool_choice":"sometimes"}"#, "tool_choice"),
        (#"{"model":"m","messages":[],"response_format":{"type":"yaml"}}"#, "Invalid value: 'yaml'"),
        (#"{"model":"m","messages":[],"max_completion_tokens":"ten"}"#, "max_completion_tokens"),
        ("[]", "Invalid type for 'body'"),
    ])
    func whatTheServiceRefusesIsA400(body: String, message: String) {
        guard case .badRequest(400, let detail)? = S.failure(request(body)) else {
            Issue.record("expected a 400 for \(body), got \(request(body))")
            return
        }
        #expect(detail.contains(message), "\(detail)")
    }

    @Test func wrongPathsAndMethodsAreRefused() {
        #expect(S.failure(request("{}", path: "/v1/completions")) == .badRequest(status: 404, detail: "Invalid URL (POST /v1/completions)"))
        guard case .badRequest(405, _)? = S.failure(request("{}", method: "GET")) else {
            Issue.record("expected 405")
            return
        }
    }

    @Test func theBodyHasTheServiceFieldOrder() throws {
        let response = ChatResponse(id: "chatcmpl-9", model: "gpt-4o-mini", text: "Hi",
            toolCalls: [ToolCall(id: "call_1", name: "f", arguments: ["a": 1])], finishReason: .toolCalls,
            usage: Usage(input: 3, output: 4, cached: 1, reasoning: 2))
        let wire = openAI.encodeResponse(response, for: ChatRequest(model: "gpt-4o-mini", messages: []))
        #expect(wire.status == 200)
        #expect(wire.headers["content-type"] == "application/json")
        #expect(wire.headers["x-request-id"]?.hasPrefix("req_") == true)
        #expect(wire.headers["date"] == nil, "the server adds date")
        let body = try #require(S.json(wire.body))
        #expect(body.objectValue?.keys == ["id", "object", "created", "model", "choices", "usage", "service_tier", "system_fingerprint"])
        #expect(body["choices"]?[0]?.objectValue?.keys == ["index", "message", "logprobs", "finish_reason"])
        #expect(body["choices"]?[0]?["message"]?.objectValue?.keys == ["role", "content", "tool_calls", "refusal", "annotations"])
        #expect(body["choices"]?[0]?["message"]?["tool_calls"]?[0]?["function"]?["arguments"] == .string(#"{"a":1}"#))
        #expect(body["usage"]?["total_tokens"] == 7)
        #expect(body["usage"]?["prompt_tokens_details"]?["cached_tokens"] == 1)
        #expect(body["usage"]?["completion_tokens_details"]?["reasoning_tokens"] == 2)
        #expect(openAI.encodeResponse(response, for: ChatRequest(model: "x", messages: [])) == wire, "deterministic")
    }

    @Test func aToolOnlyAnswerHasNullContent() throws {
        let response = ChatResponse(id: "c", model: "m", toolCalls: [ToolCall(id: "call_1", name: "f", arguments: [:])], finishReason: .toolCalls)
        let body = try #require(S.json(openAI.encodeResponse(response, for: ChatRequest(model: "m", messages: [])).body))
        #expect(body["choices"]?[0]?["message"]?["content"] == .null)
    }

    @Test func aRateLimitCarriesRetryAfterAndTheExhaustedBudget() throws {
        let wire = openAI.encodeError(.rateLimited(retryAfter: 2, scope: .tokens))
        #expect(wire.status == 429)
        #expect(wire.headers["retry-after"] == "2")
        #expect(wire.headers["x-ratelimit-remaining-tokens"] == "0")
        #expect(wire.headers["x-ratelimit-reset-tokens"] == "2s")
        #expect(wire.headers["x-should-retry"] == "true")
        let body = try #require(S.json(wire.body))
        #expect(body["error"]?.objectValue?.keys == ["message", "type", "param", "code"])
        #expect(body["error"]?["type"] == "tokens")
        #expect(body["error"]?["code"] == "rate_limit_exceeded")
        let noWait = openAI.encodeError(.rateLimited(retryAfter: nil, scope: .requests))
        #expect(noWait.headers["retry-after"] == nil && noWait.headers["x-ratelimit-reset-requests"] == nil)
    }

    @Test(arguments: [
        (ProviderError.quotaExhausted(detail: ""), 429, "insufficient_quota"),
        (.contextOverflow(detail: ""), 400, "context_length_exceeded"),
        (.contentFiltered(detail: ""), 400, "content_filter"),
        (.authentication(status: 401, detail: "Incorrect API key provided."), 401, "invalid_api_key"),
    ])
    func errorCodesAreTheServices(error: ProviderError, status: Int, code: String) throws {
        let wire = openAI.encodeError(error)
        #expect(wire.status == status)
        #expect(S.json(wire.body)?["error"]?["code"] == .string(code))
        let message = S.json(wire.body)?["error"]?["message"]?.stringValue ?? ""
        #expect(!message.isEmpty)
    }

    @Test func anOverloadIs503WithRetryAfter() {
        let wire = openAI.encodeError(.overloaded(retryAfter: 5))
        #expect(wire.status == 503)
        #expect(wire.headers["retry-after"] == "5")
    }

    @Test func theModelsListHasTheServiceShape() throws {
        let body = try #require(S.json(OpenAIChat.modelsListBody(models: ["gpt-4o-mini", "gpt-4o"])))
        #expect(body["object"] == "list")
        #expect(body["data"]?.arrayValue?.count == 2)
        #expect(body["data"]?[0]?.objectValue?.keys == ["id", "object", "created", "owned_by"])
        #expect(body["data"]?[1]?["id"] == "gpt-4o")
        #expect(body["data"]?[0]?["object"] == "model")
    }

    @Test func streamFramesAreTheServiceChunks() throws {
        var request = ChatRequest(model: "gpt-4o-mini", messages: [.user("x")], stream: true)
        request.includeStreamUsage = true
        let response = ChatResponse(id: "chatcmpl-s", model: "gpt-4o-mini", text: "Hello",
            toolCalls: [ToolCall(id: "call_1", name: "f", arguments: ["a": 1])], finishReason: .toolCalls,
            usage: Usage(input: 5, output: 6, cached: 0, reasoning: 0))
        let (head, frames) = openAI.encodeStream(response.streamEvents(piece: 3), for: request)
        #expect(head.status == 200)
        #expect(head.headers["content-type"] == "text/event-stream; charset=utf-8")
        for frame in frames { #expect(String(decoding: frame, as: UTF8.self).hasPrefix("data: ")) }
        for frame in frames { #expect(String(decoding: frame, as: UTF8.self).hasSuffix("\n\n")) }
        let payloads = S.payloads(frames)
        #expect(payloads.last == "[DONE]")
        #expect(payloads[0]["choices"]?[0]?["delta"] == ["role": "assistant", "content": "", "refusal": .null])
        #expect(payloads[0].objectValue?.keys == ["id", "object", "created", "model", "service_tier", "system_fingerprint", "choices", "usage", "obfuscation"])
        let usageChunk = payloads[payloads.count - 2]
        #expect(usageChunk["choices"] == [])
        #expect(usageChunk["usage"]?["prompt_tokens"] == 5)
        for payload in payloads.dropLast(2) { #expect(payload["usage"] == .null) }
        let finish = payloads[payloads.count - 3]
        #expect(finish["choices"]?[0]?["delta"] == [:])
        #expect(finish["choices"]?[0]?["finish_reason"] == "tool_calls")
        let toolStart = try #require(payloads.first { $0["choices"]?[0]?["delta"]?["tool_calls"]?[0]?["id"] != nil })
        #expect(toolStart["choices"]?[0]?["delta"]?["tool_calls"]?[0] == [
            "index": 0, "id": "call_1", "type": "function", "function": ["name": "f", "arguments": ""]])
    }

    /// The service pads every chunk, the usage chunk too, unless `include_obfuscation: false`
    /// (fixtures/openai-chat/stream-text was recorded so); the pad never changes what decodes.
    @Test func streamChunksCarryAnObfuscationPadUnlessTurnedOff() throws {
        let response = ChatResponse(id: "chatcmpl-o", model: "gpt-4o-mini", text: "Bonjour à tous", finishReason: .stop, usage: Usage(input: 3, output: 4))
        var request = ChatRequest(model: "gpt-4o-mini", messages: [.user("x")], stream: true)
        let padded = openAI.encodeStream(response.streamEvents(piece: 4), for: request).frames
        let chunks = S.payloads(padded).dropLast()
        #expect(chunks.count >= 4 && chunks.allSatisfy { chunk in
            guard case .string(let pad)? = chunk["obfuscation"] else { return false }
            return (1...16).contains(pad.count) && pad.utf8.allSatisfy { $0 < 0x80 }
        })
        #expect(padded.dropLast().allSatisfy { $0.count % 16 == 2 }, "the pad rounds each frame to 16 bytes plus its blank line")
        #expect(padded == openAI.encodeStream(response.streamEvents(piece: 4), for: request).frames, "the same bytes every time")
        request.includeStreamObfuscation = false
        let plain = openAI.encodeStream(response.streamEvents(piece: 4), for: request).frames
        #expect(S.payloads(plain).allSatisfy { $0["obfuscation"] == nil })
        var decoded: [StreamEvent] = []
        for frames in [padded, plain] {
            var decoder = openAI.makeStreamDecoder()
            var events: [StreamEvent] = []
            for frame in frames { try decoder.feed(frame, into: &events) }
            try decoder.finish(into: &events)
            if decoded.isEmpty { decoded = events } else { #expect(events == decoded) }
        }
    }

    @Test func anSDKRequestGetsThePadAndCanTurnItOff() throws {
        let on = try openAI.decodeRequest(WireRequest(path: "/v1/chat/completions", body: Array(#"{"model":"m","stream":true,"messages":[{"role":"user","content":"x"}]}"#.utf8))).get()
        #expect(on.includeStreamObfuscation)
        let off = try openAI.decodeRequest(WireRequest(path: "/v1/chat/completions", body: Array(#"{"model":"m","stream":true,"stream_options":{"include_obfuscation":false},"messages":[{"role":"user","content":"x"}]}"#.utf8))).get()
        #expect(!off.includeStreamObfuscation)
        var request = ChatRequest(model: "m", messages: [.user("x")], stream: true)
        request.includeStreamObfuscation = false
        request.includeStreamUsage = false
        let body = String(decoding: openAI.encodeRequest(request, options: ClientOptions()).body, as: UTF8.self)
        #expect(body.contains(#""stream_options":{"include_obfuscation":false}"#))
    }

    @Test func aStreamThatOpensWithAToolCallCarriesTheRoleInThatCallsChunk() throws {
        var request = ChatRequest(model: "gpt-4o-mini", messages: [.user("x")], stream: true)
        request.includeStreamUsage = true
        let response = ChatResponse(id: "chatcmpl-t", model: "gpt-4o-mini", text: "",
            toolCalls: [ToolCall(id: "call_1", name: "f", arguments: ["a": 1]), ToolCall(id: "call_2", name: "g", arguments: [:])],
            finishReason: .toolCalls, usage: Usage(input: 5, output: 6))
        let frames = openAI.encodeStream(response.streamEvents(piece: 3), for: request).frames
        let first = String(decoding: frames[0], as: UTF8.self)
        // As recorded in fixtures/openai-chat/stream-tool-call: role, content null, the call, refusal.
        #expect(first.contains(#""delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"f","arguments":""}}],"refusal":null}"#))
        let payloads = S.payloads(frames)
        #expect(payloads.filter { $0["choices"]?[0]?["delta"]?["role"] != nil }.count == 1, "one role chunk")
        let second = try #require(payloads.first { $0["choices"]?[0]?["delta"]?["tool_calls"]?[0]?["id"] == "call_2" })
        #expect(second["choices"]?[0]?["delta"]?.objectValue?.keys == ["tool_calls"], "later calls carry no role")
        var decoder = OpenAIChatStreamDecoder()
        var events: [StreamEvent] = []
        for frame in frames { try decoder.feed(frame, into: &events) }
        try decoder.finish(into: &events)
        var accumulator = StreamAccumulator()
        accumulator.apply(events)
        let decoded = try accumulator.response().get()
        #expect(decoded.toolCalls == response.toolCalls)
        #expect(decoded.text == "")
    }

    @Test func withoutIncludeUsageThereIsNoUsageChunkOrField() {
        var request = ChatRequest(model: "m", messages: [.user("x")], stream: true)
        request.includeStreamUsage = false
        let response = ChatResponse(id: "c", model: "m", text: "Hi", finishReason: .stop, usage: Usage(input: 1, output: 1))
        let payloads = S.payloads(openAI.encodeStream(response.streamEvents(), for: request).frames)
        #expect(payloads.allSatisfy { $0["usage"] == nil })
        #expect(payloads.count == 4, "role, text, finish, [DONE]")
    }

    @Test func theMidStreamErrorIsADataFrameWithTheErrorObject() throws {
        let frame = String(decoding: openAI.encodeStreamError(.overloaded(retryAfter: nil)), as: UTF8.self)
        #expect(frame.hasPrefix("data: {\"error\":"))
        #expect(frame.hasSuffix("\n\n"))
    }

    @Test func eventsWithoutAStartStillMakeValidChunks() {
        let frames = openAI.encodeStream([.textDelta("x"), .finish(.stop), .done], for: ChatRequest(model: "m", messages: [])).frames
        let payloads = S.payloads(frames)
        #expect(payloads.dropLast().allSatisfy { $0.objectValue != nil })
        #expect(payloads[0]["choices"]?[0]?["delta"]?["content"] == "x")
    }
}
