/// The repairs a chain may apply before giving up on an answer. Each is pure and
/// returns the repaired response, or `nil` when it does not apply (nothing to repair,
/// or the repair would not produce what the shape asks for), so a chain can count
/// "repaired" only when a repair really changed something.
public enum ShapeRepair {
    public static func apply(_ step: RepairStep, to response: ChatResponse, shape: ExpectedShape) -> ChatResponse? {
        switch step {
        case .stripFences: stripMarkdownFences(response, shape: shape)
        case .extractJSON: extractFirstJSONValue(response, shape: shape)
        case .coerceToolArguments: coerceToolArguments(response, shape: shape)
        }
    }

    /// Replaces the text with the content of its first fenced code block when that content is JSON.
    /// Applies to `.json` shapes only: for free text the fences are part of the answer.
    public static func stripMarkdownFences(_ response: ChatResponse, shape: ExpectedShape) -> ChatResponse? {
        guard case .json = shape, let inner = MarkdownFence.firstBlock(in: response.text) else { return nil }
        let candidate = SchemaText.trimmed(inner)
        guard candidate != response.text, (try? JSONValue(parsing: candidate)) != nil else { return nil }
        var repaired = response
        repaired.text = candidate
        return repaired
    }

    /// Replaces the text with the first balanced JSON object or array inside it; when the
    /// shape has a schema, the first one that validates is preferred, so a citation like
    /// `[1]` before the answer's object is skipped. Applies to `.json` shapes whose text is not already JSON.
    public static func extractFirstJSONValue(_ response: ChatResponse, shape: ExpectedShape) -> ChatResponse? {
        guard case .json(let schema) = shape, (try? JSONValue(parsing: response.text)) == nil else { return nil }
        let candidates = JSONScan.values(in: response.text)
        let valid = schema.flatMap { schema in candidates.first { schema.accepts($0.value) } }
        guard let found = valid ?? candidates.first else { return nil }
        var repaired = response
        repaired.text = found.text
        return repaired
    }

    /// Fixes argument types of the expected tool's calls (every call when no name is given):
    /// a JSON string holding an object becomes the object, then the schema's type slips are undone.
    public static func coerceToolArguments(_ response: ChatResponse, shape: ExpectedShape) -> ChatResponse? {
        guard case .toolCall(let name, let schema) = shape else { return nil }
        var repaired = response
        for index in repaired.toolCalls.indices where name == nil || repaired.toolCalls[index].name == name {
            var arguments = repaired.toolCalls[index].arguments
            if case .string(let text) = arguments, let parsed = try? JSONValue(parsing: text), case .object = parsed {
                arguments = parsed
            }
            if let schema { arguments = schema.coerced(arguments) }
            repaired.toolCalls[index].arguments = arguments
        }
        return repaired == response ? nil : repaired
    }
}
