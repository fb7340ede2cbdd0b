/// A provider-neutral chat request: what a task asks of any dialect.
public struct ChatRequest: Sendable, Hashable {
    public var model: String
    public var system: String?
    public var messages: [Message]
    public var tools: [Tool]
    public var toolChoice: ToolChoice
    public var responseFormat: ResponseFormat
    public var maxTokens: Int?
    public var temperature: Double?
    public var stream: Bool
    /// Whether a streamed answer should end with a usage report (OpenAI
    /// `stream_options.include_usage`); other dialects always report usage in a stream.
    public var includeStreamUsage: Bool = true
    /// Whether OpenAI pads each stream chunk with an `obfuscation` field against length
    /// side channels (`stream_options.include_obfuscation`): on unless a request turns it off.
    public var includeStreamObfuscation: Bool = true
    /// The end user the request is for (OpenAI `user`, Anthropic `metadata.user_id`; Gemini
    /// has no such field). Gateway scenarios put the task's number here, so the mock behind
    /// a gateway tells one task from another's retry.
    public var user: String? = nil

    public init(
        model: String, system: String? = nil, messages: [Message], tools: [Tool] = [],
        toolChoice: ToolChoice = .auto, responseFormat: ResponseFormat = .text,
        maxTokens: Int? = nil, temperature: Double? = nil, stream: Bool = false
    ) {
        self.model = model
        self.system = system
        self.messages = messages
        self.tools = tools
        self.toolChoice = toolChoice
        self.responseFormat = responseFormat
        self.maxTokens = maxTokens
        self.temperature = temperature
        self.stream = stream
    }
}

/// One turn of the conversation.
public struct Message: Sendable, Hashable {
    public enum Role: String, Sendable, Hashable { case user, assistant }

    public var role: Role
    public var parts: [Part]

    public init(role: Role, parts: [Part]) {
        self.role = role
        self.parts = parts
    }

    public static func user(_ text: String) -> Message { Message(role: .user, parts: [.text(text)]) }
    public static func assistant(_ text: String) -> Message { Message(role: .assistant, parts: [.text(text)]) }

    /// Text, a call the assistant made, or the caller's answer to such a call.
    public enum Part: Sendable, Hashable {
        case text(String)
        case toolUse(ToolCall)
        case toolResult(id: String, name: String, content: String, isError: Bool)
    }

    /// The message's text parts joined.
    public var text: String {
        parts.compactMap { if case .text(let t) = $0 { t } else { nil } }.joined()
    }
}

/// A function the model may call; `parameters` is a JSON Schema.
public struct Tool: Sendable, Hashable {
    public var name: String
    public var description: String?
    public var parameters: JSONValue

    public init(name: String, description: String? = nil, parameters: JSONValue) {
        self.name = name
        self.description = description
        self.parameters = parameters
    }
}

public enum ToolChoice: Sendable, Hashable {
    case auto
    case none
    /// The model must call some tool (OpenAI `required`, Anthropic `any`, Gemini `ANY`).
    case required
    case tool(String)
}

public enum ResponseFormat: Sendable, Hashable {
    case text
    case json
    case jsonSchema(name: String, schema: JSONValue)
}
