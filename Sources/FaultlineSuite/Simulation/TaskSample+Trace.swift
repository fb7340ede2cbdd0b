import FaultlineChain

extension TaskSample {
    /// What the metrics keep of a chain's task trace.
    init(trace: TaskTrace) {
        let deliveredIndex = trace.deliveredAttempt
        var attempts: [AttemptSample] = []
        attempts.reserveCapacity(trace.attempts.count)
        var previous: AttemptTrace?
        for (index, attempt) in trace.attempts.enumerated() {
            let waitedOnRetryAfter = previous?.retryAfter != nil && previous?.provider == attempt.provider
            attempts.append(AttemptSample(
                provider: attempt.providerName, delivered: index == deliveredIndex,
                errorKind: attempt.error?.kind.rawValue ?? (attempt.result == .rejected ? "shape" : nil),
                timedOut: attempt.timedOut, duration: attempt.duration, inputTokens: attempt.inputTokens,
                outputTokens: attempt.outputTokens, cost: attempt.dollars, shapeValid: attempt.shapeValid,
                retryAfterWait: waitedOnRetryAfter ? attempt.waitBefore : 0))
            previous = attempt
        }
        let delivered = deliveredIndex != nil
        let unrepaired = deliveredIndex.map { trace.attempts[$0].repairs.isEmpty } ?? false
        self.init(
            outcome: trace.outcome.rawValue, delivered: delivered, latency: trace.latency,
            ttft: trace.timeToFirstToken, recoveryLatency: trace.recoveryLatency, attempts: attempts,
            shapeClean: delivered && unrepaired && trace.outcome != .nonsense,
            shapeRepaired: delivered && trace.outcome != .nonsense, usageEstimated: trace.usageEstimated)
    }
}
