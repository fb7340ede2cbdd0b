import FaultlineChain
import FaultlineWire
import Foundation

/// `faultline bench chain`: what the fallback chain itself costs.
///
/// - `state machine overhead`: one task that fails on two providers and delivers on the
///   third (3 attempts: a 500, a first-byte timeout, a streamed answer checked against a
///   text shape), driven through `ChainStateMachine` with canned events — no sockets, no
///   encoding (`encodesRequests: false`, as the virtual-time simulator runs it).
///
/// Lines read `name: p50 1.2 µs, p99 6.8 µs`, one per figure, for scripts.
public enum ChainBenchmarks {
    public static func run() async -> [String] {
        [machineOverhead(tasks: 200_000)]
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
        return line("state machine overhead", samples)
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

    /// `name: p50 1.2 µs, p99 6.8 µs`.
    static func line(_ name: String, _ samples: [Duration]) -> String {
        let sorted = samples.sorted()
        func micros(_ q: Double) -> String {
            guard !sorted.isEmpty else { return "n/a" }
            let d = sorted[min(sorted.count - 1, Int(Double(sorted.count) * q))]
            let us = Double(d.components.seconds) * 1e6 + Double(d.components.attoseconds) * 1e-12
            return String(format: us < 10 ? "%.1f µs" : "%.0f µs", us)
        }
        return "\(name): p50 \(micros(0.5)), p99 \(micros(0.99))"
    }
}
