import Testing
@testable import FaultlineWire

/// The adapter side: the request google-genai sends, and strict decoding of what comes back.
@Suite("Gemini client")
struct GeminiClientTests {
    let gemini = Gemini()

    static let weather = Tool(
        name: "get_weather", description: "Current weather for a city.",
        parameters: ["type": "object", "properties": ["city": ["type": "string"]], "required": ["city"]])

    @Test func pathCarriesVersionModelAndStreamSwitch() {
        let request = ChatRequest(model: "gemini-2.5-flash", messages: [.user("hi")])
        #expect(gemini.encodeRequest(request, options: ClientOptions()).path == "/v1beta/models/gemini-2.5-flash:generateContent")
        var streaming = request
        streaming.stream = true
        streaming.model = "models/gemini-2.0-flash"
        let options = ClientOptions(pathPrefix: "/gemini-primary", geminiVersion: "v1")
        #expect(gemini.encodeRequest(streaming, options: options).path
            == "/gemini-primary/v1/models/gemini-2.0-flash:streamGenerateContent?alt=sse")
    }

    @Test func headersCarryTheKeyAndExtraHeadersButNoModelInTheBody() throws {
        let options = ClientOptions(apiKey: "test-key", extraHeaders: ["x-faultline-fault": "overloaded"])
        let wire = gemini.encodeRequest(ChatRequest(model: "gemini-2.5-flash", messages: [.user("hi")]), options: options)
        #expect(wire.method == "POST")
        #expect(wire.headers["x-goog-api-key"] == "test-key")
        #expect(wire.headers["content-type"] == "application/json")
        #expect(wire.headers["x-faultline-fault"] == "overloaded")
        #expect(wire.headers["authorization"] == nil)
        let body = try #require(GeminiTestSupport.json(wire.body))
        #expect(body["model"] == nil)
        #expect(body["stream"] == nil)
    }

    @Test func bodyFieldsAreInTheSDKsOrderAndGenerationConfigIsAlwaysSent() throws {
        let bare = gemini.encodeRequest(ChatRequest(model: "m", messages: [.user("hi")]), options: ClientOptions())
        #expect(String(decoding: bare.body, as: UTF8.self)
            == #"{"contents":[{"parts":[{"text":"hi"}],"role":"user"}],"generationConfig":{}}"#)

        let full = ChatRequest(
            model: "m", system: "Be brief.", messages: [.user("Weather in Paris?")], tools: [Self.weather],
            toolChoice: .tool("get_weather"), responseFormat: .json, maxTokens: 64, temperature: 0.5)
        let body = try #require(GeminiTestSupport.json(gemini.encodeRequest(full, options: ClientOptions()).body)?.objectValue)
        #expect(body.keys == ["contents", "systemInstruction", "tools", "toolConfig", "generationConfig"])
        #expect(body["systemInstruction"] == ["parts": [["text": "Be brief."]], "role": "user"])
        #expect(body["tools"]?[0]?["functionDeclarations"]?[0]?["parametersJsonSchema"] == Self.weather.parameters)
        #expect(body["toolConfig"] == ["functionCallingConfig": ["mode": "ANY", "allowedFunctionNames": ["get_weather"]]])
        #expect(body["generationConfig"] == ["temperature": 0.5, "maxOutputTokens": 64, "responseMimeType": "application/json"])
    }

    @Test func toolUseAndResultsBecomeFunctionCallAndFunctionResponseParts() throws {
        let call = ToolCall(id: "c1", name: "get_weather", arguments: ["city": "Paris"])
        let request = ChatRequest(model: "m", messages: [
            .user("Weather?"),
            Message(role: .assistant, parts: [.toolUse(call)]),
            Message(role: .user, parts: [.toolResult(id: "c1", name: "get_weather", content: "18°C", isError: false)]),
            Message(role: .user, parts: [.toolResult(id: "", name: "get_weather", content: "timeout", isError: true)]),
        ])
        let contents = try #require(GeminiTestSupport.json(gemini.encodeRequest(request, options: ClientOptions()).body)?["contents"])
        #expect(contents[1] == ["parts": [["functionCall": ["name": "get_weather", "args": ["city": "Paris"], "id": "c1"]]], "role": "model"])
        #expect(contents[2]?["parts"]?[0] == ["functionResponse": ["id": "c1", "name": "get_weather", "response": ["output": "18°C"]]])
        #expect(contents[3]?["parts"]?[0] == ["functionResponse": ["name": "get_weather", "response": ["error": "timeout"]]])
    }

    // MARK: decodeResponse

    static func ok(_ json: String) -> WireResponse { WireResponse(status: 200, body: Array(json.utf8)) }

    @Test func stopWithFunctionCallsIsToolCallsAndUnknownFieldsAreIgnored() throws {
        let body = #"""
            {"candidates":[{"content":{"parts":[{"functionCall":{"name":"f","args":{"a":{"b":[1,2]}}},"thoughtSignature":"x"}],"role":"model"},
            "finishReason":"STOP","index":0,"safetyRatings":[],"newField":{"x":1}}],"modelVersion":"gemini-2.5-pro","responseId":"r1","extra":true}
            """#
        let response = try gemini.decodeResponse(Self.ok(body)).get()
        #expect(response.finishReason == .toolCalls)
        #expect(response.toolCalls == [ToolCall(id: "", name: "f", arguments: ["a": ["b": [1, 2]]])])
        #expect(response.id == "r1")
        #expect(response.model == "gemini-2.5-pro")
        #expect(response.usage == nil)
    }

    @Test func thoughtPartsAreNotTheAnswerAndThoughtTokensAreOutput() throws {
        let body = #"""
            {"candidates":[{"content":{"parts":[{"text":"thinking…","thought":true},{"text":"Hello"},{"text":" world"}],"role":"model"},"finishReason":"STOP"}],
            "usageMetadata":{"promptTokenCount":5,"candidatesTokenCount":2,"totalTokenCount":17,"cachedContentTokenCount":3,"thoughtsTokenCount":10}}
            """#
        let response = try gemini.decodeResponse(Self.ok(body)).get()
        #expect(response.text == "Hello world")
        #expect(response.usage == Usage(input: 5, output: 12, cached: 3, reasoning: 10))
        #expect(response.id == "")
    }

    @Test(arguments: [
        ("MAX_TOKENS", FinishReason.length), ("SAFETY", .contentFilter), ("RECITATION", .contentFilter),
        ("PROHIBITED_CONTENT", .contentFilter), ("STOP", .stop), ("MALFORMED_FUNCTION_CALL", .other("MALFORMED_FUNCTION_CALL")),
        ("SOMETHING_NEW", .other("SOMETHING_NEW")),
    ])
    func finishReasons(raw: String, expected: FinishReason) throws {
        let body = #"{"candidates":[{"content":{"parts":[{"text":"x"}],"role":"model"},"finishReason":"\#(raw)"}]}"#
        #expect(try gemini.decodeResponse(Self.ok(body)).get().finishReason == expected)
    }

    @Test func aSafetyFinishWithoutContentIsAFilteredAnswer() throws {
        let body = #"{"candidates":[{"finishReason":"SAFETY","index":0,"safetyRatings":[]}],"modelVersion":"m"}"#
        let response = try gemini.decodeResponse(Self.ok(body)).get()
        #expect(response.finishReason == .contentFilter)
        #expect(response.text == "")
    }

    @Test func aBlockedPromptIsContentFiltered() {
        let body = #"{"promptFeedback":{"blockReason":"OTHER"},"usageMetadata":{"promptTokenCount":4,"totalTokenCount":4}}"#
        #expect(gemini.decodeResponse(Self.ok(body)) == .failure(.contentFiltered(detail: "prompt blocked: OTHER")))
    }

    @Test(arguments: [
        (#"{"candidates":[{"content":{"parts":[{"text":7}]},"finishReason":"STOP"}]}"#,
            ProviderError.shapeDrift(path: "$.candidates[0].content.parts[0].text", expected: "string", found: "integer")),
        (#"{"candidates":[{"content":{"parts":[{"functionCall":{"name":"f","args":"{\"a\":1}"}}]},"finishReason":"STOP"}]}"#,
            .shapeDrift(path: "$.candidates[0].content.parts[0].functionCall.args", expected: "object", found: "string")),
        (#"{"candidates":[{"content":{"parts":[{"functionCall":{"args":{}}}]},"finishReason":"STOP"}]}"#,
            .shapeDrift(path: "$.candidates[0].content.parts[0].functionCall.name", expected: "string", found: "missing")),
        (#"{"modelVersion":"m"}"#, .shapeDrift(path: "$.candidates", expected: "non-empty array", found: "missing")),
        (#"{"candidates":[]}"#, .shapeDrift(path: "$.candidates", expected: "non-empty array", found: "empty array")),
        (#"{"candidates":{}}"#, .shapeDrift(path: "$.candidates", expected: "array", found: "object")),
        (#"{"candidates":[3]}"#, .shapeDrift(path: "$.candidates[0]", expected: "object", found: "integer")),
        (#"{"candidates":[{"index":0}]}"#, .shapeDrift(path: "$.candidates[0].content", expected: "object", found: "missing")),
        (#"{"candidates":[{"content":{"parts":"hi"},"finishReason":"STOP"}]}"#,
            .shapeDrift(path: "$.candidates[0].content.parts", expected: "array", found: "string")),
        (#"{"candidates":[{"content":{"parts":[]},"finishReason":5}]}"#,
            .shapeDrift(path: "$.candidates[0].finishReason", expected: "string", found: "integer")),
        (#"{"candidates":[{"content":{"parts":[]},"finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":"12"}}"#,
            .shapeDrift(path: "$.usageMetadata.promptTokenCount", expected: "integer", found: "string")),
        (#"{"candidates":[{"content":{"parts":[]},"finishReason":"STOP"}],"responseId":1}"#,
            .shapeDrift(path: "$.responseId", expected: "string", found: "integer")),
        (#"[1,2]"#, .shapeDrift(path: "$", expected: "object", found: "array")),
    ])
    func driftNamesTheJSONPath(body: String, expected: ProviderError) {
        #expect(gemini.decodeResponse(Self.ok(body)) == .failure(expected))
    }

    @Test(arguments: ["", "{", #"{"candidates":[{"content""#, "data: {}", "\u{FF}\u{FE}"])
    func invalidJSONIsMalformedAtTheRoot(body: String) {
        guard case .failure(.malformed(let path, _)) = gemini.decodeResponse(Self.ok(body)) else {
            Issue.record("expected malformed for \(body)")
            return
        }
        #expect(path == "$")
    }

    @Test(arguments: [
        (429, #"{"error":{"code":429,"message":"Quota exceeded","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"0.5s"}]}}"#,
            ProviderError.Kind.rateLimited, 0.5 as Double?),
        (429, #"{"error":{"code":429,"message":"m","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaId":"GenerateRequestsPerDayPerProjectPerModel-FreeTier"}]}]}}"#,
            .quotaExhausted, nil),
        (429, "Too Many Requests", .rateLimited, nil),
        (503, #"{"error":{"code":503,"message":"The model is overloaded. Please try again later.","status":"UNAVAILABLE"}}"#, .overloaded, nil),
        (503, "<html>Service Unavailable</html>", .overloaded, nil),
        (500, #"{"error":{"code":500,"message":"Internal error encountered.","status":"INTERNAL"}}"#, .serverError, nil),
        (504, #"{"error":{"code":504,"message":"Deadline expired","status":"DEADLINE_EXCEEDED"}}"#, .serverError, nil),
        (502, "Bad Gateway", .serverError, nil),
        (400, #"{"error":{"code":400,"message":"* GenerateContentRequest.contents: contents is not specified","status":"INVALID_ARGUMENT"}}"#, .badRequest, nil),
        (400, #"{"error":{"code":400,"message":"The input token count (1203214) exceeds the maximum number of tokens allowed (1048576).","status":"INVALID_ARGUMENT"}}"#, .contextOverflow, nil),
        (400, #"{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID"}]}}"#, .authentication, nil),
        (403, #"{"error":{"code":403,"message":"Permission denied","status":"PERMISSION_DENIED"}}"#, .authentication, nil),
        (401, "", .authentication, nil),
        (404, #"{"error":{"code":404,"message":"models/gemini-9 is not found","status":"NOT_FOUND"}}"#, .badRequest, nil),
        (400, "{not json", .badRequest, nil),
    ])
    func errorStatusesMapToTheTaxonomy(status: Int, body: String, kind: ProviderError.Kind, retryAfter: Double?) {
        let result = gemini.decodeResponse(WireResponse(status: status, body: Array(body.utf8)))
        guard case .failure(let error) = result else {
            Issue.record("expected \(kind.rawValue), got \(result)")
            return
        }
        #expect(error.kind == kind, "\(error)")
        #expect(error.retryAfter == retryAfter)
    }

    @Test func tokenQuotasAreTheTokensScopeAndRetryAfterHeaderIsAFallback() {
        let body = #"{"error":{"code":429,"message":"m","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaMetric":"generativelanguage.googleapis.com/generate_content_paid_tier_input_token_count","quotaId":"GenerateContentPaidTierInputTokensPerModelPerMinute"}]}]}}"#
        let response = WireResponse(status: 429, headers: ["retry-after": "7"], body: Array(body.utf8))
        #expect(gemini.decodeResponse(response) == .failure(.rateLimited(retryAfter: 7, scope: .tokens)))
    }

    @Test func errorMessagesSurviveForAPersonToRead() {
        let body = #"{"error":{"code":400,"message":"Invalid value at 'generation_config.temperature'","status":"INVALID_ARGUMENT"}}"#
        #expect(gemini.decodeResponse(WireResponse(status: 400, body: Array(body.utf8)))
            == .failure(.badRequest(status: 400, detail: "Invalid value at 'generation_config.temperature'")))
    }
}
