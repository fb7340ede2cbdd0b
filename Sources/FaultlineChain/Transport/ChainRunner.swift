import Foundation
import FaultlineWire

/// Drives `ChainStateMachine` on the real clock with a `Transport`: the chain as a
/// library user would run it. Times given to the machine are seconds since the runner
/// was created, so breakers shared across tasks see one timeline.
public struct ChainRunner: Sendable {
    public let chain: ChainConfig
    public let transport: any Transport
    public let health: HealthRegistry
    private let options: [ClientOptions]
    private let origin: ContinuousClock.Instant

    /// What one task came to.
    public struct Result: Sendable {
        public var response: ChatResponse?
        public var error: ProviderError?
        public var trace: TaskTrace
    }

    /// Resolves API keys from `environment` up front: a missing key is an error naming
    /// its variable, before anything is sent.
    public init(
        chain: ChainConfig, transport: any Transport, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ChainRunError) {
        for provider in chain.providers where !(provider.baseURL.hasPrefix("http://") || provider.baseURL.hasPrefix("https://")) {
            throw .invalidBaseURL(provider: provider.name, url: provider.baseURL)
        }
        self.chain = chain
        self.transport = transport
        self.options = try chain.clientOptions(environment: environment)
        health = HealthRegistry(chain: chain)
        origin = ContinuousClock.now
    }

    /// Runs one task to its end. `seed` drives the backoff jitter.
    public func run(_ request: ChatRequest, shape: ExpectedShape? = nil, seed: UInt64 = 0) async -> Result {
        var machine = ChainStateMachine(chain: chain, request: request, shape: shape, options: options, random: SeededRandom(seed: seed))
        var action = health.update { machine.start(now: now(), health: &$0) }
        while true {
            switch action {
            case .send(let attempt):
                var next: ChainStateMachine.Action?
                for await event in transport.perform(attempt) {
                    switch event {
                    case .head(let status, let headers):
                        _ = machine.responseHead(status: status, headers: headers, now: now())
                    case .chunk(let events):
                        _ = machine.chunk(events: events, now: now())
                    case .completed(let result):
                        next = health.update { machine.completed(result, now: now(), health: &$0) }
                    }
                }
                action = next ?? health.update {
                    machine.failed(.connectionReset(detail: "the transport ended without a result"), now: now(), health: &$0)
                }
            case .sleep(let until):
                let wait = until - now()
                if wait > 0 { try? await Task.sleep(for: .seconds(min(wait, ChainLimits.longestSleep))) }
                action = health.update { machine.timerFired(now: max(now(), until), health: &$0) }
            case .continueAttempt:
                // start, completed and timerFired never answer this: stop rather than spin.
                return Result(response: nil, error: .connectionReset(detail: "the chain stopped with no attempt in flight"), trace: machine.currentTrace)
            case .deliver(let response, let trace):
                return Result(response: response, error: nil, trace: trace)
            case .fail(let error, let trace):
                return Result(response: nil, error: error, trace: trace)
            }
        }
    }

    private func now() -> Double {
        let elapsed = ContinuousClock.now - origin
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }
}
