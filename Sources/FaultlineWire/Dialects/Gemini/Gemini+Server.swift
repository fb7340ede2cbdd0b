extension Gemini {
    /// Headers the service sends with a JSON answer (no request id header is standard on
    /// this API; `date` is added by the server).
    static let jsonHeaders: WireHeaders = [
        "content-type": "application/json; charset=UTF-8",
        "vary": "Origin, X-Origin, Referer",
        "server": "scaffolding on HTTPServer2",
        "x-xss-protection": "0",
        "x-frame-options": "SAMEORIGIN",
        "x-content-type-options": "nosniff",
    ]

    /// Reads a request as the service does: version, model and stream switch from the path
    /// (`v1`, `v1beta` and `v1alpha`, behind any mock prefix), then the body. What the
    /// service refuses is the 400 or 404 it would answer. The key (`x-goog-api-key` or
    /// `?key=`, see `apiKey(of:)`) is not checked here: auth faults are the mock's job.
    public func decodeRequest(_ request: WireRequest) -> Result<ChatRequest, ProviderError> {
        let path = request.pathOnly
        let segments = path.split(separator: "/")
        guard segments.count >= 3, segments[segments.count - 2] == "models",
            let colon = segments[segments.count - 1].firstIndex(of: ":")
        else {
            return .failure(.badRequest(status: 404, detail: "Requested entity was not found: \(path)"))
        }
        let version = segments[segments.count - 3]
        guard Gemini.versions.contains(version) else {
            return .failure(.badRequest(status: 404, detail: "Unknown API version `\(version)` in \(path); expected v1 or v1beta"))
        }
        let last = segments[segments.count - 1]
        let model = String(last[..<colon])
        let stream: Bool
        switch last[last.index(after: colon)...] {
        case "generateContent": stream = false
        case "streamGenerateContent": stream = true
        case let method: return .failure(.badRequest(status: 404, detail: "Method `\(method)` not found for models/\(model)"))
        }
        guard !model.isEmpty else { return .failure(.badRequest(status: 404, detail: "Requested entity was not found: empty model name")) }
        let json: JSONValue
        do { json = try JSONValue(parsing: request.body) } catch {
            return .failure(.badRequest(status: 400, detail: "Invalid JSON payload received. \(error)"))
        }
        do {
            return .success(try Gemini.chatRequest(json, model: model, stream: stream))
        } catch {
            return .failure(error)
        }
    }

    static func invalid(_ field: String, _ detail: String) -> ProviderError {
        .badRequest(status: 400, detail: "Invalid value at '\(field)': \(detail)")
    }

    static func chatRequest(_ json: JSONValue, model: String, stream: Bool) throws(ProviderError) -> ChatRequest {
        guard case .object(let object) = json else { throw invalid("$", "expected a JSON object, got \(json.typeName)") }
        let body = GeminiRequestReader(object, path: "")
        guard let contents = try body.objects("contents"), !contents.isEmpty else {
            throw ProviderError.badRequest(status: 400, detail: "* GenerateContentRequest.contents: contents is not specified")
        }
        var messages: [Message] = []
        for content in contents { messages.append(try message(content)) }
        var request = ChatRequest(model: model, messages: messages, stream: stream)
        if let system = try body.object("systemInstruction") {
            var text = ""
            for part in try system.objects("parts") ?? [] { text += try part.string("text") ?? "" }
            request.system = text
        }
        for tool in try body.objects("tools") ?? [] {
            for declaration in try tool.objects("functionDeclarations") ?? [] {
                guard let name = try declaration.string("name") else { throw invalid(declaration.path + ".name", "name is required") }
                var schema = JSONValue.object(JSONObject())
                if let json = try declaration.value("parametersJsonSchema") {
                    schema = json
                } else if let openAPI = try declaration.value("parameters") {
                    schema = lowercasedTypes(openAPI)
                }
                request.tools.append(Tool(name: name, description: try declaration.string("description"), parameters: schema))
            }
        }
        if let config = try body.object("toolConfig")?.object("functionCallingConfig") {
            let allowed = try (config.array("allowedFunctionNames") ?? []).compactMap(\.stringValue)
            switch try config.string("mode")?.uppercased() {
            case "NONE": request.toolChoice = .none
            case "ANY": request.toolChoice = allowed.count == 1 ? .tool(allowed[0]) : .required
            default: request.toolChoice = .auto
            }
        }
        if let generation = try body.object("generationConfig") {
            request.temperature = try generation.double("temperature")
            request.maxTokens = try generation.int("maxOutputTokens")
            if let schema = try generation.value("responseJsonSchema") {
                request.responseFormat = .jsonSchema(name: schemaName, schema: schema)
            } else if let schema = try generation.value("responseSchema") {
                request.responseFormat = .jsonSchema(name: schemaName, schema: lowercasedTypes(schema))
            } else if try generation.string("responseMimeType") == "application/json" {
                request.responseFormat = .json
            }
        }
        return request
    }

    /// A turn; the legacy `function` role is the caller's side, like `user`.
    static func message(_ content: GeminiRequestReader) throws(ProviderError) -> Message {
        let role: Message.Role = try content.string("role") == "model" ? .assistant : .user
        var parts: [Message.Part] = []
        for part in try content.objects("parts") ?? [] {
            if let text = try part.string("text") {
                if try part.bool("thought") != true { parts.append(.text(text)) }
            } else if let call = try part.object("functionCall") {
                guard let name = try call.string("name") else { throw invalid(call.path + ".name", "name is required") }
                let args = try call.value("args") ?? .object(JSONObject())
                guard case .object = args else { throw invalid(call.path + ".args", "expected an object, got \(args.typeName)") }
                parts.append(.toolUse(ToolCall(id: try call.string("id") ?? "", name: name, arguments: args)))
            } else if let response = try part.object("functionResponse") {
                guard let name = try response.string("name") else { throw invalid(response.path + ".name", "name is required") }
                let payload = try response.value("response") ?? .object(JSONObject())
                let (content, isError) = functionResponseContent(payload)
                parts.append(.toolResult(id: try response.string("id") ?? "", name: name, content: content, isError: isError))
            }
        }
        return Message(role: role, parts: parts)
    }

    /// `{"output": text}` or `{"error": text}` as the adapter writes it; any other
    /// response object is kept as its JSON text.
    static func functionResponseContent(_ payload: JSONValue) -> (String, Bool) {
        if let object = payload.objectValue, object.count == 1 {
            if let output = object["output"]?.stringValue { return (output, false) }
            if let error = object["error"]?.stringValue { return (error, true) }
        }
        return (payload.jsonString, false)
    }

    /// The SDK writes OpenAPI-style schemas with upper-case `type` values (`"OBJECT"`);
    /// the canonical schema is JSON Schema, whose types are lower case.
    static func lowercasedTypes(_ schema: JSONValue) -> JSONValue {
        switch schema {
        case .object(let object):
            return .object(JSONObject(object.fields.map { field in
                if field.key == "type", case .string(let type) = field.value { return (field.key, .string(type.lowercased())) }
                return (field.key, lowercasedTypes(field.value))
            }))
        case .array(let elements): return .array(elements.map(lowercasedTypes))
        default: return schema
        }
    }

    /// The service's non-streaming body: `candidates`, `usageMetadata`, `modelVersion`,
    /// `responseId`. Written compact (the service pretty-prints; JSON readers do not care).
    public func encodeResponse(_ response: ChatResponse, for request: ChatRequest) -> WireResponse {
        var body = JSONObject()
        body.fields.append(("candidates", [Gemini.candidate(response, finish: response.finishReason, index: true)]))
        if let usage = response.usage { body.fields.append(("usageMetadata", Gemini.usageMetadata(usage))) }
        body.fields.append(("modelVersion", .string(response.model.isEmpty ? request.model : response.model)))
        if !response.id.isEmpty { body.fields.append(("responseId", .string(response.id))) }
        return WireResponse(status: 200, headers: Gemini.jsonHeaders, body: JSONValue.object(body).bytes)
    }

    /// `{"content": {"parts", "role": "model"}, "finishReason", "index"}`.
    static func candidate(_ response: ChatResponse, finish: FinishReason?, index: Bool) -> JSONValue {
        var parts: [JSONValue] = []
        if !response.text.isEmpty || response.toolCalls.isEmpty { parts.append(["text": .string(response.text)]) }
        for call in response.toolCalls { parts.append(["functionCall": functionCall(call)]) }
        var fields: [(key: String, value: JSONValue)] = [("content", ["parts": .array(parts), "role": "model"])]
        if let finish { fields.append(("finishReason", .string(wireFinishReason(finish)))) }
        if index { fields.append(("index", 0)) }
        return .object(JSONObject(fields))
    }

    /// The service's error: its status and `{"error": …}` body; a filtered prompt is a 200
    /// with `promptFeedback`, as the service answers it. Gemini sends no `retry-after`
    /// header: the wait is in the body's `RetryInfo`.
    public func encodeError(_ error: ProviderError) -> WireResponse {
        if case .contentFiltered(let detail) = error {
            return WireResponse(status: 200, headers: Gemini.jsonHeaders, body: Gemini.blockedPromptBody(detail).bytes)
        }
        let (code, body) = Gemini.errorBody(error)
        return WireResponse(status: code, headers: Gemini.jsonHeaders, body: body.bytes)
    }

    /// A blocked prompt answering `request` carries what the service sends with it:
    /// the prompt's `usageMetadata`, `modelVersion` and a `responseId`.
    public func encodeError(_ error: ProviderError, for request: ChatRequest?) -> WireResponse {
        guard case .contentFiltered(let detail) = error, let request else { return encodeError(error) }
        return WireResponse(status: 200, headers: Gemini.jsonHeaders, body: Gemini.blockedPromptBody(detail, for: request).bytes)
    }
}

/// Reads request fields the way the service validates them: a field of the wrong type
/// is the 400 `Invalid value at '…'` the service answers, never a trap.
struct GeminiRequestReader {
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
        Gemini.invalid(fieldPath(key), "expected \(expected), got \(value.typeName)")
    }

    func string(_ key: String) throws(ProviderError) -> String? {
        guard let value = try value(key) else { return nil }
        guard case .string(let s) = value else { throw wrong(key, "a string", value) }
        return s
    }

    func int(_ key: String) throws(ProviderError) -> Int? {
        guard let value = try value(key) else { return nil }
        guard let n = value.intValue else { throw wrong(key, "an integer", value) }
        return n
    }

    func double(_ key: String) throws(ProviderError) -> Double? {
        guard let value = try value(key) else { return nil }
        guard let n = value.doubleValue else { throw wrong(key, "a number", value) }
        return n
    }

    func bool(_ key: String) throws(ProviderError) -> Bool? {
        guard let value = try value(key) else { return nil }
        guard let b = value.boolValue else { throw wrong(key, "a boolean", value) }
        return b
    }

    func array(_ key: String) throws(ProviderError) -> [JSONValue]? {
        guard let value = try value(key) else { return nil }
        guard case .array(let a) = value else { throw wrong(key, "a list", value) }
        return a
    }

    func object(_ key: String) throws(ProviderError) -> GeminiRequestReader? {
        guard let value = try value(key) else { return nil }
        guard case .object(let o) = value else { throw wrong(key, "an object", value) }
        return GeminiRequestReader(o, path: fieldPath(key))
    }

    func objects(_ key: String) throws(ProviderError) -> [GeminiRequestReader]? {
        guard let elements = try array(key) else { return nil }
        var readers: [GeminiRequestReader] = []
        for (i, element) in elements.enumerated() {
            let elementPath = "\(fieldPath(key))[\(i)]"
            guard case .object(let o) = element else {
                throw Gemini.invalid(elementPath, "expected an object, got \(element.typeName)")
            }
            readers.append(GeminiRequestReader(o, path: elementPath))
        }
        return readers
    }
}
