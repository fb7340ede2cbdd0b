import FaultlineWire

/// The API key a request presented, in any of the forms the official SDKs send:
/// `Authorization: Bearer` (OpenAI, current Anthropic SDK), `x-api-key` (Anthropic),
/// `api-key` (Azure OpenAI), `x-goog-api-key` or `?key=` (Gemini).
struct RequestAuth: Sendable, Hashable {
    var key: String?

    init(headers: WireHeaders, uri: String) {
        if let bearer = headers["authorization"], bearer.utf8.count > 7,
            bearer.utf8.prefix(7).lazy.map({ $0 | 0x20 }).elementsEqual("bearer ".utf8)
        {
            key = String(bearer.utf8.dropFirst(7))
        } else {
            key = headers["x-api-key"] ?? headers["api-key"] ?? headers["x-goog-api-key"]
                ?? WireRequest(path: uri).query("key")
        }
        if key?.isEmpty == true { key = nil }
    }

    var keyID: String? { key.map(KeyHash.keyID) }

    /// Nil when `required` is nil (any key, or none, is accepted) or matches; otherwise the
    /// refusal the provider sends. Gemini answers a wrong key with 400 `API_KEY_INVALID` and
    /// a missing one with 403 `PERMISSION_DENIED`, as the real service does.
    func refusal(required: String?, dialect: DialectID) -> ProviderError? {
        guard let required, key != required else { return nil }
        switch dialect {
        case .openAIChat:
            return .authentication(
                status: 401,
                detail: key == nil
                    ? "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."
                    : "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.")
        case .anthropicMessages:
            return .authentication(status: 401, detail: key == nil ? "x-api-key header is required" : "invalid x-api-key")
        case .gemini:
            return key == nil
                ? .authentication(
                    status: 403,
                    detail: "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.")
                : .authentication(status: 400, detail: "API key not valid. Please pass a valid API key.")
        }
    }

    /// `uri` with the value of a `key=` query parameter hidden, for the journal.
    static func redactingQueryKey(_ uri: String) -> String {
        guard let question = uri.utf8.firstIndex(of: UInt8(ascii: "?")) else { return uri }
        let query = uri[uri.index(after: question)...]
        guard query.hasPrefix("key=") || query.contains("&key=") else { return uri }
        let pairs = query.split(separator: "&", omittingEmptySubsequences: false).map { pair in
            pair.hasPrefix("key=") ? "key=[redacted]" : String(pair)
        }
        return String(uri[...question]) + pairs.joined(separator: "&")
    }
}
