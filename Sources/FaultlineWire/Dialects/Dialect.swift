/// The wire formats Faultline speaks. The raw value is the name used in chains, suites and fixtures.
public enum DialectID: String, Sendable, Hashable, CaseIterable, Codable {
    case openAIChat = "openai-chat"
    case anthropicMessages = "anthropic-messages"
    case gemini

    /// The codec for this dialect.
    public var dialect: any Dialect {
        switch self {
        case .openAIChat: OpenAIChat()
        case .anthropicMessages: AnthropicMessages()
        case .gemini: Gemini()
        }
    }

    /// Whether the wire format names each tool call with an id the caller must echo in its
    /// tool result. Gemini matches results by function name and usually sends no id.
    public var identifiesToolCalls: Bool { self != .gemini }
}

/// One provider wire format, in both directions: the client side is the adapter
/// under test, the server side is what the mock speaks. Round-tripping one through
/// the other is how each is tested against the other and against recorded fixtures.
///
/// Nothing here does I/O: requests and responses are bytes in, bytes out.
public protocol Dialect: Sendable {
    var id: DialectID { get }

    // MARK: Client side (the adapter)

    /// The HTTP request an official SDK would send for `request`.
    func encodeRequest(_ request: ChatRequest, options: ClientOptions) -> WireRequest

    /// Decodes a complete non-streaming response: a `ChatResponse` for a success, the
    /// classified `ProviderError` for an error status, drift or a malformed body.
    func decodeResponse(_ response: WireResponse) -> Result<ChatResponse, ProviderError>

    /// A fresh incremental decoder for one streamed response body.
    func makeStreamDecoder() -> any StreamDecoder

    // MARK: Server side (the mock)

    /// Reads a request as the provider would: the model, the stream switch and the
    /// request fields; a request the provider would refuse is the error it would send.
    func decodeRequest(_ request: WireRequest) -> Result<ChatRequest, ProviderError>

    /// The provider's non-streaming response body and headers, fields in the provider's order.
    func encodeResponse(_ response: ChatResponse, for request: ChatRequest) -> WireResponse

    /// The provider's stream for `events`: the response head (status 200, SSE headers)
    /// and one element per SSE event, each a complete frame ending in its blank line.
    /// `events` is typically `response.streamEvents(...)`.
    func encodeStream(_ events: [StreamEvent], for request: ChatRequest) -> (head: WireResponse, frames: [[UInt8]])

    /// The provider's own error response for `error`: status, body and headers
    /// (`retry-after`, request id) exactly as the provider sends them.
    func encodeError(_ error: ProviderError) -> WireResponse

    /// The provider's error response for `error` as an answer to `request`, for the
    /// errors whose body describes the request: a Gemini blocked prompt is a 200 with the
    /// prompt's `usageMetadata`, `modelVersion` and `responseId`. Without a request, or
    /// for every other error, the same as `encodeError(_:)`.
    func encodeError(_ error: ProviderError, for request: ChatRequest?) -> WireResponse

    /// An error delivered inside a 200 stream, as this provider does it mid-stream.
    func encodeStreamError(_ error: ProviderError) -> [UInt8]

    /// The stream a stream request gets instead of its answer when the provider refuses it
    /// on the stream itself (Gemini's blocked prompt: a 200 SSE stream of one
    /// `promptFeedback` chunk); nil when the refusal is a plain error response.
    func encodeStreamRefusal(_ error: ProviderError, for request: ChatRequest) -> (head: WireResponse, frames: [[UInt8]])?
}

extension Dialect {
    public func encodeError(_ error: ProviderError, for request: ChatRequest?) -> WireResponse { encodeError(error) }
    public func encodeStreamRefusal(_ error: ProviderError, for request: ChatRequest) -> (head: WireResponse, frames: [[UInt8]])? {
        nil
    }
}

/// Incrementally decodes one response stream. Feed it the body bytes in whatever
/// pieces the network delivered; every split, including mid-UTF-8, gives the same events.
public protocol StreamDecoder: Sendable {
    /// Decodes `bytes`, appending events. Throws at a malformed chunk or a provider
    /// error event; events decoded before it have already been appended.
    mutating func feed(_ bytes: some Collection<UInt8>, into events: inout [StreamEvent]) throws(ProviderError)

    /// The body ended. Throws `.truncatedStream` unless the dialect's completion rule held;
    /// otherwise appends `.done` if not yet emitted.
    mutating func finish(into events: inout [StreamEvent]) throws(ProviderError)
}

/// How the adapter addresses a provider.
public struct ClientOptions: Sendable, Hashable {
    /// The API key; sent in the dialect's auth header, never logged.
    public var apiKey: String?
    /// Prefix before the dialect's path, e.g. `/openai-primary` for a named provider on the mock.
    public var pathPrefix: String
    /// Azure OpenAI: `/openai/deployments/{deployment}/chat/completions?api-version=`.
    public var azure: (deployment: String, apiVersion: String)? {
        get { azureDeployment.map { ($0, azureAPIVersion ?? "2024-10-21") } }
        set { azureDeployment = newValue?.deployment; azureAPIVersion = newValue?.apiVersion }
    }
    public var azureDeployment: String?
    public var azureAPIVersion: String?
    /// Gemini API version path segment: `v1beta` (default here) or `v1`.
    public var geminiVersion: String
    /// Extra headers, e.g. `x-faultline-fault` for a per-request fault.
    public var extraHeaders: WireHeaders

    public init(
        apiKey: String? = nil, pathPrefix: String = "", azureDeployment: String? = nil,
        azureAPIVersion: String? = nil, geminiVersion: String = "v1beta", extraHeaders: WireHeaders = [:]
    ) {
        self.apiKey = apiKey
        self.pathPrefix = pathPrefix
        self.azureDeployment = azureDeployment
        self.azureAPIVersion = azureAPIVersion
        self.geminiVersion = geminiVersion
        self.extraHeaders = extraHeaders
    }

    public static func == (a: ClientOptions, b: ClientOptions) -> Bool {
        a.apiKey == b.apiKey && a.pathPrefix == b.pathPrefix && a.azureDeployment == b.azureDeployment
            && a.azureAPIVersion == b.azureAPIVersion && a.geminiVersion == b.geminiVersion && a.extraHeaders == b.extraHeaders
    }
    public func hash(into h: inout Hasher) { h.combine(pathPrefix); h.combine(azureDeployment); h.combine(geminiVersion) }
}

/// An HTTP request as bytes: `path` includes the query string.
public struct WireRequest: Sendable, Hashable {
    public var method: String
    public var path: String
    public var headers: WireHeaders
    public var body: [UInt8]

    public init(method: String = "POST", path: String, headers: WireHeaders = [:], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
    }

    /// The path without its query string.
    public var pathOnly: Substring {
        guard let question = path.utf8.firstIndex(of: UInt8(ascii: "?")) else { return path[...] }
        return path[..<question]
    }

    /// The value of query parameter `name`, if present (not percent-decoded).
    public func query(_ name: String) -> String? {
        guard let q = path.split(separator: "?", maxSplits: 1).dropFirst().first else { return nil }
        for pair in q.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if kv[0] == name { return kv.count > 1 ? String(kv[1]) : "" }
        }
        return nil
    }
}

/// An HTTP response as bytes.
public struct WireResponse: Sendable, Hashable {
    public var status: Int
    public var headers: WireHeaders
    public var body: [UInt8]

    public init(status: Int, headers: WireHeaders = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
