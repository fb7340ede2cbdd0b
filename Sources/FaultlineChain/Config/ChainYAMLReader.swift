import FaultlineWire
import Yams

/// Reads typed values out of a chain document, recording a problem with the node's
/// line and column for every value that is missing, unknown or mistyped, instead of
/// stopping at the first.
struct ChainYAMLReader {
    let file: String
    private(set) var problems: [ChainConfigError.Problem] = []

    init(file: String) { self.file = file }

    mutating func report(_ node: Node?, _ reason: String) {
        let mark = node?.mark
        problems.append(.init(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, reason: reason))
    }

    /// The mapping's entries by key, reporting keys outside `allowed` and missing `required` ones.
    mutating func mapping(_ node: Node, _ context: String, allowed: [String], required: [String] = []) -> [String: Node] {
        guard case .mapping(let mapping) = node else {
            report(node, "\(context): expected a mapping")
            return [:]
        }
        var entries: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else {
                report(keyNode, "\(context): expected a string key")
                continue
            }
            guard allowed.contains(key) else {
                report(keyNode, "\(context): unknown key `\(key)`; expected one of \(allowed.joined(separator: ", "))")
                continue
            }
            entries[key] = value
        }
        for key in required where entries[key] == nil {
            report(node, "\(context): missing `\(key)`")
        }
        return entries
    }

    mutating func string(_ node: Node?, _ context: String) -> String? {
        guard let node else { return nil }
        guard case .scalar(let scalar) = node, !scalar.string.isEmpty else {
            report(node, "\(context): expected a non-empty string")
            return nil
        }
        return scalar.string
    }

    /// A non-negative number of seconds (or other quantity); negative and non-numeric values are reported.
    mutating func nonNegative(_ node: Node?, _ context: String) -> Double? {
        guard let node else { return nil }
        guard let value = node.float ?? node.int.map(Double.init), value.isFinite else {
            report(node, "\(context): expected a number, got `\(node.string ?? "?")`")
            return nil
        }
        guard value >= 0 else {
            report(node, "\(context): must not be negative, got \(value)")
            return nil
        }
        return value
    }

    /// A number in `range` (`ChainLimits`); the message gives the range.
    mutating func number(_ node: Node?, _ context: String, in range: ClosedRange<Double>) -> Double? {
        guard let value = nonNegative(node, context) else { return nil }
        guard range.contains(value) else {
            report(node, "\(context): expected a number in \(Self.text(range.lowerBound))...\(Self.text(range.upperBound)), got \(Self.text(value))")
            return nil
        }
        return value
    }

    /// A number greater than 0 and at most `maximum`.
    mutating func positive(_ node: Node?, _ context: String, maximum: Double) -> Double? {
        guard let value = positive(node, context) else { return nil }
        guard value <= maximum else {
            report(node, "\(context): expected a number greater than 0 and at most \(Self.text(maximum)), got \(Self.text(value))")
            return nil
        }
        return value
    }

    /// A whole number in `range`.
    mutating func count(_ node: Node?, _ context: String, in range: ClosedRange<Int>) -> Int? {
        guard let value = count(node, context, minimum: range.lowerBound) else { return nil }
        guard value <= range.upperBound else {
            report(node, "\(context): expected a whole number in \(range.lowerBound)...\(range.upperBound), got \(value)")
            return nil
        }
        return value
    }

    static func text(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// A strictly positive number.
    mutating func positive(_ node: Node?, _ context: String) -> Double? {
        guard let value = nonNegative(node, context) else { return nil }
        guard value > 0 else {
            report(node, "\(context): must be greater than 0")
            return nil
        }
        return value
    }

    mutating func count(_ node: Node?, _ context: String, minimum: Int) -> Int? {
        guard let node else { return nil }
        guard let value = node.int else {
            report(node, "\(context): expected a whole number, got `\(node.string ?? "?")`")
            return nil
        }
        guard value >= minimum else {
            report(node, "\(context): must be at least \(minimum), got \(value)")
            return nil
        }
        return value
    }

    mutating func bool(_ node: Node?, _ context: String) -> Bool? {
        guard let node else { return nil }
        guard let value = node.bool else {
            report(node, "\(context): expected true or false")
            return nil
        }
        return value
    }

    /// A string naming a case of `T`, reporting the allowed spellings otherwise.
    mutating func choice<T: RawRepresentable & CaseIterable>(_ node: Node?, _ context: String, as: T.Type) -> T? where T.RawValue == String {
        guard let node, let raw = string(node, context) else { return nil }
        guard let value = T(rawValue: raw) else {
            let known = T.allCases.map(\.rawValue)
            report(node, "\(context): unknown value `\(raw)`\(TypoSuggestion.hint(for: raw, in: known)); expected one of \(known.joined(separator: ", "))")
            return nil
        }
        return value
    }

    mutating func list(_ node: Node?, _ context: String) -> [Node]? {
        guard let node else { return nil }
        guard case .sequence(let sequence) = node else {
            report(node, "\(context): expected a list")
            return nil
        }
        return Array(sequence)
    }

    /// A list of error class names (`rate_limited`, `timeout`, …).
    mutating func errorKinds(_ node: Node?, _ context: String) -> Set<ProviderError.Kind>? {
        guard let items = list(node, context) else { return nil }
        var kinds: Set<ProviderError.Kind> = []
        for item in items {
            if let kind = choice(item, context, as: ProviderError.Kind.self) { kinds.insert(kind) }
        }
        return kinds
    }

    /// Any YAML value as JSON (for inline JSON Schemas).
    mutating func json(_ node: Node, _ context: String) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain {
                if node.null != nil { return .null }
                if let b = node.bool { return .bool(b) }
                if let i = node.int { return .number(Double(i)) }
                if let d = node.float { return .number(d) }
            }
            return .string(scalar.string)
        case .sequence(let sequence):
            return .array(sequence.map { json($0, context) })
        case .mapping(let mapping):
            var object = JSONObject()
            for (key, value) in mapping {
                guard let name = key.string else {
                    report(key, "\(context): expected a string key")
                    continue
                }
                object[name] = json(value, context)
            }
            return .object(object)
        case .alias:
            report(node, "\(context): YAML aliases are not supported here")
            return .null
        }
    }
}
