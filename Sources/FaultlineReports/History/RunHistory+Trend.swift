import FaultlineSuite
import FaultlineWire

extension RunHistory {
    /// Per scenario, a table of its key figures over the last `count` runs, oldest first:
    /// what `faultline trend` prints.
    public func trend(last count: Int) -> String {
        let runs = Array(entries.suffix(count))
        guard !runs.isEmpty else { return "no runs in the history\n" }
        let scenarios = Set(runs.flatMap(\.scenarios.keys)).sorted()
        var out: [String] = []
        for scenario in scenarios {
            let metrics = Self.keyMetrics.filter { metric in runs.contains { $0.scenarios[scenario]?[metric] != nil } }
            out.append("### \(scenario)")
            out.append("")
            out.append("| run | commit | " + metrics.joined(separator: " | ") + " |")
            out.append("| --- | --- |" + String(repeating: " ---: |", count: metrics.count))
            for run in runs where run.scenarios[scenario] != nil {
                let figures = metrics.map { metric in run.scenarios[scenario]?[metric].map { ThresholdEvaluator.format($0) } ?? "–" }
                out.append("| \(RetryAfter.rfc3339(unixSeconds: run.time.rounded(.down))) | \(run.commit.map { String($0.prefix(8)) } ?? "–") | " + figures.joined(separator: " | ") + " |")
            }
            out.append("")
        }
        return out.joined(separator: "\n")
    }
}
