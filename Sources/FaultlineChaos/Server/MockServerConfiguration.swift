/// How `MockServer` listens and what it serves. Loopback by default: the mock is a test
/// double and should not be reachable from the network unless asked.
public struct MockServerConfiguration: Sendable {
    public var host: String
    /// 0 picks a free port (tests); read it back from `MockServer.port`.
    public var port: Int
    public var mock: MockConfiguration
    /// Request bodies over this get the provider's 413.
    public var maxBodyBytes: Int
    /// Seconds a connection may sit with nothing sent either way (keep-alive idle, a stall,
    /// a client that stopped sending its body) before the mock closes it (1 ms … one day;
    /// a value outside is clamped).
    public var idleTimeout: Double
    /// Seconds from a request's first byte to the end of its head: a slow-header client
    /// (slowloris) is cut off with a 408 (1 ms … one day; a value outside is clamped).
    public var headerTimeout: Double
    /// Journal entries kept; older ones are dropped (and counted) so a long load test stays bounded
    /// (about 350 bytes an entry: the default costs some 4 MiB).
    public var journalCapacity: Int
    /// Event-loop threads; nil uses one per core.
    public var threads: Int?
    /// Thresholds for `GET /_faultline/verdicts`.
    public var verdictPolicy: VerdictPolicy
    /// Record each request's end user (`JournalEntry.endUser`) in the journal. Off by default:
    /// it reads every request body once more; a gateway run turns it on to tell its tasks apart.
    public var journalEndUsers = false

    public init(
        host: String = "127.0.0.1", port: Int = 0, mock: MockConfiguration = MockConfiguration(),
        maxBodyBytes: Int = 10 << 20, idleTimeout: Double = 60, headerTimeout: Double = 10,
        journalCapacity: Int = 10_000, threads: Int? = nil, verdictPolicy: VerdictPolicy = VerdictPolicy()
    ) {
        self.host = host
        self.port = port
        self.mock = mock
        self.maxBodyBytes = maxBodyBytes
        self.idleTimeout = idleTimeout
        self.headerTimeout = headerTimeout
        self.journalCapacity = journalCapacity
        self.threads = threads
        self.verdictPolicy = verdictPolicy
    }
}
