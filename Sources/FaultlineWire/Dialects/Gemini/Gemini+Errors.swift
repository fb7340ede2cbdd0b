/// Gemini's error classes, both directions. The body is
/// `{"error": {"code", "message", "status", "details"}}` with a google.rpc status name;
/// a 429's wait is `details[].retryDelay` of the `google.rpc.RetryInfo` entry ("13s").
extension Gemini {
    static let typePrefix = "type.googleapis.com/google.rpc."

    /// Classifies an error response. A body that is not JSON still gives the status class,
    /// as the SDK does (it wraps the text as the message).
    static func error(status: Int, body: [UInt8], headers: WireHeaders) -> ProviderError {
        var message = String(decoding: body.prefix(500), as: UTF8.self)
        var statusName = ""
        var details: [JSONValue] = []
        if let json = try? JSONValue(parsing: body), let error = json["error"]?.objectValue {
            message = error["message"]?.stringValue ?? message
            statusName = error["status"]?.stringValue ?? ""
            details = error["details"]?.arrayValue ?? []
        }
        return classify(status: status, statusName: statusName, message: message, details: details, headers: headers)
    }

    static func classify(
        status: Int, statusName: String, message: String, details: [JSONValue], headers: WireHeaders
    ) -> ProviderError {
        let retryAfter = retryDelay(details) ?? headers["retry-after"].flatMap { Double($0.filter { $0 != " " }) }
        let lower = message.lowercased()
        switch status {
        case 429:
            let quotaIds = details.compactMap { $0["violations"]?.arrayValue }.joined()
                .map { ($0["quotaId"]?.stringValue ?? "") + " " + ($0["quotaMetric"]?.stringValue ?? "") }
            if quotaIds.contains(where: { $0.contains("PerDay") }) || lower.contains("credits are depleted")
                || lower.contains("spending cap")
            {
                return .quotaExhausted(detail: message)
            }
            let tokens = quotaIds.contains { $0.lowercased().contains("token") }
            return .rateLimited(retryAfter: retryAfter, scope: tokens ? .tokens : .requests)
        case 503: return .overloaded(retryAfter: retryAfter)
        case 401, 403: return .authentication(status: status, detail: message)
        case 400 where isInvalidKey(message: message, details: details):
            return .authentication(status: status, detail: message)
        case 400 where lower.contains("token count") && lower.contains("exceeds the maximum"):
            return .contextOverflow(detail: message)
        case 413: return .contextOverflow(detail: message)
        case 500...: return .serverError(status: status, detail: message)
        default: return .badRequest(status: status, detail: message)
        }
    }

    /// The service answers a wrong key with 400 `INVALID_ARGUMENT`, reason `API_KEY_INVALID`.
    static func isInvalidKey(message: String, details: [JSONValue]) -> Bool {
        message.hasPrefix("API key not valid") || details.contains { $0["reason"]?.stringValue == "API_KEY_INVALID" }
    }

    /// The RetryInfo entry's delay, a protobuf Duration such as `"13s"` or `"0.5s"`.
    static func retryDelay(_ details: [JSONValue]) -> Double? {
        for detail in details where detail["@type"]?.stringValue == typePrefix + "RetryInfo" {
            if let raw = detail["retryDelay"]?.stringValue, raw.hasSuffix("s"), let seconds = Double(raw.dropLast()),
                seconds >= 0, seconds.isFinite
            {
                return seconds
            }
        }
        return nil
    }

    /// A protobuf Duration string: whole seconds without a fraction.
    static func duration(_ seconds: Double) -> String {
        seconds == seconds.rounded() && seconds < 1e15 ? "\(Int(seconds))s" : "\(seconds)s"
    }

    /// The status, google.rpc status name and message the service sends for `error`.
    static func wireError(_ error: ProviderError) -> (code: Int, status: String, message: String, details: [JSONValue]) {
        switch error {
        case .rateLimited(let after, let scope):
            let quota: (metric: String, id: String, value: String) =
                scope == .tokens
                ? ("generativelanguage.googleapis.com/generate_content_paid_tier_input_token_count",
                    "GenerateContentPaidTierInputTokensPerModelPerMinute", "1000000")
                : ("generativelanguage.googleapis.com/generate_content_paid_tier_requests",
                    "GenerateRequestsPerMinutePerProjectPerModel", "1000")
            var details: [JSONValue] = [quotaFailure(quota.metric, quota.id, quota.value)]
            if let after { details.append(["@type": .string(typePrefix + "RetryInfo"), "retryDelay": .string(duration(after))]) }
            let message = "You exceeded your current quota, please check your plan and billing details. "
                + "For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits."
            return (429, "RESOURCE_EXHAUSTED", message, details)
        case .quotaExhausted(let detail):
            let details = [quotaFailure(
                "generativelanguage.googleapis.com/generate_content_free_tier_requests",
                "GenerateRequestsPerDayPerProjectPerModel-FreeTier", "250")]
            return (429, "RESOURCE_EXHAUSTED", detail, details)
        case .overloaded(let after):
            let details: [JSONValue] = after.map { [["@type": .string(typePrefix + "RetryInfo"), "retryDelay": .string(duration($0))]] } ?? []
            return (503, "UNAVAILABLE", "The model is overloaded. Please try again later.", details)
        case .timeout: return (504, "DEADLINE_EXCEEDED", "Deadline expired before operation could complete.", [])
        case .connectionReset(let detail): return (503, "UNAVAILABLE", detail, [])
        case .serverError(let status, let detail): return (status, statusName(status), detail, [])
        case .badRequest(let status, let detail): return (status, statusName(status), detail, [])
        case .authentication(let status, let detail):
            if status == 400 || isInvalidKey(message: detail, details: []) {
                let reason: JSONValue = [
                    "@type": .string(typePrefix + "ErrorInfo"), "reason": "API_KEY_INVALID",
                    "domain": "googleapis.com", "metadata": ["service": "generativelanguage.googleapis.com"],
                ]
                return (400, "INVALID_ARGUMENT", isInvalidKey(message: detail, details: []) ? detail : "API key not valid. Please pass a valid API key.", [reason])
            }
            return (status, statusName(status), detail, [])
        case .contextOverflow(let detail):
            let lower = detail.lowercased()
            let message = lower.contains("token count") && lower.contains("exceeds the maximum")
                ? detail : "The input token count exceeds the maximum number of tokens allowed (1048576)."
            return (400, "INVALID_ARGUMENT", message, [])
        case .contentFiltered(let detail): return (400, "INVALID_ARGUMENT", detail, [])
        case .malformed(_, let detail), .truncatedStream(let detail): return (500, "INTERNAL", detail, [])
        case .shapeDrift: return (500, "INTERNAL", error.description, [])
        }
    }

    static func quotaFailure(_ metric: String, _ id: String, _ value: String) -> JSONValue {
        [
            "@type": .string(typePrefix + "QuotaFailure"),
            "violations": [["quotaMetric": .string(metric), "quotaId": .string(id), "quotaValue": .string(value)]],
        ]
    }

    /// The google.rpc code name the service pairs with an HTTP status.
    static func statusName(_ status: Int) -> String {
        switch status {
        case 400: "INVALID_ARGUMENT"
        case 401: "UNAUTHENTICATED"
        case 403: "PERMISSION_DENIED"
        case 404: "NOT_FOUND"
        case 409: "ABORTED"
        case 429: "RESOURCE_EXHAUSTED"
        case 499: "CANCELLED"
        case 501: "UNIMPLEMENTED"
        case 503: "UNAVAILABLE"
        case 504: "DEADLINE_EXCEEDED"
        case 500...: "INTERNAL"
        default: "FAILED_PRECONDITION"
        }
    }

    /// `{"error": {"code", "message", "status", "details"?}}`, `error` first: the SDK
    /// recognises a mid-stream error only when it is the first key.
    static func errorBody(_ error: ProviderError) -> (code: Int, body: JSONValue) {
        let wire = wireError(error)
        var fields: [(key: String, value: JSONValue)] = [
            ("code", .number(Double(wire.code))), ("message", .string(wire.message)), ("status", .string(wire.status)),
        ]
        if !wire.details.isEmpty { fields.append(("details", .array(wire.details))) }
        return (wire.code, ["error": .object(JSONObject(fields))])
    }

    /// A response id shaped like the service's (22 base64url characters), derived from
    /// `seed` so the mock's output is reproducible without a random source.
    static func responseID(_ seed: String) -> String {
        let hash = FNV1a.hash(seed)
        let alphabet: StaticString = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
        var state = hash
        return String(unsafeUninitializedCapacity: 22) { buffer in
            for i in 0..<22 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                buffer[i] = alphabet.utf8Start[Int(state >> 58)]
            }
            return 22
        }
    }

    /// A blocked prompt: a 200 whose body has `promptFeedback.blockReason` and no candidates;
    /// when the request is known, then the prompt's `usageMetadata` (no candidates counted),
    /// `modelVersion` and `responseId`, in the service's order.
    static func blockedPromptBody(_ detail: String, for request: ChatRequest? = nil) -> JSONValue {
        let prefix = "prompt blocked: "
        var reason = "SAFETY"
        var message: String?
        if detail.hasPrefix(prefix) {
            let rest = detail.dropFirst(prefix.count)
            let parts = rest.split(separator: ":", maxSplits: 1)
            if let first = parts.first, !first.isEmpty { reason = String(first) }
            if parts.count > 1 { message = String(parts[1].drop { $0 == " " }) }
        } else if !detail.isEmpty {
            message = detail
        }
        var feedback: [(key: String, value: JSONValue)] = [("blockReason", .string(reason))]
        if let message { feedback.append(("blockReasonMessage", .string(message))) }
        var body: [(key: String, value: JSONValue)] = [("promptFeedback", .object(JSONObject(feedback)))]
        if let request {
            body.append(("usageMetadata", promptOnlyUsageMetadata(promptTokens: TokenEstimate.promptTokens(for: request))))
            body.append(("modelVersion", .string(request.model)))
            body.append(("responseId", .string(responseID("blocked/\(request.model)/\(request.lastUserText)"))))
        }
        return .object(JSONObject(body))
    }
}
