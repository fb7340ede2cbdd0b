import FaultlineChain
import FaultlineChaos

/// The mock's server-side verdicts on client behaviour (DESIGN.md), judged from each
/// finished task's attempts as the mock's journal would see them, so the simulator keeps
/// memory flat: nothing outlives its task. Retry gaps are judged with the journal's own
/// thresholds (`VerdictPolicy`); storms and missing timeouts with the task-wide bounds below,
/// since a task spans every provider of its chain where the journal sees one request.
struct VerdictJudge {
    private(set) var counts: [String: Int] = [:]
    let policy = VerdictPolicy()

    /// More attempts than this on one task is a retry storm.
    static let stormAttempts = 10
    /// An attempt kept open this long on a silent connection means the client set no timeout.
    static let noTimeoutAfter = 120.0

    mutating func judge(_ trace: TaskTrace) {
        let attempts = trace.attempts
        if attempts.count > Self.stormAttempts { counts["retry_storm", default: 0] += 1 }
        var gapsAfterErrors: [Double] = []
        for (previous, next) in zip(attempts, attempts.dropFirst()) where previous.provider == next.provider {
            let gap = next.start - previous.end
            if let retryAfter = previous.retryAfter, gap + policy.retryAfterTolerance < retryAfter {
                counts["retry_after_ignored", default: 0] += 1
            }
            if previous.error != nil, previous.retryAfter == nil { gapsAfterErrors.append(gap) }
            if let kind = previous.error?.kind, [.badRequest, .authentication, .quotaExhausted, .contextOverflow].contains(kind) {
                counts["retried_non_retryable", default: 0] += 1
            }
        }
        // As the journal judges it: enough retries to tell, and not one real pause among them.
        if gapsAfterErrors.count >= policy.minRetriesForBackoff, gapsAfterErrors.allSatisfy({ $0 < policy.nearZeroGap }) {
            counts["no_backoff", default: 0] += 1
        }
        if attempts.contains(where: { $0.timedOut && $0.duration >= Self.noTimeoutAfter }) { counts["no_timeout", default: 0] += 1 }
    }
}
