
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
        let judged = tolerances.isEmpty ? Self.defaultTolerances : tolerances
        let before = Self.scenarios(old)
        let after = Self.scenarios(new)
        added = after.keys.filter { before[$0] == nil }.sorted()
        removed = before.keys.filter { after[$0] == nil }.sorted()
        rows = after.keys.sorted().flatMap { name -> [Row] in
            guard let was = before[name], let now = after[name] else { return [] }
            return Self.rows(name, old: was, new: now, tolerances: judged)
        }
    }

    /// The checks a scenario gets from its baseline under `--baseline`: one per judged metric
    /// (the scenario's `regressions:`, or the defaults).
    public static func checks(old: ScenarioResult, new: ScenarioResult, tolerances: [String: Tolerance]) -> [CheckResult] {
        let judged = tolerances.isEmpty ? defaultTolerances : tolerances
        return checks(rows(new.name, old: old, new: new, tolerances: judged))
    }

    static var defaultTolerances: [String: Tolerance] {
        Dictionary(Tolerance.defaults.map { ($0.metric, $0.tolerance) }, uniquingKeysWith: { a, _ in a })
    }

    private static func rows(_ name: String, old: ScenarioResult, new: ScenarioResult, tolerances: [String: Tolerance]) -> [Row] {
        new.metrics.compactMap { metric in
            guard let was = old.metric(metric.name) else { return nil }
            return Row(scenario: name, metric: metric.name, old: was, new: metric.value, tolerance: tolerances[metric.name])
        }
    }

    public var regressions: [Row] { rows.filter(\.regressed) }

    /// One JUnit check per judged metric: `vs_baseline cost.per_success_usd <= +5%`.
    public func checks(for scenario: String) -> [CheckResult] { Self.checks(rows.filter { $0.scenario == scenario }) }

    private static func checks(_ rows: [Row]) -> [CheckResult] {
        rows.filter { $0.tolerance != nil }.map { row in
            let name = "vs_baseline \(row.metric) \(row.tolerance!.bound)"
            guard row.regressed else {
                return CheckResult(name: name, status: .passed, metric: row.metric, measured: row.new, bound: row.tolerance!.bound)
            }
            return CheckResult(
                name: name, status: .failed, message: "\(row.metric): \(Self.format(row.old)) → \(Self.format(row.new)) (\(Self.change(row))), allowed \(row.tolerance!)",
                metric: row.metric, measured: row.new, bound: row.tolerance!.bound)
        }
    }

    /// `+12.5%` or `+0.3` when the baseline is 0.
    public static func change(_ row: Row) -> String {
        let sign = row.delta >= 0 ? "+" : "-"
        if row.old != 0 { return sign + format(abs(row.delta) / abs(row.old) * 100) + "%" }
        return sign + format(abs(row.delta))
    }

    public static func format(_ value: Double) -> String { ThresholdEvaluator.format(value) }

    private static func scenarios(_ run: RunResult) -> [String: ScenarioResult] {
        var out: [String: ScenarioResult] = [:]
        for suite in run.suites { for scenario in suite.scenarios { out["\(suite.name).\(scenario.name)"] = scenario } }
        return out
    }
}
