import FaultlineWire

/// Where a request goes. One port serves every dialect at the provider's own paths;
/// a named provider is mounted under `/{provider}/` with the same paths below it.
enum MockRoute: Sendable, Hashable {
    /// A chat request for the responder. `path` is without the provider prefix, query kept.
    case chat(dialect: DialectID, provider: String, path: String)
    /// The provider's model list (`GET /v1/models`, `GET /{version}/models`).
    case models(dialect: DialectID, provider: String)
    case admin(AdminEndpoint)
    /// No route: the 404 of the provider whose path family this looks like.
    case notFound(dialect: DialectID, provider: String, path: String)

    enum AdminEndpoint: String, Sendable, Hashable {
        case health, journal, faults, reset, verdicts, unknown
    }

    var provider: String? {
        switch self {
        case .chat(_, let provider, _), .models(_, let provider), .notFound(_, let provider, _): provider
        case .admin: nil
        }
    }

    var dialect: DialectID? {
        switch self {
        case .chat(let dialect, _, _), .models(let dialect, _), .notFound(let dialect, _, _): dialect
        case .admin: nil
        }
    }

    static let adminPrefix = "/_faultline/"

    /// Resolves `uri` (path and query). A first segment naming a configured provider is
    /// its mount when the rest is a provider path; otherwise the path is the default mount's.
    static func resolve(method: String, uri: String, headers: WireHeaders, providers: Set<String>) -> MockRoute {
        // The two busiest paths, without splitting.
        if method == "POST" {
            if uri == "/v1/chat/completions" { return .chat(dialect: .openAIChat, provider: "default", path: uri) }
            if uri == "/v1/messages" { return .chat(dialect: .anthropicMessages, provider: "default", path: uri) }
        }
        let path = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
        if path.hasPrefix(adminPrefix) {
            return .admin(AdminEndpoint(rawValue: String(path.dropFirst(adminPrefix.count))) ?? .unknown)
        }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        if let first = segments.first, providers.contains(String(first)) {
            let rest = uri.dropFirst(first.count + 1)
            let inner = rest.isEmpty ? "/" : String(rest)
            let route = match(method: method, uri: inner, segments: segments.dropFirst(), headers: headers, provider: String(first))
            guard case .notFound = route else { return route }
            // `/openai/deployments/…` with a provider named `openai`: the unprefixed route wins when it exists.
            let unprefixed = match(method: method, uri: uri, segments: segments, headers: headers, provider: "default")
            if case .notFound = unprefixed { return route }
            return unprefixed
        }
        return match(method: method, uri: uri, segments: segments, headers: headers, provider: "default")
    }

    private static func match(
        method: String, uri: String, segments: ArraySlice<Substring>, headers: WireHeaders, provider: String
    ) -> MockRoute {
        let parts = Array(segments)
        switch (method, parts.count) {
        case ("POST", 3) where parts[0] == "v1" && parts[1] == "chat" && parts[2] == "completions":
            return .chat(dialect: .openAIChat, provider: provider, path: uri)
        case ("POST", 2) where parts[0] == "v1" && parts[1] == "messages":
            return .chat(dialect: .anthropicMessages, provider: provider, path: uri)
        case ("POST", 5) where parts[0] == "openai" && parts[1] == "deployments" && !parts[2].isEmpty
            && parts[3] == "chat" && parts[4] == "completions":
            return .chat(dialect: .openAIChat, provider: provider, path: uri)
        case ("POST", 3) where isGeminiVersion(parts[0]) && parts[1] == "models" && isGeminiMethod(parts[2]):
            return .chat(dialect: .gemini, provider: provider, path: uri)
        case ("GET", 2) where parts[0] == "v1" && parts[1] == "models":
            // The Anthropic SDK lists models at the same path, marked by its version header.
            return .models(dialect: headers["anthropic-version"] != nil ? .anthropicMessages : .openAIChat, provider: provider)
        case ("GET", 2) where parts[0] == "v1beta" && parts[1] == "models":
            return .models(dialect: .gemini, provider: provider)
        default:
            return .notFound(dialect: family(parts, headers: headers), provider: provider, path: uri)
        }
    }

    private static func isGeminiVersion(_ segment: Substring) -> Bool { segment == "v1" || segment == "v1beta" }

    /// `gemini-2.5-flash:generateContent` or `…:streamGenerateContent`.
    private static func isGeminiMethod(_ segment: Substring) -> Bool {
        guard let colon = segment.firstIndex(of: ":"), colon != segment.startIndex else { return false }
        let method = segment[segment.index(after: colon)...]
        return method == "generateContent" || method == "streamGenerateContent"
    }

    /// The dialect whose 404 an unknown path gets: Anthropic for `/v1/messages…` or its
    /// version header, Gemini for `/v1beta/…` and `…/models/{m}:method`, OpenAI otherwise.
    private static func family(_ parts: [Substring], headers: WireHeaders) -> DialectID {
        if parts.count >= 2, parts[0] == "v1", parts[1].hasPrefix("messages") { return .anthropicMessages }
        if headers["anthropic-version"] != nil || headers["x-api-key"] != nil { return .anthropicMessages }
        if parts.first == "v1beta" || headers["x-goog-api-key"] != nil { return .gemini }
        if parts.count >= 3, parts[1] == "models", parts[2].contains(":") { return .gemini }
        return .openAIChat
    }
}
