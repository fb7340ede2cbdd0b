/// Turns a scenario's expectations and measured metrics into JUnit checks.
public enum ThresholdEvaluator {
    /// One check per expectation: passed, or a `threshold` failure whose message gives the
    /// measured value, the bound and (when known) the top contributing cause.
    public static func evaluate(_ expectations: [Expectation], metrics: [Metric], cause: String? = nil) -> [CheckResult] {
        expectations.map { expectation in
            guard let measured = metrics.first(where: { $0.name == expectation.metric })?.value else {
                return CheckResult(
                    name: expectation.name, status: .error,
                    message: "metric `\(expectation.metric)` was not measured in this scenario", metric: expectation.metric,
                    bound: expectation.boundText)
            }
            if expectation.holds(measured) {
                return CheckResult(name: expectation.name, status: .passed, metric: expectation.metric, measured: measured, bound: expectation.boundText)
            }
            var message = "\(expectation.metric) = \(format(measured)), expected \(expectation.boundText)"
            if let cause { message += "; \(cause)" }
            return CheckResult(
                name: expectation.name, status: .failed, message: message, metric: expectation.metric, measured: measured,
                bound: expectation.boundText)
        }
    }

    /// Up to 6 significant digits, no exponent: stable across platforms.
    public static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var text = fixed6(value)
        while text.contains("."), text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}

extension ThresholdEvaluator {
    /// Fixed-point with enough decimals for 6 significant digits.
    static func fixed6(_ value: Double) -> String {
        let magnitude = value == 0 ? 0 : Int(floor(log10(abs(value))))
        let decimals = max(0, min(12, 5 - magnitude))
        return String(format: "%.\(decimals)f", value)
    }
}

import Foundation
