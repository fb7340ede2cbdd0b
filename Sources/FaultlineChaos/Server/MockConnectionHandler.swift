import FaultlineWire
import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One HTTP/1.1 connection of the mock: frames requests from the raw bytes
/// (`HTTPRequestParser`, bounded body), answers them
/// one at a time in order (pipelining-safe: later requests wait, and reading pauses while
/// one is queued), and plays each answer's `ResponseScript` step by step, with waits on
/// the event loop's timer so injected latency is precise to well under a millisecond.
///
/// The handler writes raw bytes: the head exactly as the script spelled it plus the
/// framing, and body steps unchanged (chunk-framed when streaming), so what the client
/// reads is what the dialect encoded.
final class MockConnectionHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private struct Partial {
        var head: RequestHead
        var route: MockRoute
        var body: ByteBuffer?
        var tooLarge: Bool
        /// When the head was read: the start of the answer's timeline.
        var arrived: NIODeadline
        /// `Expect: 100-continue` not yet answered: it waits while an earlier answer is on the wire.
        var continuePending = false
    }

    private struct Complete {
        var head: RequestHead
        var route: MockRoute
        var body: [UInt8]
        var tooLarge: Bool
        var received: Double
        var arrived: NIODeadline
    }

    private let service: MockService
    private let headerTimer: HeaderTimeoutHandler
    private let connection: Int
    private var context: ChannelHandlerContext?
    private var date = HTTPDate()
    private var parser = HTTPRequestParser()
    /// Bytes read but not yet framed: part of a request, or pipelined ones.
    private var inbound: ByteBuffer?
    private var partial: Partial?
    /// A request that could not be framed, answered with a 400 once those before it are.
    private var malformed: HTTPRequestError?
    private var queue = CircularBuffer<Complete>(initialCapacity: 2)
    private var playback: ScriptPlayback?
    private var out: ByteBuffer?
    private var readPending = false
    private var closing = false
    /// Output closed after refusing a body; the client's remaining bytes are drained.
    private var lingering = false
    private var draining = false
    private let idleTimeout: TimeAmount
    private var lastActivity = NIODeadline.now()
    private var idleCheck: Scheduled<Void>?
    private var knownKeyID: (key: String, id: String)?

    init(service: MockService, headerTimer: HeaderTimeoutHandler, connection: Int) {
        self.service = service
        self.headerTimer = headerTimer
        self.connection = connection
        idleTimeout = .nanoseconds(Int64(max(0.001, service.configuration.idleTimeout) * 1e9))
    }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }
    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    func channelActive(context: ChannelHandlerContext) {
        lastActivity = .now()
        scheduleIdleCheck(at: lastActivity + idleTimeout, context: context)
        context.fireChannelActive()
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        lastActivity = .now()
        context.fireChannelReadComplete()
    }

    // MARK: Requests

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard malformed == nil, !closing else { return }
        var bytes = unwrapInboundIn(data)
        if var buffered = inbound {
            inbound = nil
            buffered.writeBuffer(&bytes)
            bytes = buffered
        }
        do {
            while !closing, let event = try parser.next(&bytes) { handle(event, context: context) }
        } catch {
            malformed = error
            startNext(context: context)
            return
        }
        if bytes.readableBytes > 0 {
            bytes.discardReadBytes()
            inbound = bytes
            if playback == nil, queue.isEmpty, partial == nil, parser.isIdle { headerTimer.requestStarted() }
        }
    }

    private func handle(_ event: HTTPRequestParser.Event, context: ChannelHandlerContext) {
        switch event {
        case .head(let head):
            headerTimer.headReceived()
            let route = MockRoute.resolve(method: head.method, uri: head.uri, headers: head.headers, providers: service.providers)
            let tooLarge = (head.contentLength ?? 0) > service.configuration.maxBodyBytes
            partial = Partial(head: head, route: route, body: nil, tooLarge: tooLarge, arrived: .now())
            if tooLarge {
                refuseBody(context: context)
            } else if head.expectsContinue, head.minorVersion >= 1 {
                partial?.continuePending = true
                if playback == nil, queue.isEmpty { sendContinue(context: context) }
            }
        case .body(var chunk):
            guard var request = partial else { return }
            partial = nil  // keeps the buffer uniquely referenced while it grows
            if (request.body?.readableBytes ?? 0) + chunk.readableBytes > service.configuration.maxBodyBytes {
                partial = request
                refuseBody(context: context)
                return
            } else if request.body == nil {
                request.body = chunk
            } else {
                request.body?.writeBuffer(&chunk)
            }
            partial = request
        case .end:
            guard let request = partial else { return }
            partial = nil
            let body = request.body.map { Array($0.readableBytesView) } ?? []
            queue.append(Complete(
                head: request.head, route: request.route, body: body,
                tooLarge: request.tooLarge, received: service.elapsed(), arrived: request.arrived))
            startNext(context: context)
        }
    }

    /// A body over the limit is answered at once (the provider's 413, then a close) rather
    /// than read to its end: a client waiting on `100 Continue` would otherwise wait forever,
    /// and an endless upload would never be refused. The rest of the body is read and dropped.
    private func refuseBody(context: ChannelHandlerContext) {
        guard var request = partial else { return }
        partial = nil
        request.body = nil
        queue.append(Complete(
            head: request.head, route: request.route, body: [], tooLarge: true, received: service.elapsed(),
            arrived: request.arrived))
        startNext(context: context)
    }

    private func sendContinue(context: ChannelHandlerContext) {
        partial?.continuePending = false
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(staticString: "HTTP/1.1 100 Continue\r\n\r\n")), promise: nil)
    }

    /// Holds reads while a request waits its turn, so a pipelining client cannot queue without bound.
    /// While lingering after a refusal, reads go on (and are dropped) so the close is not a reset.
    func read(context: ChannelHandlerContext) {
        if lingering {
            context.read()
        } else if queue.isEmpty, !closing {
            context.read()
        } else {
            readPending = true
        }
    }

    private func startNext(context: ChannelHandlerContext) {
        guard !draining else { return }
        draining = true
        while playback == nil, !closing, let request = queue.popFirst() {
            begin(request, context: context)
        }
        draining = false
        if playback == nil, queue.isEmpty, !closing, let error = malformed {
            reject(error, context: context)
            return
        }
        if playback == nil, queue.isEmpty, !closing, partial?.continuePending == true { sendContinue(context: context) }
        if playback == nil, queue.isEmpty, partial == nil, parser.isIdle, !closing {
            headerTimer.connectionIdle()
            // Part of the next head is already here: its header clock runs from now.
            if inbound != nil { headerTimer.requestStarted() }
        }
        if readPending, queue.isEmpty, !closing {
            readPending = false
            context.read()
        }
    }

    private func begin(_ request: Complete, context: ChannelHandlerContext) {
        let keepAlive = request.head.keepAlive && !request.tooLarge
        if case .admin(let endpoint) = request.route {
            let response = service.admin(endpoint, method: request.head.method, uri: request.head.uri, body: request.body)
            playback = ScriptPlayback(
                script: MockService.plain(response), entry: nil, dialect: nil, keepAlive: keepAlive, arrived: request.arrived)
        } else {
            var incoming = MockService.Incoming(
                method: request.head.method, uri: request.head.uri, headers: request.head.headers, body: request.body,
                route: request.route, received: request.received, connection: connection,
                auth: RequestAuth(headers: request.head.headers, uri: request.head.uri))
            incoming.knownKeyID = knownKeyID
            let answer = request.tooLarge ? service.tooLarge(incoming) : service.answer(incoming)
            if let key = incoming.auth.key, let id = answer.entry.keyID { knownKeyID = (key, id) }
            playback = ScriptPlayback(
                script: answer.script, entry: answer.entry, dialect: request.route.dialect, keepAlive: keepAlive,
                chunkedAllowed: request.head.minorVersion >= 1, arrived: request.arrived)
            playback?.refusedBody = request.tooLarge
        }
        if let playback { play(playback, context: context) }
    }

    // MARK: Playing a script

    private func play(_ playback: ScriptPlayback, context: ChannelHandlerContext) {
        let now = service.elapsed()
        while playback.index < playback.steps.count {
            let step = playback.steps[playback.index]
            playback.index += 1
            switch step {
            case .wait(let ms):
                guard ms > 0 else { continue }
                flushOutput(context: context)
                playback.timeline = playback.timeline + .nanoseconds(Int64(ms * 1e6))
                playback.waiting = context.eventLoop.assumeIsolated().scheduleTask(deadline: playback.timeline) {
                    [weak self, weak playback] in
                    guard let self, let playback, self.playback === playback, let context = self.context else { return }
                    playback.waiting = nil
                    self.play(playback, context: context)
                }
                return
            case .head(let status, let headers, let streaming):
                guard !playback.headSent else { continue }
                playback.headSent = true
                playback.chunked = streaming && playback.chunkedAllowed
                if streaming, !playback.chunked { playback.keepAlive = false }
                playback.entry?.status = status
                playback.markHead(at: now)
                let bodyLength = playback.bodyLength(after: playback.index)
                // A script may declare a longer `content-length` than it sends: a truncated plain body.
                let framing: ResponseHeadWriter.Framing =
                    streaming
                    ? (playback.chunked ? .chunked : .closeDelimited)
                    : .contentLength(headers["content-length"].flatMap { Int($0) } ?? bodyLength)
                var buffer = outBuffer(context: context, capacity: 256 + headers.fields.count * 48 + bodyLength)
                ResponseHeadWriter.write(
                    status: status, headers: headers, framing: framing, date: date.now(), server: playback.server,
                    close: !playback.keepAlive, announceKeepAlive: playback.keepAlive && !playback.chunkedAllowed, into: &buffer)
                out = buffer
            case .body(let bytes):
                guard !bytes.isEmpty else { continue }
                var buffer = outBuffer(context: context, capacity: bytes.count + 16)
                if playback.chunked {
                    buffer.writeString(String(bytes.count, radix: 16))
                    buffer.writeStaticString("\r\n")
                    buffer.writeBytes(bytes)
                    buffer.writeStaticString("\r\n")
                } else {
                    buffer.writeBytes(bytes)
                }
                out = buffer
                playback.sent(bytes.count, at: now)
            case .stall:
                flushOutput(context: context)
                playback.stalled = true
                if var entry = playback.entry {
                    entry.stalledAt = now
                    playback.entry = entry
                    service.journal.update(entry)
                }
                return
            case .reset:
                flushOutput(context: context)
                finish(playback, outcome: .reset, at: now)
                reset(context: context)
                return
            case .close:
                closeAfterFlush(playback, outcome: .closed, at: now, context: context)
                return
            case .end:
                end(playback, at: now, context: context)
                return
            }
        }
        end(playback, at: now, context: context)
    }

    /// Completes the message; a script that never sent a head has no message to complete,
    /// so the connection closes rather than leave the client waiting on a keep-alive socket.
    private func end(_ playback: ScriptPlayback, at now: Double, context: ChannelHandlerContext) {
        guard playback.headSent else {
            closeAfterFlush(playback, outcome: .closed, at: now, context: context)
            return
        }
        if playback.chunked {
            var buffer = outBuffer(context: context, capacity: 5)
            buffer.writeStaticString("0\r\n\r\n")
            out = buffer
        }
        guard playback.keepAlive else {
            closeAfterFlush(playback, outcome: .completed, at: now, context: context)
            return
        }
        // Journal first, so a client that reads the journal after its answer finds it complete.
        finish(playback, outcome: .completed, at: now)
        flushOutput(context: context)
        startNext(context: context)
    }

    private func finish(_ playback: ScriptPlayback, outcome: JournalEntry.Outcome, at now: Double) {
        playback.waiting?.cancel()
        playback.waiting = nil
        if var entry = playback.entry {
            entry.outcome = outcome
            entry.ended = now
            playback.entry = entry
            service.journal.update(entry)
        }
        if self.playback === playback { self.playback = nil }
    }

    private func closeAfterFlush(_ playback: ScriptPlayback, outcome: JournalEntry.Outcome, at now: Double, context: ChannelHandlerContext) {
        finish(playback, outcome: outcome, at: now)
        closing = true
        let buffer = out ?? context.channel.allocator.buffer(capacity: 0)
        out = nil
        let linger = playback.refusedBody
        context.writeAndFlush(wrapOutboundOut(buffer)).assumeIsolated().whenComplete { [weak self] _ in
            guard linger, let self else {
                context.close(promise: nil)
                return
            }
            self.drainThenClose(context: context)
        }
    }

    /// Half-closes after a refused body and drains what the client still sends, for at most
    /// two seconds: closing with unread bytes would send a reset that can destroy the 413
    /// before the client reads it (the lingering close of nginx and Apache).
    private func drainThenClose(context: ChannelHandlerContext) {
        lingering = true
        context.close(mode: .output, promise: nil)
        context.read()
        context.eventLoop.assumeIsolated().scheduleTask(in: .seconds(2)) { context.close(promise: nil) }
    }

    /// SO_LINGER {1, 0} makes the close send a TCP RST, as a crashed upstream or a
    /// load balancer dropping the connection does; clients see "connection reset by peer".
    private func reset(context: ChannelHandlerContext) {
        closing = true
        guard let provider = context.channel as? any SocketOptionProvider else {
            context.close(promise: nil)
            return
        }
        provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }

    private func outBuffer(context: ChannelHandlerContext, capacity: Int) -> ByteBuffer {
        if let out {
            self.out = nil
            return out
        }
        return context.channel.allocator.buffer(capacity: capacity)
    }

    private func flushOutput(context: ChannelHandlerContext) {
        guard let buffer = out else { return }
        out = nil
        lastActivity = .now()
        context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
    }

    // MARK: Connection events

    func channelInactive(context: ChannelHandlerContext) {
        closing = true
        idleCheck?.cancel()
        idleCheck = nil
        if let playback {
            finish(playback, outcome: playback.stalled ? .clientClosedStall : .clientClosed, at: service.elapsed())
        }
        queue.removeAll()
        context.fireChannelInactive()
    }

    // MARK: Idle timeout

    /// One timer per connection, moved forward lazily: cheaper than re-arming on every read and write.
    private func scheduleIdleCheck(at deadline: NIODeadline, context: ChannelHandlerContext) {
        idleCheck = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [weak self] in
            guard let self, let context = self.context, !self.closing else { return }
            self.checkIdle(context: context)
        }
    }

    /// Nothing sent either way for the idle timeout: close a keep-alive connection, a stall
    /// or a stalled upload. A script's own `wait` is not idleness.
    private func checkIdle(context: ChannelHandlerContext) {
        let due = lastActivity + idleTimeout
        let now = NIODeadline.now()
        if due > now {
            scheduleIdleCheck(at: due, context: context)
            return
        }
        if let playback, !playback.stalled {
            scheduleIdleCheck(at: now + idleTimeout, context: context)
            return
        }
        if let playback { finish(playback, outcome: .idleTimeout, at: service.elapsed()) }
        closing = true
        context.close(promise: nil)
    }

    /// Malformed HTTP gets a 400 and a close, as a real edge does.
    private func reject(_ error: HTTPRequestError, context: ChannelHandlerContext) {
        closing = true
        var body = Array(#"{"error":{"message":"#.utf8)
        JSONValue.writeString(error.message, to: &body)
        body += Array(#","type":"invalid_request_error","param":null,"code":null}}"#.utf8)
        let response = ResponseHeadWriter.simple(
            status: 400, contentType: "application/json", body: body, date: date.now(), close: true,
            allocator: context.channel.allocator)
        context.writeAndFlush(wrapOutboundOut(response)).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }

    /// Socket errors just close.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard !closing else { return }
        closing = true
        if let playback { finish(playback, outcome: .clientClosed, at: service.elapsed()) }
        context.close(promise: nil)
    }
}
