import FaultlineWire

/// Plays a `ResponseScript` in virtual time through the client side of a dialect: the
/// same bytes `MockServer` would put on a socket, decoded by the same adapter code, with
/// time simulated. This is how one definition of every fault serves both clocks.
public enum SimulatedTransport {
    /// What the client observed, each at its virtual time (seconds on the caller's clock).
    public enum Event: Sendable, Hashable {
        case head(at: Double, status: Int, headers: WireHeaders)
        /// Stream events decoded from one body piece (possibly none).
        case chunk(at: Double, events: [StreamEvent])
        /// The exchange ended: an answer, or the error the adapter classified.
        case completed(at: Double, result: Result<ChatResponse, ProviderError>)

        public var time: Double {
            switch self {
            case .head(let at, _, _), .chunk(let at, _), .completed(let at, _): at
            }
        }
    }

    /// The client's phase budgets, in seconds from the attempt's start; nil is unbounded.
    /// A script that stalls with no budget left to fire ends at `hangCap` as a total timeout.
    public struct Deadlines: Sendable, Hashable {
        public var firstByte: Double?
        public var firstToken: Double?
        public var idle: Double?
        public var total: Double?
        public var hangCap: Double

        public init(firstByte: Double? = nil, firstToken: Double? = nil, idle: Double? = nil, total: Double? = nil, hangCap: Double = 600) {
            self.firstByte = firstByte
            self.firstToken = firstToken
            self.idle = idle
            self.total = total
            self.hangCap = hangCap
        }
    }

    /// Plays `script` for an attempt that started at `start`. The last event is always `.completed`.
    public static func play(
        _ script: ResponseScript, dialect: any Dialect, start: Double, deadlines: Deadlines
    ) -> [Event] {
        var player = Player(dialect: dialect, start: start, deadlines: deadlines)
        for step in script.steps {
            if player.isFinished { break }
            player.apply(step)
        }
        if !player.isFinished { player.connectionEnded(clean: false) }
        return player.events
    }
}

/// The client's view while a script plays: the adapter's decoding state plus the
/// deadlines that may cut the exchange short.
private struct Player {
    let dialect: any Dialect
    let start: Double
    let deadlines: SimulatedTransport.Deadlines
    var now: Double
    var events: [SimulatedTransport.Event] = []
    var isFinished = false

    var head: (status: Int, headers: WireHeaders, streaming: Bool)?
    var body: [UInt8] = []
    var decoder: (any StreamDecoder)?
    var accumulator = StreamAccumulator()
    var lastByte: Double?
    var sawToken = false

    init(dialect: any Dialect, start: Double, deadlines: SimulatedTransport.Deadlines) {
        self.dialect = dialect
        self.start = start
        self.deadlines = deadlines
        now = start
    }

    /// The earliest deadline still ahead, with the phase it belongs to.
    var nextDeadline: (at: Double, phase: TimeoutPhase) {
        var candidates: [(Double, TimeoutPhase)] = []
        if let total = deadlines.total { candidates.append((start + total, .total)) }
        if head == nil, let firstByte = deadlines.firstByte { candidates.append((start + firstByte, .firstByte)) }
        if head?.streaming == true, !sawToken, let firstToken = deadlines.firstToken { candidates.append((start + firstToken, .firstToken)) }
        if head != nil, let idle = deadlines.idle, let lastByte { candidates.append((lastByte + idle, .idle)) }
        candidates.append((start + deadlines.hangCap, .total))
        return candidates.min { $0.0 < $1.0 }.map { (at: $0.0, phase: $0.1) }!
    }

    mutating func finish(at time: Double, _ result: Result<ChatResponse, ProviderError>) {
        events.append(.completed(at: time, result: result))
        isFinished = true
    }

    /// Advances the clock to `time`, unless a deadline fires first (then the attempt times out).
    mutating func advance(to time: Double) -> Bool {
        let deadline = nextDeadline
        if time > deadline.at {
            finish(at: deadline.at, .failure(.timeout(deadline.phase)))
            return false
        }
        now = time
        return true
    }

    mutating func apply(_ step: ResponseScript.Step) {
        switch step {
        case .wait(let ms):
            _ = advance(to: now + ms / 1000)
        case .head(let status, let headers, let streaming):
            guard advance(to: now) else { return }
            head = (status, headers, streaming && status < 300)
            lastByte = now
            events.append(.head(at: now, status: status, headers: headers))
            if streaming && status < 300 { decoder = dialect.makeStreamDecoder() }
        case .body(let bytes):
            guard advance(to: now) else { return }
            lastByte = now
            guard head != nil else {
                finish(at: now, .failure(.malformed(path: "$", detail: "bytes before a response head (not HTTP)")))
                return
            }
            if decoder != nil { feed(bytes) } else { body += bytes }
        case .stall:
            let deadline = nextDeadline
            finish(at: deadline.at, .failure(.timeout(deadline.phase)))
        case .reset:
            guard advance(to: now) else { return }
            finish(at: now, .failure(.connectionReset(detail: head == nil ? "reset before the response head" : "reset mid-body")))
        case .close:
            guard advance(to: now) else { return }
            connectionEnded(clean: false)
        case .end:
            guard advance(to: now) else { return }
            connectionEnded(clean: true)
        }
    }

    mutating func feed(_ bytes: [UInt8]) {
        var decoded: [StreamEvent] = []
        do {
            try decoder!.feed(bytes, into: &decoded)
        } catch {
            accumulator.apply(decoded)
            events.append(.chunk(at: now, events: decoded))
            finish(at: now, .failure(error))
            return
        }
        if !sawToken, decoded.contains(where: \.isToken) { sawToken = true }
        accumulator.apply(decoded)
        events.append(.chunk(at: now, events: decoded))
    }

    /// The connection closed: `clean` when the HTTP message was complete.
    mutating func connectionEnded(clean: Bool) {
        guard let head else {
            finish(at: now, .failure(.connectionReset(detail: "connection closed before the response head")))
            return
        }
        if decoder != nil {
            guard clean else {
                finish(at: now, .failure(.connectionReset(detail: "connection closed mid-stream")))
                return
            }
            var decoded: [StreamEvent] = []
            do { try decoder!.finish(into: &decoded) } catch {
                finish(at: now, .failure(error))
                return
            }
            accumulator.apply(decoded)
            if !decoded.isEmpty { events.append(.chunk(at: now, events: decoded)) }
            finish(at: now, accumulator.response())
        } else {
            guard clean else {
                finish(at: now, .failure(.connectionReset(detail: "connection closed mid-body")))
                return
            }
            finish(at: now, dialect.decodeResponse(WireResponse(status: head.status, headers: head.headers, body: body)))
        }
    }
}

extension StreamEvent {
    /// Content the caller can see: the first one marks time to first token.
    public var isToken: Bool {
        switch self {
        case .textDelta, .toolCallStart, .toolCallDelta: true
        default: false
        }
    }
}
