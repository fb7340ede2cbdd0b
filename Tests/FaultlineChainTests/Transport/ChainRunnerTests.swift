import FaultlineChaos
import FaultlineWire
import Testing
@testable import FaultlineChain

/// The chain over real sockets: `ChainRunner` + `HTTPTransport` against a server that
/// plays the mock's scripts, built from the Gemini dialect's own server side.
@Suite("ChainRunner over HTTP", .serialized)
struct ChainRunnerTests {
    static let prices = [Price(input: 0.3, output: 2.5, cachedInput: 0.075), Price(input: 1.25, output: 10), Price(input: 0.1, output: 0.4)]
    static let usage = Usage(input: 1200, output: 300, cached: 200)
    static let full = ChatResponse(id: "r", model: "gemini-a", text: "Sunny and 21 degrees in Paris today.", finishReason: .stop, usage: usage)

    /// Three Gemini providers (`a`, `b`, `c`) on the test server; the chain policy under test varies.
    static func chain(
        baseURL: String, maxAttempts: Int = 1, timeouts: PhaseTimeouts = PhaseTimeouts(connect: 2, firstByte: 2, firstToken: 2, idle: 2, total: 5),
        validation: ValidationPolicy = ValidationPolicy(), fatalOn: Set<ProviderError.Kind> = [.badRequest]
    ) -> ChainConfig {
        let providers = ["a", "b", "c"].enumerated().map { i, name in
            ProviderConfig(
                name: name, dialect: .gemini, baseURL: baseURL, model: "gemini-\(name)", apiKeyEnv: "FAULTLINE_TEST_GEMINI_KEY",
                price: prices[i], timeouts: timeouts, pathPrefix: "/\(name)")
        }
        return ChainConfig(
            name: "it", providers: providers,
            retry: RetryPolicy(maxAttempts: maxAttempts, backoff: Backoff(initial: 0.05, max: 0.1, jitter: .none), retryAfter: RetryAfterPolicy(cap: 1)),
            breaker: BreakerPolicy(enabled: false), validation: validation, fatalOn: fatalOn)
    }

    static let environment = ["FAULTLINE_TEST_GEMINI_KEY": "test-key"]

    /// Starts a server, runs `body`, stops everything.
    static func withServer(_ body: (ScriptServer, HTTPTransport) async throws -> Void) async throws {
        let server = ScriptServer()
        try await server.start()
        let transport = HTTPTransport()
        do {
            try await body(server, transport)
        } catch {
            try? await transport.shutdown()
            try? await server.stop()
            throw error
        }
        try await transport.shutdown()
        try await server.stop()
    }

    @Test("a clean answer is delivered and costed from the usage on the wire and the price table")
    func clean() async throws {
        try await Self.withServer { server, transport in
            server.enqueue("a", Scripts.answer(Self.full, .gemini))
            let runner = try ChainRunner(chain: Self.chain(baseURL: server.baseURL), transport: transport, environment: Self.environment)
            let result = await runner.run(ChainSamples.request(), shape: .text)
            let response = try #require(result.response, "failed: \(String(describing: result.error))")
            #expect(response.text == Self.full.text)
            #expect(result.trace.outcome == .clean && result.trace.attempts.count == 1)
            let expected = Self.prices[0].dollars(input: 1200, output: 300, cached: 200)
            #expect(abs(result.trace.totalDollars - expected) < 1e-12 && result.trace.wastedDollars == 0)
            #expect(server.requests == ["a"])
            #expect(server.receivedRequests.first?.headers["x-goog-api-key"] == "test-key")
        }
    }

    @Test("a throttle's retry-after is waited out, then the same provider delivers")
    func retryAfterHonoured() async throws {
        try await Self.withServer { server, transport in
            server.enqueue("a", Scripts.error(.rateLimited(retryAfter: 0.3, scope: .requests), .gemini), Scripts.answer(Self.full, .gemini))
            let runner = try ChainRunner(chain: Self.chain(baseURL: server.baseURL, maxAttempts: 2), transport: transport, environment: Self.environment)
            let result = await runner.run(ChainSamples.request())
            #expect(result.response?.text == Self.full.text)
            let trace = result.trace
            #expect(trace.outcome == .retried && server.requests == ["a", "a"])
            #expect(trace.attempts[0].retryAfter == 0.3 && trace.attempts[1].waitBefore == 0.3)
            #expect(trace.attempts[1].start - trace.attempts[0].end >= 0.3)
            #expect(trace.attempts[0].dollars == 0 && trace.wastedDollars == 0)
        }
    }

    struct Cut: Sendable, CustomStringConvertible {
        var description: String
        var step: ResponseScript.Step
        var kind: ProviderError.Kind
    }

    @Test("a stream cut mid-way falls back over the wire and delivers only the whole answer", arguments: [
        Cut(description: "reset mid-stream", step: .reset, kind: .connectionReset),
        Cut(description: "stall", step: .stall, kind: .timeout),
        Cut(description: "truncated (clean close, no finish)", step: .end, kind: .truncatedStream),
        Cut(description: "closed mid-stream", step: .close, kind: .connectionReset),
    ])
    func midStreamCut(_ cut: Cut) async throws {
        try await Self.withServer { server, transport in
            var other = Self.full
            other.model = "gemini-b"
            other.text = "It is sunny in Paris."
            server.enqueue("a", Scripts.stream(Self.full, .gemini, keep: 3, cut: cut.step))
            server.enqueue("b", Scripts.stream(other, .gemini))
            let timeouts = PhaseTimeouts(connect: 2, firstByte: 2, firstToken: 2, idle: 0.3, total: 5)
            let runner = try ChainRunner(chain: Self.chain(baseURL: server.baseURL, timeouts: timeouts), transport: transport, environment: Self.environment)
            let result = await runner.run(ChainSamples.request(stream: true), shape: .text)
            let response = try #require(result.response, "failed: \(String(describing: result.error))")
            #expect(response.text == other.text, "never the cut answer, never a mix")
            let trace = result.trace
            #expect(trace.outcome == .fellBack && server.requests == ["a", "b"])
            let first = trace.attempts[0]
            #expect(first.error?.kind == cut.kind, "got \(String(describing: first.error))")
            #expect(first.phase == .streaming && first.inputTokens > 0 && first.outputTokens > 0)
            #expect(trace.wastedDollars > 0 && trace.wastedDollars == first.dollars)
            #expect(trace.totalDollars - trace.wastedDollars == Self.prices[1].dollars(input: 1200, output: 300, cached: 200))
            if cut.kind == .timeout {
                #expect(first.error == .timeout(.idle) && trace.timeoutWaste >= 0.3)
            }
        }
    }

    @Test("phase timeouts before the stream: first byte and first token", arguments: [
        (ResponseScript(steps: [.wait(ms: 1500), .head(status: 200, headers: [:], streaming: false), .end]), TimeoutPhase.firstByte),
        (ResponseScript(steps: [.head(status: 200, headers: ["content-type": "text/event-stream"], streaming: true), .stall]), TimeoutPhase.firstToken),
    ])
    func phaseTimeouts(script: ResponseScript, phase: TimeoutPhase) async throws {
        try await Self.withServer { server, transport in
            server.enqueue("a", script)
            server.enqueue("b", Scripts.stream(Self.full, .gemini))
            let timeouts = PhaseTimeouts(connect: 2, firstByte: 0.3, firstToken: 0.4, idle: 3, total: 5)
            let runner = try ChainRunner(chain: Self.chain(baseURL: server.baseURL, timeouts: timeouts), transport: transport, environment: Self.environment)
            let result = await runner.run(ChainSamples.request(stream: true))
            #expect(result.response?.text == Self.full.text)
            let first = result.trace.attempts[0]
            #expect(first.error == .timeout(phase))
            #expect(first.duration >= (phase == .firstByte ? 0.3 : 0.4) && first.duration < 1.5)
        }
    }

    @Test("a reset before the head and a 5xx retry, then fall back")
    func resetThenServerError() async throws {
        try await Self.withServer { server, transport in
            server.enqueue("a", ResponseScript(steps: [.reset]), Scripts.error(.serverError(status: 500, detail: "internal"), .gemini))
            server.enqueue("b", Scripts.answer(Self.full, .gemini))
            let runner = try ChainRunner(chain: Self.chain(baseURL: server.baseURL, maxAttempts: 2), transport: transport, environment: Self.environment)
            let result = await runner.run(ChainSamples.request())
            #expect(result.response != nil)
            #expect(result.trace.attempts.map { $0.error?.kind } == [.connectionReset, .serverError, nil])
            #expect(server.requests == ["a", "a", "b"] && result.trace.outcome == .fellBack)
        }
    }

    @Test("a bad request ends the task without touching another provider")
    func badRequestIsFatal() async throws {
        try await Self.withServer { server, transport in
            server.enqueue("a", Scripts.error(.badRequest(status: 400, detail: "invalid argument"), .gemini))
            let runner = try ChainRunner(chain: Self.chain(baseURL: server.baseURL, maxAttempts: 3), transport: transport, environment: Self.environment)
            let result = await runner.run(ChainSamples.request())
            #expect(result.response == nil && result.error?.kind == .badRequest)
            #expect(server.requests == ["a"] && result.trace.outcome == .failed)
        }
    }

    @Test("fenced JSON is repaired; missing usage is estimated and flagged")
    func repairAndEstimate() async throws {
        try await Self.withServer { server, transport in
            var fenced = Self.full
            fenced.text = "```json\n{\"city\": \"Paris\"}\n```"
            fenced.usage = nil
            server.enqueue("a", Scripts.answer(fenced, .gemini))
            let validation = ValidationPolicy(repair: [.stripFences, .extractJSON])
            let runner = try ChainRunner(chain: Self.chain(baseURL: server.baseURL, validation: validation), transport: transport, environment: Self.environment)
            let result = await runner.run(ChainSamples.request(), shape: .json(nil))
            #expect(result.response?.text == #"{"city": "Paris"}"#)
            #expect(result.trace.outcome == .repaired && result.trace.usageEstimated)
            #expect(result.trace.attempts[0].repairs == [.stripFences] && result.trace.totalDollars > 0)
        }
    }

    @Test("a missing API key stops the runner before any request, naming the variable")
    func missingKey() {
        #expect(throws: ChainRunError.missingAPIKey(provider: "a", variable: "FAULTLINE_TEST_GEMINI_KEY")) {
            _ = try ChainRunner(chain: Self.chain(baseURL: "http://127.0.0.1:1"), transport: HTTPTransport(), environment: [:])
        }
    }
}
