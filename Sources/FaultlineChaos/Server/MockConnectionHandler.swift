import FaultlineWire
import NIOCore

/// One HTTP/1.1 connection of the mock: frames requests from the raw bytes
/// (`HTTPRequestParser`, bounded body), answers them
/// one at a time in order (pipelining-safe: later requests wait, and reading pauses while
/// one is queued), and plays each answer's `ResponseScript` step by step, with waits on
/// the event loop's timer so injected latency is precise to well under a millisecond.
///
/// Both directions are bounded: no request is framed or read while the channel is not
/// writable (a pipelining client that stops reading stops being read, rather than have
/// every answer buffered), and a client that shuts down its sending side still gets every
/// answer it asked for, whole, before the close.
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
        /// When the loop woke to read the head (`ReadClock`): the start of the answer's timeline.
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

    let service: MockService
    private let headerTimer: HeaderTimeoutHandler
    private let connection: Int
    private let clock: ReadClock
    var context: ChannelHandlerContext?
    var date = HTTPDate()
    private var parser = HTTPRequestParser()
    /// Bytes read but not yet framed: part of a request, or pipelined ones.
    private var inbound: ByteBuffer?
    private var partial: Partial?
    /// A request that could not be framed, answered with a 400 once those before it are.
    private var malformed: HTTPRequestError?
    private var queue = CircularBuffer<Complete>(initialCapacity: 2)
    var playback: ScriptPlayback?
    var out: ByteBuffer?
    private var readPending = false
    /// Buffered bytes are left unframed until the answers before them are out and the
    /// client reads again (`frame`); reads wait too.
    private var held = false
    /// Inside `frame`: a nested call (an answer that completed synchronously) leaves the bytes to it.
    private var framing = false
    /// The client shut down its sending side (`ChannelEvent.inputClosed`): no request will
    /// follow those already received, so the connection closes once they are answered.
    private(set) var inputClosed = false
    var closing = false
    /// Output closed after refusing a body; the client's remaining bytes are drained.
    var lingering = false
    private var draining = false
    private let idleTimeout: TimeAmount
    var lastActivity = NIODeadline.now()
    private var idleCheck: Scheduled<Void>?
    private var knownKeyID: (key: String, id: String)?

    init(service: MockService, headerTimer: HeaderTimeoutHandler, connection: Int, clock: ReadClock) {
        self.service = service
        self.clock = clock
        self.headerTimer = headerTimer
        self.connection = connection
        idleTimeout = .clamped(seconds: service.configuration.idleTimeout)
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
        inbound = bytes
        frame(context: context)
    }

    /// Frames and handles the buffered requests until more bytes are needed, or until the
    /// next one would have to wait: behind a queued request, or while the client is not
    /// reading (the channel is over its write-buffer high water mark). The rest stays
    /// buffered (`held`) and reads wait with it, so neither the queue nor unsent answers
    /// grow with what a client pipelines.
    private func frame(context: ChannelHandlerContext) {
        guard !framing, malformed == nil, var bytes = inbound else { return }
        inbound = nil
        framing = true
        held = false
        do {
            while !closing {
                if parser.isIdle, partial == nil, !queue.isEmpty || !context.channel.isWritable {
                    held = bytes.readableBytes > 0
                    break
                }
                guard let event = try parser.next(&bytes) else { break }
                try handle(event, context: context)
            }
        } catch {
            framing = false
            held = false
            malformed = error
            startNext(context: context)
            return
        }
        framing = false
        if bytes.readableBytes > 0 {
            bytes.discardReadBytes()
            inbound = bytes
            updateHeaderClock()
        }
    }

    private func handle(_ event: HTTPRequestParser.Event, context: ChannelHandlerContext) throws(HTTPRequestError) {
        switch event {
        case .head(let head):
            headerTimer.headReceived()
            if let refusal = head.refusal { throw refusal }
            let route = MockRoute.resolve(method: head.method, uri: head.uri, headers: head.headers, providers: service.providers)
            partial = Partial(head: head, route: route, body: nil, arrived: clock.now())
            if (head.contentLength ?? 0) > service.configuration.maxBodyBytes {
                refuseBody(context: context)
            } else if head.expectation == .continue, head.minorVersion >= 1 {
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
                tooLarge: false, received: service.elapsed(), arrived: request.arrived))
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

    /// Holds reads while a request waits its turn or bytes wait to be framed, so a pipelining
    /// client cannot queue without bound, and while the channel is not writable, so a client
    /// that does not read cannot make the mock buffer answers without bound.
    /// While lingering after a refusal, reads go on (and are dropped) so the close is not a reset.
    func read(context: ChannelHandlerContext) {
        if lingering || mayRead(context: context) {
            context.read()
        } else {
            readPending = true
        }
    }

    private func mayRead(context: ChannelHandlerContext) -> Bool {
        queue.isEmpty && !held && !closing && context.channel.isWritable
    }

    /// The client reads again: answer what waited, frame what was held, read on.
    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable, !closing { startNext(context: context) }
        context.fireChannelWritabilityChanged()
    }

    /// Answers the queued requests while the client takes the output, then frames what
    /// was held, then reads on; with the client's input closed, closes once all is answered.
    func startNext(context: ChannelHandlerContext) {
        guard !draining else { return }
        draining = true
        while playback == nil, !closing, context.channel.isWritable, let request = queue.popFirst() {
            begin(request, context: context)
        }
        draining = false
        if playback == nil, queue.isEmpty, !closing, let error = malformed {
            reject(error, context: context)
            return
        }
        if playback == nil, queue.isEmpty, !closing, partial?.continuePending == true { sendContinue(context: context) }
        if playback == nil, queue.isEmpty, !closing, held { frame(context: context) }
        updateHeaderClock()
        if inputClosed, !framing, playback == nil, queue.isEmpty, !held, !closing {
            closeAfterOutput(context: context)
            return
        }
        if readPending, mayRead(context: context) {
            readPending = false
            context.read()
        }
    }

    /// Between requests the header clock is stopped, unless part of the next head is
    /// already buffered: then it runs from now, as no further read may come to start it.
    /// Bytes held back by the mock itself (the client not reading) are not a slow head.
    private func updateHeaderClock() {
        guard playback == nil, queue.isEmpty, partial == nil, parser.isIdle, !closing else { return }
        headerTimer.betweenRequests(partialHead: inbound != nil && !held)
    }

    private func begin(_ request: Complete, context: ChannelHandlerContext) {
        let keepAlive = request.head.keepAlive && !request.tooLarge
        if case .admin(let endpoint) = request.route {
            let response =
                request.tooLarge
                ? service.adminTooLarge()
                : service.admin(endpoint, method: request.head.method, uri: request.head.uri, body: request.body)
            playback = ScriptPlayback(
                script: MockService.plain(response), entry: nil, dialect: nil, keepAlive: keepAlive, arrived: request.arrived)
            playback?.refusedBody = request.tooLarge
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

    // MARK: Connection events

    /// A client may shut down its sending side once its request is out (`shutdown(SHUT_WR)`,
    /// as some HTTP clients and proxies do): what it sent is answered in full, pipelined
    /// requests included, then the connection closes. Only a stall, which would never send
    /// anything more, ends at once: the client gave up on it.
    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed, !inputClosed {
            inputClosed = true
            if lingering {
                context.close(promise: nil)
            } else if !closing, let playback, playback.stalled {
                finish(playback, outcome: .clientClosedStall, at: service.elapsed())
                closing = true
                context.close(promise: nil)
            } else if !closing {
                startNext(context: context)
            }
        }
        context.fireUserInboundEventTriggered(event)
    }

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

    /// Malformed HTTP gets a 400 (an unmet expectation a 417) and a close, as a real edge does.
    private func reject(_ error: HTTPRequestError, context: ChannelHandlerContext) {
        closing = true
        var body = Array(#"{"error":{"message":"#.utf8)
        JSONValue.writeString(error.message, to: &body)
        body += Array(#","type":"invalid_request_error","param":null,"code":null}}"#.utf8)
        let response = ResponseHeadWriter.simple(
            status: error.status, contentType: "application/json", body: body, date: date.now(), close: true,
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
