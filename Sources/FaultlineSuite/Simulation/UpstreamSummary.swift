import FaultlineChaos

/// What a gateway did behind its endpoint, read off the mock's journal: every upstream
/// request it sent, so retries and fallbacks the client never sees become figures.
struct UpstreamSummary {
    var requests: Int
    /// Upstream answers that were broken: an error status, a reset or closed connection, and a
    /// stream cut, truncated or malformed under a 200 (`JournalEntry.brokenAnswer`).
    var errors: Int
    var attemptsPerTask: Double
    /// Requests and broken answers per upstream, in the chain's order.
    var perProvider: [(name: String, requests: Int, errors: Int)]
    /// Tasks the client got as a success from nothing but broken upstream answers.
    var masked: [Verdict]

    init(_ journal: [JournalEntry], tasks: Int, providers: [String], delivered: Set<String> = [], policy: VerdictPolicy = VerdictPolicy()) {
        let broken = journal.map { $0.brokenAnswer(policy) }
        requests = journal.count
        errors = broken.count(where: { $0 })
        attemptsPerTask = tasks > 0 ? Double(journal.count) / Double(tasks) : 0
        perProvider = providers.map { name in
            let mine = journal.indices.filter { journal[$0].provider == name }
            return (name, mine.count, mine.count(where: { broken[$0] }))
        }
        masked = Verdicts.maskedUpstreamFaults(journal, delivered: delivered, policy: policy)
    }

    /// Upstream requests under no provider of the chain (a gateway whose api_base lacks the mount).
    static func unmounted(_ journal: [JournalEntry], providers: [String]) -> [JournalEntry] {
        let known = Set(providers)
        return journal.filter { !known.contains($0.provider) }
    }

    var metrics: [Metric] {
        [Metric("upstream.requests", Double(requests)), Metric("upstream.errors", Double(errors)),
         Metric("upstream.attempts_per_task", attemptsPerTask), Metric("verdicts.masked_upstream_fault", Double(masked.count))]
            + perProvider.flatMap {
                [Metric("upstream.\($0.name).requests", Double($0.requests)), Metric("upstream.\($0.name).errors", Double($0.errors))]
            }
    }
}
