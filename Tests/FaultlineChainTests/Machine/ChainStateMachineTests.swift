import FaultlineWire
import Testing
@testable import FaultlineChain

@Suite("ChainStateMachine")
struct ChainStateMachineTests {
    @Test("a clean first attempt delivers, costed from the usage and the price table")
    func cleanDelivery() throws {
        var driver = MachineDriver(chain: ChainSamples.chain())
        let attempt = try #require(driver.start(10).attempt)
        #expect(attempt.provider == 0 && attempt.number == 1 && attempt.index == 0)
        #expect(attempt.timeouts.total == 30 && attempt.timeouts.idle == 2)
        let (response, trace) = try #require(driver.answer(ChainSamples.answer(), 11.5).delivered)
        #expect(response.text == "Sunny, 21 °C.")
        #expect(trace.outcome == .clean && trace.delivered && trace.attempts.count == 1)
        #expect(abs(trace.latency - 1.5) < 1e-9 && trace.recoveryLatency == 0)
        #expect(abs(trace.totalDollars - (1000 * 2.5 + 200 * 10) / 1e6) < 1e-12)
        #expect(trace.wastedDollars == 0 && trace.wastedInputTokens == 0 && !trace.usageEstimated)
    }

    @Test("the request is encoded with the provider's model and dialect", arguments: [0, 1, 2])
    func encodesPerProvider(provider: Int) throws {
        var chain = ChainSamples.chain()
        chain.providers = Array(chain.providers[provider...])
        var machine = ChainStateMachine(chain: chain, request: ChainSamples.request(), random: SeededRandom(seed: 1))
        var health = ProviderHealthBook(chain: chain)
        let attempt = try #require(machine.start(now: 0, health: &health).attempt)
        #expect(attempt.dialect == chain.providers[0].dialect)
        #expect(attempt.request != nil)
    }

    @Test("retries back off exponentially within the jitter's bounds, then fall back", arguments: Backoff.Jitter.allCases, [1, 2, 3, 99] as [UInt64])
    func backoffWithinJitterBounds(jitter: Backoff.Jitter, seed: UInt64) throws {
        let retry = RetryPolicy(maxAttempts: 4, backoff: Backoff(initial: 1, multiplier: 2, max: 3, jitter: jitter))
        var driver = MachineDriver(chain: ChainSamples.chain(retry: retry), seed: seed)
        var now = 0.0
        _ = try #require(driver.start(now).attempt)
        for (retryIndex, ceiling) in [1.0, 2.0, 3.0].enumerated() {
            now += 0.25
            let wake = try #require(driver.fail(.serverError(status: 500, detail: "boom"), now).sleepUntil)
            let delay = wake - now
            switch jitter {
            case .full: #expect(delay >= 0 && delay <= ceiling)
            case .equal: #expect(delay >= ceiling / 2 && delay <= ceiling)
            case .none: #expect(delay == ceiling)
            }
            now = wake
            let attempt = try #require(driver.timer(now).attempt)
            #expect(attempt.provider == 0 && attempt.number == retryIndex + 2)
        }
        let fallback = try #require(driver.fail(.serverError(status: 502, detail: "boom"), now + 0.25).attempt)
        #expect(fallback.provider == 1 && fallback.number == 1 && fallback.index == 4)
    }

    @Test("jitter is reproducible from the seed")
    func jitterIsSeeded() throws {
        func firstWake(seed: UInt64) throws -> Double {
            var driver = MachineDriver(chain: ChainSamples.chain(retry: RetryPolicy(backoff: Backoff(initial: 4, jitter: .full))), seed: seed)
            _ = driver.start(0)
            return try #require(driver.fail(.overloaded(retryAfter: nil), 1).sleepUntil)
        }
        #expect(try firstWake(seed: 7) == firstWake(seed: 7))
        #expect(try firstWake(seed: 7) != firstWake(seed: 8))
    }

    struct RetryAfterCase: Sendable, CustomStringConvertible {
        var asked: Double
        var policy: RetryAfterPolicy
        /// Expected: sleep this long on the same provider, or nil for an immediate fallback.
        var sleep: Double?
        var description: String { "retry-after \(asked) cap \(policy.cap) \(policy.overCap) honour \(policy.honour)" }
    }

    @Test("retry-after is honoured up to its cap", arguments: [
        RetryAfterCase(asked: 2, policy: RetryAfterPolicy(cap: 20), sleep: 2),
        RetryAfterCase(asked: 20, policy: RetryAfterPolicy(cap: 20), sleep: 20),
        RetryAfterCase(asked: 30, policy: RetryAfterPolicy(cap: 20, overCap: .fallBack), sleep: nil),
        RetryAfterCase(asked: 30, policy: RetryAfterPolicy(cap: 20, overCap: .waitCap), sleep: 20),
        RetryAfterCase(asked: 30, policy: RetryAfterPolicy(honour: false), sleep: 1),
    ])
    func retryAfter(_ c: RetryAfterCase) throws {
        let retry = RetryPolicy(maxAttempts: 2, backoff: Backoff(initial: 1, jitter: .none), retryAfter: c.policy)
        var driver = MachineDriver(chain: ChainSamples.chain(retry: retry))
        _ = driver.start(0)
        let action = driver.fail(.rateLimited(retryAfter: c.asked, scope: .requests), 0.5)
        if let sleep = c.sleep {
            #expect(action.sleepUntil == 0.5 + sleep)
            let retried = try #require(driver.timer(0.5 + sleep).attempt)
            #expect(retried.provider == 0 && retried.number == 2)
            let (_, trace) = try #require(driver.answer(ChainSamples.answer(), 0.6 + sleep).delivered)
            #expect(trace.attempts[0].retryAfter == c.asked && trace.attempts[1].waitBefore == sleep)
            #expect(trace.outcome == .retried)
        } else {
            let next = try #require(action.attempt)
            #expect(next.provider == 1 && next.number == 1)
        }
    }

    @Test("non-retryable errors are not retried: a bad request fails, provider-bound errors fall back", arguments: [
        (ProviderError.badRequest(status: 400, detail: "bad"), false),
        (ProviderError.authentication(status: 401, detail: "key"), true),
        (ProviderError.quotaExhausted(detail: "billing"), true),
        (ProviderError.contextOverflow(detail: "too long"), true),
        (ProviderError.contentFiltered(detail: "policy"), true),
    ])
    func nonRetryable(error: ProviderError, fallsBack: Bool) throws {
        var driver = MachineDriver(chain: ChainSamples.chain(retry: RetryPolicy(maxAttempts: 5)))
        _ = driver.start(0)
        let action = driver.fail(error, 1)
        if fallsBack {
            let next = try #require(action.attempt)
            #expect(next.provider == 1 && next.number == 1)
        } else {
            let (failure, trace) = try #require(action.failure)
            #expect(failure == error && trace.attempts.count == 1 && trace.outcome == .failed)
        }
    }

    @Test("the deadline cuts a backoff short: fall back if a provider is left, else fail")
    func deadlineMidBackoff() throws {
        var driver = MachineDriver(chain: ChainSamples.chain(deadline: 3))
        _ = driver.start(0)
        let next = try #require(driver.fail(.rateLimited(retryAfter: 2.5, scope: .tokens), 1).attempt)
        #expect(next.provider == 1 && next.timeouts.total == 2)

        var single = ChainSamples.chain(deadline: 3)
        single.providers = [single.providers[0]]
        var alone = MachineDriver(chain: single)
        _ = alone.start(0)
        let (error, trace) = try #require(alone.fail(.rateLimited(retryAfter: 2.5, scope: .tokens), 1).failure)
        #expect(error == .timeout(.total) && trace.latency == 1)

        var late = MachineDriver(chain: single)
        _ = late.start(0)
        #expect(late.fail(.serverError(status: 500, detail: ""), 1).sleepUntil == 2)
        #expect(late.timer(1.5).sleepUntil == 2)
        let (lateError, _) = try #require(late.timer(3.2).failure)
        #expect(lateError == .timeout(.total))
    }

    struct Cut: Sendable, CustomStringConvertible {
        var description: String
        var error: ProviderError
        var viaCompleted: Bool
    }

    @Test("a stream cut mid-way falls back and never delivers the partial answer", arguments: [
        Cut(description: "reset mid-stream", error: .connectionReset(detail: "reset mid-body"), viaCompleted: false),
        Cut(description: "stall", error: .timeout(.idle), viaCompleted: false),
        Cut(description: "truncated", error: .truncatedStream(detail: "no [DONE]"), viaCompleted: true),
    ])
    func midStreamCut(_ cut: Cut) throws {
        let chain = ChainSamples.chain(retry: RetryPolicy(maxAttempts: 1))
        var driver = MachineDriver(chain: chain, request: ChainSamples.request(stream: true))
        #expect(try #require(driver.start(0).attempt).streaming)
        #expect(driver.machine.responseHead(status: 200, headers: [:], now: 0.1).isContinue)
        #expect(driver.machine.chunk(events: [.start(id: "a", model: "m"), .textDelta("Sunny"), .textDelta(" and")], now: 0.2).isContinue)
        let action = cut.viaCompleted
            ? driver.machine.completed(.failure(cut.error), now: 0.5, health: &driver.health)
            : driver.fail(cut.error, 0.5)
        let next = try #require(action.attempt, "a cut stream must fall back, not deliver")
        #expect(next.provider == 1)
        let full = ChainSamples.answer("Sunny and warm all day.")
        let (response, trace) = try #require(driver.answer(full, 1.0).delivered)
        #expect(response == full)
        #expect(trace.outcome == .fellBack)
        let cutAttempt = trace.attempts[0]
        #expect(cutAttempt.phase == .streaming && cutAttempt.firstToken == 0.2 && cutAttempt.error == cut.error)
        #expect(cutAttempt.outputTokens == TokenEstimate.tokens(for: "Sunny and") && cutAttempt.inputTokens > 0)
        #expect(cutAttempt.usageEstimated && trace.usageEstimated)
        let expectedWaste = ChainSamples.prices[0].dollars(input: cutAttempt.inputTokens, output: cutAttempt.outputTokens)
        #expect(abs(trace.wastedDollars - expectedWaste) < 1e-12)
        #expect(trace.wastedOutputTokens == cutAttempt.outputTokens)
        #expect(abs(trace.recoveryLatency - 0.5) < 1e-9)
        #expect(trace.timeoutWaste == (cut.error.kind == .timeout ? 0.5 : 0))
    }

    @Test("an error status before any stream bills nothing")
    func errorStatusBillsNothing() throws {
        var driver = MachineDriver(chain: ChainSamples.chain(retry: RetryPolicy(maxAttempts: 1)))
        _ = driver.start(0)
        _ = driver.machine.responseHead(status: 503, headers: [:], now: 0.2)
        _ = driver.fail(.overloaded(retryAfter: nil), 0.3)
        let (_, trace) = try #require(driver.answer(ChainSamples.answer(), 1).delivered)
        #expect(trace.attempts[0].inputTokens == 0 && trace.attempts[0].dollars == 0 && trace.wastedDollars == 0)
    }

    struct ValidationCase: Sendable, CustomStringConvertible {
        var description: String
        var text: String
        var policy: ValidationPolicy
        var outcome: TaskOutcome
        var deliveredText: String?
    }

    static let jsonRepairs: [RepairStep] = [.stripFences, .extractJSON]

    @Test("validation: repair when it can, else fall back, fail or deliver nonsense as configured", arguments: [
        ValidationCase(description: "valid", text: #"{"a":1}"#, policy: .init(repair: jsonRepairs), outcome: .clean, deliveredText: #"{"a":1}"#),
        ValidationCase(description: "fenced", text: "```json\n{\"a\":1}\n```", policy: .init(repair: jsonRepairs), outcome: .repaired, deliveredText: #"{"a":1}"#),
        ValidationCase(description: "prose", text: #"Sure! {"a":1} hope it helps"#, policy: .init(repair: jsonRepairs), outcome: .repaired, deliveredText: #"{"a":1}"#),
        ValidationCase(description: "no repair configured", text: "```json\n{\"a\":1}\n```", policy: .init(), outcome: .fellBack, deliveredText: #"{"b":2}"#),
        ValidationCase(description: "unrepairable", text: "no JSON here", policy: .init(repair: jsonRepairs), outcome: .fellBack, deliveredText: #"{"b":2}"#),
        ValidationCase(description: "fail", text: "no JSON here", policy: .init(repair: jsonRepairs, onFailure: .fail), outcome: .failed, deliveredText: nil),
        ValidationCase(description: "deliver", text: "no JSON here", policy: .init(onFailure: .deliver), outcome: .nonsense, deliveredText: "no JSON here"),
        ValidationCase(description: "off", text: "no JSON here", policy: .init(enabled: false, repair: jsonRepairs), outcome: .nonsense, deliveredText: "no JSON here"),
    ])
    func validation(_ c: ValidationCase) throws {
        var driver = MachineDriver(chain: ChainSamples.chain(validation: c.policy), shape: .json(nil))
        _ = driver.start(0)
        var action = driver.answer(ChainSamples.answer(c.text), 1)
        if let next = action.attempt {
            #expect(next.provider == 1)
            action = driver.answer(ChainSamples.answer(#"{"b":2}"#), 2)
        }
        let trace = try #require(action.trace)
        #expect(trace.outcome == c.outcome)
        #expect(action.delivered?.0.text == c.deliveredText)
        #expect(trace.attempts[0].shapeValid == (c.outcome == .clean))
        if c.outcome == .fellBack {
            #expect(trace.attempts[0].result == .rejected && trace.wastedDollars > 0)
        }
        if c.outcome == .nonsense { #expect(!trace.violations.isEmpty) }
        if c.outcome == .failed, case .shapeDrift? = action.failure?.0 {} else if c.outcome == .failed { Issue.record("expected a shape error") }
    }

    @Test("missing usage is estimated, flagged and still costed")
    func usageEstimated() throws {
        var driver = MachineDriver(chain: ChainSamples.chain(), shape: .text)
        _ = driver.start(0)
        let (response, trace) = try #require(driver.answer(ChainSamples.answer("Sunny, 21 °C.", usage: nil), 1).delivered)
        let usage = try #require(response.usage)
        #expect(usage.estimated && trace.usageEstimated && trace.outcome == .clean)
        #expect(usage.output == TokenEstimate.tokens(for: "Sunny, 21 °C."))
        #expect(usage.input == TokenEstimate.tokens(for: ChainSamples.request().messages[0].text))
        #expect(trace.totalDollars == ChainSamples.prices[0].dollars(input: usage.input, output: usage.output))
    }

    @Test("every provider failing ends with the last error and every attempt in the trace")
    func allFail() throws {
        var driver = MachineDriver(chain: ChainSamples.chain(retry: RetryPolicy(maxAttempts: 1)))
        _ = driver.start(0)
        _ = driver.fail(.timeout(.firstByte), 5)
        _ = driver.fail(.overloaded(retryAfter: nil), 6)
        let (error, trace) = try #require(driver.fail(.serverError(status: 500, detail: "x"), 7).failure)
        #expect(error == .serverError(status: 500, detail: "x"))
        #expect(trace.attempts.map(\.provider) == [0, 1, 2] && !trace.delivered)
        #expect(trace.timeoutWaste == 5 && trace.recoveryLatency == 7)
    }

    @Test("events after the end or out of turn change nothing")
    func lateEvents() throws {
        var driver = MachineDriver(chain: ChainSamples.chain())
        _ = driver.start(0)
        #expect(driver.timer(0.1).isContinue)
        _ = try #require(driver.answer(ChainSamples.answer(), 1).delivered)
        #expect(driver.machine.chunk(events: [.textDelta("late")], now: 2).isContinue)
        #expect(driver.fail(.timeout(.idle), 3).isContinue)
        #expect(driver.machine.currentTrace.attempts.count == 1 && driver.machine.currentTrace.outcome == .clean)
    }
}
