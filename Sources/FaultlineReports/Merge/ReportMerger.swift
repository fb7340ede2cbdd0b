import FaultlineSuite

/// Merges the results of several shards (`faultline run --shard i/n` on a CI matrix)
/// into one run, so the merged reports count every scenario exactly once.
public enum ReportMerger {
    public struct Conflict: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Suites with the same name are joined, scenarios kept in the order first seen; a
    /// scenario present in two shards is a conflict (the shards overlapped).
    public static func merge(_ runs: [RunResult]) throws -> RunResult {
        guard let first = runs.first else { throw Conflict(description: "nothing to merge") }
        var suites: [SuiteResult] = []
        for run in runs {
            for suite in run.suites {
                guard let index = suites.firstIndex(where: { $0.name == suite.name }) else {
                    suites.append(suite)
                    continue
                }
                for scenario in suite.scenarios {
                    if suites[index].scenarios.contains(where: { $0.name == scenario.name }) {
                        throw Conflict(description: "scenario `\(suite.name).\(scenario.name)` appears in more than one shard")
                    }
                    suites[index].scenarios.append(scenario)
                }
                suites[index].duration += suite.duration
            }
        }
        return RunResult(
            version: first.version, startedAt: runs.map(\.startedAt).min() ?? first.startedAt,
            duration: runs.map(\.duration).max() ?? 0, seed: first.seed, shard: nil,
            interrupted: runs.contains { $0.interrupted }, suites: suites)
    }
}
