import AsyncHTTPClient
import FaultlineWire
import Foundation
import NIOCore
import NIOHTTP1

/// One client connection of the recorder: gathers each request (NIO's pipelining handler
/// holds the next one until this answer ends), forwards it through `UpstreamRelay`, and
/// cancels the upstream request when the client goes away.
final class RecordingHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    /// A request body the recorder will not hold (a chat request is far smaller).
    static let maxRequestBytes = 32 << 20

    /// Request headers not forwarded: hop-by-hop ones and those the upstream client sets itself.
    static let hopHeaders: Set<String> = [
        "connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host",
        "content-length", "expect", "accept-encoding",
    ]

    private let relay: RelayContext
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()
    private var tooLarge = false
    private var task: HTTPClient.Task<Void>?

    init(relay: RelayContext) { self.relay = relay }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body.clear()
            tooLarge = false
        case .body(var part):
            if body.readableBytes + part.readableBytes > Self.maxRequestBytes { tooLarge = true } else { body.writeBuffer(&part) }
        case .end:
            guard let head else { return }
            self.head = nil
            if tooLarge {
                UpstreamRelay.answerLocally(channel: context.channel, version: head.version, keepAlive: false, status: .payloadTooLarge,
                    body: UpstreamRelay.errorBody(dialect: nil, status: 413, message: "faultline record holds request bodies up to \(Self.maxRequestBytes >> 20) MiB"))
                return
            }
            forward(head, body: body, context: context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        task?.cancel()
        task = nil
        context.fireChannelInactive()
    }

    private func forward(_ head: HTTPRequestHead, body: ByteBuffer, context: ChannelHandlerContext) {
        let route = Self.route(head)
        let upstream = relay.configuration.upstream
        var headers = HTTPHeaders()
        for (name, value) in head.headers where !Self.hopHeaders.contains(name.lowercased()) { headers.add(name: name, value: value) }
        headers.add(name: "accept-encoding", value: "identity")
        var recording: UpstreamRelay.Recording?
        if case .chat(let dialect, _, let path) = route {
            // The recorded headers are the client's, less those that describe the hop to the recorder.
            let wireHeaders = WireHeaders(head.headers.compactMap { field in
                ["host", "content-length", "connection", "keep-alive"].contains(field.name.lowercased()) ? nil : (name: field.name, value: field.value)
            })
            recording = UpstreamRelay.Recording(
                dialect: dialect, request: WireRequest(method: head.method.rawValue, path: path, headers: wireHeaders, body: Array(buffer: body)),
                userAgent: head.headers.first(name: "user-agent"))
        }
        let delegate = UpstreamRelay(
            relay: relay, channel: context.channel, version: head.version, keepAlive: head.isKeepAlive,
            dialect: route.dialect, description: "\(head.method.rawValue) \(Self.pathOnly(head.uri)) → \(upstream.scheme)://\(upstream.label)",
            recording: recording)
        let request: HTTPClient.Request
        do {
            request = try HTTPClient.Request(
                url: upstream.url(for: head.uri), method: head.method, headers: headers,
                body: body.readableBytes == 0 && (head.method == .GET || head.method == .HEAD) ? nil : .byteBuffer(body))
        } catch {
            delegate.fail(error)
            return
        }
        let task = relay.client.execute(request: request, delegate: delegate, eventLoop: .delegateAndChannel(on: context.eventLoop))
        self.task = task  // cancelled if the client leaves; a no-op once the exchange ended
    }

    /// The mock's routing decides the dialect: every path it serves, Azure style and Gemini
    /// `v1`/`v1beta` included; a first segment that is not a provider path is taken as a mount.
    static func route(_ head: HTTPRequestHead) -> MockRoute {
        let headers = WireHeaders(head.headers.map { (name: $0.name, value: $0.value) })
        let route = MockRoute.resolve(method: head.method.rawValue, uri: head.uri, headers: headers, providers: [])
        guard case .notFound = route else { return route }
        let segments = (head.uri.split(separator: "?", maxSplits: 1).first ?? "").split(separator: "/")
        guard segments.count > 1 else { return route }
        let mounted = MockRoute.resolve(method: head.method.rawValue, uri: head.uri, headers: headers, providers: [String(segments[0])])
        if case .chat = mounted { return mounted }
        return route
    }

    static func pathOnly(_ uri: String) -> Substring { uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0] }
}
