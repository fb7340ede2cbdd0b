import FaultlineWire
import NIOCore

/// One script being played on a connection: where it is, what was sent, and the journal
/// entry that records it. A class so a scheduled `wait` can resume exactly this playback
/// (and see that it was cancelled if the connection went away meanwhile).
final class ScriptPlayback {
    let steps: [ResponseScript.Step]
    var index = 0
    /// Nil for the server's own answers (admin API), which are not journaled.
    var entry: JournalEntry?
    let server: String
    var keepAlive: Bool
    /// HTTP/1.1 clients take chunked bodies; an HTTP/1.0 client's stream ends with the close.
    let chunkedAllowed: Bool
    var headSent = false
    /// The body is chunk-framed (a stream to an HTTP/1.1 client).
    var chunked = false
    var stalled = false
    /// The answer refuses a body over the limit: the close after it lingers.
    var refusedBody = false
    var waiting: Scheduled<Void>?
    /// Where the script's timeline stands: the request's arrival, moved on by each `wait`.
    /// Waits are deadlines on this timeline, not delays from whenever the loop got round to
    /// them, so time spent reading, decoding and queueing behind other connections is part
    /// of the wait (as at a real provider) and chunk gaps do not drift.
    var timeline: NIODeadline

    init(
        script: ResponseScript, entry: JournalEntry?, dialect: DialectID?, keepAlive: Bool, chunkedAllowed: Bool = true,
        arrived: NIODeadline
    ) {
        timeline = arrived
        self.chunkedAllowed = chunkedAllowed
        steps = script.steps
        self.entry = entry
        server = ResponseHeadWriter.serverName(dialect)
        self.keepAlive = keepAlive
    }

    /// Body bytes from the step after the head up to the script's end, close or reset:
    /// the `content-length` a non-streaming head announces.
    func bodyLength(after index: Int) -> Int {
        var length = 0
        for step in steps[index...] {
            switch step {
            case .body(let bytes): length += bytes.count
            case .end, .close, .reset: return length
            default: continue
            }
        }
        return length
    }

    /// Records the head sent at `now`: the first byte on the wire.
    func markHead(at now: Double) {
        guard entry != nil else { return }
        if entry?.firstByte == nil { entry?.firstByte = now }
        entry?.lastByte = now
    }

    /// Records body bytes sent at `now`.
    func sent(_ count: Int, at now: Double) {
        guard entry != nil else { return }
        entry?.bytesSent += count
        entry?.chunksSent += 1
        if entry?.firstByte == nil { entry?.firstByte = now }
        entry?.lastByte = now
    }
}
