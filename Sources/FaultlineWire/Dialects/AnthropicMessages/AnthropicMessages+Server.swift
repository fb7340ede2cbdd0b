extension AnthropicMessages {
    /// Headers the service sends with every answer (`date` and `server` are added by
    /// the mock's head writer).
    static func headers(contentType: String, requestID: String) -> WireHeaders {
        WireHeaders([
            (name: "content-type", value: contentType),
            (name: "request-id", value: requestID),
            (name: "anthropic-organization-id", value: "5f0c2a8e-6d1b-4b7e-9c3a-2e8f1d4a7b60"),
            (name: "x-robots-tag", value: "none"),
        ])
    }

    /// Reads a request as the service does: `POST …/v1/messages` behind any mock prefix,
    /// then the body. What the service refuses is the 4xx it would answer, with its
    /// pydantic-style message (`max_tokens: Field required`). The key (`x-api-key` or
    /// `Authorization: Bearer`, see `apiKey(of:)`) is not checked here: auth faults are
    /// the mock's job.
    public func decodeRequest(_ request: WireRequest) -> Result<ChatRequest, ProviderError> {
        guard request.pathOnly.hasUTF8Suffix(AnthropicMessages.path) else {
            return .failure(.badRequest(status: 404, detail: "Not found: \(request.pathOnly)"))
        }
        guard request.method.caseInsensitiveEquals("POST") else {
            return .failure(.badRequest(status: 405, detail: "Method \(request.method) not allowed for \(AnthropicMessages.path)"))
        }
        let json: JSONValue
        do { json = try JSONValue(parsing: request.body) } catch {
            return .failure(.badRequest(status: 400, detail: "There was an issue with your request body: \(error)"))
        }
        do throws(ProviderError) {
            return .success(try AnthropicMessages.chatRequest(json))
        } catch {
            return .failure(error)
        }
    }

    static func invalid(_ field: String, _ detail: String) -> ProviderError {
        .badRequest(status: 400, detail: "\(field): \(detail)")
    }

    static func chatRequest(_ json: JSONValue) throws(ProviderError) -> ChatRequest {
        guard case .object(let object) = json else { throw invalid("body", "Input should be an object, got \(json.typeName)") }
        let body = AnthropicRequestReader(object, path: "")
        guard let maxTokens = try body.int("max_tokens") else { throw invalid("max_tokens", "Field required") }
        guard let model = try body.string("model") else { throw invalid("model", "Field required") }
        guard let messageReaders = try body.objects("messages") else { throw invalid("messages", "Field required") }
        var messages: [Message] = []
        var toolNames: [String: String] = [:]
        for reader in messageReaders { messages.append(try message(reader, toolNames: &toolNames)) }
        var request = ChatRequest(model: model, messages: messages, maxTokens: maxTokens)
        request.stream = try body.bool("stream") ?? false
        request.temperature = try body.double("temperature")
        if let system = try body.value("system") {
            request.system = try text(system, field: "system")
        }
        for tool in try body.objects("tools") ?? [] {
            // Server tools (`{"type": "web_search_20250305", …}`) have no schema: not ours to answer.
            guard let schema = try tool.value("input_schema") else { continue }
            guard let name = try tool.string("name") else { throw invalid(tool.fieldPath("name"), "Field required") }
            request.tools.append(Tool(name: name, description: try tool.string("description"), parameters: schema))
        }
        if let choice = try body.object("tool_choice") {
            switch try choice.string("type") {
            case "auto": request.toolChoice = .auto
            case "any": request.toolChoice = .required
            case "none": request.toolChoice = .none
            case "tool":
                guard let name = try choice.string("name") else { throw invalid(choice.fieldPath("name"), "Field required") }
                request.toolChoice = .tool(name)
            case let other:
                throw invalid(choice.fieldPath("type"), "Input tag '\(other ?? "")' does not match any of the expected tags: 'auto', 'any', 'tool', 'none'")
            }
        }
        if let format = try body.object("output_config")?.object("format"), try format.string("type") == "json_schema" {
            let schema = try format.value("schema") ?? .object(JSONObject())
            request.responseFormat = schema == ["type": "object"] ? .json : .jsonSchema(name: schemaName, schema: schema)
        }
        return request
    }

    /// A string, or text blocks joined (the `system` and `tool_result.content` forms).
    static func text(_ value: JSONValue, field: String) throws(ProviderError) -> String {
        switch value {
        case .string(let s): return s
        case .array(let blocks):
            var out = ""
            for (i, block) in blocks.enumerated() {
                guard let object = block.objectValue else { throw invalid("\(field).\(i)", "Input should be an object") }
                if object["type"]?.stringValue == "text", let text = object["text"]?.stringValue { out += text }
            }
            return out
        default: throw invalid(field, "Input should be a valid string or list, got \(value.typeName)")
        }
    }

    /// A turn. A `tool_result` names only the call's id; its tool name is found from the
    /// `tool_use` that made the call earlier in the conversation.
    static func message(_ reader: AnthropicRequestReader, toolNames: inout [String: String]) throws(ProviderError) -> Message {
        let role: Message.Role
        switch try reader.string("role") {
        case "user": role = .user
        case "assistant": role = .assistant
        default: throw invalid(reader.fieldPath("role"), "Input should be 'user' or 'assistant'")
        }
        guard let content = try reader.value("content") else { throw invalid(reader.fieldPath("content"), "Field required") }
        if case .string(let text) = content { return Message(role: role, parts: [.text(text)]) }
        var parts: [Message.Part] = []
        for block in try reader.objects("content") ?? [] {
            switch try block.string("type") {
            case "text": parts.append(.text(try block.string("text") ?? ""))
            case "tool_use":
                guard let id = try block.string("id"), let name = try block.string("name") else {
                    throw invalid(block.fieldPath("id"), "Field required")
                }
                let input = try block.value("input") ?? .object(JSONObject())
                guard case .object = input else { throw invalid(block.fieldPath("input"), "Input should be a valid dictionary") }
                toolNames[id] = name
                parts.append(.toolUse(ToolCall(id: id, name: name, arguments: input)))
            case "tool_result":
                guard let id = try block.string("tool_use_id") else { throw invalid(block.fieldPath("tool_use_id"), "Field required") }
                let content = try block.value("content").map { v throws(ProviderError) in try text(v, field: block.fieldPath("content")) } ?? ""
                parts.append(.toolResult(id: id, name: toolNames[id] ?? "", content: content, isError: try block.bool("is_error") ?? false))
            default: break  // image, document, thinking: not in the canonical model
            }
        }
        return Message(role: role, parts: parts)
    }

    /// The service's non-streaming body, fields in its order: `id`, `type`, `role`,
    /// `model`, `content`, `stop_reason`, `stop_sequence`, `usage`.
    public func encodeResponse(_ response: ChatResponse, for request: ChatRequest) -> WireResponse {
        let body = AnthropicMessages.messageBytes(response, model: response.model.isEmpty ? request.model : response.model)
        return WireResponse(
            status: 200, headers: AnthropicMessages.headers(contentType: "application/json", requestID: AnthropicMessages.requestID(response.id)),
            body: body)
    }

    /// The body as a `JSONValue` tree; `messageBytes` writes the same bytes faster.
    static func messageJSON(_ response: ChatResponse, model: String) -> JSONValue {
        var content: [JSONValue] = []
        content.reserveCapacity(response.toolCalls.count + 1)
        if !response.text.isEmpty { content.append(["type": "text", "text": .string(response.text)]) }
        for call in response.toolCalls {
            content.append(["type": "tool_use", "id": .string(call.id), "name": .string(call.name), "input": call.arguments])
        }
        return .object(JSONObject([
            ("id", .string(response.id)), ("type", "message"), ("role", "assistant"), ("model", .string(model)),
            ("content", .array(content)),
            ("stop_reason", response.finishReason.map { .string(stopReason($0)) } ?? .null),
            ("stop_sequence", .null),
            ("usage", usageJSON(response.usage)),
        ]))
    }

    /// The service's error: its status, `{"type": "error", …}` body, `request-id`, and
    /// for 429 and 529 `retry-after` (seconds) with `x-should-retry`;
    /// a 429 also carries the `anthropic-ratelimit-*` limit and remaining counters.
    public func encodeError(_ error: ProviderError) -> WireResponse {
        let wire = AnthropicMessages.wireError(error)
        let requestID = AnthropicMessages.requestID("\(wire.status) \(wire.message)")
        var headers = AnthropicMessages.headers(contentType: "application/json", requestID: requestID)
        if let after = error.retryAfter, after.isFinite, after >= 0 {
            headers.add("retry-after", after == after.rounded() && after < 1e12 ? "\(Int(after))" : "\(after)")
        }
        if case .rateLimited(_, let scope) = error {
            headers.add("anthropic-ratelimit-requests-limit", "50")
            headers.add("anthropic-ratelimit-requests-remaining", scope == .requests ? "0" : "49")
            headers.add("anthropic-ratelimit-input-tokens-limit", "30000")
            headers.add("anthropic-ratelimit-input-tokens-remaining", scope == .tokens ? "0" : "29000")
        }
        if wire.status == 429 || wire.status >= 500 { headers.add("x-should-retry", "true") }
        let body = AnthropicMessages.errorBody(type: wire.type, message: wire.message, requestID: requestID)
        return WireResponse(status: wire.status, headers: headers, body: body.bytes)
    }
}

/// Reads request fields the way the service validates them: a field of the wrong type
/// is the 400 the service answers (`messages.0.role: …`), never a trap.
struct AnthropicRequestReader {
    let object: JSONObject
    let path: String

    init(_ object: JSONObject, path: String) {
        self.object = object
        self.path = path
    }

    func fieldPath(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    func value(_ key: String) throws(ProviderError) -> JSONValue? {
        guard let value = object[key], !value.isNull else { return nil }
        return value
    }

    func wrong(_ key: String, _ expected: String, _ value: JSONValue) -> ProviderError {
        AnthropicMessages.invalid(fieldPath(key), "Input should be \(expected), got \(value.typeName)")
    }

    func string(_ key: String) throws(ProviderError) -> String? {
        guard let value = try value(key) else { return nil }
        guard case .string(let s) = value else { throw wrong(key, "a valid string", value) }
        return s
    }

    func int(_ key: String) throws(ProviderError) -> Int? {
        guard let value = try value(key) else { return nil }
        guard let n = value.intValue else { throw wrong(key, "a valid integer", value) }
        return n
    }

    func double(_ key: String) throws(ProviderError) -> Double? {
        guard let value = try value(key) else { return nil }
        guard let n = value.doubleValue else { throw wrong(key, "a valid number", value) }
        return n
    }

    func bool(_ key: String) throws(ProviderError) -> Bool? {
        guard let value = try value(key) else { return nil }
        guard let b = value.boolValue else { throw wrong(key, "a valid boolean", value) }
        return b
    }

    func object(_ key: String) throws(ProviderError) -> AnthropicRequestReader? {
        guard let value = try value(key) else { return nil }
        guard case .object(let o) = value else { throw wrong(key, "a valid dictionary", value) }
        return AnthropicRequestReader(o, path: fieldPath(key))
    }

    /// Array elements are addressed `messages.0.content.1`, as the service's messages do.
    func objects(_ key: String) throws(ProviderError) -> [AnthropicRequestReader]? {
        guard let value = try value(key) else { return nil }
        guard case .array(let elements) = value else { throw wrong(key, "a valid list", value) }
        var readers: [AnthropicRequestReader] = []
        readers.reserveCapacity(elements.count)
        for (i, element) in elements.enumerated() {
            let elementPath = "\(fieldPath(key)).\(i)"
            guard case .object(let o) = element else {
                throw AnthropicMessages.invalid(elementPath, "Input should be a valid dictionary, got \(element.typeName)")
            }
            readers.append(AnthropicRequestReader(o, path: elementPath))
        }
        return readers
    }
}
