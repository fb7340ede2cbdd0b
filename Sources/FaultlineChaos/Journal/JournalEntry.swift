import FaultlineWire

/// One request the mock received and what it sent back, as the verdicts and reports
/// read it. Times are seconds since the mock started, on its own (wall or virtual) clock,
/// so the same verdicts judge a real socket run and a simulated one.
///
/// Credentials never appear here: `keyID` is a short stable hash of the key.
public struct JournalEntry: Sendable, Hashable {
    /// Position in the journal, from 1, in order of arrival.
    public var id: Int
    /// The connection it came on, from 1; requests of one keep-alive connection share it.
    public var connection: Int
    /// When the request was complete (head and body) at the mock.
    public var received: Double
    /// Provider mount name; `default` for unprefixed paths.
    public var provider: String
    /// Nil for a request no dialect route matched (it got a 404).
    public var dialect: DialectID?
    public var method: String
    /// Path and query, without the provider prefix and with any `key=` query value hidden.
    public var path: String
    public var keyID: String?
    /// A short hash of method, path and body: equal for an exact resend of the same request,
    /// which is how the verdicts tell a retry from a new call.
    public var fingerprint: String
    /// `x-stainless-retry-count` as the OpenAI and Anthropic SDKs send it.
    public var retryCount: Int?
    /// Faults the script applied, canonical text.
    public var faults: [String]
    /// Status of the head sent; nil when none was (reset, hang, empty reply).
    public var status: Int?
    /// The wait the mock asked for, in seconds (`retry-after-ms`, `retry-after` or Gemini `RetryInfo`).
    public var retryAfter: Double?
    /// Body bytes and body pieces sent (head and chunk framing not counted).
    public var bytesSent: Int
    public var chunksSent: Int
    /// When the head (the first byte on the wire) and the last body piece were written.
    public var firstByte: Double?
    public var lastByte: Double?
    /// When the script reached a `stall` (sent nothing more while the connection stayed open).
    public var stalledAt: Double?
    /// When the exchange ended (response complete or connection gone); nil while in progress.
    public var ended: Double?
    public var outcome: Outcome
    /// The end user the request was made for (OpenAI `user`, Anthropic `metadata.user_id`),
    /// when the server was asked to record it: behind a gateway, which task an upstream
    /// request serves. Nil for Gemini, which has no such field.
    public var endUser: String?

    /// How the exchange ended.
    public enum Outcome: String, Sendable, Hashable, CaseIterable {
        /// Still being answered (or stalled with the client still waiting).
        case inProgress = "in_progress"
        /// The response was sent completely.
        case completed
        /// The script reset the connection (TCP RST).
        case reset
        /// The script closed the connection (FIN) before or instead of completing.
        case closed
        /// The script stalled and the client gave up and closed the connection.
        case clientClosedStall = "client_closed_stall"
        /// The client went away while the response was still being sent.
        case clientClosed = "client_closed"
        /// The stall outlived the mock's idle timeout and the mock closed the connection.
        case idleTimeout = "idle_timeout"
    }

    public init(
        id: Int, connection: Int = 0, received: Double, provider: String = "default", dialect: DialectID?,
        method: String = "POST", path: String, keyID: String? = nil, fingerprint: String = "", retryCount: Int? = nil,
        faults: [String] = [], status: Int? = nil, retryAfter: Double? = nil, bytesSent: Int = 0, chunksSent: Int = 0,
        firstByte: Double? = nil, lastByte: Double? = nil, stalledAt: Double? = nil, ended: Double? = nil,
        outcome: Outcome = .inProgress, endUser: String? = nil
    ) {
        self.id = id
        self.connection = connection
        self.received = received
        self.provider = provider
        self.dialect = dialect
        self.method = method
        self.path = path
        self.keyID = keyID
        self.fingerprint = fingerprint
        self.retryCount = retryCount
        self.faults = faults
        self.status = status
        self.retryAfter = retryAfter
        self.bytesSent = bytesSent
        self.chunksSent = chunksSent
        self.firstByte = firstByte
        self.lastByte = lastByte
        self.stalledAt = stalledAt
        self.ended = ended
        self.outcome = outcome
        self.endUser = endUser
    }

    /// True when the client got no usable answer: an error status, or no complete response.
    public var failed: Bool {
        if let status, status >= 400 { return true }
        return outcome != .completed && outcome != .inProgress
    }

    /// When the client could first act on the answer: its last byte, else when it ended, else receipt.
    public var answeredAt: Double { lastByte ?? ended ?? received }
}
