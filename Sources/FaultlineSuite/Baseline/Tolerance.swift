import Foundation

/// How far a metric may move from the baseline before it is a regression: `+5%` (may rise by
/// 5 % of the baseline), `+250ms` or `+0.01` (by that much), `-0` (may not fall at all). The
/// sign is the direction that is allowed; a move the other way never regresses.
public struct Tolerance: Sendable, Hashable, CustomStringConvertible {
    public enum Direction: Sendable, Hashable { case rise, fall }
    public enum Amount: Sendable, Hashable {
        case percent(Double)
        case absolute(Double)
    }

    public var direction: Direction
    public var amount: Amount
    public let description: String

    /// Parses `+5%`, `-0`, `+250ms`, `+0.5`; nil for anything else.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let sign = trimmed.first, sign == "+" || sign == "-" else { return nil }
        var number = trimmed.dropFirst()
        let percent = number.hasSuffix("%")
        if percent { number = number.dropLast() } else if number.hasSuffix("ms") { number = number.dropLast(2) }
        guard let value = Double(number.trimmingCharacters(in: .whitespaces)), value.isFinite, value >= 0 else { return nil }
        direction = sign == "+" ? .rise : .fall
        amount = percent ? .percent(value) : .absolute(value)
        description = trimmed
    }

    /// Whether going from `old` to `new` stays within the tolerance.
    public func allows(old: Double, new: Double) -> Bool {
        let change = direction == .rise ? new - old : old - new
        guard change > 0 else { return true }
        switch amount {
        case .absolute(let limit): return change <= limit + 1e-12
        case .percent(let limit): return change <= abs(old) * limit / 100 + 1e-12
        }
    }

    /// `<= +5%` or `>= -0`: the bound as a check's name spells it.
    public var bound: String { (direction == .rise ? "<= " : ">= ") + description }

    /// What a gate checks when the suite says nothing: success and shape may not drop at all,
    /// latency may rise 10 % and cost 5 %. On the virtual clock with a fixed seed any change
    /// is the change's own, so the defaults are tight.
    public static let defaults: [(metric: String, tolerance: Tolerance)] = [
        ("success_rate", "-0"), ("shape_stability", "-0"), ("latency_ms.p99", "+10%"), ("recovery_latency_ms.p99", "+10%"),
        ("attempts.mean", "+5%"), ("cost.total_usd", "+5%"), ("cost.per_success_usd", "+5%"),
    ].compactMap { metric, text in Tolerance(text).map { (metric, $0) } }
}
