extension Gemini {
    /// The request `google-genai` sends: `POST {prefix}/{version}/models/{model}:generateContent`
    /// (`:streamGenerateContent?alt=sse` to stream), the key in `x-goog-api-key`, and a body
    /// in the SDK's order: `contents`, `systemInstruction`, `tools`, `toolConfig`, then
    /// `generationConfig`, which the SDK always sends (as `{}` when nothing is set).
    public func encodeRequest(_ request: ChatRequest, options: ClientOptions) -> WireRequest {
        let model = request.model.hasPrefix("models/") ? String(request.model.dropFirst(7)) : request.model
        let method = request.stream ? ":streamGenerateContent?alt=sse" : ":generateContent"
        var headers: WireHeaders = ["content-type": "application/json"]
        if let key = options.apiKey { headers.add("x-goog-api-key", key) }
        headers.add("user-agent", Gemini.userAgent)
        headers.add("x-goog-api-client", Gemini.userAgent)
        for field in options.extraHeaders { headers.set(field.name, field.value) }
        return WireRequest(
            path: "\(options.pathPrefix)/\(options.geminiVersion)/models/\(model)\(method)",
            headers: headers, body: Gemini.requestBody(request).bytes)
    }

    static let userAgent = "google-genai-sdk/1.52.0 gl-python/3.12.8"

    static func requestBody(_ request: ChatRequest) -> JSONValue {
        var body = JSONObject()
        body.fields.append(("contents", .array(request.messages.map(content))))
        if let system = request.system {
            body.fields.append(("systemInstruction", ["parts": [["text": .string(system)]], "role": "user"]))
        }
        if !request.tools.isEmpty {
            let declarations: [JSONValue] = request.tools.map { tool in
                var fields: [(key: String, value: JSONValue)] = [("name", .string(tool.name))]
                if let description = tool.description { fields.append(("description", .string(description))) }
                fields.append(("parametersJsonSchema", tool.parameters))
                return .object(JSONObject(fields))
            }
            body.fields.append(("tools", [["functionDeclarations": .array(declarations)]]))
        }
        switch request.toolChoice {
        case .auto: break
        case .none: body.fields.append(("toolConfig", ["functionCallingConfig": ["mode": "NONE"]]))
        case .required: body.fields.append(("toolConfig", ["functionCallingConfig": ["mode": "ANY"]]))
        case .tool(let name):
            body.fields.append(("toolConfig", ["functionCallingConfig": ["mode": "ANY", "allowedFunctionNames": [.string(name)]]]))
        }
        var generation = JSONObject()
        if let temperature = request.temperature { generation.fields.append(("temperature", .number(temperature))) }
        if let maxTokens = request.maxTokens { generation.fields.append(("maxOutputTokens", .number(Double(maxTokens)))) }
        switch request.responseFormat {
        case .text: break
        case .json: generation.fields.append(("responseMimeType", "application/json"))
        case .jsonSchema(_, let schema):
            generation.fields.append(("responseMimeType", "application/json"))
            generation.fields.append(("responseJsonSchema", schema))
        }
        body.fields.append(("generationConfig", .object(generation)))
        return .object(body)
    }

    /// A turn: `model` is the assistant's role; a call's answer is a `functionResponse`
    /// whose `response` holds `output` (or `error`), as the Gemini docs ask.
    static func content(_ message: Message) -> JSONValue {
        let parts: [JSONValue] = message.parts.map { part in
            switch part {
            case .text(let text): return ["text": .string(text)]
            case .toolUse(let call): return ["functionCall": functionCall(call)]
            case .toolResult(let id, let name, let content, let isError):
                var fields: [(key: String, value: JSONValue)] = []
                if !id.isEmpty { fields.append(("id", .string(id))) }
                fields.append(("name", .string(name)))
                fields.append(("response", [isError ? "error" : "output": .string(content)]))
                return ["functionResponse": .object(JSONObject(fields))]
            }
        }
        return ["parts": .array(parts), "role": message.role == .assistant ? "model" : "user"]
    }

    /// `{"name", "args", "id"?}`; the id is optional on this wire and left out when empty.
    static func functionCall(_ call: ToolCall) -> JSONValue {
        var fields: [(key: String, value: JSONValue)] = [("name", .string(call.name)), ("args", call.arguments)]
        if !call.id.isEmpty { fields.append(("id", .string(call.id))) }
        return .object(JSONObject(fields))
    }

    /// Decodes strictly: any status but 200 is an error (the SDK raises for each), a 200
    /// with `promptFeedback.blockReason` and no candidates is a filtered prompt, and every
    /// field read is type-checked with its JSON path.
    public func decodeResponse(_ response: WireResponse) -> Result<ChatResponse, ProviderError> {
        guard (200..<300).contains(response.status) else {
            return .failure(Gemini.error(status: response.status, body: response.body, headers: response.headers))
        }
        let json: JSONValue
        do { json = try JSONValue(parsing: response.body) } catch {
            return .failure(.malformed(path: "$", detail: "response body is not JSON: \(error)"))
        }
        do throws(ProviderError) {
            let chunk = try GeminiChunk(json, path: "$")
            if let blocked = chunk.blockedPrompt, chunk.candidate == nil { return .failure(blocked) }
            guard let candidate = chunk.candidate else {
                throw ProviderError.shapeDrift(path: "$.candidates", expected: "non-empty array", found: chunk.candidatesFound)
            }
            if candidate.finishReason == nil, !candidate.hasContent {
                throw ProviderError.shapeDrift(path: "$.candidates[0].content", expected: "object", found: "missing")
            }
            return .success(ChatResponse(
                id: chunk.responseId ?? "", model: chunk.modelVersion ?? "", text: candidate.text,
                toolCalls: candidate.toolCalls,
                finishReason: candidate.finishReason.map { Gemini.finishReason($0, hasToolCalls: !candidate.toolCalls.isEmpty) },
                usage: chunk.usage))
        } catch {
            return .failure(error)
        }
    }
}

/// One `GenerateContentResponse`, a whole body or one stream chunk, read strictly.
/// Only the first candidate counts: Faultline never asks for more than one.
struct GeminiChunk {
    var responseId: String?
    var modelVersion: String?
    var usage: Usage?
    var candidate: Candidate?
    /// `"missing"` or `"empty array"`, for the drift message when there is no candidate.
    var candidatesFound = "missing"
    /// The content-filter error when the prompt was blocked (a 200 on this wire).
    var blockedPrompt: ProviderError?

    struct Candidate {
        var text = ""
        var toolCalls: [ToolCall] = []
        var finishReason: String?
        var hasContent = false
    }

    init(_ json: JSONValue, path: String) throws(ProviderError) {
        let root = GeminiReader(try GeminiReader.object(json, path: path), path: path)
        responseId = try root.string("responseId")
        modelVersion = try root.string("modelVersion")
        if let metadata = try root.object("usageMetadata") {
            usage = try Gemini.usage(metadata.object, path: metadata.path)
        }
        if let feedback = try root.object("promptFeedback"), let reason = try feedback.string("blockReason") {
            let message = try feedback.string("blockReasonMessage")
            blockedPrompt = .contentFiltered(detail: "prompt blocked: \(reason)" + (message.map { ": \($0)" } ?? ""))
        }
        if let candidates = try root.objects("candidates") {
            candidatesFound = "empty array"
            if let first = candidates.first { candidate = try Candidate(first) }
        }
    }
}

extension GeminiChunk.Candidate {
    /// Thought parts (`thought: true`) are the model's reasoning, not its answer: skipped.
    init(_ reader: GeminiReader) throws(ProviderError) {
        finishReason = try reader.string("finishReason")
        guard let content = try reader.object("content") else { return }
        hasContent = true
        for part in try content.objects("parts") ?? [] {
            if let text = try part.string("text") {
                if try part.bool("thought") != true { self.text += text }
            } else if let call = try part.object("functionCall") {
                guard let name = try call.string("name") else {
                    throw ProviderError.shapeDrift(path: call.path + ".name", expected: "string", found: "missing")
                }
                var arguments: JSONValue = .object(JSONObject())
                if let args = call.present("args") {
                    guard case .object = args else { throw call.drift("args", "object", args) }
                    arguments = args
                }
                toolCalls.append(ToolCall(id: try call.string("id") ?? "", name: name, arguments: arguments))
            }
        }
    }
}
