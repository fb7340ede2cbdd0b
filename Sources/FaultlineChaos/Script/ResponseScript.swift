import FaultlineWire

/// What the mock sends for one request, as timed steps. Faults rewrite a clean
/// script; `MockServer` plays it on a real connection and `SimulatedTransport`
/// plays it in virtual time, so one definition of every fault serves both.
public struct ResponseScript: Sendable, Hashable {
    public var steps: [Step]
    /// Faults applied, by name, for the journal and reports.
    public var faults: [String]

    /// The longest single wait a script holds: an hour, the cap of every fault's `ms`.
    /// Faults add up (`latency; latency` on one request), so the sum is cut here too,
    /// before a player turns it into a timer (an integer of nanoseconds).
    public static let maximumWaitMs: Double = 3_600_000

    /// `ms` as a wait a player can schedule: at most `maximumWaitMs`, and 0 for NaN or negatives.
    public static func boundedWait(_ ms: Double) -> Double {
        ms > 0 ? min(ms, maximumWaitMs) : 0
    }

    public init(steps: [Step], faults: [String] = []) {
        self.steps = steps
        self.faults = faults
    }

    public enum Step: Sendable, Hashable {
        /// Send nothing for this many milliseconds.
        case wait(ms: Double)
        /// The status line and headers. `streaming` bodies use chunked transfer
        /// encoding; others carry `content-length` of the sum of their body steps.
        case head(status: Int, headers: WireHeaders, streaming: Bool)
        /// Bytes written and flushed as one piece (for a stream, one SSE frame or part of one).
        case body([UInt8])
        /// Send nothing more, keep the connection open: the client's timeout must fire.
        case stall
        /// Abort with a TCP RST (SO_LINGER 0): the client sees a connection reset.
        case reset
        /// Close the connection (FIN) now, whether or not the HTTP message is complete.
        case close
        /// Complete the HTTP message properly (final chunk or full content-length).
        case end
    }
}
