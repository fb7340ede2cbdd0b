import FaultlineWire
import Testing

@testable import FaultlineChaos

/// Verdicts on crafted journals: each verdict fires on the client behaviour it names and
/// stays silent on a client that behaves (SDK-like backoff, retry-after honoured).
struct VerdictsTests {
    /// An entry answered at `at` (first and last byte equal), failed with `status` unless 200.
    static func entry(
        _ id: Int, at: Double, status: Int? = 200, retryAfter: Double? = nil, faults: [String] = [],
        fingerprint: String = "f1", key: String? = "key_1", provider: String = "default",
        outcome: JournalEntry.Outcome = .completed, stalledAt: Double? = nil, ended: Double? = nil
    ) -> JournalEntry {
        JournalEntry(
            id: id, received: at, provider: provider, dialect: .openAIChat, path: "/v1/chat/completions", keyID: key,
            fingerprint: fingerprint, faults: faults, status: status, retryAfter: retryAfter,
            firstByte: status == nil ? nil : at, lastByte: status == nil ? nil : at, stalledAt: stalledAt,
            ended: ended ?? (outcome == .inProgress ? nil : at), outcome: outcome)
    }

    static func names(_ verdicts: [Verdict]) -> [Verdict.Name] { verdicts.map(\.name) }

    @Test func retryBeforeRetryAfterIsIgnoredWithEvidence() {
        let journal = [
            Self.entry(1, at: 0, status: 429, retryAfter: 2),
            Self.entry(2, at: 0.5),
        ]
        let verdicts = Verdicts.evaluate(journal)
        #expect(Self.names(verdicts) == [.retryAfterIgnored])
        #expect(verdicts.first?.requests == [1, 2])
        #expect(verdicts.first?.gaps == [0.5])
        #expect(verdicts.first?.message.contains("2.0 s") == true)
    }

    @Test func retryAfterHonouredIsClean() {
        let journal = [Self.entry(1, at: 0, status: 429, retryAfter: 2), Self.entry(2, at: 2.01)]
        #expect(Verdicts.evaluate(journal).isEmpty)
    }

    @Test func anotherRequestIsNotARetry() {
        let journal = [
            Self.entry(1, at: 0, status: 429, retryAfter: 2),
            Self.entry(2, at: 0.1, fingerprint: "other"),
            Self.entry(3, at: 0.2, key: "key_2"),
            Self.entry(4, at: 0.3, provider: "backup"),
        ]
        #expect(Verdicts.evaluate(journal).isEmpty)
    }

    @Test func backToBackRetriesAreNoBackoff() {
        let journal = [
            Self.entry(1, at: 0, status: 500), Self.entry(2, at: 0.01, status: 500), Self.entry(3, at: 0.02, status: 500),
            Self.entry(4, at: 0.03),
        ]
        let verdicts = Verdicts.evaluate(journal)
        #expect(Self.names(verdicts) == [.noBackoff])
        #expect(verdicts.first?.requests == [1, 2, 3, 4])
        #expect(verdicts.first?.gaps.count == 3)
    }

    /// Doubling from a 1 ms base is still no backoff: no wait ever becomes a pause.
    @Test func growingButNearZeroGapsAreNoBackoff() {
        let journal = [
            Self.entry(1, at: 0, status: 503), Self.entry(2, at: 0.001, status: 503), Self.entry(3, at: 0.003, status: 503),
            Self.entry(4, at: 0.007, status: 503),
        ]
        #expect(Self.names(Verdicts.evaluate(journal)) == [.noBackoff])
    }

    /// The OpenAI SDK's schedule: 0.5 s then 1 s (less up to 25 % jitter).
    @Test func exponentialBackoffPasses() {
        let journal = [
            Self.entry(1, at: 0, status: 500), Self.entry(2, at: 0.45, status: 500), Self.entry(3, at: 1.3, status: 500),
        ]
        #expect(Verdicts.evaluate(journal).isEmpty)
    }

    @Test func oneQuickRetryIsNotEnoughToJudgeBackoff() {
        let journal = [Self.entry(1, at: 0, status: 503), Self.entry(2, at: 0.01)]
        #expect(Verdicts.evaluate(journal).isEmpty)
    }

    @Test(arguments: [400, 401, 403, 404])
    func retryAfterNonRetryableStatus(status: Int) {
        let journal = [Self.entry(1, at: 0, status: status), Self.entry(2, at: 1, status: status)]
        let verdicts = Verdicts.evaluate(journal)
        #expect(Self.names(verdicts) == [.retriedNonRetryable])
        #expect(verdicts.first?.message.contains("status \(status)") == true)
    }

    @Test func retryAfterQuotaExhaustedIsNonRetryableDespite429() {
        let journal = [Self.entry(1, at: 0, status: 429, faults: ["quota_exhausted"]), Self.entry(2, at: 5)]
        let verdicts = Verdicts.evaluate(journal)
        #expect(Self.names(verdicts) == [.retriedNonRetryable])
        #expect(verdicts.first?.message.contains("quota_exhausted") == true)
    }

    @Test func tooManyRetriesOfOneRequestIsAStorm() {
        let journal = (1...8).map { Self.entry($0, at: Double($0) * Double($0), status: 503) }
        let verdicts = Verdicts.evaluate(journal, policy: VerdictPolicy(maxRetriesPerRequest: 5))
        #expect(Self.names(verdicts) == [.retryStorm])
        #expect(verdicts.first?.requests == Array(1...8))
    }

    @Test func retriesAcrossRequestsAboveTheRateAreAStorm() {
        // 30 different requests, each failed once and retried 0.5 s later: 30 retries within a second.
        var journal: [JournalEntry] = []
        for n in 0..<30 {
            journal.append(Self.entry(2 * n + 1, at: Double(n) * 0.01, status: 503, fingerprint: "r\(n)"))
            journal.append(Self.entry(2 * n + 2, at: 0.6 + Double(n) * 0.01, fingerprint: "r\(n)"))
        }
        let verdicts = Verdicts.evaluate(journal, policy: VerdictPolicy(maxRetriesPerSecond: 20))
        #expect(Self.names(verdicts) == [.retryStorm])
        #expect(verdicts.first?.requests.count == 21)
    }

    @Test func stallHeldBeyondThresholdIsNoTimeout() {
        let journal = [
            Self.entry(1, at: 0, status: nil, outcome: .clientClosedStall, stalledAt: 0, ended: 45),
            Self.entry(2, at: 1, status: nil, fingerprint: "f2", outcome: .clientClosedStall, stalledAt: 1, ended: 6),
        ]
        let verdicts = Verdicts.evaluate(journal, policy: VerdictPolicy(noTimeoutAfter: 30))
        #expect(Self.names(verdicts) == [.noTimeout])
        #expect(verdicts.first?.requests == [1])
        #expect(verdicts.first?.gaps == [45])
    }

    @Test func stallStillOpenIsJudgedAtNow() {
        let journal = [Self.entry(1, at: 0, status: 200, outcome: .inProgress, stalledAt: 2)]
        #expect(Verdicts.evaluate(journal, policy: VerdictPolicy(noTimeoutAfter: 30), now: 20).isEmpty)
        let verdicts = Verdicts.evaluate(journal, policy: VerdictPolicy(noTimeoutAfter: 30), now: 40)
        #expect(Self.names(verdicts) == [.noTimeout])
        #expect(verdicts.first?.message.contains("still open") == true)
    }

    @Test func stainlessRetryCountMarksARetryAfterSuccess() {
        var retry = Self.entry(2, at: 0.2)
        retry.retryCount = 1
        let journal = [Self.entry(1, at: 0, status: 200, retryAfter: 1), retry]
        #expect(Self.names(Verdicts.evaluate(journal)) == [.retryAfterIgnored])
    }

    @Test func countsListEveryName() {
        let counts = Verdicts.counts([Verdict(name: .noBackoff, provider: "p", keyID: nil, requests: [], gaps: [], message: "")])
        #expect(counts.map(\.name) == Verdict.Name.allCases)
        #expect(counts.first { $0.name == .noBackoff }?.count == 1)
        #expect(counts.reduce(0) { $0 + $1.count } == 1)
    }
}
