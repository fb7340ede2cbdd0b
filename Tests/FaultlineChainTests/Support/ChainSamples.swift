import FaultlineWire
@testable import FaultlineChain

/// Chains, requests and answers shared by the chain tests.
enum ChainSamples {
    static let prices = [Price(input: 2.5, output: 10, cachedInput: 1.25), Price(input: 3, output: 15), Price(input: 0.3, output: 2.5)]

    /// OpenAI → Anthropic → Gemini with the given policy; every provider on `baseURL`.
    static func chain(
        retry: RetryPolicy = RetryPolicy(maxAttempts: 2, backoff: Backoff(initial: 1, multiplier: 2, max: 8, jitter: .none)),
        breaker: BreakerPolicy = BreakerPolicy(enabled: false), deadline: Double? = nil,
        validation: ValidationPolicy = ValidationPolicy(), baseURL: String = "http://127.0.0.1:1"
    ) -> ChainConfig {
        let dialects: [DialectID] = [.openAIChat, .anthropicMessages, .gemini]
        let names = ["openai", "anthropic", "gemini"]
        let providers = (0..<3).map { i in
            ProviderConfig(
                name: names[i], dialect: dialects[i], baseURL: baseURL, model: "model-\(i)", price: prices[i],
                timeouts: PhaseTimeouts(connect: 1, firstByte: 5, firstToken: 5, idle: 2, total: 30), pathPrefix: "/\(names[i])")
        }
        return ChainConfig(name: "test", providers: providers, retry: retry, breaker: breaker, deadline: deadline, validation: validation)
    }

    static func request(stream: Bool = false) -> ChatRequest {
        ChatRequest(model: "any", messages: [.user("What is the weather in Paris? Answer in one short sentence.")], stream: stream)
    }

    static func answer(_ text: String = "Sunny, 21 °C.", usage: Usage? = Usage(input: 1000, output: 200)) -> ChatResponse {
        ChatResponse(id: "r1", model: "m", text: text, finishReason: .stop, usage: usage)
    }
}

/// Feeds a machine and keeps the shared health book, so a test reads as a script of events.
struct MachineDriver {
    var machine: ChainStateMachine
    var health: ProviderHealthBook

    init(chain: ChainConfig, request: ChatRequest = ChainSamples.request(), shape: ExpectedShape? = nil, seed: UInt64 = 1, health: ProviderHealthBook? = nil) {
        machine = ChainStateMachine(chain: chain, request: request, shape: shape, random: SeededRandom(seed: seed), encodesRequests: false)
        self.health = health ?? ProviderHealthBook(chain: chain)
    }

    mutating func start(_ now: Double) -> ChainStateMachine.Action { machine.start(now: now, health: &health) }
    mutating func fail(_ error: ProviderError, _ now: Double) -> ChainStateMachine.Action { machine.failed(error, now: now, health: &health) }
    mutating func answer(_ response: ChatResponse, _ now: Double) -> ChainStateMachine.Action {
        _ = machine.responseHead(status: 200, headers: [:], now: now)
        return machine.completed(.success(response), now: now, health: &health)
    }
    mutating func timer(_ now: Double) -> ChainStateMachine.Action { machine.timerFired(now: now, health: &health) }
}

extension ChainStateMachine.Action {
    var attempt: Attempt? { if case .send(let a) = self { a } else { nil } }
    var sleepUntil: Double? { if case .sleep(let t) = self { t } else { nil } }
    var delivered: (ChatResponse, TaskTrace)? { if case .deliver(let r, let t) = self { (r, t) } else { nil } }
    var failure: (ProviderError, TaskTrace)? { if case .fail(let e, let t) = self { (e, t) } else { nil } }
    var isContinue: Bool { if case .continueAttempt = self { true } else { false } }
    /// The trace of a final action.
    var trace: TaskTrace? { delivered?.1 ?? failure?.1 }
}
