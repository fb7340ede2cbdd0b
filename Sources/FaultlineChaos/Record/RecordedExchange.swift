import FaultlineWire

/// One exchange as it crossed the recorder, before redaction: the request as the client
/// sent it, the response as the upstream sent it, the body's pieces as they arrived with
/// the measured wait before each. `FixtureWriter` turns it into a fixture; a canary's
/// `--record` builds the same value from what it saw.
public struct RecordedExchange: Sendable {
    public var dialect: DialectID
    /// Method, provider path (query kept, any mount prefix removed), headers and body as sent.
    public var request: WireRequest
    /// Status, headers and the whole body as received.
    public var response: WireResponse
    /// For a stream: each piece as it arrived, `delayMs` after the previous one (the first
    /// after the response head), as `Fixture.Chunk`s whose bytes add up to the body.
    public var chunks: [Fixture.Chunk]
    public var recording: Fixture.Recording

    public init(dialect: DialectID, request: WireRequest, response: WireResponse, chunks: [Fixture.Chunk], recording: Fixture.Recording) {
        self.dialect = dialect
        self.request = request
        self.response = response
        self.chunks = chunks
        self.recording = recording
    }

    /// Whether the response is an SSE stream (the fixture's `response.sse`).
    public var isStream: Bool { response.headers["content-type"]?.lowercased().hasPrefix("text/event-stream") ?? false }
}
