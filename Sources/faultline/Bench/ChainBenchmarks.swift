import FaultlineChain
import FaultlineChaos
import FaultlineWire
import Foundation

/// `faultline bench chain`: what the fallback chain itself costs.
///
/// - `state machine overhead`: one task that fails on two providers and delivers on the
///   third (3 attempts: a 500, a first-byte timeout, a streamed answer checked against a
///   text shape), driven through `ChainStateMachine` with canned events — no sockets, no
///   encoding (`encodesRequests: false`, as the virtual-time simulator runs it).
/// - `direct adapter call over loopback` / `chain over loopback`: one non-stream OpenAI
///   request to the in-process mock, sent either as a bare attempt through `HTTPTransport`
///   (encode, HTTP, decode) or as a task through `ChainRunner` (machine, health, the same
///   transport), interleaved so both see the same machine load; `chain added over a direct
///   call` is the difference of their percentiles.
///
/// - `mock answer, every request different` / `mock answer, repeated request`: what the
///   mock's `MockResponder` spends on one OpenAI chat request (decode, fault plan, generated
///   answer, encode; the repeated one is served by its answer cache), without the socket.
///
/// Lines read `name: p50 1.2 µs, p99 6.8 µs`, one per figure, for scripts.
public enum ChainBenchmarks {
    public static func run() async -> [String] {
        [machineOverhead(tasks: 200_000)] + mockAnswer(requests: 100_000) + (await loopbackOverhead(requests: 3_000))
    }

    /// Per-request time of the mock's responder, on the body the wrk benchmark sends.
    static func mockAnswer(requests: Int) -> [String] {
        let responder = MockResponder(configuration: MockConfiguration(seed: 1))
        let headers: WireHeaders = ["content-type": "application/json", "authorization": "Bearer bench"]
        func request(_ i: Int) -> MockRequest {
            let body = #"{"model":"gpt-4o-mini","messages":[{"role":"system","content":"You are terse."},{"role":"user","content":"Benchmark \#(i): say hello in one sentence."}]}"#
            let wire = WireRequest(method: "POST", path: "/v1/chat/completions", headers: headers, body: Array(body.utf8))
            return MockRequest(dialect: .openAIChat, wire: wire)
        }
        let clock = ContinuousClock()
        func figure(_ name: String, _ make: (Int) -> MockRequest) -> String {
            var samples: [Duration] = []
            samples.reserveCapacity(requests)
            var answered = 0
            for i in 0..<(requests + requests / 10) {
                let incoming = make(i)
                let t0 = clock.now
                let script = responder.script(for: incoming)
                let elapsed = clock.now - t0
                if case .head(200, _, _) = script.steps.first { answered += 1 }
                if i >= requests / 10 { samples.append(elapsed) }
            }
            guard answered == requests + requests / 10 else { return BenchFormat.unavailable(name, "the responder did not answer 200") }
            return BenchFormat.latency(name, samples)
        }
        let repeated = request(0)
        return [figure("mock answer, every request different", request), figure("mock answer, repeated request") { _ in repeated }]
    }

    /// Per-task time of a 3-attempt fallback through the machine, after a warm-up.
    static func machineOverhead(tasks: Int) -> String {
        let chain = benchChain()
        let request = ChatRequest(model: "m", messages: [.user("What is the weather in Paris?")], stream: true)
        let events: [StreamEvent] = [.start(id: "r", model: "m"), .textDelta("Sunny, "), .textDelta("21 °C."), .usage(Usage(input: 12, output: 5)), .finish(.stop), .done]
        let answer = ChatResponse(id: "r", model: "m", text: "Sunny, 21 °C.", finishReason: .stop, usage: Usage(input: 12, output: 5))
        var health = ProviderHealthBook(chain: chain)
        let clock = ContinuousClock()
        var samples: [Duration] = []
        samples.reserveCapacity(tasks)
        var delivered = 0
        for i in 0..<(tasks + tasks / 10) {
            let t0 = clock.now
            let now = Double(i)
            var machine = ChainStateMachine(chain: chain, request: request, shape: .text, random: SeededRandom(seed: UInt64(i)), encodesRequests: false)
            _ = machine.start(now: now, health: &health)
            _ = machine.responseHead(status: 500, headers: [:], now: now + 0.01)
            _ = machine.failed(.serverError(status: 500, detail: "internal"), now: now + 0.01, health: &health)
            _ = machine.failed(.timeout(.firstByte), now: now + 0.2, health: &health)
            _ = machine.responseHead(status: 200, headers: [:], now: now + 0.25)
            _ = machine.chunk(events: events, now: now + 0.26)
            if case .deliver = machine.completed(.success(answer), now: now + 0.3, health: &health) { delivered += 1 }
            let elapsed = clock.now - t0
            if i >= tasks / 10 { samples.append(elapsed) }
        }
        precondition(delivered == tasks + tasks / 10, "the benchmark task must deliver on the third provider")
        return BenchFormat.latency("state machine overhead", samples)
    }

    /// The chain's added latency over a direct adapter call, both against the mock on 127.0.0.1.
    static func loopbackOverhead(requests: Int) async -> [String] {
        let server: MockServer
        do {
            server = try await MockServer.start(MockServerConfiguration(mock: MockConfiguration(seed: 1)))
        } catch {
            return [BenchFormat.unavailable("chain over loopback", "the mock did not start: \(error)")]
        }
        var chain = benchChain()
        chain.providers = [chain.providers[0]]
        chain.providers[0].baseURL = "http://127.0.0.1:\(server.port)"
        chain.providers[0].timeouts = PhaseTimeouts(connect: 5, firstByte: 5, firstToken: 5, idle: 5, total: 10)
        let transport = HTTPTransport()
        let lines = await compare(chain: chain, transport: transport, requests: requests)
        try? await transport.shutdown()
        try? await server.stop()
        return lines
    }

    /// Interleaves direct calls and chain tasks, one of each per round, after a warm-up.
    static func compare(chain: ChainConfig, transport: HTTPTransport, requests: Int) async -> [String] {
        guard let runner = try? ChainRunner(chain: chain, transport: transport, environment: [:]) else {
            return [BenchFormat.unavailable("chain over loopback", "the chain did not start")]
        }
        let request = ChatRequest(model: "m", messages: [.user("What is the weather in Paris?")], maxTokens: 64)
        let clock = ContinuousClock()
        var direct: [Duration] = []
        var chained: [Duration] = []
        let warmUp = requests / 10
        for i in 0..<(requests + warmUp) {
            // Direct: the attempt the machine would send, performed and decoded by the transport alone.
            var health = ProviderHealthBook(chain: chain)
            var machine = ChainStateMachine(chain: chain, request: request, random: SeededRandom(seed: UInt64(i)))
            guard case .send(let attempt) = machine.start(now: 0, health: &health) else { return [] }
            let t0 = clock.now
            var delivered = false
            for await event in transport.perform(attempt) {
                if case .completed(.success) = event { delivered = true }
            }
            let t1 = clock.now
            let result = await runner.run(request, seed: UInt64(i))
            let t2 = clock.now
            guard delivered, result.trace.outcome == .clean else {
                return [BenchFormat.unavailable("chain over loopback", "request \(i) did not deliver cleanly")]
            }
            if i >= warmUp {
                direct.append(t1 - t0)
                chained.append(t2 - t1)
            }
        }
        let added = zip(direct.sorted(), chained.sorted()).map { $1 - $0 }
        return [
            BenchFormat.latency("direct adapter call over loopback", direct),
            BenchFormat.latency("chain over loopback", chained),
            BenchFormat.latency("chain added over a direct call", added),
        ]
    }

    static func benchChain() -> ChainConfig {
        let providers = ["openai", "anthropic", "gemini"].enumerated().map { i, name in
            ProviderConfig(
                name: name, dialect: DialectID.allCases[i], baseURL: "http://127.0.0.1:1", model: "m",
                price: Price(input: 1, output: 4), timeouts: PhaseTimeouts(connect: 1, firstByte: 0.2, firstToken: 1, idle: 1, total: 10))
        }
        // The breaker records every outcome but never trips, so every task takes all three attempts.
        return ChainConfig(
            name: "bench", providers: providers, retry: RetryPolicy(maxAttempts: 1),
            breaker: BreakerPolicy(minimumRequests: Int.max), deadline: 30)
    }
}
