import FaultlineWire

/// What the token buckets said about one request, for the `rate_limit` fault's
/// status and the `x-ratelimit-*` / `anthropic-ratelimit-*` headers.
public struct RateLimitOutcome: Sendable, Hashable {
    public struct Bucket: Sendable, Hashable {
        public var limit: Int
        public var remaining: Int
        /// Seconds until the bucket is full again.
        public var resetSeconds: Double
        public init(limit: Int, remaining: Int, resetSeconds: Double) {
            self.limit = limit
            self.remaining = remaining
            self.resetSeconds = resetSeconds
        }
    }

    public var requests: Bucket?
    public var tokens: Bucket?
    /// The bucket that refused the request, if one did.
    public var refusedBy: RateLimitScope?
    /// Seconds until the refused request would be accepted.
    public var retryAfter: Double

    public init(requests: Bucket?, tokens: Bucket?, refusedBy: RateLimitScope?, retryAfter: Double) {
        self.requests = requests
        self.tokens = tokens
        self.refusedBy = refusedBy
        self.retryAfter = retryAfter
    }
}
