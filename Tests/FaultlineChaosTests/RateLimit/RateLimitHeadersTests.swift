import FaultlineChaos
import FaultlineWire
import Testing

@Suite struct RateLimitHeadersTests {
    @Test(arguments: [(0.0, "0s"), (0.012, "12ms"), (1, "1s"), (1.5, "1.5s"), (360, "6m0s"), (3723.5, "1h2m3.5s"), (59.999, "59.999s")])
    func goDurationsAsOpenAIWritesThem(seconds: Double, text: String) {
        #expect(RateLimitHeaders.goDuration(seconds) == text)
    }

    @Test(arguments: [(0.0, "1970-01-01T00:00:00Z"), (1_700_000_000, "2023-11-14T22:13:20Z"), (951_782_400, "2000-02-29T00:00:00Z"), (1_700_000_000.2, "2023-11-14T22:13:21Z")])
    func rfc3339AsAnthropicWritesIt(epoch: Double, text: String) {
        #expect(RateLimitHeaders.rfc3339(epoch) == text)
    }

    @Test func eachProviderInItsOwnStyle() {
        let outcome = RateLimitOutcome(
            requests: .init(limit: 60, remaining: 59, resetSeconds: 1), tokens: .init(limit: 1000, remaining: 900, resetSeconds: 6),
            refusedBy: nil, retryAfter: 0)
        var openai = WireHeaders()
        RateLimitHeaders.add(outcome, dialect: .openAIChat, now: 1_700_000_000, to: &openai)
        #expect(openai["x-ratelimit-limit-requests"] == "60")
        #expect(openai["x-ratelimit-remaining-tokens"] == "900")
        #expect(openai["x-ratelimit-reset-tokens"] == "6s")
        var anthropic = WireHeaders()
        RateLimitHeaders.add(outcome, dialect: .anthropicMessages, now: 1_700_000_000, to: &anthropic)
        #expect(anthropic["anthropic-ratelimit-requests-remaining"] == "59")
        #expect(anthropic["anthropic-ratelimit-tokens-reset"] == "2023-11-14T22:13:26Z")
        var gemini = WireHeaders()
        RateLimitHeaders.add(outcome, dialect: .gemini, now: 0, to: &gemini)
        #expect(gemini.fields.isEmpty)
    }
}
