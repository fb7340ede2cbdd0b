import FaultlineWire
import Testing

@testable import FaultlineChaos

@Suite struct AnswerCacheTests {
    /// Counts how often the cache had to build an answer.
    final class Maker: @unchecked Sendable {
        var calls = 0
        func entry() -> AnswerCache.Entry {
            calls += 1
            return .init(request: .failure(.badRequest(status: 400, detail: "x")), script: ResponseScript(steps: [.end]), encoded: nil, tokens: calls)
        }
    }

    @Test func keepsARequestOnItsSecondSightingOnly() {
        let cache = AnswerCache(limit: 8)
        let maker = Maker()
        let request = Requests.mock(.openAIChat, Requests.chat("again"))
        _ = cache.answer(for: request, make: maker.entry)
        #expect(cache.count == 0)
        _ = cache.answer(for: request, make: maker.entry)
        #expect(cache.count == 1)
        let third = cache.answer(for: request, make: maker.entry)
        #expect(maker.calls == 2)
        #expect(third.tokens == 2)
    }

    @Test func requestsThatNeverRepeatAreNeverKept() {
        let cache = AnswerCache(limit: 8)
        let maker = Maker()
        for i in 0..<100 { _ = cache.answer(for: Requests.mock(.openAIChat, Requests.chat("q\(i)")), make: maker.entry) }
        #expect(cache.count == 0)
        #expect(maker.calls == 100)
    }

    @Test func startsOverWhenFull() {
        let cache = AnswerCache(limit: 4)
        let maker = Maker()
        for i in 0..<6 {
            let request = Requests.mock(.openAIChat, Requests.chat("q\(i)"))
            _ = cache.answer(for: request, make: maker.entry)
            _ = cache.answer(for: request, make: maker.entry)
        }
        #expect(cache.count == 2)
    }

    @Test func sameBytesOnAnotherPathOrDialectAreAnotherKey() {
        let body = Array("{}".utf8)
        let a = AnswerCache.Key(dialect: .openAIChat, path: "/v1/chat/completions", body: body)
        #expect(a == AnswerCache.Key(dialect: .openAIChat, path: "/v1/chat/completions", body: body))
        #expect(a != AnswerCache.Key(dialect: .openAIChat, path: "/p/v1/chat/completions", body: body))
        #expect(a != AnswerCache.Key(dialect: .anthropicMessages, path: "/v1/chat/completions", body: body))
    }
}
