/// OpenAI's Chat Completions wire format (`POST /v1/chat/completions`), both directions,
/// including the Azure OpenAI path form.
///
/// What makes it unlike the other two (see `reference/provider-wire.md`, OpenAI):
/// the system prompt is a message; tool-call `arguments` is a JSON **string**; tool
/// results are their own `role: "tool"` messages; a stream is `data:` lines only and
/// ends with `data: [DONE]`; usage appears in a stream only in a final `choices: []`
/// chunk when `stream_options.include_usage` was asked for; `insufficient_quota` is a
/// 429 that waiting will not fix.
public struct OpenAIChat: Dialect {
    public init() {}
    public var id: DialectID { .openAIChat }

    public func makeStreamDecoder() -> any StreamDecoder { OpenAIChatStreamDecoder() }
}

extension OpenAIChat {
    /// The path the SDK posts to after its default base URL `…/v1` (`_client.py`).
    public static let path = "/v1/chat/completions"

    /// The path suffix every form shares: plain, behind a mock prefix, or Azure.
    public static let pathSuffix = "/chat/completions"

    /// Azure's deployment-scoped base (`lib/azure.py`): `/openai/deployments/{deployment}`.
    public static let azureDeploymentsPrefix = "/openai/deployments/"

    static let userAgent = "OpenAI/Python 3.57.0"

    /// Canonical `.json` has no schema name; a `json_schema` format without one is named this.
    public static let schemaName = "response"

    /// The canonical finish reason (`types/chat/chat_completion.py`); the legacy
    /// `function_call` is a tool call; anything else is kept as drift.
    static func finishReason(_ raw: String) -> FinishReason {
        switch raw {
        case "stop": .stop
        case "length": .length
        case "tool_calls", "function_call": .toolCalls
        case "content_filter": .contentFilter
        default: .other(raw)
        }
    }

    /// `usage` → `Usage` (`types/completion_usage.py`): `prompt_tokens` already includes
    /// cached tokens and `completion_tokens` includes reasoning tokens, as canonical `Usage` does.
    static func usage(_ reader: OpenAIReader) throws(ProviderError) -> Usage {
        let input = try reader.requiredInt("prompt_tokens")
        let output = try reader.requiredInt("completion_tokens")
        let cached = try reader.object("prompt_tokens_details")?.int("cached_tokens")
        let reasoning = try reader.object("completion_tokens_details")?.int("reasoning_tokens")
        return Usage(input: input, output: output, cached: cached, reasoning: reasoning)
    }

    /// The API key as the service reads it: `Authorization: Bearer`, or Azure's `api-key`.
    public static func apiKey(of request: WireRequest) -> String? {
        if let key = request.headers["api-key"], !key.isEmpty { return key }
        guard let authorization = request.headers["authorization"] else { return nil }
        let prefix = "bearer "
        guard authorization.lowercased().hasPrefix(prefix) else { return nil }
        let token = authorization.dropFirst(prefix.count).drop { $0 == " " }
        return token.isEmpty ? nil : String(token)
    }

    /// The Azure deployment named in `path`, if it is an Azure path.
    static func azureDeployment(in path: Substring) -> String? {
        guard let range = path.utf8Range(of: azureDeploymentsPrefix) else { return nil }
        let rest = path[range.upperBound...]
        guard let end = rest.utf8Range(of: pathSuffix), end.lowerBound > rest.startIndex else { return nil }
        return String(rest[..<end.lowerBound])
    }

    /// `req_` and 32 hex digits, as `x-request-id` looks.
    static func requestID(_ seed: String) -> String {
        let a = FNV1a.hash(seed), b = FNV1a.hash(seed + "#")
        return "req_" + FNV1a.hex(a, digits: 16) + FNV1a.hex(b, digits: 16)
    }

    /// `fp_` and 10 hex digits, as `system_fingerprint` looks.
    static func fingerprint(_ model: String) -> String { "fp_" + FNV1a.hex(FNV1a.hash(model), digits: 10) }

    /// A Unix time in late 2026 derived from the id: `created` is seconds, as the service writes it.
    static func created(_ id: String) -> Int { 1_795_000_000 + Int(FNV1a.hash(id) % 1_000_000) }
}

/// Reads fields of one JSON object strictly: a required field that is missing, or any
/// field of the wrong type, is shape drift naming its JSON path; an absent or null
/// optional field is `nil`.
struct OpenAIReader {
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

    /// A key that may be absent or null but, when present, must be a string (like `content`).
    func nullableString(_ key: String) throws(ProviderError) -> String? {
        guard let value = object[key] else { return nil }
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

    func object(_ key: String) throws(ProviderError) -> OpenAIReader? {
        guard let value = present(key) else { return nil }
        guard case .object(let o) = value else { throw drift(key, "object", value) }
        return OpenAIReader(o, path: path + "." + key)
    }

    func requiredObject(_ key: String) throws(ProviderError) -> OpenAIReader {
        guard let reader = try object(key) else { throw drift(key, "object", object[key]) }
        return reader
    }

    /// The objects of array `key` (absent or null is empty), each with its indexed path.
    func objects(_ key: String) throws(ProviderError) -> [OpenAIReader] {
        guard let value = present(key) else { return [] }
        guard case .array(let elements) = value else { throw drift(key, "array", value) }
        var readers: [OpenAIReader] = []
        readers.reserveCapacity(elements.count)
        for (i, element) in elements.enumerated() {
            readers.append(try OpenAIReader(element, path: "\(path).\(key)[\(i)]"))
        }
        return readers
    }

    func requiredObjects(_ key: String) throws(ProviderError) -> [OpenAIReader] {
        guard present(key) != nil else { throw drift(key, "array", object[key]) }
        return try objects(key)
    }
}
