import FaultlineWire

/// Where the content of an answer comes from: a recorded fixture that matches the
/// request, replayed byte for byte with its recorded chunk timing, else a deterministic
/// generated answer. The matching rule (fixtures/README.md, `Fixture.MatchKey`): same
/// dialect, same stream switch, same text of the last user message; the first fixture in
/// name order wins (`faultline check` reports fixtures the rule cannot tell apart).
public struct ResponseSource: Sendable {
    private let fixtures: [Fixture.MatchKey: Fixture]
    public let generator: AnswerGenerator
    public let chunkGapMs: Double
    public let firstByteMs: Double

    public init(configuration: MockConfiguration) {
        var index: [Fixture.MatchKey: Fixture] = [:]
        for fixture in configuration.fixtures.sorted(by: { $0.name < $1.name }) {
            guard let key = fixture.matchKey else { continue }
            if index[key] == nil { index[key] = fixture }
        }
        fixtures = index
        generator = AnswerGenerator(seed: configuration.seed)
        chunkGapMs = configuration.chunkGapMs
        firstByteMs = configuration.firstByteMs
    }

    /// How many fixtures can be matched (those whose recorded request decodes).
    public var fixtureCount: Int { fixtures.count }

    /// The fixture that answers `request`, if any.
    public func fixture(for request: ChatRequest, dialect: DialectID) -> Fixture? {
        fixtures.isEmpty ? nil : fixtures[Fixture.MatchKey(request: request, dialect: dialect)]
    }

    /// The answer before faults: a fixture's recorded bytes, or the generated answer not yet encoded.
    public func draft(for request: ChatRequest, dialect: DialectID, allowedTools: [String]? = nil) -> ResponseDraft {
        if let fixture = fixture(for: request, dialect: dialect) { return Self.replay(fixture, request: request) }
        return ResponseDraft(
            dialect: dialect, request: request, response: generator.answer(to: request, dialect: dialect, allowedTools: allowedTools),
            chunkGapMs: chunkGapMs, firstByteMs: firstByteMs)
    }

    /// Headers the server writes itself, never replayed from a recording (credentials are never replayed either).
    static let hopHeaders: Set<String> = ["content-length", "transfer-encoding", "connection", "keep-alive", "date"]

    static func replay(_ fixture: Fixture, request: ChatRequest) -> ResponseDraft {
        var headers = WireHeaders()
        for field in fixture.response.headers {
            let name = field.name.lowercased()
            guard !hopHeaders.contains(name), !WireHeaders.secretNames.contains(name) else { continue }
            headers.add(field.name, field.value)
        }
        let delays = fixture.chunks.map(\.delayMs)
        let pieces = fixture.recordedPieces.enumerated().map { offset, bytes in
            ResponseDraft.Piece(delayMs: offset < delays.count ? delays[offset] : 0, bytes: Array(bytes))
        }
        return ResponseDraft(
            dialect: fixture.dialect, request: request, status: fixture.response.status, headers: headers,
            isStream: fixture.isStream, pieces: pieces)
    }
}
