extension AnthropicMessages {
    /// The request the Python SDK (2.13.0) sends: `POST {prefix}/v1/messages`, the key as
    /// `Authorization: Bearer` (`_client.py`, `_api_key_auth`; older SDKs sent `x-api-key`,
    /// which the mock also accepts), its pinned `anthropic-version`, and a compact body in
    /// the order of the SDK's `create` (`resources/messages/messages.py`): `max_tokens`,
    /// `messages`, `model`, then `output_config`, `stream` (only when streaming), `system`,
    /// `tool_choice`, `tools`. The current SDK has no `temperature` parameter; a caller
    /// passes it through `extra_body`, which the SDK merges in last, so it comes last here.
    public func encodeRequest(_ request: ChatRequest, options: ClientOptions) -> WireRequest {
        var headers: WireHeaders = [
            "accept": "application/json",
            "content-type": "application/json",
            "user-agent": AnthropicMessages.userAgent,
            "x-stainless-lang": "python",
            "x-stainless-package-version": AnthropicMessages.sdkVersion,
            "x-stainless-async": "false",
            "anthropic-version": AnthropicMessages.version,
            "x-stainless-retry-count": "0",
        ]
        if let key = options.apiKey { headers.add("authorization", "Bearer " + key) }
        for field in options.extraHeaders { headers.set(field.name, field.value) }
        return WireRequest(
            path: options.pathPrefix + AnthropicMessages.path, headers: headers,
            body: AnthropicMessages.requestBody(request).bytes)
    }

    static func requestBody(_ request: ChatRequest) -> JSONValue {
        var body = JSONObject()
        body.fields.reserveCapacity(9)
        body.fields.append(("max_tokens", .number(Double(request.maxTokens ?? defaultMaxTokens))))
        body.fields.append(("messages", .array(request.messages.map(messageJSON))))
        body.fields.append(("model", .string(request.model)))
        switch request.responseFormat {
        case .text: break
        case .json: body.fields.append(("output_config", ["format": ["type": "json_schema", "schema": ["type": "object"]]]))
        case .jsonSchema(_, let schema): body.fields.append(("output_config", ["format": ["type": "json_schema", "schema": schema]]))
        }
        if request.stream { body.fields.append(("stream", true)) }
        if let system = request.system { body.fields.append(("system", .string(system))) }
        if !request.tools.isEmpty {
            switch request.toolChoice {
            case .auto: break
            case .none: body.fields.append(("tool_choice", ["type": "none"]))
            case .required: body.fields.append(("tool_choice", ["type": "any"]))
            case .tool(let name): body.fields.append(("tool_choice", ["type": "tool", "name": .string(name)]))
            }
            body.fields.append(("tools", .array(request.tools.map(toolJSON))))
        }
        if let temperature = request.temperature { body.fields.append(("temperature", .number(temperature))) }
        if let user = request.user { body.fields.append(("metadata", .object(JSONObject([("user_id", .string(user))])))) }
        return .object(body)
    }

    /// `{"name", "description"?, "input_schema"}`.
    static func toolJSON(_ tool: Tool) -> JSONValue {
        var fields: [(key: String, value: JSONValue)] = [("name", .string(tool.name))]
        if let description = tool.description { fields.append(("description", .string(description))) }
        fields.append(("input_schema", tool.parameters))
        return .object(JSONObject(fields))
    }

    /// A turn: a lone text part is sent as a plain string, as callers usually write it;
    /// anything else as content blocks.
    static func messageJSON(_ message: Message) -> JSONValue {
        let role: JSONValue = message.role == .assistant ? "assistant" : "user"
        if message.parts.count == 1, case .text(let text) = message.parts[0] {
            return ["role": role, "content": .string(text)]
        }
        let blocks: [JSONValue] = message.parts.map { part in
            switch part {
            case .text(let text): return ["type": "text", "text": .string(text)]
            case .toolUse(let call):
                return ["type": "tool_use", "id": .string(call.id), "name": .string(call.name), "input": call.arguments]
            case .toolResult(let id, _, let content, let isError):
                var fields: [(key: String, value: JSONValue)] = [
                    ("type", "tool_result"), ("tool_use_id", .string(id)), ("content", .string(content)),
                ]
                if isError { fields.append(("is_error", true)) }
                return .object(JSONObject(fields))
            }
        }
        return ["role": role, "content": .array(blocks)]
    }

    /// Decodes strictly: any non-2xx status is the classified error (a body that is
    /// not JSON still gives the status class); a 2xx body must be a `message` with
    /// every required field of `types/message.py` of the right type (a missing `usage`
    /// is the one exception: it decodes as unknown usage). Unknown fields and
    /// unknown content block types (new server tools appear often) are ignored.
    public func decodeResponse(_ response: WireResponse) -> Result<ChatResponse, ProviderError> {
        guard (200..<300).contains(response.status) else {
            return .failure(AnthropicMessages.error(status: response.status, body: response.body, headers: response.headers))
        }
        let json: JSONValue
        do { json = try JSONValue(parsing: response.body) } catch {
            return .failure(.malformed(path: "$", detail: "response body is not JSON: \(error)"))
        }
        do throws(ProviderError) {
            return .success(try AnthropicMessages.message(json, headers: response.headers))
        } catch {
            return .failure(error)
        }
    }

    static func message(_ json: JSONValue, headers: WireHeaders) throws(ProviderError) -> ChatResponse {
        let root = try AnthropicReader(json, path: "$")
        let type = try root.requiredString("type")
        if type == "error" {
            // A 2xx carrying an error body: classify it by its type, as a stream error is.
            throw errorFromBody(status: 200, json: json, headers: headers, fallbackMessage: "error body in a 2xx response")
        }
        guard type == "message" else {
            throw ProviderError.shapeDrift(path: "$.type", expected: "\"message\"", found: "\"\(type)\"")
        }
        let id = try root.requiredString("id")
        _ = try root.requiredString("role")
        let model = try root.requiredString("model")
        var text = ""
        var toolCalls: [ToolCall] = []
        for block in try root.requiredObjects("content") {
            switch try block.requiredString("type") {
            case "text": text += try block.requiredString("text")
            case "tool_use": toolCalls.append(try toolCall(block))
            default: break  // thinking, redacted_thinking, server tool blocks: not the answer
            }
        }
        let stopReason = try root.nullableString("stop_reason")
        _ = try root.string("stop_sequence")
        // `usage` is required in `types/message.py`, but an OpenAI-compatible gateway in
        // front of Anthropic may drop it: then it is nil and the chain estimates (and says so).
        let usage = try root.object("usage").map { reader throws(ProviderError) in try AnthropicMessages.usage(reader) }
        return ChatResponse(
            id: id, model: model, text: text, toolCalls: toolCalls,
            finishReason: stopReason.map(finishReason), usage: usage)
    }

    /// A `tool_use` block; `input` must be a JSON object (a string is the drift that
    /// breaks adapters written for OpenAI's string arguments).
    static func toolCall(_ block: AnthropicReader) throws(ProviderError) -> ToolCall {
        let id = try block.requiredString("id")
        let name = try block.requiredString("name")
        guard let input = block.object["input"], case .object = input else {
            throw block.drift("input", "object", block.object["input"])
        }
        return ToolCall(id: id, name: name, arguments: input)
    }
}
