import Testing
@testable import FaultlineWire

/// The mock side: reading requests as the service does, and writing its bodies, errors and frames.
@Suite("Gemini server")
struct GeminiServerTests {
    let gemini = Gemini()

    static func post(_ path: String, _ body: String, headers: WireHeaders = [:]) -> WireRequest {
        WireRequest(path: path, headers: headers, body: Array(body.utf8))
    }

    static let minimal = #"{"contents":[{"parts":[{"text":"hi"}],"role":"user"}]}"#

    @Test(arguments: [
        ("/v1/models/gemini-2.5-flash:generateContent", "gemini-2.5-flash", false),
        ("/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse", "gemini-2.0-flash", true),
        ("/gemini-primary/v1beta/models/gemini-2.5-pro:generateContent?key=abc", "gemini-2.5-pro", false),
    ])
    func modelAndStreamComeFromThePath(path: String, model: String, stream: Bool) throws {
        let request = try gemini.decodeRequest(Self.post(path, Self.minimal)).get()
        #expect(request.model == model)
        #expect(request.stream == stream)
        #expect(request.messages == [.user("hi")])
    }

    @Test(arguments: [
        "/v1/chat/completions", "/v2/models/gemini-2.5-flash:generateContent",
        "/v1beta/models/gemini-2.5-flash:countTokens", "/v1beta/models/:generateContent",
    ])
    func unknownPathsAre404(path: String) {
        guard case .failure(.badRequest(let status, _)) = gemini.decodeRequest(Self.post(path, Self.minimal)) else {
            Issue.record("expected a 404 for \(path)")
            return
        }
        #expect(status == 404)
    }

    @Test(arguments: [
        ("{", "Invalid JSON payload"),
        ("[]", "expected a JSON object"),
        (#"{"generationConfig":{}}"#, "contents is not specified"),
        (#"{"contents":[]}"#, "contents is not specified"),
        (#"{"contents":"hi"}"#, "contents"),
        (#"{"contents":[{"parts":[{"text":1}]}]}"#, "contents[0].parts[0].text"),
        (#"{"contents":[{"parts":[{"functionCall":{"args":{}}}]}]}"#, "functionCall.name"),
        (#"{"contents":[{"parts":[{"functionCall":{"name":"f","args":[1]}}]}]}"#, "functionCall.args"),
        (#"{"contents":[{"parts":[{"text":"hi"}]}],"generationConfig":{"temperature":"hot"}}"#, "generationConfig.temperature"),
        (#"{"contents":[{"parts":[{"text":"hi"}]}],"generationConfig":{"maxOutputTokens":1.5}}"#, "generationConfig.maxOutputTokens"),
        (#"{"contents":[{"parts":[{"text":"hi"}]}],"tools":[{"functionDeclarations":[{"description":"x"}]}]}"#, "name"),
    ])
    func requestsTheServiceRefusesAre400WithTheField(body: String, mention: String) {
        let result = gemini.decodeRequest(Self.post("/v1beta/models/m:generateContent", body))
        guard case .failure(.badRequest(let status, let detail)) = result else {
            Issue.record("expected 400 for \(body), got \(result)")
            return
        }
        #expect(status == 400)
        #expect(detail.contains(mention), "\(detail)")
    }

    @Test func unknownFieldsAndPartsAreIgnoredAndTheFunctionRoleIsTheCaller() throws {
        let body = #"""
            {"contents":[{"role":"user","parts":[{"text":"a"},{"inlineData":{"mimeType":"image/png","data":"AAAA"}}]},
            {"role":"model","parts":[{"text":"plan","thought":true},{"functionCall":{"name":"f","args":{"q":1}}}]},
            {"role":"function","parts":[{"functionResponse":{"name":"f","response":{"temp":18}}}]}],
            "safetySettings":[],"cachedContent":"c","generationConfig":{"topK":3,"thinkingConfig":{"thinkingBudget":0}}}
            """#
        let request = try gemini.decodeRequest(Self.post("/v1/models/m:generateContent", body)).get()
        #expect(request.messages == [
            .user("a"),
            Message(role: .assistant, parts: [.toolUse(ToolCall(id: "", name: "f", arguments: ["q": 1]))]),
            Message(role: .user, parts: [.toolResult(id: "", name: "f", content: #"{"temp":18}"#, isError: false)]),
        ])
    }

    @Test func openAPISchemasWithUpperCaseTypesBecomeJSONSchema() throws {
        let body = #"""
            {"contents":[{"parts":[{"text":"hi"}]}],"tools":[{"functionDeclarations":[{"name":"f","parameters":
            {"type":"OBJECT","properties":{"n":{"type":"INTEGER"},"tags":{"type":"ARRAY","items":{"type":"STRING"}}},"propertyOrdering":["n","tags"]}}]}],
            "generationConfig":{"responseMimeType":"application/json","responseSchema":{"type":"OBJECT","properties":{"ok":{"type":"BOOLEAN"}}}}}
            """#
        let request = try gemini.decodeRequest(Self.post("/v1/models/m:generateContent", body)).get()
        #expect(request.tools.first?.parameters == [
            "type": "object", "properties": ["n": ["type": "integer"], "tags": ["type": "array", "items": ["type": "string"]]],
            "propertyOrdering": ["n", "tags"],
        ])
        #expect(request.responseFormat == .jsonSchema(name: Gemini.schemaName, schema: ["type": "object", "properties": ["ok": ["type": "boolean"]]]))
    }

    @Test(arguments: [
        (#""toolConfig":{"functionCallingConfig":{"mode":"AUTO"}},"#, ToolChoice.auto),
        (#""toolConfig":{"functionCallingConfig":{"mode":"VALIDATED"}},"#, .auto),
        (#""toolConfig":{"functionCallingConfig":{"mode":"NONE"}},"#, .none),
        (#""toolConfig":{"functionCallingConfig":{"mode":"ANY"}},"#, .required),
        (#""toolConfig":{"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":["a","b"]}},"#, .required),
        (#""toolConfig":{"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":["a"]}},"#, .tool("a")),
        ("", .auto),
    ])
    func toolConfigModes(fragment: String, expected: ToolChoice) throws {
        let body = #"{"#  + fragment + #""contents":[{"parts":[{"text":"hi"}]}]}"#
        #expect(try gemini.decodeRequest(Self.post("/v1/models/m:generateContent", body)).get().toolChoice == expected)
    }

    @Test func theKeyIsReadFromTheHeaderOrTheQuery() {
        #expect(Gemini.apiKey(of: Self.post("/v1/models/m:generateContent", "", headers: ["X-Goog-Api-Key": "k1"])) == "k1")
        #expect(Gemini.apiKey(of: Self.post("/v1/models/m:streamGenerateContent?alt=sse&key=k2", "")) == "k2")
        #expect(Gemini.apiKey(of: Self.post("/v1/models/m:generateContent", "")) == nil)
    }

    @Test func responsesHaveTheServicesFieldOrderAndHeaders() throws {
        let response = ChatResponse(
            id: "r1", model: "gemini-2.5-flash", text: "Hi", toolCalls: [ToolCall(id: "", name: "f", arguments: ["a": 1])],
            finishReason: .toolCalls, usage: Usage(input: 3, output: 9, reasoning: 4))
        let wire = gemini.encodeResponse(response, for: ChatRequest(model: "m", messages: [.user("x")]))
        #expect(wire.status == 200)
        #expect(wire.headers["content-type"] == "application/json; charset=UTF-8")
        #expect(wire.headers["date"] == nil)
        #expect(String(decoding: wire.body, as: UTF8.self) == #"""
            {"candidates":[{"content":{"parts":[{"text":"Hi"},{"functionCall":{"name":"f","args":{"a":1}}}],"role":"model"},"finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":3,"candidatesTokenCount":5,"totalTokenCount":12,"promptTokensDetails":[{"modality":"TEXT","tokenCount":3}],"thoughtsTokenCount":4},"modelVersion":"gemini-2.5-flash","responseId":"r1"}
            """#)
    }

    @Test func errorsHaveTheServicesStatusAndBody() throws {
        let wire = gemini.encodeError(.rateLimited(retryAfter: 13, scope: .requests))
        #expect(wire.status == 429)
        #expect(wire.headers["retry-after"] == nil)
        let error = try #require(GeminiTestSupport.json(wire.body)?["error"]?.objectValue)
        #expect(error.keys == ["code", "message", "status", "details"])
        #expect(error["status"] == "RESOURCE_EXHAUSTED")
        #expect(error["details"]?.arrayValue?.contains(["@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "13s"]) == true)

        #expect(gemini.encodeError(.overloaded(retryAfter: nil)).status == 503)
        #expect(GeminiTestSupport.json(gemini.encodeError(.overloaded(retryAfter: nil)).body)?["error"]?["status"] == "UNAVAILABLE")
        #expect(gemini.encodeError(.authentication(status: 403, detail: "no")).status == 403)
        #expect(gemini.encodeError(.timeout(.total)).status == 504)
        let blocked = gemini.encodeError(.contentFiltered(detail: "prompt blocked: SAFETY"))
        #expect(blocked.status == 200)
        #expect(GeminiTestSupport.json(blocked.body) == ["promptFeedback": ["blockReason": "SAFETY"]])
    }

    @Test func aBlockedPromptForAKnownRequestCarriesItsUsageModelAndResponseId() throws {
        let request = ChatRequest(model: "gemini-2.5-flash", messages: [.user("Pick a lock for me.")])
        let blocked = gemini.encodeError(.contentFiltered(detail: "prompt blocked: PROHIBITED_CONTENT"), for: request)
        #expect(blocked.status == 200)
        let body = try #require(GeminiTestSupport.json(blocked.body)?.objectValue)
        // As recorded in fixtures/gemini/blocked-prompt.
        #expect(body.keys == ["promptFeedback", "usageMetadata", "modelVersion", "responseId"])
        let prompt = TokenEstimate.promptTokens(for: request)
        #expect(body["usageMetadata"] == .object(JSONObject([
            ("promptTokenCount", .number(Double(prompt))), ("totalTokenCount", .number(Double(prompt))),
            ("promptTokensDetails", [["modality": "TEXT", "tokenCount": .number(Double(prompt))]]),
        ])))
        #expect(body["modelVersion"] == "gemini-2.5-flash")
        let id = try #require(body["responseId"]?.stringValue)
        #expect(id.count == 22)
        #expect(gemini.encodeError(.contentFiltered(detail: "prompt blocked: PROHIBITED_CONTENT"), for: request) == blocked, "reproducible")
        guard case .failure(.contentFiltered) = gemini.decodeResponse(blocked) else {
            Issue.record("a blocked prompt must decode as content filtered")
            return
        }
        #expect(gemini.encodeError(.overloaded(retryAfter: nil), for: request) == gemini.encodeError(.overloaded(retryAfter: nil)))
    }

    @Test func everyStreamChunkReportsThePromptPerModality() {
        let response = ChatResponse(id: "r1", model: "m", text: String(repeating: "Faultline ", count: 6), finishReason: .stop,
            usage: Usage(input: 7, output: 3))
        let frames = gemini.encodeStream(response.streamEvents(), for: ChatRequest(model: "m", messages: [.user("x")], stream: true)).frames
        #expect(frames.count > 1)
        for frame in frames {
            #expect(String(decoding: frame, as: UTF8.self).contains(#""promptTokensDetails":[{"modality":"TEXT","tokenCount":7}]"#))
        }
    }

    @Test func streamErrorsAreADataFrameWithErrorFirst() {
        let frame = String(decoding: gemini.encodeStreamError(.overloaded(retryAfter: nil)), as: UTF8.self)
        #expect(frame.hasPrefix(#"data: {"error":{"code":503,"#))
        #expect(frame.hasSuffix("}}\r\n\r\n"))
    }

    @Test func streamFramesAreOnlyDataLinesEndingInCRLFCRLF() {
        let response = ChatResponse(
            id: "r1", model: "gemini-2.5-flash", text: String(repeating: "Faultline ", count: 6),
            toolCalls: [ToolCall(id: "c1", name: "f", arguments: ["a": [1, 2]])], finishReason: .toolCalls, usage: Usage(input: 2, output: 3))
        let (head, frames) = gemini.encodeStream(response.streamEvents(), for: ChatRequest(model: "m", messages: [.user("x")], stream: true))
        #expect(head.status == 200)
        #expect(head.headers["content-type"] == "text/event-stream")
        #expect(frames.count == 5)  // 4 text pieces, then the call with the finish
        for frame in frames {
            let text = String(decoding: frame, as: UTF8.self)
            #expect(text.hasPrefix("data: {\"candidates\":"))
            #expect(text.hasSuffix("\r\n\r\n"))
            #expect(text.dropLast(4).split(separator: "\n").count == 1)
        }
        let last = String(decoding: frames[4], as: UTF8.self)
        #expect(last.contains(#""functionCall":{"name":"f","args":{"a":[1,2]},"id":"c1"}"#))
        #expect(last.contains(#""finishReason":"STOP""#))
    }
}
