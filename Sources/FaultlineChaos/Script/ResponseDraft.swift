import FaultlineWire

/// A response on its way to becoming a `ResponseScript`: the canonical answer (until it
/// is encoded), then status, headers and body pieces with the wait before each, and how
/// the connection ends. Faults rewrite a draft; `script(faults:)` renders the steps.
public struct ResponseDraft: Sendable {
    /// One write: for a stream, one SSE frame until a reshaping fault cuts it differently.
    public struct Piece: Sendable, Hashable {
        public var delayMs: Double
        public var bytes: [UInt8]
        public init(delayMs: Double = 0, bytes: [UInt8]) {
            self.delayMs = delayMs
            self.bytes = bytes
        }
    }

    /// How the connection ends after the last piece.
    public enum Ending: Sendable, Hashable {
        /// The HTTP message completes properly (final chunk or full content-length).
        case end
        /// FIN now, complete or not.
        case close
        /// TCP RST.
        case reset
        /// Nothing more; the connection stays open.
        case stall
    }

    public var dialect: DialectID
    /// The decoded request; nil when the request itself could not be decoded.
    public var request: ChatRequest?
    /// The canonical answer while it is not yet encoded.
    public var response: ChatResponse?
    public var status: Int
    public var headers: WireHeaders
    public var isStream: Bool
    public var pieces: [Piece]
    public var firstByteMs: Double
    public var ending: Ending
    /// Steps sent instead of any HTTP response (reset, hang, empty reply, garbage).
    public var replacement: [ResponseScript.Step]?
    /// True once the answer became a provider error (status faults apply once).
    public var isError: Bool
    /// Gap between generated stream frames when the draft is encoded.
    public var chunkGapMs: Double
    /// The rate-limit bucket outcome for a `rate_limit` fault, set by the responder.
    public var rateLimit: RateLimitOutcome?
    /// Unix time (seconds) of this request, for reset timestamps in rate-limit headers.
    public var now: Double = 0

    /// A draft of a generated answer, encoded later by `encode()`.
    public init(dialect: DialectID, request: ChatRequest, response: ChatResponse, chunkGapMs: Double, firstByteMs: Double = 0) {
        self.dialect = dialect
        self.request = request
        self.response = response
        status = 200
        headers = [:]
        isStream = request.stream
        pieces = []
        self.firstByteMs = firstByteMs
        ending = .end
        isError = false
        self.chunkGapMs = chunkGapMs
    }

    /// A draft of bytes already encoded (a fixture, an error).
    public init(dialect: DialectID, request: ChatRequest?, status: Int, headers: WireHeaders, isStream: Bool, pieces: [Piece]) {
        self.dialect = dialect
        self.request = request
        self.status = status
        self.headers = headers
        self.isStream = isStream
        self.pieces = pieces
        firstByteMs = 0
        ending = .end
        isError = status >= 400
        chunkGapMs = 0
    }

    /// Whether the body is still the canonical answer rather than bytes.
    public var isEncoded: Bool { response == nil }

    /// The whole body, all pieces joined.
    public var body: [UInt8] { pieces.flatMap(\.bytes) }

    /// Encodes the canonical answer with the dialect: one piece for a JSON body, one per
    /// SSE frame (each after `chunkGapMs`) for a stream.
    public mutating func encode() {
        guard let response, let request else { return }
        let codec = dialect.dialect
        if isStream {
            let (head, frames) = codec.encodeStream(response.streamEvents(piece: 16), for: request)
            status = head.status
            headers = head.headers
            pieces = frames.enumerated().map { Piece(delayMs: $0.offset == 0 ? 0 : chunkGapMs, bytes: $0.element) }
            if head.status != 200 { isError = true }
        } else {
            let wire = codec.encodeResponse(response, for: request)
            status = wire.status
            headers = wire.headers
            pieces = [Piece(bytes: wire.body)]
        }
        self.response = nil
    }

    /// The canonical answer, decoding the encoded bytes when needed (a fixture), so a
    /// content fault can change it. Nil when the bytes do not decode.
    public mutating func editResponse(_ edit: (inout ChatResponse) -> Void) {
        if response == nil {
            guard !isError, let decoded = decodedResponse() else { return }
            response = decoded
        }
        if var current = response {
            edit(&current)
            response = current
        }
    }

    private func decodedResponse() -> ChatResponse? {
        // Recorded streams keep their bytes: re-encoding would lose the recorded chunk timing.
        guard !isStream else { return nil }
        return try? dialect.dialect.decodeResponse(WireResponse(status: status, headers: headers, body: body)).get()
    }

    /// The answer becomes the provider's own error response for `error` to this request; a
    /// stream request the provider refuses on the stream itself (Gemini's blocked prompt) keeps its stream.
    public mutating func replace(with error: ProviderError) {
        if isStream, let request, let (head, frames) = dialect.dialect.encodeStreamRefusal(error, for: request) {
            status = head.status
            headers = head.headers
            pieces = frames.map { Piece(bytes: $0) }
        } else {
            let wire = dialect.dialect.encodeError(error, for: request)
            status = wire.status
            headers = wire.headers
            pieces = [Piece(bytes: wire.body)]
            isStream = false
        }
        response = nil
        isError = true
        ending = .end
    }

    /// The timed steps: optional wait, head, body pieces with their waits, the ending.
    public func script(faults: [String] = []) -> ResponseScript {
        var steps: [ResponseScript.Step] = []
        steps.reserveCapacity(pieces.count * 2 + 3)
        if firstByteMs > 0 { steps.append(.wait(ms: ResponseScript.boundedWait(firstByteMs))) }
        if let replacement {
            steps.append(contentsOf: replacement)
            return ResponseScript(steps: steps, faults: faults)
        }
        steps.append(.head(status: status, headers: headers, streaming: isStream))
        for piece in pieces {
            if piece.delayMs > 0 { steps.append(.wait(ms: ResponseScript.boundedWait(piece.delayMs))) }
            if !piece.bytes.isEmpty { steps.append(.body(piece.bytes)) }
        }
        switch ending {
        case .end: steps.append(.end)
        case .close: steps.append(.close)
        case .reset: steps.append(.reset)
        case .stall: steps.append(.stall)
        }
        return ResponseScript(steps: steps, faults: faults)
    }
}
