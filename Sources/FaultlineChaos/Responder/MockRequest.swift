import FaultlineWire

/// One request as the mock received it, after routing: which dialect and mount, the
/// HTTP request without the mount prefix, and when it arrived.
public struct MockRequest: Sendable {
    public var dialect: DialectID
    /// The mount name; "default" when the request came to an unprefixed path.
    public var provider: String
    /// Path WITHOUT the `/{provider}` prefix; headers include any `x-faultline-fault`.
    public var wire: WireRequest
    /// Seconds since the mock started (wall or virtual).
    public var elapsed: Double
    /// Short stable hash of the API key (never the key itself).
    public var keyID: String?

    public init(dialect: DialectID, provider: String = "default", wire: WireRequest, elapsed: Double = 0, keyID: String? = nil) {
        self.dialect = dialect
        self.provider = provider
        self.wire = wire
        self.elapsed = elapsed
        self.keyID = keyID
    }
}
