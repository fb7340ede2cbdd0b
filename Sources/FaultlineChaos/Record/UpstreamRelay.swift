import AsyncHTTPClient
import FaultlineWire
import Foundation
import NIOCore
import NIOHTTP1

/// One exchange in flight: each part of the upstream's answer is written to the client as
/// it arrives (the returned write future is the backpressure) and, for a chat route, kept
/// with its arrival time. Every callback runs on the client connection's event loop
/// (`.delegateAndChannel`), so the state needs no lock.
final class UpstreamRelay: HTTPClientResponseDelegate, @unchecked Sendable {
    typealias Response = Void

    /// What is kept of a chat exchange for its fixture.
    struct Recording {
        var dialect: DialectID
        var request: WireRequest
        var userAgent: String?
        var status = 0
        var headers = WireHeaders()
        var body: [UInt8] = []
        var chunks: [Fixture.Chunk] = []
        var lastArrival: UInt64 = 0
    }

    /// A response body larger than this is forwarded but not recorded.
    static let maxRecordedBytes = 64 << 20

    /// Response headers not passed back: the recorder frames the body itself.
    static let hopHeaders: Set<String> = ["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "trailer"]

    private let relay: RelayContext
    private let channel: any Channel
    private let version: HTTPVersion
    private let keepAlive: Bool
    private let dialect: DialectID?
    private let description: String
    private var recording: Recording?
    private var headSent = false
    private var notRecordedReason: String?
    /// Whether this exchange is still counted in the relay's in-flight total.
    private var counted: Bool

    init(relay: RelayContext, channel: any Channel, version: HTTPVersion, keepAlive: Bool, dialect: DialectID?, description: String, recording: Recording?) {
        self.relay = relay
        self.channel = channel
        self.version = version
        self.keepAlive = keepAlive
        self.dialect = dialect
        self.description = description
        self.recording = recording
        counted = recording != nil
        if counted { relay.started() }
    }

    /// The exchange is over for the recorder (written, refused or failed): once only.
    private func finishRecording() {
        guard counted else { return }
        counted = false
        relay.finished()
    }

    func didReceiveHead(task: HTTPClient.Task<Void>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        let now = NIODeadline.now().uptimeNanoseconds
        var headers = HTTPHeaders()
        for (name, value) in head.headers where !Self.hopHeaders.contains(name.lowercased()) { headers.add(name: name, value: value) }
        if !keepAlive { headers.replaceOrAdd(name: "connection", value: "close") }
        if recording != nil {
            recording?.status = Int(head.status.code)
            recording?.headers = WireHeaders(head.headers.map { (name: $0.name, value: $0.value) })  // as sent, hop headers too
            recording?.lastArrival = now
            if let encoding = head.headers.first(name: "content-encoding"), encoding.lowercased() != "identity" {
                notRecordedReason = "\(description): the upstream sent a \(encoding)-encoded body although asked for identity"
            }
        }
        headSent = true
        return channel.writeAndFlush(HTTPServerResponsePart.head(HTTPResponseHead(version: version, status: head.status, headers: headers)))
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Void>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        let write = channel.writeAndFlush(HTTPServerResponsePart.body(.byteBuffer(buffer)))
        if var kept = recording {
            let now = NIODeadline.now().uptimeNanoseconds
            if kept.body.count + buffer.readableBytes > Self.maxRecordedBytes {
                notRecordedReason = "\(description): the body is over \(Self.maxRecordedBytes >> 20) MiB"
                recording = nil
            } else {
                kept.chunks.append(Fixture.Chunk(bytes: buffer.readableBytes, delayMs: Double(now &- kept.lastArrival) / 1_000_000))
                kept.lastArrival = now
                recording = nil  // keeps `kept.body` uniquely referenced while it grows
                buffer.withUnsafeReadableBytes { kept.body.append(contentsOf: $0) }
                recording = kept
            }
        }
        return write
    }

    func didFinishRequest(task: HTTPClient.Task<Void>) throws {
        // Handed to the writer before the client sees the end, so a client that waits for
        // the end and then for `drain()` finds its fixture written.
        if let notRecordedReason {
            relay.emit(.notRecorded(notRecordedReason))
        } else if let kept = recording {
            relay.record(exchange(kept))
        }
        recording = nil
        finishRecording()
        let keepAlive = self.keepAlive
        let channel = self.channel
        channel.writeAndFlush(HTTPServerResponsePart.end(nil)).whenComplete { _ in
            if !keepAlive { channel.close(promise: nil) }
        }
    }

    func didReceiveError(task: HTTPClient.Task<Void>, _ error: any Error) {
        fail(error)
    }

    /// Before the head: a 502 the client can read, one line on stderr. After it: the answer
    /// is cut, so the connection closes and nothing is written.
    func fail(_ error: any Error) {
        let had = recording != nil
        recording = nil
        finishRecording()
        guard !headSent else {
            channel.close(promise: nil)
            if had { relay.emit(.notRecorded("\(description): the upstream failed mid-answer (\(error)); the client's connection was closed")) }
            return
        }
        headSent = true
        let reason = Self.describe(error)
        relay.emit(.upstreamUnreachable("\(description): \(reason); answered 502, nothing recorded"))
        let message = "faultline record could not reach the upstream \(relay.configuration.upstream.scheme)://\(relay.configuration.upstream.label): \(reason). Nothing was recorded."
        Self.answerLocally(channel: channel, version: version, keepAlive: keepAlive, status: .badGateway, body: Self.errorBody(dialect: dialect, status: 502, message: message))
    }

    private func exchange(_ kept: Recording) -> RecordedExchange {
        let stream = kept.headers["content-type"]?.lowercased().hasPrefix("text/event-stream") ?? false
        return RecordedExchange(
            dialect: kept.dialect, request: kept.request,
            response: WireResponse(status: kept.status, headers: kept.headers, body: kept.body),
            chunks: stream ? kept.chunks : [],
            recording: Fixture.Recording(
                recordedAt: Self.timestamp(), upstream: relay.configuration.upstream.label, client: kept.userAgent,
                faultlineVersion: relay.configuration.faultlineVersion))
    }

    /// Now in ISO 8601 UTC, or `SOURCE_DATE_EPOCH` when it is set (reproducible fixtures).
    static func timestamp(environment: [String: String] = ProcessInfo.processInfo.environment, now: Date = Date()) -> String {
        let date = environment["SOURCE_DATE_EPOCH"].flatMap(Double.init).map { Date(timeIntervalSince1970: $0) } ?? now
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    static func describe(_ error: any Error) -> String {
        if let client = error as? HTTPClientError {
            if client == .connectTimeout { return "connect timed out" }
            return "\(client)"
        }
        return "\(error)"
    }

    /// The error body in the dialect's own shape, so an SDK shows the message as it would a provider's.
    static func errorBody(dialect: DialectID?, status: Int, message: String) -> [UInt8] {
        let json: JSONValue
        switch dialect {
        case .anthropicMessages:
            json = ["type": "error", "error": ["type": "api_error", "message": .string(message)]]
        case .gemini:
            json = ["error": ["code": .number(Double(status)), "message": .string(message), "status": "UNAVAILABLE"]]
        case .openAIChat, nil:
            json = ["error": ["message": .string(message), "type": "faultline_record_upstream_error", "param": nil, "code": "upstream_unreachable"]]
        }
        return json.bytes
    }

    static func answerLocally(channel: any Channel, version: HTTPVersion, keepAlive: Bool, status: HTTPResponseStatus, body: [UInt8]) {
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: "application/json")
        headers.add(name: "content-length", value: String(body.count))
        headers.add(name: "x-faultline-record", value: "upstream-error")
        if !keepAlive { headers.add(name: "connection", value: "close") }
        channel.write(HTTPServerResponsePart.head(HTTPResponseHead(version: version, status: status, headers: headers)), promise: nil)
        channel.write(HTTPServerResponsePart.body(.byteBuffer(ByteBuffer(bytes: body))), promise: nil)
        channel.writeAndFlush(HTTPServerResponsePart.end(nil)).whenComplete { _ in
            if !keepAlive { channel.close(promise: nil) }
        }
    }
}
