import FaultlineWire

/// The fallback chain, sans I/O: fed timestamped events, it returns the action to
/// perform. It opens no socket, reads no clock and starts no task, so the same code
/// runs over real HTTP (`ChainRunner`) and in a virtual-time simulator; the style is
/// async-http-client's `HTTP1ConnectionStateMachine`.
///
/// One machine serves one task. Driving it:
///
/// 1. `start(now:health:)` returns `.send(attempt)` (or `.fail` when every breaker is open).
/// 2. For a `.send`, perform the attempt, enforcing `attempt.timeouts`, and report
///    `responseHead`, any `chunk`s, then `completed(result)` or `failed(error)` (a
///    `.timeout(phase)` when a budget ran out). These return `.continueAttempt` until the end.
/// 3. For `.sleep(until:)`, call `timerFired(now:health:)` at that time.
/// 4. `.deliver` and `.fail` are final; they carry the task's `TaskTrace`.
///
/// Times are `Double` seconds on the driver's clock. Jitter draws from the `SeededRandom`
/// given at init, so a seeded run is reproducible. Breakers and health scores live in a
/// `ProviderHealthBook` the driver owns and passes `inout`, because they outlive the task.
///
/// A stream that fails or stalls before its terminal event is a failed attempt: the
/// chain retries or falls back and never delivers a cut or mixed answer.
public struct ChainStateMachine: Sendable {
    /// What the driver should do next.
    public enum Action: Sendable {
        /// Perform this attempt and report its events.
        case send(Attempt)
        /// Call `timerFired` at this time (a backoff or a provider's retry-after).
        case sleep(until: Double)
        /// Nothing to do: keep reporting the current attempt's events.
        case continueAttempt
        /// The task is done: hand this answer to the caller.
        case deliver(ChatResponse, TaskTrace)
        /// The task is done without an answer; `TaskTrace.failure` repeats the error.
        case fail(ProviderError, TaskTrace)
    }

    enum State: Sendable {
        case idle
        case attempting(provider: Int)
        case backingOff(provider: Int, until: Double)
        case finished
    }

    let chain: ChainConfig
    let request: ChatRequest
    let shape: ExpectedShape?
    let options: [ClientOptions]
    let encodesRequests: Bool
    var random: SeededRandom
    var state: State = .idle
    var trace: TaskTrace
    var deadline: Double?
    /// Attempts made on the provider currently in use.
    var attemptsOnProvider = 0
    /// The wait before the next attempt, for its trace.
    var pendingWait = 0.0
    var lastError: ProviderError?
    var current: AttemptTrace?
    /// UTF-8 bytes of content streamed in the current attempt, for billing a cut stream.
    var streamedBytes = 0
    var streamedUsage: Usage?
    lazy var inputEstimate: Int = Self.estimateInputTokens(request)

    /// - Parameters:
    ///   - chain: the providers and policy.
    ///   - request: the canonical request; each attempt sends it with its provider's model.
    ///   - shape: the task's expected shape; overrides `chain.validation.shape`.
    ///   - options: per-provider client options with API keys (see `ChainConfig.clientOptions(environment:)`);
    ///     `nil` sends without keys (the mock, the simulator).
    ///   - random: the source of every jitter draw.
    ///   - encodesRequests: build each attempt's `WireRequest`; a simulator that never sends bytes may skip it.
    public init(
        chain: ChainConfig, request: ChatRequest, shape: ExpectedShape? = nil, options: [ClientOptions]? = nil,
        random: SeededRandom, encodesRequests: Bool = true
    ) {
        self.chain = chain
        self.request = request
        self.shape = shape ?? chain.validation.shape
        self.options = options ?? (encodesRequests ? chain.providers.map { $0.clientOptions(apiKey: nil) } : [])
        self.random = random
        self.encodesRequests = encodesRequests
        trace = TaskTrace(start: 0)
    }

    /// Starts the task at `now`: the first attempt on the first provider whose breaker admits it.
    public mutating func start(now: Double, health: inout ProviderHealthBook) -> Action {
        guard case .idle = state else { preconditionFailure("start() in state \(state)") }
        trace = TaskTrace(start: now)
        trace.attempts.reserveCapacity(chain.providers.count)  // one growth-free append per provider tried, usually
        deadline = chain.deadline.map { now + $0 }
        return attemptFirstAdmitted(from: 0, now: now, health: &health)
    }

    /// The response head arrived.
    public mutating func responseHead(status: Int, headers: WireHeaders, now: Double) -> Action {
        guard case .attempting = state, current != nil else { return ignored() }
        current!.status = status
        current!.firstByte = now
        current!.phase = max(current!.phase, .head)
        return .continueAttempt
    }

    /// Decoded stream events arrived. Counts streamed content for billing a cut stream.
    public mutating func chunk(events: [StreamEvent], now: Double) -> Action {
        guard case .attempting = state, current != nil else { return ignored() }
        for event in events {
            switch event {
            case .textDelta(let text):
                streamedBytes += text.utf8.count
                if current!.firstToken == nil { current!.firstToken = now }
            case .toolCallStart(_, _, let name):
                streamedBytes += name.utf8.count
                if current!.firstToken == nil { current!.firstToken = now }
            case .toolCallDelta(_, let arguments):
                streamedBytes += arguments.utf8.count
                if current!.firstToken == nil { current!.firstToken = now }
            case .usage(let usage):
                streamedUsage = usage
            case .start, .finish, .done:
                break
            }
        }
        current!.phase = max(current!.phase, .streaming)
        return .continueAttempt
    }

    /// A body piece of `contentBytes` content bytes arrived: the allocation-free form of
    /// `chunk(events:now:)` for a simulator that does not decode.
    public mutating func chunk(contentBytes: Int, now: Double) -> Action {
        guard case .attempting = state, current != nil else { return ignored() }
        streamedBytes += contentBytes
        if contentBytes > 0, current!.firstToken == nil { current!.firstToken = now }
        current!.phase = max(current!.phase, .streaming)
        return .continueAttempt
    }

    /// The attempt ended with the adapter's verdict on the whole response.
    public mutating func completed(_ result: Result<ChatResponse, ProviderError>, now: Double, health: inout ProviderHealthBook) -> Action {
        switch result {
        case .success(let response): answered(response, now: now, health: &health)
        case .failure(let error): failed(error, now: now, health: &health)
        }
    }

    /// The attempt failed: a transport error, a provider error, or a phase timeout the driver enforced.
    public mutating func failed(_ error: ProviderError, now: Double, health: inout ProviderHealthBook) -> Action {
        guard case .attempting(let provider) = state, current != nil else { return ignored() }
        billPartial()
        current!.end = now
        current!.result = .error(error)
        current!.retryAfter = error.retryAfter
        if Self.reflectsOnProvider(error.kind) {
            health[provider].recordFailure(now: now)
        }
        closeAttempt()
        lastError = error
        if chain.fatalOn.contains(error.kind) { return finish(failure: error, now: now) }
        if let deadline, now >= deadline { return finish(failure: .timeout(.total), now: now) }
        return retryOrFallBack(provider: provider, error: error, now: now, health: &health)
    }

    /// A `sleep(until:)` ran out.
    public mutating func timerFired(now: Double, health: inout ProviderHealthBook) -> Action {
        guard case .backingOff(let provider, let until) = state else { return ignored() }
        if now < until { return .sleep(until: until) }
        if let deadline, now >= deadline { return finish(failure: .timeout(.total), now: now) }
        if health[provider].breaker.admit(now: now) { return send(provider: provider, now: now) }
        trace.skippedProviders.append(provider)
        return attemptFirstAdmitted(from: provider + 1, now: now, health: &health)
    }

    /// The trace so far (complete once `.deliver` or `.fail` was returned).
    public var currentTrace: TaskTrace { trace }

    /// Events after the end, or out of order (a late chunk after a timeout), change nothing.
    private func ignored() -> Action {
        if case .backingOff(_, let until) = state { return .sleep(until: until) }
        return .continueAttempt
    }
}
