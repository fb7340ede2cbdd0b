import FaultlineWire

/// What one provider's canary requests (or a whole scenario's) added up to.
struct CanaryTally: Sendable {
    var provider: String
    var sent = 0
    var notSent = 0
    var stopReason: String?
    var successes = 0
    var latencies: [Double] = []
    var ttfts: [Double] = []
    var errors: [String: Int] = [:]
    var inputTokens = 0
    var outputTokens = 0
    var dollars = 0.0
    /// Drifted paths by kind (`added`, `removed`, `retyped`), each path once.
    var drift: [String: Set<String>] = ["added": [], "removed": [], "retyped": []]

    init(provider: String) { self.provider = provider }

    mutating func stopped(_ reason: String) {
        notSent += 1
        stopReason = stopReason ?? reason
    }

    mutating func add(_ sample: CanaryProbe.Sample, drift diff: ShapeDiff) {
        sent += 1
        inputTokens += sample.inputTokens
        outputTokens += sample.outputTokens
        dollars += sample.dollars
        switch sample.outcome {
        case .success:
            successes += 1
            latencies.append(sample.latencyMs)
            if let ttft = sample.ttftMs { ttfts.append(ttft) }
        case .failure(let error):
            errors[error.kind.rawValue, default: 0] += 1
        }
        drift["added", default: []].formUnion(diff.added)
        drift["removed", default: []].formUnion(diff.removed)
        drift["retyped", default: []].formUnion(diff.retyped.map(\.description))
    }

    /// `path: added` lines for one kind of drift, sorted.
    func driftLines(_ kind: String) -> [String] { (drift[kind] ?? []).sorted().map { "\($0): \(kind)" } }

    /// The metrics of `kinds` in report order; percentiles only when something succeeded.
    var metrics: [Metric] {
        var out = [Metric("requests.sent", Double(sent)), Metric("requests.skipped", Double(notSent))]
        if sent > 0 { out.append(Metric("success_rate", Double(successes) / Double(sent))) }
        for (name, values) in [("latency_ms", latencies), ("ttft_ms", ttfts)] where !values.isEmpty {
            let sorted = values.sorted()
            for p in [50, 95, 99] { out.append(Metric("\(name).p\(p)", Self.percentile(sorted, Double(p) / 100))) }
        }
        out.append(Metric("errors", Double(errors.values.reduce(0, +))))
        out += errors.keys.sorted().map { Metric("errors.\($0)", Double(errors[$0] ?? 0)) }
        out += [
            Metric("tokens.input", Double(inputTokens)), Metric("tokens.output", Double(outputTokens)), Metric("cost.total_usd", dollars),
            Metric("drift.removed", Double(drift["removed"]?.count ?? 0)), Metric("drift.retyped", Double(drift["retyped"]?.count ?? 0)),
            Metric("drift.added", Double(drift["added"]?.count ?? 0)),
        ]
        return out
    }

    /// Nearest rank: with few samples, a value that was measured rather than interpolated.
    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        sorted[min(sorted.count - 1, max(0, Int((p * Double(sorted.count)).rounded(.up)) - 1))]
    }

    /// A scenario's tally: every provider's added up, drift paths prefixed with the provider.
    static func merged(_ tallies: [CanaryTally]) -> CanaryTally {
        var total = CanaryTally(provider: "")
        for tally in tallies {
            total.sent += tally.sent
            total.notSent += tally.notSent
            total.stopReason = total.stopReason ?? tally.stopReason
            total.successes += tally.successes
            total.latencies += tally.latencies
            total.ttfts += tally.ttfts
            total.errors.merge(tally.errors, uniquingKeysWith: +)
            total.inputTokens += tally.inputTokens
            total.outputTokens += tally.outputTokens
            total.dollars += tally.dollars
            for (kind, paths) in tally.drift { total.drift[kind, default: []].formUnion(paths.map { "\(tally.provider) \($0)" }) }
        }
        return total
    }
}
