/// Checks a decoded answer against the shape its task expects.
///
/// A response can decode cleanly and still be useless to the caller: a tool call
/// with a string where an object belongs, JSON wrapped in prose, an unknown finish
/// reason. These checks are what "delivered with a valid shape" means in the metrics.
public enum ShapeCheck {
    /// Every way `response` fails `shape`, plus the checks every answer must pass:
    /// a known finish reason, usage present, tool-call ids (where the dialect has them,
    /// `toolCallIDs`) and names non-empty.
    public static func violations(
        of response: ChatResponse, against shape: ExpectedShape, toolCallIDs: Bool = true
    ) -> [ShapeViolation] {
        var out = baseViolations(of: response, toolCallIDs: toolCallIDs)
        switch shape {
        case .text:
            if response.text.allSatisfy(\.isWhitespace) {
                out.append(ShapeViolation(.textPresent, detail: "the answer has no text"))
            }
        case .toolCall(let name, let schema):
            out += toolCallViolations(of: response, name: name, schema: schema)
        case .json(let schema):
            out += jsonViolations(of: response.text, schema: schema)
        }
        return out
    }

    /// True when `response` passes every check for `shape`.
    public static func passes(_ response: ChatResponse, _ shape: ExpectedShape) -> Bool {
        violations(of: response, against: shape).isEmpty
    }

    private static func baseViolations(of response: ChatResponse, toolCallIDs: Bool) -> [ShapeViolation] {
        var out: [ShapeViolation] = []
        switch response.finishReason {
        case nil: out.append(ShapeViolation(.finishReasonKnown, detail: "the answer has no finish reason"))
        case .other(let raw)?: out.append(ShapeViolation(.finishReasonKnown, detail: "unknown finish reason \"\(raw)\""))
        default: break
        }
        if response.usage == nil {
            out.append(ShapeViolation(.usagePresent, detail: "the answer reports no token usage"))
        }
        for (index, call) in response.toolCalls.enumerated() {
            if toolCallIDs, call.id.isEmpty {
                out.append(ShapeViolation(.toolCallIdPresent, detail: "tool call \(index) (\(call.name)) has an empty id"))
            }
            if call.name.isEmpty {
                out.append(ShapeViolation(.toolCallNamePresent, detail: "tool call \(index) has an empty name"))
            }
        }
        return out
    }

    private static func toolCallViolations(of response: ChatResponse, name: String?, schema: JSONSchema?) -> [ShapeViolation] {
        let candidates = response.toolCalls.filter { name == nil || $0.name == name }
        guard let first = candidates.first else {
            let wanted = name.map { "a call to \($0)" } ?? "a tool call"
            let found = response.toolCalls.isEmpty ? "none" : response.toolCalls.map(\.name).joined(separator: ", ")
            return [ShapeViolation(.toolCallPresent, detail: "expected \(wanted); calls made: \(found)")]
        }
        var firstProblems: [String] = []
        for call in candidates {
            let problems = argumentProblems(call.arguments, schema: schema)
            if problems.isEmpty { return [] }
            if call == first { firstProblems = problems }
        }
        let detail = "arguments of \(first.name) (\(first.id)): " + firstProblems.joined(separator: "; ")
        return [ShapeViolation(.toolArgumentsValid, detail: detail)]
    }

    /// Tool arguments are a JSON object in all three dialects, so a non-object fails even without a schema.
    private static func argumentProblems(_ arguments: JSONValue, schema: JSONSchema?) -> [String] {
        guard case .object = arguments else { return ["expected an object, got \(arguments.typeName)"] }
        return schema?.validate(arguments).map(\.description) ?? []
    }

    private static func jsonViolations(of text: String, schema: JSONSchema?) -> [ShapeViolation] {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: text)
        } catch {
            let excerpt = SchemaText.excerpt(SchemaText.trimmed(text))
            return [ShapeViolation(.jsonParses, detail: "\(error.description); text begins \(JSONValue.string(excerpt).jsonString)")]
        }
        guard let schema else { return [] }
        let problems = schema.validate(value)
        guard !problems.isEmpty else { return [] }
        return [ShapeViolation(.jsonValid, detail: problems.map(\.description).joined(separator: "; "))]
    }
}
