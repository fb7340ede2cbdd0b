/// Thresholds of the verdicts. The defaults are lenient enough that the official SDKs'
/// own retry policies pass (0.5 s exponential backoff, `retry-after` honoured).
public struct VerdictPolicy: Sendable, Hashable {
    /// A retry this much earlier than `retry-after` is still accepted (clock and network slack).
    public var retryAfterTolerance: Double
    /// Retries whose every gap is below this (seconds) have no backoff.
    public var nearZeroGap: Double
    /// Retries after errors needed before `no_backoff` can be judged.
    public var minRetriesForBackoff: Int
    /// More retries than this of one request is a storm.
    public var maxRetriesPerRequest: Int
    /// More retries than this within any one second, per provider and key, is a storm.
    public var maxRetriesPerSecond: Int
    /// Statuses after which a retry cannot help.
    public var nonRetryableStatuses: Set<Int>
    /// Faults whose answer a retry cannot fix, whatever the status says (a 429 for an empty quota).
    public var nonRetryableFaults: Set<String>
    /// A stall held open longer than this (seconds) means the client has no timeout.
    public var noTimeoutAfter: Double
    /// Faults that leave an answer unusable even when its status is 200 and the HTTP message
    /// completes: a stream cut or closed before its terminal event, a broken or dropped frame,
    /// an error event, bytes that are not the dialect. An upstream answer with one is broken.
    public var brokenAnswerFaults: Set<String> = [
        "truncate", "reset_mid_stream", "reset", "empty_reply", "garbage", "malformed_chunk", "drop_chunk",
        "missing_done", "error_event", "invalid_json",
    ]

    public init(
        retryAfterTolerance: Double = 0.05, nearZeroGap: Double = 0.1, minRetriesForBackoff: Int = 2,
        maxRetriesPerRequest: Int = 5, maxRetriesPerSecond: Int = 20,
        nonRetryableStatuses: Set<Int> = [400, 401, 402, 403, 404, 413, 422],
        nonRetryableFaults: Set<String> = ["quota_exhausted", "auth_error", "context_overflow", "content_filter"],
        noTimeoutAfter: Double = 30
    ) {
        self.retryAfterTolerance = retryAfterTolerance
        self.nearZeroGap = nearZeroGap
        self.minRetriesForBackoff = minRetriesForBackoff
        self.maxRetriesPerRequest = maxRetriesPerRequest
        self.maxRetriesPerSecond = maxRetriesPerSecond
        self.nonRetryableStatuses = nonRetryableStatuses
        self.nonRetryableFaults = nonRetryableFaults
        self.noTimeoutAfter = noTimeoutAfter
    }
}
