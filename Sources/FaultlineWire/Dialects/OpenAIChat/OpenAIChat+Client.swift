extension OpenAIChat {
    /// The request the Python SDK sends: `POST {prefix}/v1/chat/completions` with
    /// `Authorization: Bearer` (`_client.py`, `auth_headers`), or for Azure
    /// `{prefix}/openai/deployments/{d}/chat/completions?api-version=…` with `api-key`
    /// (`lib/azure.py`). The body is in the SDK's order: its generated `create`
    /// (`resources/chat/completions/completions.py`) lists `model`, `stream`,
    /// `service_tier`, `messages`, then the other parameters alphabetically, drops the
    /// unset ones, and writes compact JSON (`_utils/_json.py`).
    public func encodeRequest(_ request: ChatRequest, options: ClientOptions) -> WireRequest {
        var headers: WireHeaders = [
            "accept": "application/json",
            "content-type": "application/json",
            "user-agent": OpenAIChat.userAgent,
            "x-stainless-lang": "python",
            "x-stainless-package-version": "3.57.0",
            "x-stainless-retry-count": "0",
        ]
        let path: String
        if let azure = options.azure {
            path = options.pathPrefix + OpenAIChat.azureDeploymentsPrefix + azure.deployment + OpenAIChat.pathSuffix
                + "?api-version=" + azure.apiVersion
            if let key = options.apiKey { headers.add("api-key", key) }
        } else {
            path = options.pathPrefix + OpenAIChat.path
            if let key = options.apiKey { headers.add("authorization", "Bearer " + key) }
        }
        for field in options.extraHeaders { headers.set(field.name, field.value) }
        return WireRequest(path: path, headers: headers, body: OpenAIChat.requestBody(request).bytes)
    }

    static func requestBody(_ request: ChatRequest) -> JSONValue {
        var body = JSONObject()
        body.fields.reserveCapacity(9)
        body.fields.append(("model", .string(request.model)))
        if request.stream { body.fields.append(("stream", true)) }
        body.fields.append(("messages", .array(messagesJSON(request))))
        if let maxTokens = request.maxTokens { body.fields.append(("max_completion_tokens", .number(Double(maxTokens)))) }
        switch request.responseFormat {
        case .text: break
        case .json: body.fields.append(("response_format", ["type": "json_object"]))
        case .jsonSchema(let name, let schema):
            body.fields.append(("response_format", [
                "type": "json_schema", "json_schema": ["name": .string(name), "schema": schema, "strict": true],
            ]))
        }
        if request.stream, request.includeStreamUsage || !request.includeStreamObfuscation {
            // As the SDK writes `stream_options`: only the options set, in the order given.
            var options = JSONObject()
            if !request.includeStreamObfuscation { options.fields.append(("include_obfuscation", false)) }
            if request.includeStreamUsage { options.fields.append(("include_usage", true)) }
            body.fields.append(("stream_options", .object(options)))
        }
        if let temperature = request.temperature { body.fields.append(("temperature", .number(temperature))) }
        if let user = request.user { body.fields.append(("user", .string(user))) }
        if !request.tools.isEmpty {
            switch request.toolChoice {
            case .auto: break
            case .none: body.fields.append(("tool_choice", "none"))
            case .required: body.fields.append(("tool_choice", "required"))
            case .tool(let name): body.fields.append(("tool_choice", ["type": "function", "function": ["name": .string(name)]]))
            }
            body.fields.append(("tools", .array(request.tools.map(toolJSON))))
        }
        return .object(body)
    }

    /// `{"type": "function", "function": {"name", "description"?, "parameters"}}`.
    static func toolJSON(_ tool: Tool) -> JSONValue {
        var function: [(key: String, value: JSONValue)] = [("name", .string(tool.name))]
        if let description = tool.description { function.append(("description", .string(description))) }
        function.append(("parameters", tool.parameters))
        return ["type": "function", "function": .object(JSONObject(function))]
    }

    /// The conversation as OpenAI messages: the system prompt first; each tool result its
    /// own `role: "tool"` message; an assistant turn with calls carries `tool_calls` with
    /// `arguments` as a JSON string and `content: null` when it said nothing.
    static func messagesJSON(_ request: ChatRequest) -> [JSONValue] {
        var out: [JSONValue] = []
        out.reserveCapacity(request.messages.count + 1)
        if let system = request.system { out.append(["role": "system", "content": .string(system)]) }
        for message in request.messages {
            switch message.role {
            case .assistant:
                let calls: [JSONValue] = message.parts.compactMap { part in
                    guard case .toolUse(let call) = part else { return nil }
                    return ["id": .string(call.id), "type": "function",
                        "function": ["name": .string(call.name), "arguments": .string(call.arguments.jsonString)]]
                }
                let text = message.text
                if calls.isEmpty {
                    out.append(["role": "assistant", "content": .string(text)])
                } else {
                    out.append(["role": "assistant", "content": text.isEmpty ? .null : .string(text), "tool_calls": .array(calls)])
                }
            case .user:
                var texts: [String] = []
                for part in message.parts {
                    switch part {
                    case .text(let text): texts.append(text)
                    case .toolResult(let id, _, let content, _):
                        out.append(["role": "tool", "tool_call_id": .string(id), "content": .string(content)])
                    case .toolUse: break  // a user turn cannot call tools
                    }
                }
                if texts.count == 1 {
                    out.append(["role": "user", "content": .string(texts[0])])
                } else if texts.count > 1 {
                    out.append(["role": "user", "content": .array(texts.map { ["type": "text", "text": .string($0)] })])
                } else if message.parts.isEmpty {
                    out.append(["role": "user", "content": ""])
                }
            }
        }
        return out
    }

    /// Decodes strictly: any non-2xx status is the classified error (a body that is not
    /// JSON still gives the status class); a 2xx body must be a `chat.completion` whose
    /// required fields (`types/chat/chat_completion.py`) have the right types. Unknown
    /// fields are ignored, as OpenAI-compatible providers add their own.
    public func decodeResponse(_ response: WireResponse) -> Result<ChatResponse, ProviderError> {
        guard (200..<300).contains(response.status) else {
            return .failure(OpenAIChat.error(status: response.status, body: response.body, headers: response.headers))
        }
        let json: JSONValue
        do { json = try JSONValue(parsing: response.body) } catch {
            return .failure(.malformed(path: "$", detail: "response body is not JSON: \(error)"))
        }
        do throws(ProviderError) {
            return .success(try OpenAIChat.completion(json))
        } catch {
            return .failure(error)
        }
    }

    static func completion(_ json: JSONValue) throws(ProviderError) -> ChatResponse {
        let root = try OpenAIReader(json, path: "$")
        if let error = root.present("error"), root.present("choices") == nil {
            // A 2xx carrying an error body, as some compatible proxies answer.
            throw errorFromBody(status: 200, error: error, headers: [:], fallbackMessage: "error body in a 2xx response")
        }
        let id = try root.requiredString("id")
        if let object = try root.string("object"), object != "chat.completion" {
            throw ProviderError.shapeDrift(path: "$.object", expected: "\"chat.completion\"", found: "\"\(object)\"")
        }
        _ = try root.int("created")
        let model = try root.requiredString("model")
        let choices = try root.requiredObjects("choices")
        var response = ChatResponse(id: id, model: model)
        if let reader = try root.object("usage") { response.usage = try OpenAIChat.usage(reader) }
        guard let choice = choices.first else { return response }
        _ = try choice.int("index")
        let message = try choice.requiredObject("message")
        response.text = try message.nullableString("content") ?? ""
        _ = try message.nullableString("refusal")
        for call in try message.objects("tool_calls") { response.toolCalls.append(try toolCall(call)) }
        if let reason = try choice.nullableString("finish_reason") { response.finishReason = finishReason(reason) }
        return response
    }

    /// A `tool_calls` entry. `arguments` must be a string holding JSON: an object there is
    /// drift (the SDK lets it through), a string that is not JSON is the model's fault and
    /// reported as malformed with its path.
    static func toolCall(_ call: OpenAIReader) throws(ProviderError) -> ToolCall {
        let id = try call.requiredString("id")
        let function = try call.requiredObject("function")
        let name = try function.requiredString("name")
        guard let value = function.object["arguments"], case .string(let raw) = value else {
            throw function.drift("arguments", "string", function.object["arguments"])
        }
        return ToolCall(id: id, name: name, arguments: try arguments(raw, path: function.path + ".arguments"))
    }

    /// The JSON an `arguments` string holds; an empty string is a call without arguments.
    static func arguments(_ raw: String, path: String) throws(ProviderError) -> JSONValue {
        if raw.isEmpty { return .object(JSONObject()) }
        do { return try JSONValue(parsing: Array(raw.utf8)) } catch {
            throw ProviderError.malformed(path: path, detail: "arguments are not valid JSON: \(raw.prefix(80))")
        }
    }
}
