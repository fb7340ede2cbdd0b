/// A provider-neutral answer: what every dialect's adapter decodes to.
public struct ChatResponse: Sendable, Hashable {
    public var id: String
    public var model: String
    public var text: String
    public var toolCalls: [ToolCall]
    public var finishReason: FinishReason?
    public var usage: Usage?

    public init(
        id: String, model: String, text: String = "", toolCalls: [ToolCall] = [],
        finishReason: FinishReason? = nil, usage: Usage? = nil
    ) {
        self.id = id
        self.model = model
        self.text = text
        self.toolCalls = toolCalls
        self.finishReason = finishReason
        self.usage = usage
    }
}

/// A tool call with its arguments parsed. `rawArguments` keeps what the provider sent
/// (OpenAI's JSON string) so invalid JSON can be reported rather than lost.
public struct ToolCall: Sendable, Hashable {
    public var id: String
    public var name: String
    public var arguments: JSONValue

    public init(id: String, name: String, arguments: JSONValue) {
        self.id = id
        self.name = name
        self.arguments = arguments
    }
}

/// Why generation stopped. Providers add reasons over time, so unknown ones are kept.
public enum FinishReason: Sendable, Hashable, CustomStringConvertible {
    case stop
    case length
    case toolCalls
    case contentFilter
    case other(String)

    public var description: String {
        switch self {
        case .stop: "stop"
        case .length: "length"
        case .toolCalls: "tool_calls"
        case .contentFilter: "content_filter"
        case .other(let raw): raw
        }
    }

    /// Parses the canonical spelling used in fixtures and reports.
    public init(canonical: String) {
        switch canonical {
        case "stop": self = .stop
        case "length": self = .length
        case "tool_calls": self = .toolCalls
        case "content_filter": self = .contentFilter
        default: self = .other(canonical)
        }
    }

    public var isKnown: Bool { if case .other = self { false } else { true } }
}

/// Token counts as the provider reports them. `input` includes cached tokens
/// (Anthropic's separate cache counters are added in); `reasoning` is part of `output`.
public struct Usage: Sendable, Hashable {
    public var input: Int
    public var output: Int
    public var cached: Int?
    public var reasoning: Int?
    /// True when the provider sent no usage and the counts were estimated.
    public var estimated: Bool

    public init(input: Int, output: Int, cached: Int? = nil, reasoning: Int? = nil, estimated: Bool = false) {
        self.input = input
        self.output = output
        self.cached = cached
        self.reasoning = reasoning
        self.estimated = estimated
    }

    public var total: Int { input + output }
}
