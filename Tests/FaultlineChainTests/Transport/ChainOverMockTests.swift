import FaultlineChaos
import FaultlineWire
import Foundation
import Testing

@testable import FaultlineChain

/// The chain against the real mock (`MockServer` on a loopback port, the recorded fixtures,
/// faults from its configuration): the field cases end to end, with each trace's cost checked
/// against the fixture's usage and the price table.
@Suite("ChainRunner against the mock", .serialized)
struct ChainOverMockTests {
    static let fixturesRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures").path
    static let fixtures = Fixture.loadAll(from: fixturesRoot).fixtures
    static let prices = [Price(input: 0.15, output: 0.6, cachedInput: 0.075), Price(input: 0.8, output: 4)]

    static func fixture(_ name: String) throws -> Fixture {
        try #require(fixtures.first { $0.name == name }, "no fixture \(name) under \(fixturesRoot)")
    }

    /// The task a fixture records, as the chain's caller would write it.
    static func task(_ name: String) throws -> (request: ChatRequest, expected: Fixture.ExpectedResponse) {
        let recorded = try fixture(name)
        let request = try recorded.dialect.dialect.decodeRequest(recorded.request).get()
        guard case .response(let expected) = recorded.expectation else { throw FixtureUnexpected() }
        return (request, expected)
    }

    struct FixtureUnexpected: Error {}

    /// OpenAI primary, Anthropic fallback, both mounted on the mock under their names.
    static func chain(port: Int, maxAttempts: Int = 2, idle: Double = 2) -> ChainConfig {
        let timeouts = PhaseTimeouts(connect: 2, firstByte: 2, firstToken: 2, idle: idle, total: 10)
        let providers = [("openai", DialectID.openAIChat, "gpt-4o-mini"), ("anthropic", .anthropicMessages, "claude-3-5-haiku-latest")]
            .enumerated().map { i, p in
                ProviderConfig(
                    name: p.0, dialect: p.1, baseURL: "http://127.0.0.1:\(port)", model: p.2, price: prices[i], timeouts: timeouts,
                    pathPrefix: "/\(p.0)")
            }
        return ChainConfig(
            name: "over-mock", providers: providers,
            retry: RetryPolicy(maxAttempts: maxAttempts, backoff: Backoff(initial: 0.05, max: 0.1, jitter: .none), retryAfter: RetryAfterPolicy(cap: 2)),
            breaker: BreakerPolicy(enabled: false))
    }

    /// Starts the mock with the fixtures and `faults` on the OpenAI mount, runs one task, stops.
    static func run(
        _ request: ChatRequest, faults: [String], shape: ExpectedShape? = nil, maxAttempts: Int = 2, idle: Double = 2
    ) async throws -> ChainRunner.Result {
        let specs = try faults.map { try FaultSpec(parsing: $0) }
        let server = try await MockServer.start(MockServerConfiguration(mock: MockConfiguration(
            seed: 3, fixtures: fixtures,
            providers: [MockProviderConfig(name: "openai", faults: specs), MockProviderConfig(name: "anthropic")], chunkGapMs: 5)))
        let transport = HTTPTransport()
        let runner = try ChainRunner(chain: chain(port: server.port, maxAttempts: maxAttempts, idle: idle), transport: transport, environment: [:])
        let result = await runner.run(request, shape: shape)
        try await transport.shutdown()
        try await server.stop()
        return result
    }

    @Test("the recorded answer is delivered and costed from its recorded usage")
    func clean() async throws {
        let (request, expected) = try Self.task("openai-chat/text-plain")
        let result = try await Self.run(request, faults: [])
        let response = try #require(result.response, "\(String(describing: result.error))")
        #expect(response.text == expected.text && result.trace.outcome == .clean)
        let usage = try #require(expected.usage)
        #expect(result.trace.attempts[0].inputTokens == usage.input && result.trace.attempts[0].outputTokens == usage.output)
        let dollars = Self.prices[0].dollars(input: usage.input, output: usage.output, cached: usage.cached ?? 0)
        #expect(abs(result.trace.totalDollars - dollars) < 1e-15 && result.trace.wastedDollars == 0)
    }

    @Test("a throttle's retry-after is honoured on the same provider")
    func throttled() async throws {
        let (request, expected) = try Self.task("openai-chat/text-plain")
        let result = try await Self.run(request, faults: ["throttle(retry_after=0.3, first=1)"])
        #expect(result.response?.text == expected.text)
        let trace = result.trace
        #expect(trace.outcome == .retried && trace.attempts.count == 2)
        #expect(trace.attempts[0].retryAfter == 0.3 && trace.attempts[0].status == 429, "retry-after \(String(describing: trace.attempts[0].retryAfter)), status \(String(describing: trace.attempts[0].status))")
        #expect(trace.attempts[1].start - trace.attempts[0].end >= 0.3)
        #expect(trace.wastedDollars == 0, "a 429 bills nothing")
    }

    struct Cut: Sendable, CustomStringConvertible {
        var description: String
        var fault: String
        var kind: ProviderError.Kind
    }

    @Test("a recorded stream cut by the mock falls back and never delivers the cut or a mix", arguments: [
        Cut(description: "reset mid-stream (RST)", fault: "reset_mid_stream(after_chunks=2)", kind: .connectionReset),
        Cut(description: "truncated (clean close, no [DONE])", fault: "truncate(after_chunks=2)", kind: .truncatedStream),
        Cut(description: "stalled past the idle timeout", fault: "stall(after_chunks=2, ms=5000)", kind: .timeout),
    ])
    func cutStream(_ cut: Cut) async throws {
        let (request, expected) = try Self.task("openai-chat/stream-text")
        // The idle timeout sits well above the fixture's longest recorded gap (310 ms before the first chunk), well below the stall.
        let result = try await Self.run(request, faults: [cut.fault], maxAttempts: 1, idle: 1)
        let response = try #require(result.response, "\(String(describing: result.error))")
        let trace = result.trace
        #expect(trace.outcome == .fellBack && trace.attempts.map(\.providerName) == ["openai", "anthropic"])
        #expect(trace.attempts[0].error?.kind == cut.kind, "got \(String(describing: trace.attempts[0].error))")
        #expect(response.text != expected.text && !response.text.hasPrefix(String((expected.text ?? "").prefix(8))), "never the cut answer, never a mix")
        // The cut stream billed its input and what it streamed; that is the waste.
        let first = trace.attempts[0]
        #expect(first.inputTokens > 0 && first.outputTokens > 0)
        #expect(abs(trace.wastedDollars - Self.prices[0].dollars(input: first.inputTokens, output: first.outputTokens, cached: 0)) < 1e-15)
        let delivered = trace.attempts[1]
        #expect(abs(trace.totalDollars - trace.wastedDollars - Self.prices[1].dollars(input: delivered.inputTokens, output: delivered.outputTokens, cached: delivered.cachedTokens)) < 1e-15)
    }

    @Test("context overflow is not retried; the fallback answers", arguments: ["context_overflow", "auth_error", "quota_exhausted"])
    func nonRetryable(_ fault: String) async throws {
        let (request, _) = try Self.task("openai-chat/text-plain")
        let result = try await Self.run(request, faults: [fault], maxAttempts: 3)
        #expect(result.response != nil)
        #expect(result.trace.attempts.map(\.providerName) == ["openai", "anthropic"], "\(fault) must not be retried")
        #expect(result.trace.outcome == .fellBack && result.trace.wastedDollars == 0)
    }
}
