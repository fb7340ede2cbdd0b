import FaultlineChaos

/// What a gateway did behind its endpoint, read off the mock's journal: every upstream
/// request it sent, so retries and fallbacks the client never sees become figures.
struct UpstreamSummary {
    var requests: Int
    var errors: Int
    var attemptsPerTask: Double
    /// Requests per upstream, in the chain's order.
    var perProvider: [(name: String, requests: Int)]

    init(_ journal: [JournalEntry], tasks: Int, providers: [String]) {
        requests = journal.count
        errors = journal.filter(\.failed).count
        attemptsPerTask = tasks > 0 ? Double(journal.count) / Double(tasks) : 0
        perProvider = providers.map { name in (name, journal.filter { $0.provider == name }.count) }
    }

    var metrics: [Metric] {
        [Metric("upstream.requests", Double(requests)), Metric("upstream.errors", Double(errors)),
         Metric("upstream.attempts_per_task", attemptsPerTask)]
            + perProvider.map { Metric("upstream.\($0.name).requests", Double($0.requests)) }
    }
}
