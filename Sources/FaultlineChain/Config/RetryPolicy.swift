import FaultlineWire

/// When and how long to wait before trying the same provider again.
///
/// The defaults mirror the OpenAI and Anthropic SDKs' shared client core: 3 attempts,
/// `0.5 · 2^n` seconds up to 8 s, retry on timeouts, resets, 429 and 5xx
/// (`openai : src/openai/_base_client.py`).
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts on one provider, the first included (1 = no retry).
    public var maxAttempts: Int
    public var backoff: Backoff
    public var retryAfter: RetryAfterPolicy
    /// Error classes that retry on the same provider; others fall back (or fail, see `ChainConfig.fatalOn`).
    public var retryOn: Set<ProviderError.Kind>

    public init(
        maxAttempts: Int = 3, backoff: Backoff = Backoff(), retryAfter: RetryAfterPolicy = RetryAfterPolicy(),
        retryOn: Set<ProviderError.Kind> = RetryPolicy.transientKinds
    ) {
        self.maxAttempts = maxAttempts
        self.backoff = backoff
        self.retryAfter = retryAfter
        self.retryOn = retryOn
    }

    /// The error classes whose disposition is `.retry` in the shared taxonomy.
    public static let transientKinds: Set<ProviderError.Kind> = Set(ProviderError.Kind.allCases.filter { $0.disposition == .retry })
}

/// Exponential backoff: the n-th retry (n from 0) waits about `initial · multiplier^n`, at most `max`.
public struct Backoff: Sendable, Hashable {
    public var initial: Double
    public var multiplier: Double
    public var max: Double
    public var jitter: Jitter

    public init(initial: Double = 0.5, multiplier: Double = 2, max: Double = 8, jitter: Jitter = .full) {
        self.initial = initial
        self.multiplier = multiplier
        self.max = max
        self.jitter = jitter
    }

    /// How randomness spreads retries so clients that failed together do not retry together
    /// (AWS Architecture Blog, "Exponential Backoff And Jitter").
    public enum Jitter: String, Sendable, Hashable, CaseIterable {
        /// Uniform in `[0, d]`.
        case full
        /// Uniform in `[d/2, d]`.
        case equal
        /// Exactly `d`.
        case none
    }

    /// The un-jittered delay before retry `n` (0-based).
    public func ceiling(retry n: Int) -> Double {
        var d = initial
        var i = 0
        while i < n && d < max {
            d *= multiplier
            i += 1
        }
        return Swift.min(d, max)
    }

    /// The delay before retry `n`, drawn from `random` according to `jitter`.
    public func delay(retry n: Int, random: inout SeededRandom) -> Double {
        let d = ceiling(retry: n)
        switch jitter {
        case .full: return d * random.unit()
        case .equal: return d / 2 + d / 2 * random.unit()
        case .none: return d
        }
    }
}

/// What to do with a provider's `retry-after`.
///
/// The SDKs disagree: openai honours it only up to 120 s and gives up beyond, anthropic
/// waits however long it says, Gemini ignores it (`reference/provider-wire.md`, Retries).
public struct RetryAfterPolicy: Sendable, Hashable {
    public var honour: Bool
    /// The longest wait accepted, seconds.
    public var cap: Double
    public var overCap: OverCap

    public init(honour: Bool = true, cap: Double = 20, overCap: OverCap = .fallBack) {
        self.honour = honour
        self.cap = cap
        self.overCap = overCap
    }

    public enum OverCap: String, Sendable, Hashable, CaseIterable {
        /// Give up on this provider and fall back now (openai's rule beyond 120 s).
        case fallBack = "fall_back"
        /// Wait `cap` seconds and retry anyway.
        case waitCap = "wait_cap"
    }
}
