/// Google's Gemini `generateContent` wire format, both directions.
///
/// What makes it unlike the other two (see `reference/provider-wire.md`, Gemini):
/// the model and the stream switch live in the path
/// (`/{version}/models/{model}:generateContent`, `:streamGenerateContent?alt=sse`);
/// function-call `args` is a JSON object; a stream has no terminal event, so it is
/// complete only when a candidate with a `finishReason` arrived before the close;
/// `usageMetadata` is cumulative on every chunk; and `finishReason` is `STOP` also
/// for function calls. The canonical model is uniform across dialects, so a `STOP`
/// whose candidate holds function calls decodes to `.toolCalls`, and `.toolCalls`
/// encodes back as `STOP`.
public struct Gemini: Dialect {
    public init() {}
    public var id: DialectID { .gemini }

    public func makeStreamDecoder() -> any StreamDecoder { GeminiStreamDecoder() }
}

extension Gemini {
    /// The API versions served; the Python SDK defaults to `v1`, many clients use `v1beta`.
    public static let versions: Set<Substring> = ["v1", "v1beta", "v1alpha"]

    /// `ChatResponse.model` is `modelVersion`; Gemini structured output has no schema name,
    /// so a decoded `responseJsonSchema` is named this.
    public static let schemaName = "response"

    /// The API key as the service reads it: `x-goog-api-key`, else the `key` query parameter.
    public static func apiKey(of request: WireRequest) -> String? {
        request.headers["x-goog-api-key"] ?? request.query("key")
    }

    /// The canonical finish reason. `STOP` is also the reason for function calls; the
    /// safety family means the output was filtered. Unknown values are kept (the set grows).
    static func finishReason(_ raw: String, hasToolCalls: Bool) -> FinishReason {
        switch raw {
        case "STOP": hasToolCalls ? .toolCalls : .stop
        case "MAX_TOKENS": .length
        case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY": .contentFilter
        default: .other(raw)
        }
    }

    /// The wire spelling of a canonical finish reason; `.toolCalls` is `STOP` on this wire.
    static func wireFinishReason(_ reason: FinishReason) -> String {
        switch reason {
        case .stop, .toolCalls: "STOP"
        case .length: "MAX_TOKENS"
        case .contentFilter: "SAFETY"
        case .other(let raw): raw
        }
    }

    /// `usageMetadata` → `Usage`: thinking tokens are counted apart from
    /// `candidatesTokenCount` but billed as output, so they are added to `output`.
    static func usage(_ object: JSONObject, path: String) throws(ProviderError) -> Usage {
        let reader = GeminiReader(object, path: path)
        let prompt = try reader.int("promptTokenCount") ?? 0
        let candidates = try reader.int("candidatesTokenCount") ?? 0
        let cached = try reader.int("cachedContentTokenCount")
        let thoughts = try reader.int("thoughtsTokenCount")
        return Usage(input: prompt, output: candidates + (thoughts ?? 0), cached: cached, reasoning: thoughts)
    }

    /// `Usage` → `usageMetadata`, fields in the service's order: `promptTokenCount`,
    /// `candidatesTokenCount`, `totalTokenCount`, `cachedContentTokenCount`,
    /// `promptTokensDetails`, `thoughtsTokenCount`.
    static func usageMetadata(_ usage: Usage) -> JSONValue {
        var fields: [(key: String, value: JSONValue)] = [
            ("promptTokenCount", .number(Double(usage.input))),
            ("candidatesTokenCount", .number(Double(usage.output - (usage.reasoning ?? 0)))),
            ("totalTokenCount", .number(Double(usage.total))),
        ]
        fields.reserveCapacity(6)
        if let cached = usage.cached { fields.append(("cachedContentTokenCount", .number(Double(cached)))) }
        fields.append(("promptTokensDetails", promptTokensDetails(usage.input)))
        if let reasoning = usage.reasoning { fields.append(("thoughtsTokenCount", .number(Double(reasoning)))) }
        return .object(JSONObject(fields))
    }

    /// The early-chunk form, and a blocked prompt's: the service reports the prompt count
    /// (on every chunk of a stream) before the candidates are counted.
    static func promptOnlyUsageMetadata(promptTokens: Int) -> JSONValue {
        .object(JSONObject([
            ("promptTokenCount", .number(Double(promptTokens))), ("totalTokenCount", .number(Double(promptTokens))),
            ("promptTokensDetails", promptTokensDetails(promptTokens)),
        ]))
    }

    static func promptOnlyUsageMetadata(_ usage: Usage) -> JSONValue { promptOnlyUsageMetadata(promptTokens: usage.input) }

    /// `promptTokensDetails`, the prompt count per modality (`ModalityTokenCount`): the
    /// service sends it with every `usageMetadata`; a canonical prompt is all text.
    static func promptTokensDetails(_ tokens: Int) -> JSONValue {
        [.object(JSONObject([("modality", "TEXT"), ("tokenCount", .number(Double(tokens)))]))]
    }
}

/// Reads fields of one JSON object strictly: a field of the wrong type is shape drift
/// naming its JSON path; an absent or null optional field is `nil`.
struct GeminiReader {
    let object: JSONObject
    let path: String

    init(_ object: JSONObject, path: String) {
        self.object = object
        self.path = path
    }

    static func object(_ value: JSONValue, path: String) throws(ProviderError) -> JSONObject {
        guard case .object(let object) = value else {
            throw .shapeDrift(path: path, expected: "object", found: value.typeName)
        }
        return object
    }

    func present(_ key: String) -> JSONValue? {
        guard let value = object[key], !value.isNull else { return nil }
        return value
    }

    func drift(_ key: String, _ expected: String, _ value: JSONValue) -> ProviderError {
        .shapeDrift(path: path + "." + key, expected: expected, found: value.typeName)
    }

    func string(_ key: String) throws(ProviderError) -> String? {
        guard let value = present(key) else { return nil }
        guard case .string(let s) = value else { throw drift(key, "string", value) }
        return s
    }

    func int(_ key: String) throws(ProviderError) -> Int? {
        guard let value = present(key) else { return nil }
        guard let n = value.intValue else { throw drift(key, "integer", value) }
        return n
    }

    func double(_ key: String) throws(ProviderError) -> Double? {
        guard let value = present(key) else { return nil }
        guard let n = value.doubleValue else { throw drift(key, "number", value) }
        return n
    }

    func bool(_ key: String) throws(ProviderError) -> Bool? {
        guard let value = present(key) else { return nil }
        guard let b = value.boolValue else { throw drift(key, "boolean", value) }
        return b
    }

    func object(_ key: String) throws(ProviderError) -> GeminiReader? {
        guard let value = present(key) else { return nil }
        guard case .object(let o) = value else { throw drift(key, "object", value) }
        return GeminiReader(o, path: path + "." + key)
    }

    func array(_ key: String) throws(ProviderError) -> [JSONValue]? {
        guard let value = present(key) else { return nil }
        guard case .array(let a) = value else { throw drift(key, "array", value) }
        return a
    }

    /// The objects of array `key`, each with its indexed path.
    func objects(_ key: String) throws(ProviderError) -> [GeminiReader]? {
        guard let elements = try array(key) else { return nil }
        var readers: [GeminiReader] = []
        readers.reserveCapacity(elements.count)
        for (i, element) in elements.enumerated() {
            let elementPath = "\(path).\(key)[\(i)]"
            readers.append(GeminiReader(try GeminiReader.object(element, path: elementPath), path: elementPath))
        }
        return readers
    }
}
