import FaultlineChaos
import FaultlineWire
import Foundation
import NIOCore
import NIOPosix

/// A minimal HTTP/1.1 server for the chain's integration tests: it plays queued
/// `ResponseScript`s (the mock's own script format) byte for byte on real sockets, so
/// resets, stalls and truncations happen on the wire. Requests are routed by their first
/// path segment (the provider's `path_prefix`) and journaled. Listens on 127.0.0.1, port 0.
final class ScriptServer: @unchecked Sendable {
    private let lock = NSLock()
    private var queues: [String: [ResponseScript]] = [:]
    private var journal: [(route: String, request: WireRequest)] = []
    private let group: MultiThreadedEventLoopGroup
    private var channel: (any Channel)?

    init() { group = MultiThreadedEventLoopGroup(numberOfThreads: 1) }

    var port: Int { channel?.localAddress?.port ?? 0 }
    var baseURL: String { "http://127.0.0.1:\(port)" }

    func start() async throws {
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(ScriptConnection(server: self)) }
            }
        channel = try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
    }

    func stop() async throws {
        try await channel?.close()
        try await group.shutdownGracefully()
    }

    /// Queues scripts for requests under `/route/...`, played in order.
    func enqueue(_ route: String, _ scripts: ResponseScript...) {
        lock.withLock { queues[route, default: []].append(contentsOf: scripts) }
    }

    /// Routes of the requests received, in order.
    var requests: [String] { lock.withLock { journal.map(\.route) } }
    var receivedRequests: [WireRequest] { lock.withLock { journal.map(\.request) } }

    fileprivate func script(for request: WireRequest) -> ResponseScript {
        let route = request.path.split(separator: "/").first.map(String.init) ?? ""
        return lock.withLock {
            journal.append((route, request))
            guard var queue = queues[route], !queue.isEmpty else {
                return ResponseScript(steps: [.head(status: 404, headers: ["content-type": "text/plain"], streaming: false), .body(Array("no script for /\(route)".utf8)), .end])
            }
            let next = queue.removeFirst()
            queues[route] = queue
            return next
        }
    }
}

/// One connection: reads a request, plays its script, repeats while the connection lives.
private final class ScriptConnection: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let server: ScriptServer
    var pending: [UInt8] = []
    var playing = false

    init(server: ScriptServer) { self.server = server }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        pending.append(contentsOf: buffer.readableBytesView)
        if !playing, let request = takeRequest() {
            playing = true
            play(ArraySlice(server.script(for: request).steps), streaming: false, context: context)
        }
    }

    /// A complete request (head and content-length body) from `pending`, if one has arrived.
    func takeRequest() -> WireRequest? {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let headEnd = pending.indices.dropLast(3).first(where: { Array(pending[$0..<$0 + 4]) == separator }) else { return nil }
        let lines = String(decoding: pending[..<headEnd], as: UTF8.self).components(separatedBy: "\r\n")
        let requestLine = lines[0].split(separator: " ")
        var headers = WireHeaders()
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.add(String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        let bodyStart = headEnd + 4
        guard pending.count >= bodyStart + length else { return nil }
        let body = Array(pending[bodyStart..<bodyStart + length])
        pending.removeFirst(bodyStart + length)
        return WireRequest(
            method: requestLine.first.map(String.init) ?? "GET", path: requestLine.dropFirst().first.map(String.init) ?? "/",
            headers: headers, body: body)
    }

    func play(_ steps: ArraySlice<ResponseScript.Step>, streaming: Bool, context: ChannelHandlerContext) {
        guard let step = steps.first else { return }
        let rest = steps.dropFirst()
        switch step {
        case .wait(let ms):
            context.eventLoop.scheduleTask(in: .microseconds(Int64(ms * 1000))) { self.play(rest, streaming: streaming, context: context) }
        case .head(let status, let headers, let isStreaming):
            var text = "HTTP/1.1 \(status) \(status < 400 ? "OK" : "Error")\r\n"
            for field in headers { text += "\(field.name): \(field.value)\r\n" }
            if isStreaming {
                text += "transfer-encoding: chunked\r\n"
            } else {
                let length = rest.reduce(0) { if case .body(let b) = $1 { $0 + b.count } else { $0 } }
                text += "content-length: \(length)\r\n"
            }
            write(Array((text + "\r\n").utf8), context: context)
            play(rest, streaming: isStreaming, context: context)
        case .body(let bytes):
            if streaming {
                write(Array("\(String(bytes.count, radix: 16))\r\n".utf8) + bytes + [13, 10], context: context)
            } else {
                write(bytes, context: context)
            }
            play(rest, streaming: streaming, context: context)
        case .stall:
            break
        case .reset:
            // SO_LINGER 0 turns the close into a TCP RST, as a crashed or killed upstream does.
            guard let provider = context.channel as? any SocketOptionProvider else {
                context.close(promise: nil)
                return
            }
            provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).whenComplete { _ in context.close(promise: nil) }
        case .close:
            context.close(promise: nil)
        case .end:
            if streaming { write(Array("0\r\n\r\n".utf8), context: context) }
            playing = false
            if let request = takeRequest() {
                playing = true
                play(ArraySlice(server.script(for: request).steps), streaming: false, context: context)
            }
        }
    }

    func write(_ bytes: [UInt8], context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes)), promise: nil)
    }
}

/// Scripts built from a dialect's own server side, as the mock builds them.
enum Scripts {
    static func answer(_ response: ChatResponse, _ dialect: DialectID, request: ChatRequest = ChainSamples.request()) -> ResponseScript {
        let wire = dialect.dialect.encodeResponse(response, for: request)
        return ResponseScript(steps: [.head(status: wire.status, headers: wire.headers, streaming: false), .body(wire.body), .end])
    }

    static func error(_ error: ProviderError, _ dialect: DialectID) -> ResponseScript {
        let wire = dialect.dialect.encodeError(error)
        return ResponseScript(steps: [.head(status: wire.status, headers: wire.headers, streaming: false), .body(wire.body), .end])
    }

    /// A stream of `response`; `cut` replaces everything after the first `keep` frames.
    static func stream(_ response: ChatResponse, _ dialect: DialectID, keep: Int? = nil, cut: ResponseScript.Step = .end, gapMs: Double = 0) -> ResponseScript {
        var request = ChainSamples.request(stream: true)
        request.model = response.model
        let (head, frames) = dialect.dialect.encodeStream(response.streamEvents(piece: 4), for: request)
        var steps: [ResponseScript.Step] = [.head(status: head.status, headers: head.headers, streaming: true)]
        for frame in frames.prefix(keep ?? frames.count) {
            if gapMs > 0 { steps.append(.wait(ms: gapMs)) }
            steps.append(.body(frame))
        }
        steps.append(keep == nil ? .end : cut)
        return ResponseScript(steps: steps)
    }
}
