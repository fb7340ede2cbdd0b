/// What a task's answer must look like, beyond being a well-formed response.
public enum ExpectedShape: Sendable, Hashable {
    /// Non-empty text; tool calls are allowed but not required.
    case text
    /// At least one tool call (to `name` when given) whose arguments are an object
    /// that validates against `arguments` when given.
    case toolCall(name: String?, arguments: JSONSchema?)
    /// Text that parses as JSON, validating against the schema when given
    /// (OpenAI `response_format: json_schema`, Gemini `responseSchema`).
    case json(JSONSchema?)
}
