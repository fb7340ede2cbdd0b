import FaultlineWire

extension ChainStateMachine {
    /// Sends to the first provider from `index` on whose breaker admits a call.
    mutating func attemptFirstAdmitted(from index: Int, now: Double, health: inout ProviderHealthBook) -> Action {
        var provider = index
        while provider < chain.providers.count {
            attemptsOnProvider = 0
            if health[provider].breaker.admit(now: now) { return send(provider: provider, now: now) }
            trace.skippedProviders.append(provider)
            provider += 1
        }
        if let lastError { return finish(failure: lastError, now: now) }
        let names = trace.skippedProviders.map { chain.providers[$0].name }.joined(separator: ", ")
        return finish(failure: .serverError(status: 503, detail: "circuit breaker open for every provider tried: \(names)"), now: now)
    }

    mutating func send(provider: Int, now: Double) -> Action {
        if let deadline, now >= deadline { return finish(failure: .timeout(.total), now: now) }
        let config = chain.providers[provider]
        attemptsOnProvider += 1
        var timeouts = config.timeouts
        if let deadline { timeouts.total = min(timeouts.total ?? .infinity, deadline - now) }
        var wire: WireRequest?
        if encodesRequests {
            var canonical = request
            canonical.model = config.model
            wire = config.dialect.dialect.encodeRequest(canonical, options: options[provider])
        }
        current = AttemptTrace(provider: provider, providerName: config.name, number: attemptsOnProvider, start: now, waitBefore: pendingWait)
        pendingWait = 0
        streamedBytes = 0
        streamedUsage = nil
        state = .attempting(provider: provider)
        return .send(Attempt(
            provider: provider, providerName: config.name, number: attemptsOnProvider, index: trace.attempts.count,
            dialect: config.dialect, baseURL: config.baseURL, request: wire, timeouts: timeouts, streaming: request.stream))
    }

    /// After a failed attempt: wait and retry the same provider if the policy allows and
    /// the deadline leaves room, else move to the next provider.
    mutating func retryOrFallBack(provider: Int, error: ProviderError, now: Double, health: inout ProviderHealthBook) -> Action {
        let policy = chain.retryPolicy(for: provider)
        guard policy.retryOn.contains(error.kind), attemptsOnProvider < policy.maxAttempts else {
            return attemptFirstAdmitted(from: provider + 1, now: now, health: &health)
        }
        var delay = policy.backoff.delay(retry: attemptsOnProvider - 1, random: &random)
        if policy.retryAfter.honour, let asked = error.retryAfter, asked > 0 {
            if asked <= policy.retryAfter.cap {
                delay = asked
            } else if policy.retryAfter.overCap == .waitCap {
                delay = policy.retryAfter.cap
            } else {
                return attemptFirstAdmitted(from: provider + 1, now: now, health: &health)
            }
        }
        let wake = now + delay
        if let deadline, wake >= deadline {
            // Waiting would spend the whole budget: try the next provider with what is left, if any.
            if provider + 1 < chain.providers.count { return attemptFirstAdmitted(from: provider + 1, now: now, health: &health) }
            return finish(failure: .timeout(.total), now: now)
        }
        pendingWait = delay
        state = .backingOff(provider: provider, until: wake)
        return .sleep(until: wake)
    }

    /// Appends the current attempt to the trace.
    mutating func closeAttempt() {
        guard let attempt = current else { return }
        trace.attempts.append(attempt)
        current = nil
    }

    mutating func finish(failure: ProviderError, now: Double) -> Action {
        closeAttempt()
        state = .finished
        trace.end = now
        trace.outcome = .failed
        trace.failure = failure
        return .fail(failure, trace)
    }

    /// Bills an attempt that ended without an answer. The provider bills a stream that
    /// was cut after it started: the input and the output streamed so far. An error
    /// status or a connection that never got a 2xx head bills nothing.
    mutating func billPartial() {
        guard let status = current?.status, (200..<300).contains(status) else { return }
        let config = chain.providers[current!.provider]
        let usage = streamedUsage
        let input = usage.map { $0.input > 0 ? $0.input : inputEstimate } ?? inputEstimate
        let output = usage.map { $0.output > 0 ? $0.output : TokenEstimate.tokens(forUTF8Count: streamedBytes) }
            ?? TokenEstimate.tokens(forUTF8Count: streamedBytes)
        let cached = usage?.cached ?? 0
        current!.inputTokens = input
        current!.outputTokens = output
        current!.cachedTokens = cached
        current!.usageEstimated = usage == nil || usage!.estimated
        current!.dollars = config.price.dollars(input: input, output: output, cached: cached)
    }

    /// Errors that say something about the provider's health, as opposed to this request
    /// (a bad request, an overflowing context, filtered content would fail there any day).
    static func reflectsOnProvider(_ kind: ProviderError.Kind) -> Bool {
        switch kind {
        case .badRequest, .contextOverflow, .contentFiltered: false
        default: true
        }
    }

    /// The 4-bytes-per-token estimate of the request's input: system, messages and tool definitions.
    static func estimateInputTokens(_ request: ChatRequest) -> Int {
        var bytes = request.system?.utf8.count ?? 0
        for message in request.messages {
            for part in message.parts {
                switch part {
                case .text(let text): bytes += text.utf8.count
                case .toolUse(let call): bytes += call.name.utf8.count + call.arguments.bytes.count
                case .toolResult(_, let name, let content, _): bytes += name.utf8.count + content.utf8.count
                }
            }
        }
        for tool in request.tools {
            bytes += tool.name.utf8.count + (tool.description?.utf8.count ?? 0) + tool.parameters.bytes.count
        }
        return TokenEstimate.tokens(forUTF8Count: bytes)
    }
}
