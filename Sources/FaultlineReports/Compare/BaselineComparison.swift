import FaultlineSuite

/// A run set against an earlier one (typically main's last run): for each scenario present in
/// both, every metric's change, and for each tolerance whether it held. Scenarios present in
/// only one run are listed, not judged.
public struct BaselineComparison: Sendable {
    public struct Row: Sendable, Hashable {
        public var scenario: String
        public var metric: String
        public var old: Double
        public var new: Double
        public var tolerance: Tolerance?
        public var delta: Double { new - old }
        public var regressed: Bool { tolerance.map { !$0.allows(old: old, new: new) } ?? false }
    }

    public var rows: [Row]
    /// `suite.scenario` names only in the new run, and only in the old.
    public var added: [String]
    public var removed: [String]

    /// Compares every metric of the scenarios both runs have; `tolerances` (metric → tolerance,
    /// the defaults when empty) decide which are judged.
    public init(old: RunResult, new: RunResult, tolerances: [String: Tolerance] = [:]) {
        let judged = tolerances.isEmpty ? Dictionary(Tolerance.defaults.map { ($0.metric, $0.tolerance) }, uniquingKeysWith: { a, _ in a }) : tolerances
        let before = Self.scenarios(old)
        let after = Self.scenarios(new)
        added = after.keys.filter { before[$0] == nil }.sorted()
        removed = before.keys.filter { after[$0] == nil }.sorted()
        rows = after.keys.sorted().flatMap { name -> [Row] in
            guard let was = before[name], let now = after[name] else { return [] }
            return now.metrics.compactMap { metric in
                guard let old = was.metric(metric.name) else { return nil }
                return Row(scenario: name, metric: metric.name, old: old, new: metric.value, tolerance: judged[metric.name])
            }
        }
    }

    public var regressions: [Row] { rows.filter(\.regressed) }

    /// One JUnit check per judged metric: `vs_baseline cost.per_success_usd <= +5%`.
    public func checks(for scenario: String) -> [CheckResult] {
        rows.filter { $0.scenario == scenario && $0.tolerance != nil }.map { row in
            let name = "vs_baseline \(row.metric) \(row.tolerance!.bound)"
            guard row.regressed else {
                return CheckResult(name: name, status: .passed, metric: "vs_baseline.\(row.metric)", measured: row.delta, bound: row.tolerance!.bound)
            }
            return CheckResult(
                name: name, status: .failed, message: "\(row.metric): \(Self.format(row.old)) → \(Self.format(row.new)) (\(Self.change(row))), allowed \(row.tolerance!)",
                metric: "vs_baseline.\(row.metric)", measured: row.delta, bound: row.tolerance!.bound)
        }
    }

    /// `+12.5%` or `+0.3` when the baseline is 0.
    static func change(_ row: Row) -> String {
        let sign = row.delta >= 0 ? "+" : "-"
        if row.old != 0 { return sign + format(abs(row.delta) / abs(row.old) * 100) + "%" }
        return sign + format(abs(row.delta))
    }

    static func format(_ value: Double) -> String { ThresholdEvaluator.format(value) }

    private static func scenarios(_ run: RunResult) -> [String: ScenarioResult] {
        var out: [String: ScenarioResult] = [:]
        for suite in run.suites { for scenario in suite.scenarios { out["\(suite.name).\(scenario.name)"] = scenario } }
        return out
    }
}
