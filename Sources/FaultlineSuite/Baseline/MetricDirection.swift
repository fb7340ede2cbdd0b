/// Which way a metric improves, so a change from the baseline can be shown as better or
/// worse: success and shape up, latency, cost, attempts, waste, errors and drift down.
public enum MetricDirection: Sendable, Hashable {
    case higherIsBetter, lowerIsBetter, neutral

    public init(_ metric: String) {
        var name = Substring(metric)
        if name.hasPrefix("provider."), let dot = name.dropFirst("provider.".count).firstIndex(of: ".") {
            name = name[name.index(after: dot)...]
        }
        if Self.better.contains(String(name)) {
            self = .higherIsBetter
        } else if Self.neutralNames.contains(String(name)) {
            self = .neutral
        } else {
            self = .lowerIsBetter
        }
    }

    static let better: Set<String> = [
        "success_rate", "shape_stability", "shape_stability_repaired", "delivered", "outcome.clean", "pass_rate", "decoded",
        "served", "health", "successes",
    ]
    static let neutralNames: Set<String> = ["requests.sent", "requests.skipped", "fixtures", "attempts", "upstream.requests"]

    /// Whether going from `old` to `new` is an improvement (true), a worsening (false), or neither (nil).
    public func isImprovement(old: Double, new: Double) -> Bool? {
        guard old != new, self != .neutral else { return nil }
        return (new > old) == (self == .higherIsBetter)
    }
}
