import FaultlineChain
import FaultlineWire
import Testing

@testable import FaultlineSuite

/// The trace-side verdicts use the journal's thresholds: a jittered backoff is not
/// `no_backoff`, a retry inside `retry-after` is `retry_after_ignored`.
@Suite struct VerdictJudgeTests {
    /// A task whose attempts on one provider start at `starts`, each lasting 0.1 s and failing with `error`.
    static func trace(starts: [Double], error: ProviderError, retryAfter: Double? = nil) -> TaskTrace {
        var trace = TaskTrace(start: starts[0])
        for (number, start) in starts.enumerated() {
            var attempt = AttemptTrace(provider: 0, providerName: "p", number: number + 1, start: start, waitBefore: 0)
            attempt.end = start + 0.1
            attempt.result = .error(error)
            attempt.retryAfter = retryAfter
            trace.attempts.append(attempt)
        }
        trace.end = (starts.last ?? 0) + 0.1
        return trace
    }

    @Test(arguments: [
        ([0, 0.101, 0.202], 1),  // two retries, 1 ms gaps: no backoff at all
        ([0, 0.101], 0),  // one short gap could be jitter: not enough to tell
        ([0, 0.101, 0.6], 0),  // a real pause among them
        ([0, 0.6, 1.7], 0),  // growing waits
    ] as [([Double], Int)])
    func noBackoffNeedsRepeatedNearZeroGaps(starts: [Double], expected: Int) {
        var judge = VerdictJudge()
        judge.judge(Self.trace(starts: starts, error: .serverError(status: 500, detail: "")))
        #expect(judge.counts["no_backoff", default: 0] == expected)
    }

    @Test func retryInsideRetryAfterIsIgnoredRetryAfter() {
        var judge = VerdictJudge()
        judge.judge(Self.trace(starts: [0, 1.0], error: .rateLimited(retryAfter: 2, scope: .requests), retryAfter: 2))
        judge.judge(Self.trace(starts: [0, 2.1], error: .rateLimited(retryAfter: 2, scope: .requests), retryAfter: 2))
        #expect(judge.counts["retry_after_ignored"] == 1)
        #expect(judge.counts["no_backoff"] == nil)
    }

    @Test func retryingANonRetryableErrorIsCounted() {
        var judge = VerdictJudge()
        judge.judge(Self.trace(starts: [0, 1], error: .quotaExhausted(detail: "no credit")))
        #expect(judge.counts["retried_non_retryable"] == 1)
    }
}
