/// One recorded exchange with a provider (see `fixtures/README.md`).
public struct Fixture: Sendable, Hashable {
    /// `<dialect>/<case>`, the fixture's stable name.
    public var name: String
    public var dialect: DialectID
    public var description: String
    public var request: WireRequest
    public var response: WireResponse
    /// How the body was split on the wire, with the delay before each piece (streams).
    public var chunks: [Chunk]
    public var expectation: Expectation
    /// Where the exchange came from: captured by `faultline record`, or composed by hand
    /// from SDK sources and documents. Nil for a fixture that does not say.
    public var provenance: Provenance? = nil

    public struct Chunk: Sendable, Hashable {
        public var bytes: Int
        public var delayMs: Double
        public init(bytes: Int, delayMs: Double) { self.bytes = bytes; self.delayMs = delayMs }
    }

    public enum Expectation: Sendable, Hashable {
        /// Fields present in the fixture's `expect`; absent ones are not checked.
        case response(ExpectedResponse)
        case error(kind: ProviderError.Kind, retryAfter: Double?)
    }

    public struct ExpectedResponse: Sendable, Hashable {
        public var id: String?
        public var model: String?
        public var text: String?
        public var toolCalls: [ToolCall]?
        public var finishReason: FinishReason?
        public var usage: Usage?
    }

    public var isStream: Bool { response.headers["content-type"]?.hasPrefix("text/event-stream") ?? false }

    /// The body split as recorded; one piece when no chunks were recorded.
    public var recordedPieces: [ArraySlice<UInt8>] {
        guard !chunks.isEmpty else { return [response.body[...]] }
        var pieces: [ArraySlice<UInt8>] = []
        var offset = 0
        for chunk in chunks {
            let end = min(response.body.count, offset + chunk.bytes)
            pieces.append(response.body[offset..<end])
            offset = end
        }
        if offset < response.body.count { pieces.append(response.body[offset...]) }
        return pieces
    }
}

extension Fixture.ExpectedResponse {
    /// Every mismatch between `response` and this expectation, as `field: expected X, got Y`.
    public func mismatches(_ response: ChatResponse) -> [String] {
        var out: [String] = []
        func check<T: Equatable>(_ field: String, _ expected: T?, _ actual: T) {
            if let expected, expected != actual { out.append("\(field): expected \(expected), got \(actual)") }
        }
        check("id", id, response.id)
        check("model", model, response.model)
        check("text", text, response.text)
        if let finishReason, finishReason != response.finishReason {
            out.append("finishReason: expected \(finishReason), got \(response.finishReason.map(\.description) ?? "none")")
        }
        if let toolCalls {
            if toolCalls.count != response.toolCalls.count {
                out.append("toolCalls: expected \(toolCalls.count), got \(response.toolCalls.count)")
            } else {
                for (i, (e, a)) in zip(toolCalls, response.toolCalls).enumerated() {
                    check("toolCalls[\(i)].id", e.id, a.id)
                    check("toolCalls[\(i)].name", e.name, a.name)
                    if e.arguments != a.arguments {
                        out.append("toolCalls[\(i)].arguments: expected \(e.arguments.jsonString), got \(a.arguments.jsonString)")
                    }
                }
            }
        }
        if let usage {
            guard let actual = response.usage else { out.append("usage: expected \(usage), got none"); return out }
            check("usage.input", usage.input, actual.input)
            check("usage.output", usage.output, actual.output)
            if let cached = usage.cached { check("usage.cached", cached, actual.cached ?? 0) }
            if let reasoning = usage.reasoning { check("usage.reasoning", reasoning, actual.reasoning ?? 0) }
        }
        return out
    }
}
