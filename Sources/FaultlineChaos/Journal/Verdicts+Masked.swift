extension JournalEntry {
    /// True when this answer was of no use to whoever asked, whatever its status said: it
    /// failed (`failed`), or a fault of `policy.brokenAnswerFaults` broke it. A truncated
    /// stream completes its HTTP message with a 200, so only the fault says it was cut.
    public func brokenAnswer(_ policy: VerdictPolicy = VerdictPolicy()) -> Bool {
        failed || faults.contains { policy.brokenAnswerFaults.contains(Verdicts.faultName($0)) }
    }
}

extension Verdicts {
    /// `masked_upstream_fault`: one verdict per end user (a client task) that the client got
    /// as a success although every upstream answer sent for it was broken, so whatever the
    /// client received was not what any provider answered ("available nonsense" a gateway
    /// made look clean). `delivered` holds the end users whose task the client counted a
    /// success; requests without an end user cannot be tied to a task and are not judged.
    public static func maskedUpstreamFaults(
        _ entries: [JournalEntry], delivered: Set<String>, policy: VerdictPolicy = VerdictPolicy()
    ) -> [Verdict] {
        var byUser: [String: [JournalEntry]] = [:]
        for entry in entries {
            guard let user = entry.endUser, delivered.contains(user) else { continue }
            byUser[user, default: []].append(entry)
        }
        var verdicts: [Verdict] = []
        for (user, answers) in byUser where answers.allSatisfy({ $0.brokenAnswer(policy) }) {
            let sorted = answers.sorted { $0.id < $1.id }
            let what = sorted.map { entry in
                "#\(entry.id) \(entry.provider) " + (entry.faults.isEmpty ? "status \(entry.status.map(String.init) ?? "none"), \(entry.outcome.rawValue)" : entry.faults.joined(separator: "; "))
            }
            verdicts.append(Verdict(
                name: .maskedUpstreamFault, provider: sorted[0].provider, keyID: sorted[0].keyID, requests: sorted.map(\.id),
                gaps: [],
                message: "task `\(user)` was delivered as a success, but every upstream answer for it was broken ("
                    + what.joined(separator: ", ") + ")"))
        }
        return verdicts.sorted { ($0.requests.first ?? 0) < ($1.requests.first ?? 0) }
    }
}
