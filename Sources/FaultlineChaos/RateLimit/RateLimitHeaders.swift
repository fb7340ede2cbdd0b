import FaultlineWire

/// Rate-limit headers in each provider's own style. OpenAI: `x-ratelimit-{limit,remaining,reset}-{requests,tokens}`
/// with Go durations (`1s`, `6m0s`, `12ms`); Anthropic: `anthropic-ratelimit-{requests,tokens}-{limit,remaining,reset}`
/// with RFC 3339 reset times. Gemini sends none: its 429 body carries `RetryInfo`.
public enum RateLimitHeaders {
    public static func add(_ outcome: RateLimitOutcome, dialect: DialectID, now: Double, to headers: inout WireHeaders) {
        switch dialect {
        case .openAIChat:
            for (scope, bucket) in [("requests", outcome.requests), ("tokens", outcome.tokens)] {
                guard let bucket else { continue }
                headers.set("x-ratelimit-limit-\(scope)", String(bucket.limit))
                headers.set("x-ratelimit-remaining-\(scope)", String(bucket.remaining))
                headers.set("x-ratelimit-reset-\(scope)", goDuration(bucket.resetSeconds))
            }
        case .anthropicMessages:
            for (scope, bucket) in [("requests", outcome.requests), ("tokens", outcome.tokens)] {
                guard let bucket else { continue }
                headers.set("anthropic-ratelimit-\(scope)-limit", String(bucket.limit))
                headers.set("anthropic-ratelimit-\(scope)-remaining", String(bucket.remaining))
                headers.set("anthropic-ratelimit-\(scope)-reset", rfc3339(now + bucket.resetSeconds))
            }
        case .gemini:
            break
        }
    }

    /// A Go `time.Duration` string as OpenAI sends it: `0s`, `12ms`, `1.5s`, `6m0s`, `1h2m3.5s`.
    public static func goDuration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds > 0 else { return "0s" }
        if seconds < 1 { return "\(max(1, Int((seconds * 1000).rounded(.up))))ms" }
        let millis = Int((seconds * 1000).rounded(.up))
        let hours = millis / 3_600_000
        let minutes = millis / 60_000 % 60
        let secondsText = decimal(millis % 60_000)
        if hours > 0 { return "\(hours)h\(minutes)m\(secondsText)s" }
        if minutes > 0 { return "\(minutes)m\(secondsText)s" }
        return "\(secondsText)s"
    }

    /// `1500` ms → `1.5`, `2000` → `2`.
    private static func decimal(_ millis: Int) -> String {
        let whole = millis / 1000
        var fraction = String(millis % 1000)
        guard fraction != "0" else { return String(whole) }
        while fraction.count < 3 { fraction = "0" + fraction }
        while fraction.last == "0" { fraction.removeLast() }
        return "\(whole).\(fraction)"
    }

    /// `2026-11-25T08:30:39Z` for Unix time `epoch` (whole seconds, rounded up).
    public static func rfc3339(_ epoch: Double) -> String {
        let total = Int(epoch.rounded(.up))
        let days = total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
        let secondOfDay = total - days * 86_400
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        return "\(year)-\(two(month))-\(two(day))T\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))Z"
    }
}
