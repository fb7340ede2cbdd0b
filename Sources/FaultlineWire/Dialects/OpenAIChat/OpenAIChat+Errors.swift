/// OpenAI's error classes, both directions. The body is
/// `{"error": {"message", "type", "param", "code"}}` (`_exceptions.py` reads the inner
/// object); the SDK picks its exception by status (`_client.py`, `_make_status_error`),
/// but an error inside a 200 stream has only the body, so classification reads `code`
/// and `type` first and falls back to the status.
extension OpenAIChat {
    /// Classifies an error response. A body that is not JSON still gives the status class.
    static func error(status: Int, body: [UInt8], headers: WireHeaders) -> ProviderError {
        let fallback = String(decoding: body.prefix(500), as: UTF8.self)
        let json = try? JSONValue(parsing: body)
        // `{"error": …}`, or a bare `{"message": …}` as some compatible providers answer.
        let inner: JSONValue? = json?["error"] ?? (json?["message"] != nil ? json : Optional<JSONValue>.none)
        guard let error = inner, !error.isNull else {
            return classify(status: status, type: nil, code: nil, message: fallback.isEmpty ? "HTTP \(status)" : fallback, headers: headers)
        }
        return errorFromBody(status: status, error: error, headers: headers, fallbackMessage: fallback)
    }

    /// The inner error: an object, or a bare string as some compatible providers send.
    static func errorFromBody(status: Int, error: JSONValue, headers: WireHeaders, fallbackMessage: String) -> ProviderError {
        if case .string(let message) = error {
            return classify(status: status, type: nil, code: nil, message: message, headers: headers)
        }
        let object = error.objectValue
        let code: String? = switch object?["code"] {
        case .string(let s): s
        case .number(let n): String(Int(n))  // Azure writes "404"; some proxies a number
        default: nil
        }
        return classify(status: status, type: object?["type"]?.stringValue, code: code,
            message: object?["message"]?.stringValue ?? fallbackMessage, headers: headers)
    }

    /// The canonical error. `code` decides the classes the status cannot tell apart
    /// (`insufficient_quota` and `rate_limit_exceeded` are both 429;
    /// `context_length_exceeded` and `content_filter` are both 400); a 200 (a stream
    /// error) takes its status from the type.
    static func classify(status: Int, type: String?, code: String?, message: String, headers: WireHeaders) -> ProviderError {
        if code == "insufficient_quota" || type == "insufficient_quota" { return .quotaExhausted(detail: message) }
        if code == "context_length_exceeded" || isContextOverflow(message) { return .contextOverflow(detail: message) }
        if code == "content_filter" || code == "content_policy_violation" { return .contentFiltered(detail: message) }
        var effective = status
        if !(400..<600).contains(status) {
            effective = statusFor(type: type, code: code) ?? 500
            if effective == 500, message.lowercased().contains("overloaded") { effective = 503 }
        }
        switch effective {
        case 429:
            let scope = rateLimitScope(type: type, headers: headers, message: message)
            return .rateLimited(retryAfter: RetryAfter.seconds(from: headers, scope: scope), scope: scope)
        case 503: return .overloaded(retryAfter: RetryAfter.seconds(from: headers))
        case 401, 403: return .authentication(status: effective, detail: message)
        case 500...: return .serverError(status: effective, detail: message)
        default: return .badRequest(status: effective, detail: message)
        }
    }

    /// The status the service pairs with an error type or code, for errors without one.
    static func statusFor(type: String?, code: String?) -> Int? {
        switch code {
        case "rate_limit_exceeded": return 429
        case "invalid_api_key", "invalid_authentication": return 401
        case "unsupported_country_region_territory", "model_not_available": return 403
        case "model_not_found": return 404
        default: break
        }
        switch type {
        case "requests", "tokens", "rate_limit_error": return 429
        case "invalid_request_error": return 400
        case "authentication_error": return 401
        case "permission_error": return 403
        case "not_found_error": return 404
        case "server_error", "api_error": return 500
        default: return nil
        }
    }

    /// "This model's maximum context length is 128000 tokens. However, your messages resulted in …".
    static func isContextOverflow(_ message: String) -> Bool {
        message.lowercased().contains("maximum context length")
    }

    /// Which budget ran out: the error `type` (`requests` or `tokens`), else a
    /// `x-ratelimit-remaining-*` header at 0, else the message ("… on tokens per min (TPM)").
    static func rateLimitScope(type: String?, headers: WireHeaders, message: String) -> RateLimitScope {
        if type == "tokens" { return .tokens }
        if type == "requests" { return .requests }
        if headers["x-ratelimit-remaining-requests"] == "0" { return .requests }
        if headers["x-ratelimit-remaining-tokens"] == "0" { return .tokens }
        return message.contains("tokens per min") || message.contains("(TPM)") ? .tokens : .requests
    }

    /// The status, `type`, `param`, `code` and message the service sends for `error`.
    static func wireError(_ error: ProviderError) -> (status: Int, type: String, param: String?, code: String?, message: String) {
        switch error {
        case .rateLimited(let after, .requests):
            return (429, "requests", nil, "rate_limit_exceeded",
                "Rate limit reached for gpt-4o-mini in organization org-faultline on requests per min (RPM): Limit 500, Used 500, "
                    + "Requested 1. Please try again in \(tryAgain(after)). Visit https://platform.openai.com/account/rate-limits to learn more.")
        case .rateLimited(let after, .tokens):
            return (429, "tokens", nil, "rate_limit_exceeded",
                "Rate limit reached for gpt-4o-mini in organization org-faultline on tokens per min (TPM): Limit 200000, Used 199812, "
                    + "Requested 1042. Please try again in \(tryAgain(after)). Visit https://platform.openai.com/account/rate-limits to learn more.")
        case .overloaded:
            return (503, "server_error", nil, nil, "The server is overloaded or not ready yet.")
        case .quotaExhausted(let detail):
            return (429, "insufficient_quota", nil, "insufficient_quota", detail.isEmpty
                ? "You exceeded your current quota, please check your plan and billing details. For more information on this error, "
                    + "read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors." : detail)
        case .timeout: return (504, "server_error", nil, nil, "Gateway timeout.")
        case .connectionReset(let detail): return (502, "server_error", nil, nil, detail)
        case .serverError(let status, let detail): return (status, "server_error", nil, nil, reclassifiable(detail) ? "The server had an error while processing your request." : detail)
        case .badRequest(let status, let detail):
            // Keep the class: a message that reads as another class would decode as it.
            let message = reclassifiable(detail) ? "Invalid request." : detail
            return (status, "invalid_request_error", nil, status == 404 ? "model_not_found" : nil, message)
        case .authentication(let status, let detail):
            return status == 403
                ? (403, "invalid_request_error", nil, "unsupported_country_region_territory", detail)
                : (status == 401 ? 401 : status, "invalid_request_error", nil, "invalid_api_key", detail)
        case .contextOverflow(let detail):
            return (400, "invalid_request_error", "messages", "context_length_exceeded", detail.isEmpty
                ? "This model's maximum context length is 128000 tokens. However, your messages resulted in 130412 tokens. "
                    + "Please reduce the length of the messages." : detail)
        case .contentFiltered(let detail):
            return (400, "invalid_request_error", "prompt", "content_filter", detail.isEmpty
                ? "The response was filtered due to the prompt triggering Azure OpenAI's content management policy." : detail)
        case .malformed, .shapeDrift, .truncatedStream:
            return (500, "server_error", nil, nil, "The server had an error while processing your request. Sorry about that!")
        }
    }

    /// A message the decoder would read as another class than the one it is sent for.
    static func reclassifiable(_ detail: String) -> Bool {
        isContextOverflow(detail) || detail.lowercased().contains("overloaded")
    }

    /// "120ms", "2s", "1.5s": how the service words the wait in its rate-limit message.
    static func tryAgain(_ after: Double?) -> String {
        guard let after, after.isFinite, after >= 0 else { return "1s" }
        if after < 1 { return "\(Int((after * 1000).rounded()))ms" }
        return after == after.rounded() ? "\(Int(after))s" : "\(after)s"
    }

    /// `{"error": {"message", "type", "param", "code"}}`, in that order.
    static func errorBody(_ wire: (status: Int, type: String, param: String?, code: String?, message: String)) -> JSONValue {
        ["error": [
            "message": .string(wire.message), "type": .string(wire.type),
            "param": wire.param.map(JSONValue.string) ?? .null, "code": wire.code.map(JSONValue.string) ?? .null,
        ]]
    }

    /// `retry-after` as the service writes it: whole seconds, or a decimal for fractions.
    static func retryAfterValue(_ after: Double) -> String {
        after == after.rounded() && after < 1e12 ? "\(Int(after))" : "\(after)"
    }
}
