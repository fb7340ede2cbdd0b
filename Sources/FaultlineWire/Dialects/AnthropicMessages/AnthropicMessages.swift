/// Anthropic's Messages API wire format (`POST /v1/messages`), both directions.
///
/// What makes it unlike the other two (see `reference/provider-wire.md`, Anthropic):
/// `max_tokens` is required; the system prompt is a top-level field, not a message;
/// tool-call `input` is a JSON object (streamed as `partial_json` string fragments);
/// usage is split in a stream between `message_start` (input) and `message_delta`
/// (output, cumulative), and its input count excludes cached tokens; a stream is
/// complete only at `message_stop`; an `event: error` may arrive inside a 200 stream;
/// overload is its own status, 529.
public struct AnthropicMessages: Dialect {
    public init() {}
    public var id: DialectID { .anthropicMessages }

    public func makeStreamDecoder() -> any StreamDecoder { AnthropicStreamDecoder() }
}

extension AnthropicMessages {
    /// The path the SDK posts to, after the base URL (and the mock's provider prefix).
    public static let path = "/v1/messages"

    /// The version header value the Python SDK 2.13.0 pins (`_constants.py`,
    /// `ANTHROPIC_API_VERSION`); older clients send `2023-06-01`, and the mock accepts any.
    public static let version = "2026-10-21"

    static let sdkVersion = "2.13.0"
    static let userAgent = "Anthropic/Python " + sdkVersion

    /// Canonical requests have no schema name on this wire; a decoded
    /// `output_config.format` schema is named this.
    public static let schemaName = "response"

    /// What an adapter sends when the canonical request sets no limit: the API requires one.
    public static let defaultMaxTokens = 4096

    /// The API key as the service reads it: `x-api-key` (the documented form, older SDKs,
    /// curl), else `Authorization: Bearer` (what the current Python SDK sends).
    public static func apiKey(of request: WireRequest) -> String? {
        if let key = request.headers["x-api-key"], !key.isEmpty { return key }
        guard let authorization = request.headers["authorization"] else { return nil }
        let prefix = "bearer "
        guard authorization.lowercased().hasPrefix(prefix) else { return nil }
        let token = authorization.dropFirst(prefix.count).drop { $0 == " " }
        return token.isEmpty ? nil : String(token)
    }

    /// The canonical finish reason (`types/stop_reason.py`). `refusal` is the model's
    /// safety stop; `pause_turn` and `model_context_window_exceeded` stay as they are.
    static func finishReason(_ raw: String) -> FinishReason {
        switch raw {
        case "end_turn", "stop_sequence": .stop
        case "max_tokens": .length
        case "tool_use": .toolCalls
        case "refusal": .contentFilter
        default: .other(raw)
        }
    }

    /// The wire spelling of a canonical finish reason.
    static func stopReason(_ reason: FinishReason) -> String {
        switch reason {
        case .stop: "end_turn"
        case .length: "max_tokens"
        case .toolCalls: "tool_use"
        case .contentFilter: "refusal"
        case .other(let raw): raw
        }
    }

    /// `usage` → `Usage`: the service's `input_tokens` excludes cached tokens, so the
    /// canonical input adds cache creation and cache reads; `cached` is the cache reads.
    static func usage(_ reader: AnthropicReader) throws(ProviderError) -> Usage {
        let input = try reader.requiredInt("input_tokens")
        let output = try reader.requiredInt("output_tokens")
        let creation = try reader.int("cache_creation_input_tokens") ?? 0
        let read = try reader.int("cache_read_input_tokens")
        return Usage(input: input + creation + (read ?? 0), output: output, cached: read)
    }

    /// The input-side fields of `usage`, in the service's order; a canonical usage
    /// without a cache count writes `0`, as the service does.
    static func inputUsageFields(_ usage: Usage?) -> [(key: String, value: JSONValue)] {
        let cached = usage?.cached ?? 0
        let input = max(0, (usage?.input ?? 0) - cached)
        return [
            ("input_tokens", .number(Double(input))),
            ("cache_creation_input_tokens", 0),
            ("cache_read_input_tokens", .number(Double(cached))),
        ]
    }

    /// `usage.cache_creation`, the cache writes by TTL (`types/cache_creation.py`); the
    /// canonical usage counts no cache writes, so both are 0, as the service sends them then.
    static let cacheCreationJSON: JSONValue = .object(JSONObject([
        ("ephemeral_5m_input_tokens", 0), ("ephemeral_1h_input_tokens", 0),
    ]))

    /// The full `usage` object of a response body and of `message_start`'s message
    /// (`types/usage.py`), in the service's order: the input side, `cache_creation`,
    /// `output_tokens` (`1` in `message_start`, as the service counts it there), `service_tier`.
    static func usageJSON(_ usage: Usage?, output: Int? = nil) -> JSONValue {
        var fields = inputUsageFields(usage)
        fields.append(("cache_creation", cacheCreationJSON))
        fields.append(("output_tokens", .number(Double(output ?? usage?.output ?? 0))))
        fields.append(("service_tier", "standard"))
        return .object(JSONObject(fields))
    }

    /// `message_delta`'s `usage` (`types/message_delta_usage.py`): cumulative, the input
    /// side repeated as the service now sends it, then `output_tokens`.
    static func deltaUsageJSON(_ usage: Usage) -> JSONValue {
        var fields = inputUsageFields(usage)
        fields.append(("output_tokens", .number(Double(usage.output))))
        return .object(JSONObject(fields))
    }

    /// A request id shaped like the service's (`req_011C…`), derived from `seed` so the
    /// mock's output is reproducible without a random source.
    static func requestID(_ seed: String) -> String {
        let hash = FNV1a.hash(seed)
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)
        var out = Array("req_011C".utf8)
        var state = hash
        for _ in 0..<20 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            out.append(alphabet[Int((state >> 33) % 62)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Reads fields of one JSON object strictly: a required field that is missing, or any
/// field of the wrong type, is shape drift naming its JSON path; an absent or null
/// optional field is `nil`.
struct AnthropicReader {
    let object: JSONObject
    let path: String

    init(_ object: JSONObject, path: String) {
        self.object = object
        self.path = path
    }

    init(_ value: JSONValue, path: String) throws(ProviderError) {
        guard case .object(let object) = value else {
            throw .shapeDrift(path: path, expected: "object", found: value.typeName)
        }
        self.init(object, path: path)
    }

    func present(_ key: String) -> JSONValue? {
        guard let value = object[key], !value.isNull else { return nil }
        return value
    }

    func drift(_ key: String, _ expected: String, _ value: JSONValue?) -> ProviderError {
        .shapeDrift(path: path + "." + key, expected: expected, found: value?.typeName ?? "missing")
    }

    func string(_ key: String) throws(ProviderError) -> String? {
        guard let value = present(key) else { return nil }
        guard case .string(let s) = value else { throw drift(key, "string", value) }
        return s
    }

    func requiredString(_ key: String) throws(ProviderError) -> String {
        guard let s = try string(key) else { throw drift(key, "string", object[key]) }
        return s
    }

    /// A key that must be present but may be null, like `stop_reason`.
    func nullableString(_ key: String) throws(ProviderError) -> String? {
        guard let value = object[key] else { throw drift(key, "string or null", nil) }
        switch value {
        case .null: return nil
        case .string(let s): return s
        default: throw drift(key, "string or null", value)
        }
    }

    func int(_ key: String) throws(ProviderError) -> Int? {
        guard let value = present(key) else { return nil }
        guard let n = value.intValue else { throw drift(key, "integer", value) }
        return n
    }

    func requiredInt(_ key: String) throws(ProviderError) -> Int {
        guard let n = try int(key) else { throw drift(key, "integer", object[key]) }
        return n
    }

    func object(_ key: String) throws(ProviderError) -> AnthropicReader? {
        guard let value = present(key) else { return nil }
        guard case .object(let o) = value else { throw drift(key, "object", value) }
        return AnthropicReader(o, path: path + "." + key)
    }

    func requiredObject(_ key: String) throws(ProviderError) -> AnthropicReader {
        guard let reader = try object(key) else { throw drift(key, "object", object[key]) }
        return reader
    }

    /// The objects of required array `key`, each with its indexed path.
    func requiredObjects(_ key: String) throws(ProviderError) -> [AnthropicReader] {
        guard let value = present(key), case .array(let elements) = value else { throw drift(key, "array", object[key]) }
        var readers: [AnthropicReader] = []
        readers.reserveCapacity(elements.count)
        for (i, element) in elements.enumerated() {
            readers.append(try AnthropicReader(element, path: "\(path).\(key)[\(i)]"))
        }
        return readers
    }
}
