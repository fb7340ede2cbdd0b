import FaultlineWire

/// Compares the shape of what the mock sends with what the provider was recorded
/// sending: for a fixture, the mock's own encoding of the decoded answer must carry
/// every field path of the recording with a type the recording used, except the
/// situational paths below (fields a provider sends only under conditions the mock's
/// canonical answer does not have).
enum MockShape {
    /// Paths the recording has and the mock's encoding lacks or types differently; empty when faithful.
    static func missingPaths(_ fixture: Fixture) -> [String] {
        let dialect = fixture.dialect.dialect
        guard case .success(let request) = dialect.decodeRequest(fixture.request) else {
            return ["the fixture's request does not decode"]
        }
        let recorded: ShapeFingerprint
        let mock: ShapeFingerprint
        switch FixtureVerdict.decode(fixture) {
        case .success(let response) where fixture.isStream:
            recorded = ShapeFingerprint(merging: payloads(fixture.response.body))
            let frames = dialect.encodeStream(response.streamEvents(), for: request).frames
            mock = ShapeFingerprint(merging: payloads(frames.flatMap { $0 }))
        case .success(let response):
            guard let json = try? JSONValue(parsing: fixture.response.body) else { return ["the recording is not JSON"] }
            recorded = ShapeFingerprint(json)
            mock = ShapeFingerprint((try? JSONValue(parsing: dialect.encodeResponse(response, for: request).body)) ?? .null)
        case .failure(let error):
            guard let json = try? JSONValue(parsing: fixture.response.body) else { return [] }
            recorded = ShapeFingerprint(json)
            mock = ShapeFingerprint((try? JSONValue(parsing: dialect.encodeError(error, for: request).body)) ?? .null)
        }
        let diff = mock.diff(from: recorded)
        let situational = situationalPaths[fixture.dialect] ?? []
        return diff.removed.filter { !isSituational($0, situational) }.map { "`\($0)`" }
            + diff.retyped.filter { !$0.from.isSubset(of: $0.to) && !isSituational($0.path, situational) }
                .map { "`\($0.path)` as \($0.from.sorted().joined(separator: "|"))" }
    }

    /// Fields a provider sends only in some situations, per dialect, each with why the
    /// mock may leave it out. A listed path covers every path under it. This is the one
    /// place to add to: a field the provider always sends belongs in the dialect's
    /// server-side encoder instead.
    static let situationalPaths: [DialectID: [(path: String, why: String)]] = [
        .openAIChat: [
            ("$.x_groq", "Groq's own extension (drift-compatible-provider is Groq, recorded to show drift), not OpenAI's"),
            ("$.usage_breakdown", "Groq's own extension, not OpenAI's"),
            ("$.usage.queue_time", "Groq's timing fields in `usage`, not OpenAI's"),
            ("$.usage.prompt_time", "Groq's timing fields in `usage`, not OpenAI's"),
            ("$.usage.completion_time", "Groq's timing fields in `usage`, not OpenAI's"),
            ("$.usage.total_time", "Groq's timing fields in `usage`, not OpenAI's"),
        ],
        .anthropicMessages: [
            ("$.content[].thinking", "thinking blocks come only when the request enables extended thinking, and the canonical answer does not carry them"),
            ("$.content[].signature", "the thinking block's signature, as above"),
            ("$.content_block.thinking", "a thinking block's start in a stream with extended thinking, as above"),
            ("$.content_block.signature", "a thinking block's start in a stream with extended thinking, as above"),
            ("$.delta.thinking", "a `thinking_delta`, as above"),
            ("$.delta.signature", "a `signature_delta`, as above"),
        ],
        .gemini: [
            ("$.candidates[].avgLogprobs", "a log-probability summary the service adds to some answers only (1 of 9 successful recordings)"),
            ("$.candidates[].finishMessage", "an explanation the service adds to some finishes only (here a forced function call), not to every one"),
            ("$.candidates[].content.parts[].thoughtSignature", "opaque thinking state, only from thinking models"),
            ("$.error.details[].links", "the google.rpc.Help entry the service adds to some quota errors"),
            ("$.error.details[].violations[].quotaDimensions", "the quota's dimensions (location, model), only for per-model quotas"),
        ],
    ]

    static func isSituational(_ path: String, _ list: [(path: String, why: String)]) -> Bool {
        list.contains { entry in
            path == entry.path
                || (path.hasPrefix(entry.path) && ["." as Character, "["].contains(path.dropFirst(entry.path.count).first))
        }
    }

    /// The JSON payloads of an SSE body (the `[DONE]` marker and non-JSON data skipped).
    static func payloads(_ body: [UInt8]) -> [JSONValue] {
        var parser = SSEParser()
        let events = parser.feed(body) + parser.finish()
        return events.compactMap { try? JSONValue(parsing: $0.data) }
    }
}
