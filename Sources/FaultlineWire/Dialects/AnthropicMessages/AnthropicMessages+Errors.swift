/// Anthropic's error classes, both directions. The body is
/// `{"type": "error", "error": {"type", "message"}, "request_id"}`; the SDK picks its
/// exception by status (`_client.py`, `_make_status_error`), but an `event: error`
/// inside a 200 stream has only the body, so classification reads `error.type` first
/// and falls back to the status when the body is not the expected JSON.
extension AnthropicMessages {
    /// Classifies an error response. A body that is not JSON still gives the status class.
    static func error(status: Int, body: [UInt8], headers: WireHeaders) -> ProviderError {
        let fallback = String(decoding: body.prefix(500), as: UTF8.self)
        guard let json = try? JSONValue(parsing: body) else {
            return classify(status: status, type: nil, message: fallback.isEmpty ? "HTTP \(status)" : fallback, headers: headers)
        }
        return errorFromBody(status: status, json: json, headers: headers, fallbackMessage: fallback)
    }

    static func errorFromBody(status: Int, json: JSONValue, headers: WireHeaders, fallbackMessage: String) -> ProviderError {
        let error = json["error"]?.objectValue
        let type = error?["type"]?.stringValue
        let message = error?["message"]?.stringValue ?? fallbackMessage
        return classify(status: status, type: type, message: message, headers: headers)
    }

    /// The canonical error for an error `type` (`shared/error_type.py`) or, without one,
    /// the status. A 400 `invalid_request_error` is a context overflow when its message
    /// says the prompt is too long, and a content filter when output was blocked.
    static func classify(status: Int, type: String?, message: String, headers: WireHeaders) -> ProviderError {
        // The type decides, except that the generic `api_error` keeps a 5xx status (502, 503).
        let typed = type.flatMap(statusForType)
        let effective = typed == 500 && status >= 500 ? status : typed ?? status
        switch effective {
        case 429:
            let scope = rateLimitScope(headers: headers, message: message)
            return .rateLimited(retryAfter: RetryAfter.seconds(from: headers, scope: scope), scope: scope)
        case 529: return .overloaded(retryAfter: RetryAfter.seconds(from: headers))
        case 402: return .quotaExhausted(detail: message)
        case 401, 403: return .authentication(status: effective, detail: message)
        case 413: return .contextOverflow(detail: message)
        case 400 where isContextOverflow(message): return .contextOverflow(detail: message)
        case 400 where message.lowercased().contains("content filtering"): return .contentFiltered(detail: message)
        case 500...: return .serverError(status: effective, detail: message)
        case 200..<300: return .serverError(status: 500, detail: message)
        default: return .badRequest(status: effective, detail: message)
        }
    }

    /// The status the service pairs with an error type; nil for a type it does not know.
    static func statusForType(_ type: String) -> Int? {
        switch type {
        case "invalid_request_error": 400
        case "authentication_error": 401
        case "billing_error": 402
        case "permission_error": 403
        case "not_found_error": 404
        case "request_too_large": 413
        case "rate_limit_error": 429
        case "api_error": 500
        case "timeout_error": 504
        case "overloaded_error": 529
        default: nil
        }
    }

    /// The error type the service sends with a status.
    static func typeForStatus(_ status: Int) -> String {
        switch status {
        case 400: "invalid_request_error"
        case 401: "authentication_error"
        case 402: "billing_error"
        case 403: "permission_error"
        case 404: "not_found_error"
        case 413: "request_too_large"
        case 429: "rate_limit_error"
        case 504: "timeout_error"
        case 529: "overloaded_error"
        default: "api_error"
        }
    }

    /// "prompt is too long: 215000 tokens > 200000 maximum" (and the older
    /// "input length and `max_tokens` exceed context limit").
    static func isContextOverflow(_ message: String) -> Bool {
        let lower = message.lowercased()
        return lower.contains("prompt is too long") || lower.contains("exceed context limit")
            || lower.contains("context window")
    }

    /// Which budget ran out: a token bucket whose `-remaining` header is 0 (or a message
    /// that names tokens) is `.tokens`; otherwise requests.
    static func rateLimitScope(headers: WireHeaders, message: String) -> RateLimitScope {
        if headers["anthropic-ratelimit-requests-remaining"] == "0" { return .requests }
        for name in ["tokens", "input-tokens", "output-tokens"] where headers["anthropic-ratelimit-\(name)-remaining"] == "0" {
            return .tokens
        }
        let lower = message.lowercased()
        return lower.contains("requests per minute") || !lower.contains("token") ? .requests : .tokens
    }

    /// The status, error type and message the service sends for `error`.
    static func wireError(_ error: ProviderError) -> (status: Int, type: String, message: String) {
        switch error {
        case .rateLimited(_, .requests):
            return (429, "rate_limit_error",
                "This request would exceed the rate limit for your organization of 50 requests per minute. "
                    + "For details, refer to: https://docs.claude.com/en/api/rate-limits.")
        case .rateLimited(_, .tokens):
            return (429, "rate_limit_error",
                "This request would exceed the rate limit for your organization of 30,000 input tokens per minute. "
                    + "For details, refer to: https://docs.claude.com/en/api/rate-limits.")
        case .overloaded: return (529, "overloaded_error", "Overloaded")
        case .quotaExhausted(let detail):
            return (402, "billing_error", detail.isEmpty ? "Your credit balance is too low to access the Anthropic API." : detail)
        case .timeout: return (504, "timeout_error", "Request timed out")
        case .connectionReset(let detail): return (500, "api_error", detail)
        case .serverError(let status, let detail): return (status, typeForStatus(status), detail)
        case .badRequest(let status, let detail):
            // Keep the class: a message that reads as another class would decode as it.
            let misread = isContextOverflow(detail) || detail.lowercased().contains("content filtering")
            return (status, typeForStatus(status), misread ? "Invalid request." : detail)
        case .authentication(let status, let detail): return (status == 403 ? 403 : 401, status == 403 ? "permission_error" : "authentication_error", detail)
        case .contextOverflow(let detail):
            return (400, "invalid_request_error", isContextOverflow(detail) ? detail : "prompt is too long: 215000 tokens > 200000 maximum")
        case .contentFiltered(let detail):
            return (400, "invalid_request_error",
                detail.lowercased().contains("content filtering") ? detail : "Output blocked by content filtering policy")
        case .malformed, .shapeDrift, .truncatedStream: return (500, "api_error", "Internal server error")
        }
    }

    /// `{"type": "error", "error": {"type", "message"}, "request_id"}`.
    static func errorBody(type: String, message: String, requestID: String) -> JSONValue {
        ["type": "error", "error": ["type": .string(type), "message": .string(message)], "request_id": .string(requestID)]
    }
}
