import FaultlineWire
import NIOCore

/// What every connection of one `MockServer` shares: the responder, the journal, the
/// routes and the server's clock. Immutable apart from the thread-safe responder and journal.
final class MockService: Sendable {
    let configuration: MockServerConfiguration
    let responder: MockResponder
    let journal: Journal
    let started: NIODeadline
    let providers: Set<String>
    let requiredKeys: [String: String]
    let models: ModelCatalog
    /// Where provider answers come from: the responder, or a test's own scripts.
    let scripts: @Sendable (MockRequest) -> ResponseScript

    init(
        configuration: MockServerConfiguration, responder: MockResponder,
        scripts: (@Sendable (MockRequest) -> ResponseScript)? = nil
    ) {
        self.configuration = configuration
        self.responder = responder
        self.scripts = scripts ?? { responder.script(for: $0) }
        journal = Journal(capacity: configuration.journalCapacity)
        started = .now()
        providers = Set(configuration.mock.providers.map(\.name) + ["default"])
        var keys: [String: String] = [:]
        for provider in configuration.mock.providers { keys[provider.name] = provider.requiredKey }
        requiredKeys = keys
        models = ModelCatalog(fixtures: configuration.mock.fixtures)
    }

    /// Seconds since the server started, on the monotonic clock.
    func elapsed(_ now: NIODeadline = .now()) -> Double {
        Double(now.uptimeNanoseconds &- started.uptimeNanoseconds) / 1e9
    }

    /// A provider request as received, ready to be answered.
    struct Incoming {
        var method: String
        var uri: String
        var headers: WireHeaders
        var body: [UInt8]
        var route: MockRoute
        var received: Double
        var connection: Int
        var auth: RequestAuth
        /// The key's id when the connection already hashed this very key (keep-alive clients resend it).
        var knownKeyID: (key: String, id: String)?
    }

    /// The script for a provider (non-admin) request and its journal entry, recorded as in progress.
    func answer(_ request: Incoming) -> (script: ResponseScript, entry: JournalEntry) {
        let auth = request.auth
        let keyID = auth.key.flatMap { $0 == request.knownKeyID?.key ? request.knownKeyID?.id : KeyHash.keyID($0) }
        let provider = request.route.provider ?? "default"
        let script: ResponseScript
        switch request.route {
        case .chat(let dialect, _, let path):
            if let refusal = auth.refusal(required: requiredKeys[provider], dialect: dialect) {
                script = Self.plain(dialect.dialect.encodeError(refusal))
            } else {
                let wire = WireRequest(method: request.method, path: path, headers: request.headers, body: request.body)
                script = scripts(
                    MockRequest(dialect: dialect, provider: provider, wire: wire, elapsed: request.received, keyID: keyID))
            }
        case .models(let dialect, _):
            if let refusal = auth.refusal(required: requiredKeys[provider], dialect: dialect) {
                script = Self.plain(dialect.dialect.encodeError(refusal))
            } else {
                script = Self.plain(WireResponse(status: 200, headers: ["content-type": "application/json"], body: models.body(for: dialect)))
            }
        case .notFound(let dialect, _, let path):
            script = Self.plain(dialect.dialect.encodeError(.badRequest(status: 404, detail: Self.notFoundMessage(dialect, request.method, path))))
        case .admin:
            script = Self.plain(WireResponse(status: 404))
        }
        let path = RequestAuth.redactingQueryKey(Self.innerPath(request.route, uri: request.uri))
        let entry = journal.record(JournalEntry(
            id: 0, connection: request.connection, received: request.received, provider: provider,
            dialect: request.route.dialect, method: request.method, path: path, keyID: keyID,
            fingerprint: KeyHash.fingerprint(method: request.method, path: path, body: request.body),
            retryCount: request.headers["x-stainless-retry-count"].flatMap { Int($0) }, faults: script.faults,
            retryAfter: Self.retryAfter(script),
            endUser: configuration.journalEndUsers ? request.route.dialect.flatMap { EndUser.read(request.body, dialect: $0) } : nil))
        return (script, entry)
    }

    /// The 413 for a body over the limit, in the provider's form, journaled.
    func tooLarge(_ request: Incoming) -> (script: ResponseScript, entry: JournalEntry) {
        let dialect = request.route.dialect ?? .openAIChat
        let detail = "Request body too large: the limit is \(configuration.maxBodyBytes) bytes."
        var request = request
        request.route = .notFound(
            dialect: dialect, provider: request.route.provider ?? "default", path: Self.innerPath(request.route, uri: request.uri))
        var answer = answer(request)
        answer.script = Self.plain(dialect.dialect.encodeError(.badRequest(status: 413, detail: detail)))
        return answer
    }

    /// The path below the provider mount, as the journal keeps it.
    static func innerPath(_ route: MockRoute, uri: String) -> String {
        switch route {
        case .chat(_, _, let path), .notFound(_, _, let path): return path
        case .models(_, let provider):
            let prefix = "/" + provider + "/"
            return uri.hasPrefix(prefix) ? String(uri.dropFirst(prefix.count - 1)) : uri
        case .admin: return uri
        }
    }

    /// A complete, unfaulted answer: head, body, end.
    static func plain(_ wire: WireResponse) -> ResponseScript {
        ResponseScript(steps: [.head(status: wire.status, headers: wire.headers, streaming: false), .body(wire.body), .end])
    }

    /// Each provider's wording for an unknown URL.
    static func notFoundMessage(_ dialect: DialectID, _ method: String, _ path: String) -> String {
        switch dialect {
        case .openAIChat: "Invalid URL (\(method) \(path.prefix { $0 != "?" }))"
        case .anthropicMessages: "Not Found"
        case .gemini: "Requested entity was not found."
        }
    }

    /// The wait the script's head asks for: `retry-after-ms`, `retry-after` (seconds), or a
    /// Gemini `RetryInfo.retryDelay` in an error body.
    static func retryAfter(_ script: ResponseScript) -> Double? {
        var status = 0
        for step in script.steps {
            switch step {
            case .head(let code, let headers, _):
                status = code
                if status < 400 { return nil }
                if let ms = headers["retry-after-ms"].flatMap(Double.init) { return ms / 1000 }
                if let seconds = headers["retry-after"].flatMap(Double.init) { return seconds }
            case .body(let bytes) where status >= 400:
                guard let details = (try? JSONValue(parsing: bytes))?["error"]?["details"]?.arrayValue else { return nil }
                for detail in details where detail["@type"]?.stringValue?.hasSuffix("google.rpc.RetryInfo") == true {
                    if let delay = detail["retryDelay"]?.stringValue, delay.hasSuffix("s") { return Double(delay.dropLast()) }
                }
                return nil
            default:
                continue
            }
        }
        return nil
    }
}
