import FaultlineWire

/// A judgement on the client's behaviour, drawn from the mock's journal, with the
/// evidence a person needs to check it: which requests and what gaps between them.
public struct Verdict: Sendable, Hashable {
    public enum Name: String, Sendable, Hashable, CaseIterable {
        /// A retry arrived before the `retry-after` the mock sent had elapsed.
        case retryAfterIgnored = "retry_after_ignored"
        /// Retries after errors came back to back: every gap near zero.
        case noBackoff = "no_backoff"
        /// Too many retries of one request, or retries at too high a rate.
        case retryStorm = "retry_storm"
        /// A retry after an error that cannot succeed on retry (400/401/403/404, quota).
        case retriedNonRetryable = "retried_non_retryable"
        /// The client kept a stalled connection open beyond the threshold instead of timing out.
        case noTimeout = "no_timeout"
        /// A client task was delivered as a success, but every upstream answer for it was broken
        /// (cut, truncated or malformed stream, an error): a gateway patched a fault into a clean
        /// answer. Needs the client's outcome, so only a gateway scenario judges it; the mock's
        /// own `GET /_faultline/verdicts` always counts 0.
        case maskedUpstreamFault = "masked_upstream_fault"
    }

    public var name: Name
    public var provider: String
    public var keyID: String?
    /// Journal ids of the requests involved, in order.
    public var requests: [Int]
    /// The gaps in seconds the verdict is about (between requests, or how long a stall was held).
    public var gaps: [Double]
    public var message: String

    public init(name: Name, provider: String, keyID: String?, requests: [Int], gaps: [Double], message: String) {
        self.name = name
        self.provider = provider
        self.keyID = keyID
        self.requests = requests
        self.gaps = gaps
        self.message = message
    }

    /// The verdict as JSON, fields in a fixed order.
    public var json: JSONValue {
        .object(JSONObject([
            ("name", .string(name.rawValue)),
            ("provider", .string(provider)),
            ("key_id", keyID.map(JSONValue.string) ?? .null),
            ("requests", .array(requests.map { .number(Double($0)) })),
            ("gaps", .array(gaps.map { .number(($0 * 1000).rounded() / 1000) })),
            ("message", .string(message)),
        ]))
    }
}
