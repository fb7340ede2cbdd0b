/// A token bucket that refills continuously, as the providers describe their limits:
/// `capacity` per minute, refilled at `capacity / 60` per second, so a client that
/// spends its budget waits only as long as the missing tokens take to come back.
public struct TokenBucket: Sendable, Hashable {
    public let capacity: Double
    public private(set) var tokens: Double
    public private(set) var updatedAt: Double

    /// A full bucket of `perMinute` tokens at time `now` (seconds).
    public init(perMinute: Double, now: Double = 0) {
        capacity = perMinute
        tokens = perMinute
        updatedAt = now
    }

    public var refillPerSecond: Double { capacity / 60 }

    /// Adds what refilled since the last call; time never runs backwards here
    /// (requests may be answered slightly out of order across threads).
    public mutating func refill(at now: Double) {
        guard now > updatedAt else { return }
        tokens = min(capacity, tokens + (now - updatedAt) * refillPerSecond)
        updatedAt = now
    }

    /// Whether `cost` tokens are available at `now`; takes them when they are.
    public mutating func take(_ cost: Double, at now: Double) -> Bool {
        refill(at: now)
        guard tokens >= cost else { return false }
        tokens -= cost
        return true
    }

    /// Seconds until `cost` tokens are available (0 when they are now).
    public func wait(for cost: Double) -> Double {
        let missing = min(cost, capacity) - tokens
        return missing <= 0 ? 0 : missing / refillPerSecond
    }

    /// Seconds until the bucket is full again: the providers' `reset` header.
    public var secondsToFull: Double { (capacity - tokens) / refillPerSecond }
}
