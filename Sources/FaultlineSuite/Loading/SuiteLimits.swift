import Yams

/// The ranges a suite's and a task's numbers must fall in (README, "Limits"). Each sizes the
/// work of a run or becomes a timer on the wall clock: a value past its range once passed
/// `check` and then trapped `run`, so it is refused at load with the range in the message.
public enum SuiteLimits {
    /// `requests` per scenario: ten million (a simulated run does about a million a second).
    public static let requests: ClosedRange<Int> = 1...10_000_000
    /// `concurrency`: requests in flight at once.
    public static let concurrency: ClosedRange<Int> = 1...10_000
    /// `arrival_rate`, requests per second.
    public static let arrivalRate: ClosedRange<Double> = 0.001...1_000_000
    /// `first_byte_ms`, `chunk_gap_ms`: an hour, the cap of every fault's `ms`.
    public static let delayMs: ClosedRange<Double> = 0...3_600_000
    /// A task's `max_tokens`.
    public static let maxTokens: ClosedRange<Int> = 1...10_000_000
    /// A task's `temperature` (OpenAI and Gemini accept 0 to 2).
    public static let temperature: ClosedRange<Double> = 0...2
}

extension YAMLReader {
    /// A whole number in `range`, or a diagnostic at the node naming the range.
    mutating func int(_ node: Node, _ field: String, in range: ClosedRange<Int>) -> Int? {
        guard let value = int(node, field, min: range.lowerBound) else { return nil }
        guard value <= range.upperBound else {
            report(node, "\(field): expected an integer in \(range.lowerBound)...\(range.upperBound), got \(value)")
            return nil
        }
        return value
    }

    /// A finite number in `range`, or a diagnostic at the node naming the range.
    mutating func double(_ node: Node, _ field: String, in range: ClosedRange<Double>) -> Double? {
        guard let value = double(node, field) else { return nil }
        guard value.isFinite, range.contains(value) else {
            let text = "\(SuiteLimits.text(range.lowerBound))...\(SuiteLimits.text(range.upperBound))"
            report(node, "\(field): expected a number in \(text), got \(node.describedValue)")
            return nil
        }
        return value
    }
}

extension SuiteLimits {
    static func text(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
