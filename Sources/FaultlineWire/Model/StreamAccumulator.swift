/// Folds stream events into the `ChatResponse` they describe.
///
/// `response()` fails when the stream never completed: a stream cut before its
/// terminal event must never be mistaken for a whole answer.
public struct StreamAccumulator: Sendable {
    public private(set) var id = ""
    public private(set) var model = ""
    public private(set) var text = ""
    public private(set) var finishReason: FinishReason?
    public private(set) var usage: Usage?
    public private(set) var isComplete = false
    public private(set) var eventCount = 0
    private var calls: [(id: String, name: String, arguments: String)] = []

    public init() {}

    public mutating func apply(_ event: StreamEvent) {
        eventCount += 1
        switch event {
        case .start(let id, let model):
            self.id = id
            self.model = model
        case .textDelta(let piece):
            text += piece
        case .toolCallStart(let index, let id, let name):
            while calls.count <= index { calls.append((id: "", name: "", arguments: "")) }
            calls[index].id = id
            calls[index].name = name
        case .toolCallDelta(let index, let fragment):
            while calls.count <= index { calls.append((id: "", name: "", arguments: "")) }
            calls[index].arguments += fragment
        case .usage(let usage):
            self.usage = usage
        case .finish(let reason):
            finishReason = reason
        case .done:
            isComplete = true
        }
    }

    public mutating func apply(_ events: some Sequence<StreamEvent>) {
        for event in events { apply(event) }
    }

    /// Output tokens streamed so far, for billing a cut stream: the provider's count
    /// when it sent one, else an estimate from the text and argument bytes received.
    public var outputTokensSoFar: Int {
        if let usage, usage.output > 0 { return usage.output }
        return TokenEstimate.tokens(forUTF8Count: text.utf8.count + calls.reduce(0) { $0 + $1.arguments.utf8.count })
    }

    /// The accumulated answer, or why it is not one.
    public func response() -> Result<ChatResponse, ProviderError> {
        guard isComplete else {
            return .failure(.truncatedStream(detail: "stream ended before its terminal event after \(eventCount) events"))
        }
        var toolCalls: [ToolCall] = []
        for (index, call) in calls.enumerated() {
            let raw = call.arguments.isEmpty ? "{}" : call.arguments
            guard let arguments = try? JSONValue(parsing: raw) else {
                return .failure(.malformed(path: "$.tool_calls[\(index)].arguments", detail: "arguments are not valid JSON: \(raw.prefix(80))"))
            }
            toolCalls.append(ToolCall(id: call.id, name: call.name, arguments: arguments))
        }
        return .success(ChatResponse(id: id, model: model, text: text, toolCalls: toolCalls, finishReason: finishReason, usage: usage))
    }
}

/// The rough 4-bytes-per-token rule used when a provider reports no usage.
public enum TokenEstimate {
    public static func tokens(forUTF8Count count: Int) -> Int { count == 0 ? 0 : max(1, (count + 3) / 4) }
    public static func tokens(for text: String) -> Int { tokens(forUTF8Count: text.utf8.count) }

    /// The prompt count the mock reports for `request`: the system text, every message
    /// part and every tool definition by the 4-byte rule, plus a few tokens of framing
    /// per message and tool, about what the providers' chat templates add.
    public static func promptTokens(for request: ChatRequest) -> Int {
        var count = 3 + tokens(for: request.system ?? "")
        for message in request.messages {
            count += 4
            for part in message.parts {
                switch part {
                case .text(let text): count += tokens(for: text)
                case .toolUse(let call): count += tokens(for: call.name) + tokens(for: call.arguments.jsonString)
                case .toolResult(_, _, let content, _): count += tokens(for: content)
                }
            }
        }
        for tool in request.tools {
            count += 8 + tokens(for: tool.name) + tokens(for: tool.description ?? "") + tokens(for: tool.parameters.jsonString)
        }
        return count
    }
}
