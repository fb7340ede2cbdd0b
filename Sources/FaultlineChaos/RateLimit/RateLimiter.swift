import FaultlineWire

/// The token buckets of every `rate_limit(rpm, tpm)` fault, one pair per provider and
/// per API key id, as providers meter per organisation key. A request is admitted only
/// when both buckets hold enough; a refused request takes nothing, as on the real APIs.
public struct RateLimiter: Sendable {
    private struct Key: Hashable {
        var provider: String
        var keyID: String
        var rpm: Double
        var tpm: Double
    }
    private var buckets: [Key: (requests: TokenBucket?, tokens: TokenBucket?)] = [:]

    public init() {}

    /// Charges one request of `tokens` tokens at `now` seconds; returns what the buckets say.
    public mutating func admit(
        provider: String, keyID: String?, rpm: Double?, tpm: Double?, tokens cost: Int, now: Double
    ) -> RateLimitOutcome {
        let key = Key(provider: provider, keyID: keyID ?? "", rpm: rpm ?? 0, tpm: tpm ?? 0)
        var pair = buckets[key] ?? (rpm.map { TokenBucket(perMinute: $0, now: now) }, tpm.map { TokenBucket(perMinute: $0, now: now) })
        pair.requests?.refill(at: now)
        pair.tokens?.refill(at: now)
        let tokenCost = Double(cost)
        var refused: RateLimitScope?
        var retryAfter = 0.0
        if let bucket = pair.requests, bucket.tokens < 1 {
            refused = .requests
            retryAfter = bucket.wait(for: 1)
        } else if let bucket = pair.tokens, bucket.tokens < min(tokenCost, bucket.capacity) {
            refused = .tokens
            retryAfter = bucket.wait(for: tokenCost)
        } else {
            _ = pair.requests?.take(1, at: now)
            let capacity = pair.tokens?.capacity ?? 0
            _ = pair.tokens?.take(min(tokenCost, capacity), at: now)
        }
        buckets[key] = pair
        func report(_ bucket: TokenBucket?) -> RateLimitOutcome.Bucket? {
            bucket.map {
                .init(limit: Int($0.capacity), remaining: max(0, Int($0.tokens.rounded(.down))), resetSeconds: $0.secondsToFull)
            }
        }
        return RateLimitOutcome(
            requests: report(pair.requests), tokens: report(pair.tokens), refusedBy: refused, retryAfter: retryAfter)
    }

    public mutating func removeAll() { buckets.removeAll() }
}
