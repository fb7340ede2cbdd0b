/// One threshold of a scenario, `metric op bound`, as written in a suite's `expect:`.
public struct Expectation: Sendable, Hashable {
    public enum Operator: String, Sendable, Hashable, CaseIterable {
        case less = "<", lessOrEqual = "<=", equal = "==", greaterOrEqual = ">=", greater = ">"

        func holds(_ measured: Double, _ bound: Double) -> Bool {
            switch self {
            case .less: measured < bound
            case .lessOrEqual: measured <= bound
            case .equal: abs(measured - bound) <= 1e-9 * max(1, abs(bound))
            case .greaterOrEqual: measured >= bound
            case .greater: measured > bound
            }
        }
    }

    public var metric: String
    public var op: Operator
    public var bound: Double
    /// The bound as written (`"< 3000"`), for stable test-case names.
    public var boundText: String

    public init(metric: String, op: Operator, bound: Double, boundText: String? = nil) {
        self.metric = metric
        self.op = op
        self.bound = bound
        self.boundText = boundText ?? "\(op.rawValue) \(Self.format(bound))"
    }

    /// Parses a bound such as `">= 0.99"`, `"< 3000"`, `"== 0"`; nil with the reason otherwise.
    public static func parse(metric: String, bound text: String) -> Result<Expectation, BoundError> {
        let trimmed = text.trimmingCharacters(in: " ")
        for op in Operator.allCases.sorted(by: { $0.rawValue.count > $1.rawValue.count }) where trimmed.hasPrefix(op.rawValue) {
            let number = trimmed.dropFirst(op.rawValue.count).trimmingCharacters(in: " ")
            guard let value = Double(number), value.isFinite else {
                return .failure(BoundError(message: "`\(text)`: expected a number after `\(op.rawValue)`"))
            }
            return .success(Expectation(metric: metric, op: op, bound: value, boundText: "\(op.rawValue) \(number)"))
        }
        return .failure(BoundError(message: "`\(text)`: expected `<`, `<=`, `==`, `>=` or `>` followed by a number"))
    }

    public struct BoundError: Error, Sendable { public var message: String }

    /// The stable test-case name: `success_rate >= 0.99`.
    public var name: String { "\(metric) \(boundText)" }

    public func holds(_ measured: Double) -> Bool { op.holds(measured, bound) }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s.removeFirst() }
        while s.last == set { s.removeLast() }
        return String(s)
    }
}
