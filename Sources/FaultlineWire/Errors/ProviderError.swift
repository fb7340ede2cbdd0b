/// Everything that can go wrong with one attempt at a provider, in one taxonomy
/// shared by the adapters (which decode errors) and the mock (which encodes them).
public enum ProviderError: Error, Sendable, Hashable {
    /// 429 for requests or tokens; `retryAfter` in seconds from whichever header or body field said so.
    case rateLimited(retryAfter: Double?, scope: RateLimitScope)
    /// The provider is overloaded (Anthropic 529, OpenAI/Gemini 503).
    case overloaded(retryAfter: Double?)
    /// Billing quota used up (OpenAI `insufficient_quota`, Anthropic 402, Gemini quota 429): waiting will not help.
    case quotaExhausted(detail: String)
    case timeout(TimeoutPhase)
    /// The connection was reset or closed before a complete response head.
    case connectionReset(detail: String)
    case serverError(status: Int, detail: String)
    /// 4xx other than the classes below: the request itself is wrong.
    case badRequest(status: Int, detail: String)
    case authentication(status: Int, detail: String)
    case contextOverflow(detail: String)
    case contentFiltered(detail: String)
    /// The body is not what any version of the dialect sends: invalid JSON, invalid UTF-8, broken SSE.
    case malformed(path: String, detail: String)
    /// Valid JSON of the wrong shape: a required field missing or of another type.
    case shapeDrift(path: String, expected: String, found: String)
    /// A stream that ended before its dialect's completion rule held.
    case truncatedStream(detail: String)
}

public enum RateLimitScope: String, Sendable, Hashable, CaseIterable {
    case requests, tokens
}

/// Where in an attempt a timeout fired; each phase has its own budget in a provider's config.
public enum TimeoutPhase: String, Sendable, Hashable, CaseIterable {
    case connect
    case firstByte = "first_byte"
    case firstToken = "first_token"
    case idle
    case total
}

/// What a chain should do after an error, by default.
public enum ErrorDisposition: String, Sendable, Hashable {
    /// Transient: try the same provider again (after any retry-after).
    case retry
    /// This provider cannot serve this request now: go to the next one.
    case fallBack = "fall_back"
    /// No provider can serve this request: stop.
    case fatal
}

extension ProviderError {
    /// The stable class name used in chain configs (`retry_on: [timeout, rate_limited]`), traces and reports.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case rateLimited = "rate_limited"
        case overloaded
        case quotaExhausted = "quota_exhausted"
        case timeout
        case connectionReset = "connection_reset"
        case serverError = "server_error"
        case badRequest = "bad_request"
        case authentication = "auth"
        case contextOverflow = "context_overflow"
        case contentFiltered = "content_filter"
        case malformed
        case shapeDrift = "shape_drift"
        case truncatedStream = "truncated_stream"
    }

    public var kind: Kind {
        switch self {
        case .rateLimited: .rateLimited
        case .overloaded: .overloaded
        case .quotaExhausted: .quotaExhausted
        case .timeout: .timeout
        case .connectionReset: .connectionReset
        case .serverError: .serverError
        case .badRequest: .badRequest
        case .authentication: .authentication
        case .contextOverflow: .contextOverflow
        case .contentFiltered: .contentFiltered
        case .malformed: .malformed
        case .shapeDrift: .shapeDrift
        case .truncatedStream: .truncatedStream
        }
    }

    public var disposition: ErrorDisposition { kind.disposition }

    /// The wait the provider asked for, in seconds.
    public var retryAfter: Double? {
        switch self {
        case .rateLimited(let after, _), .overloaded(let after): after
        default: nil
        }
    }
}

extension ProviderError.Kind {
    /// Transient failures retry; failures tied to this provider (its key, quota, context
    /// window, filter, or a drifted schema) fall back; a bad request would fail anywhere.
    public var disposition: ErrorDisposition {
        switch self {
        case .rateLimited, .overloaded, .timeout, .connectionReset, .serverError, .malformed, .truncatedStream: .retry
        case .quotaExhausted, .authentication, .contextOverflow, .contentFiltered, .shapeDrift: .fallBack
        case .badRequest: .fatal
        }
    }
}

extension ProviderError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .rateLimited(let after, let scope):
            "rate limited (\(scope.rawValue))" + (after.map { ", retry after \($0.formattedSeconds)" } ?? "")
        case .overloaded(let after):
            "overloaded" + (after.map { ", retry after \($0.formattedSeconds)" } ?? "")
        case .quotaExhausted(let detail): "quota exhausted: \(detail)"
        case .timeout(let phase): "timeout (\(phase.rawValue))"
        case .connectionReset(let detail): "connection reset: \(detail)"
        case .serverError(let status, let detail): "server error \(status): \(detail)"
        case .badRequest(let status, let detail): "bad request \(status): \(detail)"
        case .authentication(let status, let detail): "authentication failed \(status): \(detail)"
        case .contextOverflow(let detail): "context overflow: \(detail)"
        case .contentFiltered(let detail): "content filtered: \(detail)"
        case .malformed(let path, let detail): "malformed at \(path): \(detail)"
        case .shapeDrift(let path, let expected, let found): "shape drift at \(path): expected \(expected), got \(found)"
        case .truncatedStream(let detail): "truncated stream: \(detail)"
        }
    }
}

extension Double {
    var formattedSeconds: String {
        self == rounded() ? "\(Int(self)) s" : "\(self) s"
    }
}
