import FaultlineChaos
import FaultlineWire
import Testing

@Suite struct RateLimiterTests {
    @Test func refusesAtTheConfiguredRateAndRecovers() {
        var limiter = RateLimiter()
        var admitted = 0
        for _ in 0..<20 where limiter.admit(provider: "p", keyID: "k", rpm: 10, tpm: nil, tokens: 5, now: 0).refusedBy == nil {
            admitted += 1
        }
        #expect(admitted == 10)
        let refused = limiter.admit(provider: "p", keyID: "k", rpm: 10, tpm: nil, tokens: 5, now: 0)
        #expect(refused.refusedBy == .requests)
        #expect(abs(refused.retryAfter - 6) < 1e-9)
        #expect(refused.requests?.remaining == 0)
        // 10 rpm: one request comes back every 6 s.
        #expect(limiter.admit(provider: "p", keyID: "k", rpm: 10, tpm: nil, tokens: 5, now: 5.9).refusedBy == .requests)
        #expect(limiter.admit(provider: "p", keyID: "k", rpm: 10, tpm: nil, tokens: 5, now: 6).refusedBy == nil)
        #expect(limiter.admit(provider: "p", keyID: "k", rpm: 10, tpm: nil, tokens: 5, now: 6).refusedBy == .requests)
    }

    @Test func keysAndProvidersHaveTheirOwnBuckets() {
        var limiter = RateLimiter()
        #expect(limiter.admit(provider: "p", keyID: "a", rpm: 1, tpm: nil, tokens: 1, now: 0).refusedBy == nil)
        #expect(limiter.admit(provider: "p", keyID: "a", rpm: 1, tpm: nil, tokens: 1, now: 0).refusedBy == .requests)
        #expect(limiter.admit(provider: "p", keyID: "b", rpm: 1, tpm: nil, tokens: 1, now: 0).refusedBy == nil)
        #expect(limiter.admit(provider: "q", keyID: "a", rpm: 1, tpm: nil, tokens: 1, now: 0).refusedBy == nil)
    }

    @Test func tokenBudgetRefusesLargeRequests() {
        var limiter = RateLimiter()
        let first = limiter.admit(provider: "p", keyID: nil, rpm: 100, tpm: 1000, tokens: 800, now: 0)
        #expect(first.refusedBy == nil)
        #expect(first.tokens?.remaining == 200)
        #expect(first.requests?.remaining == 99)
        let second = limiter.admit(provider: "p", keyID: nil, rpm: 100, tpm: 1000, tokens: 800, now: 0)
        #expect(second.refusedBy == .tokens)
        #expect(abs(second.retryAfter - 36) < 1e-9)  // 600 missing at 1000/60 per second
        #expect(second.requests?.remaining == 99, "a refused request takes nothing")
    }
}
