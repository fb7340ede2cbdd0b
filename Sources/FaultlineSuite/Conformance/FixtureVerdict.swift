import FaultlineWire

/// Judges one recorded fixture against its own expectations through its dialect's
/// client side: what `faultline check` and the conformance scenarios both run.
public enum FixtureVerdict {
    /// Decodes the fixture's response as the adapter would: a stream fed in its recorded
    /// pieces, a body in one piece.
    public static func decode(_ fixture: Fixture) -> Result<ChatResponse, ProviderError> {
        decode(fixture.response, isStream: fixture.isStream, pieces: fixture.recordedPieces, dialect: fixture.dialect.dialect)
    }

    /// Decodes any response (a fixture's, or the mock's answer to a fixture's request).
    public static func decode(
        _ response: WireResponse, isStream: Bool, pieces: [ArraySlice<UInt8>], dialect: any Dialect
    ) -> Result<ChatResponse, ProviderError> {
        Fixture.decode(response, isStream: isStream, pieces: pieces, dialect: dialect)
    }

    /// Every way the decoded fixture differs from its expectation; empty when it conforms.
    public static func problems(_ fixture: Fixture) -> [String] {
        problems(decode(fixture), expectation: fixture.expectation)
    }

    public static func problems(_ result: Result<ChatResponse, ProviderError>, expectation: Fixture.Expectation) -> [String] {
        switch (expectation, result) {
        case (.response(let expected), .success(let response)):
            return expected.mismatches(response)
        case (.response, .failure(let error)):
            return ["expected a response, decoding failed: \(error)"]
        case (.error(let kind, _), .success):
            return ["expected error \(kind.rawValue), decoded a response"]
        case (.error(let kind, let retryAfter), .failure(let error)):
            var out: [String] = []
            if error.kind != kind { out.append("expected error \(kind.rawValue), got \(error.kind.rawValue) (\(error))") }
            if let retryAfter, error.retryAfter != retryAfter {
                out.append("expected retry-after \(retryAfter) s, got \(error.retryAfter.map { "\($0) s" } ?? "none")")
            }
            return out
        }
    }
}
