import FaultlineChain
import FaultlineWire
import Yams

/// Reads typed values out of a YAML document, collecting a `Diagnostic` with the
/// node's line and column for every value that is missing, unknown or mistyped,
/// instead of stopping at the first. Loaders return what they could read plus these.
struct YAMLReader {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String) { self.file = file }

    /// Parses `text`; a syntax error becomes a diagnostic at its position.
    mutating func parse(_ text: String) -> Node? {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                report(nil, "the file is empty; expected a mapping")
                return nil
            }
            return node
        } catch let error as YamlError {
            let location = error.location
            diagnostics.append(Diagnostic(file: file, line: location.line, column: location.column, message: location.message))
            return nil
        } catch {
            report(nil, "YAML: \(String(describing: error).split(separator: "\n").first ?? "")")
            return nil
        }
    }

    mutating func report(_ node: Node?, _ message: String) {
        let mark = node?.mark
        diagnostics.append(Diagnostic(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, message: message))
    }

    /// The mapping's entries, reporting keys not in `allowed` (with a suggestion).
    mutating func mapping(_ node: Node, context: String, allowed: [String]) -> [(key: String, keyNode: Node, value: Node)] {
        guard case .mapping(let mapping) = node else {
            report(node, "\(context): expected a mapping, got \(node.kindName)")
            return []
        }
        var entries: [(key: String, keyNode: Node, value: Node)] = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else {
                report(keyNode, "\(context): expected a string key")
                continue
            }
            if !allowed.contains(key) {
                report(keyNode, "\(context): unknown key `\(key)`\(key.suggestion(from: allowed)); expected one of \(allowed.joined(separator: ", "))")
                continue
            }
            entries.append((key: key, keyNode: keyNode, value: value))
        }
        return entries
    }

    mutating func string(_ node: Node, _ field: String) -> String? {
        guard case .scalar(let scalar) = node else {
            report(node, "\(field): expected a string, got \(node.kindName)")
            return nil
        }
        return scalar.string
    }

    mutating func int(_ node: Node, _ field: String, min: Int? = nil) -> Int? {
        guard case .scalar = node, let value = node.int else {
            report(node, "\(field): expected an integer, got \(node.describedValue)")
            return nil
        }
        if let min, value < min {
            report(node, "\(field): expected an integer ≥ \(min), got \(value)")
            return nil
        }
        return value
    }

    mutating func double(_ node: Node, _ field: String, min: Double? = nil) -> Double? {
        guard case .scalar = node, let value = node.float ?? node.int.map(Double.init) else {
            report(node, "\(field): expected a number, got \(node.describedValue)")
            return nil
        }
        if let min, value < min {
            report(node, "\(field): expected a number ≥ \(min), got \(value)")
            return nil
        }
        return value
    }

    mutating func bool(_ node: Node, _ field: String) -> Bool? {
        guard case .scalar = node, let value = node.bool else {
            report(node, "\(field): expected true or false, got \(node.describedValue)")
            return nil
        }
        return value
    }

    mutating func sequence(_ node: Node, _ field: String) -> [Node] {
        guard case .sequence(let sequence) = node else {
            report(node, "\(field): expected a list, got \(node.kindName)")
            return []
        }
        return Array(sequence)
    }

    /// A string or a list of strings.
    mutating func strings(_ node: Node, _ field: String) -> [String] {
        if case .scalar = node { return string(node, field).map { [$0] } ?? [] }
        return sequence(node, field).compactMap { string($0, field) }
    }

    /// Converts a YAML subtree into JSON, keeping mapping order (schemas, tool parameters).
    mutating func json(_ node: Node) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain {
                if scalar.string == "null" || scalar.string == "~" || scalar.string.isEmpty { return .null }
                if let b = node.bool, ["true", "false"].contains(scalar.string.lowercased()) { return .bool(b) }
                if let i = node.int { return .number(Double(i)) }
                if let f = node.float { return .number(f) }
            }
            return .string(scalar.string)
        case .mapping(let mapping):
            var object = JSONObject()
            for (k, v) in mapping { object[k.string ?? ""] = json(v) }
            return .object(object)
        case .sequence(let sequence):
            return .array(sequence.map { json($0) })
        case .alias:
            report(node, "YAML aliases are not supported here")
            return .null
        }
    }
}

extension Node {
    var kindName: String {
        switch self {
        case .scalar: "a scalar"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    var describedValue: String {
        if case .scalar(let s) = self { return "`\(s.string)`" }
        return kindName
    }
}
