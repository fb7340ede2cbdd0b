extension Fixture {
    /// Decodes a response as the adapter would: a 2xx stream fed in `pieces` (as it came
    /// off the wire) through the dialect's stream decoder, anything else in one piece.
    /// What `faultline check` judges a fixture by, and what the recorder fills `expect` from.
    public static func decode(
        _ response: WireResponse, isStream: Bool, pieces: [ArraySlice<UInt8>], dialect: any Dialect
    ) -> Result<ChatResponse, ProviderError> {
        guard isStream, response.status < 300 else { return dialect.decodeResponse(response) }
        var decoder = dialect.makeStreamDecoder()
        var accumulator = StreamAccumulator()
        var events: [StreamEvent] = []
        do {
            for piece in pieces {
                try decoder.feed(piece, into: &events)
                accumulator.apply(events)
                events.removeAll(keepingCapacity: true)
            }
            try decoder.finish(into: &events)
            accumulator.apply(events)
        } catch {
            return .failure(error)
        }
        return accumulator.response()
    }

    /// This fixture's response decoded in its recorded pieces.
    public func decoded() -> Result<ChatResponse, ProviderError> {
        Self.decode(response, isStream: isStream, pieces: recordedPieces, dialect: dialect.dialect)
    }
}

extension Fixture.Expectation {
    /// The expectation a decoded response meets exactly, so a recorded fixture checks
    /// itself: every field of a response, or the error's kind and retry-after.
    public init(_ decoded: Result<ChatResponse, ProviderError>) {
        switch decoded {
        case .success(let response): self = .response(Fixture.ExpectedResponse(response))
        case .failure(let error): self = .error(kind: error.kind, retryAfter: error.retryAfter)
        }
    }

    /// `expect` or `expectError` with its object, as `case.json` holds it.
    public var json: (key: String, value: JSONValue) {
        switch self {
        case .response(let expected): ("expect", expected.json)
        case .error(let kind, let retryAfter):
            ("expectError", Self.errorJSON(kind: kind, retryAfter: retryAfter))
        }
    }
}

extension Fixture.Expectation {
    static func errorJSON(kind: ProviderError.Kind, retryAfter: Double?) -> JSONValue {
        var object = JSONObject()
        object["kind"] = .string(kind.rawValue)
        if let retryAfter { object["retryAfter"] = .number(retryAfter) }
        return .object(object)
    }
}

extension Fixture.ExpectedResponse {
    /// Every field of `response`; usage only when the provider sent it (an estimate is not a fact).
    public init(_ response: ChatResponse) {
        id = response.id
        model = response.model
        text = response.text
        toolCalls = response.toolCalls
        finishReason = response.finishReason
        usage = response.usage.flatMap { $0.estimated ? nil : $0 }
    }

    /// The `expect` object, keys in the order of fixtures/README.md.
    public var json: JSONValue {
        var object = JSONObject()
        object["id"] = id.map { JSONValue.string($0) }
        object["model"] = model.map { JSONValue.string($0) }
        object["text"] = text.map { JSONValue.string($0) }
        object["finishReason"] = finishReason.map { JSONValue.string($0.description) }
        if let toolCalls {
            object["toolCalls"] = .array(toolCalls.map { call -> JSONValue in
                .object(["id": .string(call.id), "name": .string(call.name), "arguments": call.arguments])
            })
        }
        if let usage {
            var u: JSONObject = ["input": .number(Double(usage.input)), "output": .number(Double(usage.output))]
            u["cached"] = usage.cached.map { .number(Double($0)) }
            u["reasoning"] = usage.reasoning.map { .number(Double($0)) }
            object["usage"] = .object(u)
        }
        return .object(object)
    }
}
