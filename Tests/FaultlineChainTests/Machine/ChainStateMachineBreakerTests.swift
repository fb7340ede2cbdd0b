import FaultlineWire
import Testing
@testable import FaultlineChain

/// The breaker seen through the machine: many tasks share one health book.
@Suite("ChainStateMachine with circuit breakers")
struct ChainStateMachineBreakerTests {
    let chain = ChainSamples.chain(
        retry: RetryPolicy(maxAttempts: 1),
        breaker: BreakerPolicy(window: 60, minimumRequests: 2, failureRate: 0.5, openDuration: 10, halfOpenProbes: 1))

    @Test("closed → open → half-open → closed across tasks")
    func lifecycle() throws {
        var health = ProviderHealthBook(chain: chain)
        for t in [0.0, 1.0] {
            var task = MachineDriver(chain: chain, health: health)
            #expect(task.start(t).attempt?.provider == 0)
            #expect(task.fail(.serverError(status: 500, detail: ""), t + 0.5).attempt?.provider == 1)
            _ = task.answer(ChainSamples.answer(), t + 0.6)
            health = task.health
        }
        #expect(health[0].breaker.state == .open(until: 11.5))
        #expect(health[0].score < 1 && health[1].score == 1)

        var skipped = MachineDriver(chain: chain, health: health)
        #expect(skipped.start(5).attempt?.provider == 1)
        let (_, trace) = try #require(skipped.answer(ChainSamples.answer(), 6).delivered)
        #expect(trace.skippedProviders == [0] && trace.outcome == .fellBack)
        health = skipped.health

        var probe = MachineDriver(chain: chain, health: health)
        #expect(probe.start(12).attempt?.provider == 0)
        #expect(probe.health[0].breaker.state == .halfOpen(inFlight: 1, succeeded: 0))
        var concurrent = MachineDriver(chain: chain, health: probe.health)
        #expect(concurrent.start(12.1).attempt?.provider == 1, "only one probe while half-open")
        _ = try #require(probe.answer(ChainSamples.answer(), 13).delivered)
        #expect(probe.health[0].breaker.state == .closed)
    }

    @Test("a failed probe reopens the breaker")
    func failedProbe() throws {
        var health = ProviderHealthBook(chain: chain)
        health[0].recordFailure(now: 0)
        health[0].recordFailure(now: 0)
        var probe = MachineDriver(chain: chain, health: health)
        #expect(probe.start(10).attempt?.provider == 0)
        _ = probe.fail(.timeout(.firstByte), 15)
        #expect(probe.health[0].breaker.state == .open(until: 25))
        #expect(probe.health[0].breaker.timesOpened == 2)
    }

    @Test("with every breaker open the task fails at once with a 503 naming them")
    func allOpen() throws {
        var health = ProviderHealthBook(chain: chain)
        for i in 0..<3 { for _ in 0..<2 { health[i].recordFailure(now: 0) } }
        var driver = MachineDriver(chain: chain, health: health)
        let (error, trace) = try #require(driver.start(1).failure)
        #expect(trace.skippedProviders == [0, 1, 2] && trace.attempts.isEmpty)
        guard case .serverError(503, let detail) = error else { Issue.record("expected 503, got \(error)"); return }
        #expect(detail.contains("openai, anthropic, gemini"))
    }

    @Test("request-bound errors do not count against a provider")
    func requestErrorsDoNotTrip() {
        var health = ProviderHealthBook(chain: chain)
        for t in 0..<4 {
            var task = MachineDriver(chain: chain, health: health)
            _ = task.start(Double(t))
            _ = task.fail(.contextOverflow(detail: "long"), Double(t) + 0.1)
            health = task.health
        }
        #expect(health[0].breaker.state == .closed && health[0].failures == 0)
    }
}
