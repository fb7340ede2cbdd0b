extension OpenAIChat {
    /// Headers the service sends with every answer (`date` and `server` are added by the
    /// mock's head writer; `set-cookie` is left out: a cookie never reaches a fixture).
    static func headers(contentType: String, requestID: String) -> WireHeaders {
        var headers = contentType == jsonContentType ? jsonHeaders : WireHeaders([(name: "content-type", value: contentType)] + constantHeaders)
        headers.fields.append((name: "x-request-id", value: requestID))
        return headers
    }

    static let jsonContentType = "application/json"
    static let constantHeaders: [(name: String, value: String)] = [
        (name: "access-control-expose-headers", value: "X-Request-ID"),
        (name: "openai-organization", value: "faultline-org"),
        (name: "openai-processing-ms", value: "412"),
        (name: "openai-version", value: "2020-10-01"),
    ]
    static let jsonHeaders = WireHeaders([(name: "content-type", value: jsonContentType)] + constantHeaders)

    static let invalidJSONMessage =
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library "
        + "correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble "
        + "figuring out how to fix this, please contact us through our help center at help.openai.com.)"

    /// Reads a request as the service does: `POST …/chat/completions` behind any prefix,
    /// or Azure's `/openai/deployments/{d}/chat/completions?api-version=…` (the deployment
    /// is the model); then the body, with `max_completion_tokens` or the older `max_tokens`.
    /// What the service refuses is the 400 it would answer. Auth is the mock's job.
    public func decodeRequest(_ request: WireRequest) -> Result<ChatRequest, ProviderError> {
        let path = request.pathOnly
        guard path.hasUTF8Suffix(OpenAIChat.pathSuffix) else {
            return .failure(.badRequest(status: 404, detail: "Invalid URL (\(request.method) \(path))"))
        }
        guard request.method.caseInsensitiveEquals("POST") else {
            return .failure(.badRequest(status: 405, detail: "Invalid method for URL (\(request.method) \(path))"))
        }
        let deployment = OpenAIChat.azureDeployment(in: path)
        if deployment != nil, request.query("api-version") == nil {
            return .failure(.badRequest(status: 404, detail: "Resource not found: the api-version query parameter is missing"))
        }
        let json: JSONValue
        do { json = try JSONValue(parsing: request.body) } catch {
            return .failure(.badRequest(status: 400, detail: OpenAIChat.invalidJSONMessage))
        }
        do throws(ProviderError) {
            return .success(try OpenAIChat.chatRequest(json, deployment: deployment))
        } catch {
            return .failure(error)
        }
    }

    static func invalid(_ message: String) -> ProviderError { .badRequest(status: 400, detail: message) }

    static func chatRequest(_ json: JSONValue, deployment: String?) throws(ProviderError) -> ChatRequest {
        guard case .object(let object) = json else {
            throw invalid("Invalid type for 'body': expected an object, but got \(json.typeName) instead.")
        }
        let body = OpenAIRequestReader(object, path: "")
        guard let model = try body.string("model") ?? deployment else { throw invalid("you must provide a model parameter") }
        guard let messageReaders = try body.objects("messages") else { throw invalid("Missing required parameter: 'messages'.") }
        var request = ChatRequest(model: deployment ?? model, messages: [])
        try readMessages(messageReaders, into: &request)
        if let maxTokens = try body.int("max_completion_tokens") {
            request.maxTokens = maxTokens
        } else {
            request.maxTokens = try body.int("max_tokens")
        }
        request.temperature = try body.double("temperature")
        request.stream = try body.bool("stream") ?? false
        if request.stream {
            let options = try body.object("stream_options")
            request.includeStreamUsage = try options?.bool("include_usage") ?? false
            request.includeStreamObfuscation = try options?.bool("include_obfuscation") ?? true
        }
        for tool in try body.objects("tools") ?? [] {
            guard try tool.string("type") ?? "function" == "function", let function = try tool.object("function") else { continue }
            guard let name = try function.string("name") else { throw invalid("Missing required parameter: '\(function.fieldPath("name"))'.") }
            request.tools.append(Tool(name: name, description: try function.string("description"),
                parameters: try function.value("parameters") ?? .object(JSONObject())))
        }
        if let choice = try body.value("tool_choice") {
            switch choice {
            case .string("auto"): request.toolChoice = .auto
            case .string("none"): request.toolChoice = .none
            case .string("required"): request.toolChoice = .required
            case .object(let o):
                let reader = OpenAIRequestReader(o, path: "tool_choice")
                guard let name = try reader.object("function")?.string("name") else {
                    throw invalid("Missing required parameter: 'tool_choice.function.name'.")
                }
                request.toolChoice = .tool(name)
            default:
                throw invalid("Invalid value for 'tool_choice': expected 'none', 'auto', 'required' or a named function.")
            }
        }
        if let format = try body.object("response_format") {
            switch try format.string("type") {
            case "json_object": request.responseFormat = .json
            case "json_schema":
                guard let spec = try format.object("json_schema") else {
                    throw invalid("Missing required parameter: 'response_format.json_schema'.")
                }
                request.responseFormat = .jsonSchema(name: try spec.string("name") ?? schemaName,
                    schema: try spec.value("schema") ?? .object(JSONObject()))
            case "text", nil: break
            case let other?:
                throw invalid("Invalid value: '\(other)'. Supported values are: 'json_object', 'json_schema', and 'text'.")
            }
        }
        return request
    }

    /// System and developer messages become the system prompt; consecutive `tool`
    /// messages become one user turn of tool results, each named from the assistant's
    /// earlier call with that id.
    static func readMessages(_ readers: [OpenAIRequestReader], into request: inout ChatRequest) throws(ProviderError) {
        var toolNames: [String: String] = [:]
        for reader in readers {
            let role = try reader.string("role")
            switch role {
            case "system", "developer":
                let text = try content(reader)
                request.system = request.system.map { $0 + "\n" + text } ?? text
            case "user":
                let parts = try textParts(reader)
                request.messages.append(Message(role: .user, parts: parts))
            case "assistant":
                var parts: [Message.Part] = try textParts(reader).filter { $0 != .text("") }
                for call in try reader.objects("tool_calls") ?? [] {
                    guard let id = try call.string("id"), let function = try call.object("function"),
                        let name = try function.string("name")
                    else { throw invalid("Missing required parameter: '\(call.fieldPath("function"))'.") }
                    let raw = try function.string("arguments") ?? ""
                    let arguments = raw.isEmpty ? .object(JSONObject()) : (try? JSONValue(parsing: Array(raw.utf8))) ?? .string(raw)
                    toolNames[id] = name
                    parts.append(.toolUse(ToolCall(id: id, name: name, arguments: arguments)))
                }
                request.messages.append(Message(role: .assistant, parts: parts))
            case "tool":
                guard let id = try reader.string("tool_call_id") else {
                    throw invalid("Missing required parameter: '\(reader.fieldPath("tool_call_id"))'.")
                }
                let part = Message.Part.toolResult(id: id, name: toolNames[id] ?? "", content: try content(reader), isError: false)
                if let last = request.messages.last, last.role == .user, last.parts.allSatisfy(isToolResult) {
                    request.messages[request.messages.count - 1].parts.append(part)
                } else {
                    request.messages.append(Message(role: .user, parts: [part]))
                }
            default:
                throw invalid("Invalid value: '\(role ?? "")'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.")
            }
        }
    }

    static func isToolResult(_ part: Message.Part) -> Bool { if case .toolResult = part { true } else { false } }

    /// `content` as text parts: a string is one part, an array gives one per text part.
    static func textParts(_ reader: OpenAIRequestReader) throws(ProviderError) -> [Message.Part] {
        switch try reader.value("content") {
        case nil: return []
        case .string(let s)?: return [.text(s)]
        case .array(let items)?:
            var parts: [Message.Part] = []
            for item in items where item["type"]?.stringValue == "text" {
                parts.append(.text(item["text"]?.stringValue ?? ""))
            }
            return parts
        case let other?:
            throw invalid("Invalid type for '\(reader.fieldPath("content"))': expected one of a string or array of objects, but got \(other.typeName) instead.")
        }
    }

    static func content(_ reader: OpenAIRequestReader) throws(ProviderError) -> String {
        try textParts(reader).map { if case .text(let t) = $0 { t } else { "" } }.joined()
    }

    /// The service's non-streaming body (fields in its order, see `completionBytes`) and head.
    public func encodeResponse(_ response: ChatResponse, for request: ChatRequest) -> WireResponse {
        let model = response.model.isEmpty ? request.model : response.model
        return WireResponse(
            status: 200, headers: OpenAIChat.headers(contentType: "application/json", requestID: OpenAIChat.requestID(response.id)),
            body: OpenAIChat.completionBytes(response, model: model))
    }

    /// The service's error: its status, `{"error": {…}}` body, `x-request-id`, and on a
    /// 429 or 503 `retry-after` when the error has a wait; a rate limit also carries the
    /// `x-ratelimit-*` counters of the exhausted budget (its reset only with a wait, so a
    /// wait is never invented).
    public func encodeError(_ error: ProviderError) -> WireResponse {
        let wire = OpenAIChat.wireError(error)
        var headers = OpenAIChat.headers(contentType: "application/json", requestID: OpenAIChat.requestID("\(wire.status) \(wire.message)"))
        if case .rateLimited(let after, let scope) = error {
            headers.add("x-ratelimit-limit-requests", "500")
            headers.add("x-ratelimit-limit-tokens", "200000")
            headers.add("x-ratelimit-remaining-requests", scope == .requests ? "0" : "499")
            headers.add("x-ratelimit-remaining-tokens", scope == .tokens ? "0" : "198958")
            if let after, after.isFinite, after >= 0 {
                headers.add("x-ratelimit-reset-\(scope.rawValue)", OpenAIChat.tryAgain(after))
            }
        }
        if let after = error.retryAfter, after.isFinite, after >= 0 {
            headers.add("retry-after", OpenAIChat.retryAfterValue(after))
        }
        if wire.status == 429 || wire.status >= 500 { headers.add("x-should-retry", "true") }
        return WireResponse(status: wire.status, headers: headers, body: OpenAIChat.errorBody(wire).bytes)
    }

    /// The body of `GET /v1/models` (`types/model.py`): `{"object": "list", "data": [{"id",
    /// "object": "model", "created", "owned_by"}]}`.
    public static func modelsListBody(models: [String]) -> [UInt8] {
        let data: [JSONValue] = models.map { model in
            ["id": .string(model), "object": "model", "created": .number(Double(1_686_935_002 + Int(FNV1a.hash(model) % 50_000_000))),
                "owned_by": "system"]
        }
        return JSONValue.object(["object": "list", "data": .array(data)]).bytes
    }
}

/// Reads request fields the way the service validates them: a field of the wrong type is
/// the 400 the service answers (`Invalid type for 'messages[0].content'`), never a trap.
struct OpenAIRequestReader {
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
        OpenAIChat.invalid("Invalid type for '\(fieldPath(key))': expected \(expected), but got \(value.typeName) instead.")
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
        guard let n = value.doubleValue else { throw wrong(key, "a decimal", value) }
        return n
    }

    func bool(_ key: String) throws(ProviderError) -> Bool? {
        guard let value = try value(key) else { return nil }
        guard let b = value.boolValue else { throw wrong(key, "a boolean", value) }
        return b
    }

    func object(_ key: String) throws(ProviderError) -> OpenAIRequestReader? {
        guard let value = try value(key) else { return nil }
        guard case .object(let o) = value else { throw wrong(key, "an object", value) }
        return OpenAIRequestReader(o, path: fieldPath(key))
    }

    /// Array elements are addressed `messages[0]`, as the service's messages do.
    func objects(_ key: String) throws(ProviderError) -> [OpenAIRequestReader]? {
        guard let value = try value(key) else { return nil }
        guard case .array(let elements) = value else { throw wrong(key, "an array", value) }
        var readers: [OpenAIRequestReader] = []
        readers.reserveCapacity(elements.count)
        for (i, element) in elements.enumerated() {
            let elementPath = "\(fieldPath(key))[\(i)]"
            guard case .object(let o) = element else {
                throw OpenAIChat.invalid("Invalid type for '\(elementPath)': expected an object, but got \(element.typeName) instead.")
            }
            readers.append(OpenAIRequestReader(o, path: elementPath))
        }
        return readers
    }
}
