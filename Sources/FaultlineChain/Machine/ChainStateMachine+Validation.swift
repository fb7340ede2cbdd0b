import FaultlineWire

extension ChainStateMachine {
    /// An attempt returned a whole answer: bill it, check its shape, repair if allowed,
    /// then deliver it, or reject it and fall back (or fail) as the validation policy says.
    mutating func answered(_ decoded: ChatResponse, now: Double, health: inout ProviderHealthBook) -> Action {
        guard case .attempting(let provider) = state, current != nil else { return .continueAttempt }
        var response = decoded
        current!.end = now
        current!.phase = .complete
        bill(&response, provider: provider)

        guard let shape else { return deliver(response, violations: [], provider: provider, now: now, health: &health) }
        let toolCallIDs = chain.providers[provider].dialect.identifiesToolCalls
        var violations = ShapeCheck.violations(of: response, against: shape, toolCallIDs: toolCallIDs)
        current!.shapeValid = violations.isEmpty
        let validation = chain.validation
        if !violations.isEmpty, validation.enabled {
            for step in validation.repair {
                guard let repaired = ShapeRepair.apply(step, to: response, shape: shape) else { continue }
                response = repaired
                current!.repairs.append(step)
                violations = ShapeCheck.violations(of: response, against: shape, toolCallIDs: toolCallIDs)
                if violations.isEmpty { break }
            }
        }
        if violations.isEmpty || !validation.enabled || validation.onFailure == .deliver {
            return deliver(response, violations: violations, provider: provider, now: now, health: &health)
        }

        // Still invalid: this provider answered, but not with what the caller asked for.
        current!.result = .rejected
        health[provider].recordFailure(now: now)
        closeAttempt()
        trace.violations = violations
        let error = ProviderError.shapeDrift(path: "$", expected: Self.describe(shape), found: violations.map(\.description).joined(separator: "; "))
        lastError = error
        if validation.onFailure == .fail { return finish(failure: error, now: now) }
        if let deadline, now >= deadline { return finish(failure: .timeout(.total), now: now) }
        return attemptFirstAdmitted(from: provider + 1, now: now, health: &health)
    }

    /// Usage as billed: the provider's, or estimated (and flagged) when it sent none, so
    /// cost is never silently zero and the answer's `usage_present` check holds.
    mutating func bill(_ response: inout ChatResponse, provider: Int) {
        var usage: Usage
        if let reported = response.usage {
            usage = reported
        } else {
            var bytes = response.text.utf8.count
            for call in response.toolCalls { bytes += call.name.utf8.count + call.arguments.bytes.count }
            usage = Usage(input: inputEstimate, output: TokenEstimate.tokens(forUTF8Count: bytes), estimated: true)
            response.usage = usage
        }
        let cached = usage.cached ?? 0
        current!.inputTokens = usage.input
        current!.outputTokens = usage.output
        current!.cachedTokens = cached
        current!.usageEstimated = usage.estimated
        current!.dollars = chain.providers[provider].price.dollars(input: usage.input, output: usage.output, cached: cached)
    }

    mutating func deliver(
        _ response: ChatResponse, violations: [ShapeViolation], provider: Int, now: Double, health: inout ProviderHealthBook
    ) -> Action {
        current!.result = .delivered
        health[provider].recordSuccess(duration: current!.duration, now: now)
        let repaired = !current!.repairs.isEmpty
        closeAttempt()
        state = .finished
        trace.end = now
        trace.deliveredAttempt = trace.attempts.count - 1
        trace.violations = violations
        if !violations.isEmpty {
            trace.outcome = .nonsense
        } else if provider != 0 {
            trace.outcome = .fellBack
        } else if trace.attempts.count > 1 {
            trace.outcome = .retried
        } else {
            trace.outcome = repaired ? .repaired : .clean
        }
        return .deliver(response, trace)
    }

    static func describe(_ shape: ExpectedShape) -> String {
        switch shape {
        case .text: "text"
        case .toolCall(let name, _): name.map { "a call to \($0)" } ?? "a tool call"
        case .json: "JSON"
        }
    }
}
