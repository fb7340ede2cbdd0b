import FaultlineWire

/// Compares the shape of what the mock sends with what the provider was recorded
/// sending: for a fixture, the mock's own encoding of the decoded answer must carry
/// every field path of the recording with a type the recording used.
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
            mock = ShapeFingerprint((try? JSONValue(parsing: dialect.encodeError(error).body)) ?? .null)
        }
        let diff = mock.diff(from: recorded)
        return diff.removed.map { "`\($0)`" }
            + diff.retyped.filter { !$0.from.isSubset(of: $0.to) }.map { "`\($0.path)` as \($0.from.sorted().joined(separator: "|"))" }
    }

    /// The JSON payloads of an SSE body (the `[DONE]` marker and non-JSON data skipped).
    static func payloads(_ body: [UInt8]) -> [JSONValue] {
        var parser = SSEParser()
        let events = parser.feed(body) + parser.finish()
        return events.compactMap { try? JSONValue(parsing: $0.data) }
    }
}
