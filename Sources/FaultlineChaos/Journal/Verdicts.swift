/// Judges the client from the journal. Pure functions over entries, so the wall-clock
/// server and the virtual-clock simulator share them.
///
/// A *retry* is a request from the same provider and key with the same fingerprint
/// (method, path, body) as one that failed just before it, or one the SDK marked with
/// `x-stainless-retry-count` > 0. Consecutive retries form a chain; gaps are measured from
/// the failed answer's last byte to the retry's arrival.
public enum Verdicts {
    /// Every verdict, in the order of the requests they are about.
    public static func evaluate(_ entries: [JournalEntry], policy: VerdictPolicy = VerdictPolicy(), now: Double? = nil) -> [Verdict] {
        let chains = retryChains(entries)
        var verdicts: [Verdict] = []
        for chain in chains {
            verdicts += retryAfterIgnored(chain, policy: policy)
            verdicts += retriedNonRetryable(chain, policy: policy)
            verdicts += noBackoff(chain, policy: policy)
            verdicts += retryStorm(chain, policy: policy)
        }
        verdicts += retryRate(chains, policy: policy)
        verdicts += noTimeout(entries, policy: policy, now: now ?? entries.map { $0.ended ?? $0.answeredAt }.max() ?? 0)
        return verdicts.sorted { ($0.requests.first ?? 0, $0.name.rawValue) < ($1.requests.first ?? 0, $1.name.rawValue) }
    }

    /// How many verdicts of each name, every name present (zero when none).
    public static func counts(_ verdicts: [Verdict]) -> [(name: Verdict.Name, count: Int)] {
        Verdict.Name.allCases.map { name in (name, verdicts.count(where: { $0.name == name })) }
    }

    /// Groups entries into chains: an original request followed by its retries.
    static func retryChains(_ entries: [JournalEntry]) -> [[JournalEntry]] {
        struct Key: Hashable { var provider: String, keyID: String?, fingerprint: String }
        var open: [Key: Int] = [:]
        var chains: [[JournalEntry]] = []
        for entry in entries.sorted(by: { ($0.received, $0.id) < ($1.received, $1.id) }) {
            let key = Key(provider: entry.provider, keyID: entry.keyID, fingerprint: entry.fingerprint)
            if let index = open[key], let last = chains[index].last, last.failed || (entry.retryCount ?? 0) > 0 {
                chains[index].append(entry)
            } else {
                open[key] = chains.count
                chains.append([entry])
            }
        }
        return chains
    }

    /// Consecutive (failed, retry) pairs of a chain, with the gap between them.
    static func retries(_ chain: [JournalEntry]) -> [(failed: JournalEntry, retry: JournalEntry, gap: Double)] {
        zip(chain, chain.dropFirst()).map { ($0, $1, $1.received - $0.answeredAt) }
    }

    static func retryAfterIgnored(_ chain: [JournalEntry], policy: VerdictPolicy) -> [Verdict] {
        retries(chain).compactMap { pair in
            guard let wait = pair.failed.retryAfter, wait > 0, pair.gap < wait - policy.retryAfterTolerance else { return nil }
            return Verdict(
                name: .retryAfterIgnored, provider: pair.retry.provider, keyID: pair.retry.keyID,
                requests: [pair.failed.id, pair.retry.id], gaps: [pair.gap],
                message: "request #\(pair.retry.id) retried #\(pair.failed.id) after \(seconds(pair.gap)); "
                    + "the mock asked to wait \(seconds(wait)) (retry-after)")
        }
    }

    static func retriedNonRetryable(_ chain: [JournalEntry], policy: VerdictPolicy) -> [Verdict] {
        retries(chain).compactMap { pair in
            let fault = pair.failed.faults.first { policy.nonRetryableFaults.contains(faultName($0)) }
            let status = pair.failed.status.flatMap { policy.nonRetryableStatuses.contains($0) ? $0 : nil }
            guard status != nil || fault != nil else { return nil }
            let reason = fault.map { "fault \($0)" } ?? "status \(status ?? 0)"
            return Verdict(
                name: .retriedNonRetryable, provider: pair.retry.provider, keyID: pair.retry.keyID,
                requests: [pair.failed.id, pair.retry.id], gaps: [pair.gap],
                message: "request #\(pair.retry.id) retried #\(pair.failed.id), which failed with \(reason): "
                    + "a retry cannot succeed")
        }
    }

    static func noBackoff(_ chain: [JournalEntry], policy: VerdictPolicy) -> [Verdict] {
        let pairs = retries(chain)
        guard pairs.count >= policy.minRetriesForBackoff else { return [] }
        let gaps = pairs.map(\.gap)
        // Every wait near zero: whatever growth there is (jitter, a 1 ms base) never reached a real pause.
        guard gaps.allSatisfy({ $0 < policy.nearZeroGap }), let first = chain.first else { return [] }
        return [Verdict(
            name: .noBackoff, provider: first.provider, keyID: first.keyID, requests: chain.map(\.id), gaps: gaps,
            message: "\(pairs.count) retries of #\(first.id) after errors with gaps "
                + gaps.map(seconds).joined(separator: ", ") + "; expected growing waits (exponential backoff)")]
    }

    static func retryStorm(_ chain: [JournalEntry], policy: VerdictPolicy) -> [Verdict] {
        let retries = chain.count - 1
        guard retries > policy.maxRetriesPerRequest, let first = chain.first else { return [] }
        return [Verdict(
            name: .retryStorm, provider: first.provider, keyID: first.keyID, requests: chain.map(\.id),
            gaps: self.retries(chain).map(\.gap),
            message: "request #\(first.id) was retried \(retries) times; more than \(policy.maxRetriesPerRequest)")]
    }

    /// Retries per second across all requests of one provider and key.
    static func retryRate(_ chains: [[JournalEntry]], policy: VerdictPolicy) -> [Verdict] {
        struct Key: Hashable { var provider: String, keyID: String? }
        var retriesByKey: [Key: [JournalEntry]] = [:]
        for chain in chains where chain.count > 1 {
            retriesByKey[Key(provider: chain[0].provider, keyID: chain[0].keyID), default: []] += chain.dropFirst()
        }
        var verdicts: [Verdict] = []
        for (key, retries) in retriesByKey {
            let sorted = retries.sorted { ($0.received, $0.id) < ($1.received, $1.id) }
            var start = 0
            for end in sorted.indices {
                while sorted[end].received - sorted[start].received >= 1 { start += 1 }
                let count = end - start + 1
                if count > policy.maxRetriesPerSecond {
                    let window = Array(sorted[start...end])
                    verdicts.append(Verdict(
                        name: .retryStorm, provider: key.provider, keyID: key.keyID, requests: window.map(\.id),
                        gaps: zip(window, window.dropFirst()).map { $1.received - $0.received },
                        message: "\(count) retries within one second to \(key.provider); "
                            + "more than \(policy.maxRetriesPerSecond) per second"))
                    break
                }
            }
        }
        return verdicts
    }

    static func noTimeout(_ entries: [JournalEntry], policy: VerdictPolicy, now: Double) -> [Verdict] {
        entries.compactMap { entry in
            guard let stalled = entry.stalledAt, entry.outcome != .reset, entry.outcome != .closed else { return nil }
            let held = (entry.ended ?? now) - stalled
            guard held > policy.noTimeoutAfter else { return nil }
            let state = entry.ended == nil ? "is still open" : "stayed open"
            return Verdict(
                name: .noTimeout, provider: entry.provider, keyID: entry.keyID, requests: [entry.id], gaps: [held],
                message: "request #\(entry.id) stalled and the client's connection \(state) \(seconds(held)) later; "
                    + "expected a timeout within \(seconds(policy.noTimeoutAfter))")
        }
    }

    /// `throttle(retry_after=2)` → `throttle`.
    static func faultName(_ text: String) -> String {
        String(text.prefix { $0 != "(" }.filter { $0 != " " })
    }

    static func seconds(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        return "\(rounded) s"
    }
}
