import NIOCore

/// Cuts off a client that starts a request but does not finish its head in time (a
/// slowloris), with a 408 and a close as nginx does with `client_header_timeout`. It sits
/// before the HTTP decoder to see the first raw byte of each request; the connection
/// handler tells it when a head arrived and when the connection is idle again.
///
/// The timer is armed only when a read ends with the head still incomplete: almost every
/// request arrives whole in one read, and a timer per request would cost more than the
/// rest of the handler. Once armed it is never moved: its deadline is the head's first
/// byte plus the timeout, so a client trickling a byte at a time cannot extend it.
final class HeaderTimeoutHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum State {
        /// Between requests: the next byte starts the clock.
        case awaitingRequest
        /// Bytes of a head arrived at `started`; no timer yet.
        case started(NIODeadline)
        case timing(Scheduled<Void>)
        /// A head arrived; the request is the connection handler's business now.
        case inRequest
        /// The 408 went out; whatever the client still sends is dropped until the close.
        case timedOut
    }

    private let timeout: TimeAmount
    private var state = State.awaitingRequest
    private var context: ChannelHandlerContext?

    init(timeout: Double) {
        self.timeout = .clamped(seconds: timeout)
    }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancel()
        self.context = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch state {
        case .timedOut: return
        case .awaitingRequest: state = .started(.now())
        case .started, .timing, .inRequest: break
        }
        context.fireChannelRead(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if case .started(let started) = state { arm(deadline: started + timeout, context: context) }
        context.fireChannelReadComplete()
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancel()
        context.fireChannelInactive()
    }

    /// A complete request head arrived.
    func headReceived() {
        cancel()
        if case .awaitingRequest = state { state = .inRequest }
    }

    /// The connection is between requests: nothing is being answered or queued. With part
    /// of the next head buffered its clock must run: if it started with a read it keeps that
    /// start (a trickle of partial reads never re-arms it); bytes left over from an earlier
    /// read (pipelined behind an answered request) start it now, as no read may come to.
    /// With nothing buffered the clock stops until the next byte.
    func betweenRequests(partialHead: Bool) {
        guard partialHead else {
            cancel()
            return
        }
        guard let context else { return }
        switch state {
        case .started, .timing, .timedOut: return
        case .awaitingRequest, .inRequest: arm(deadline: .now() + timeout, context: context)
        }
    }

    private func arm(deadline: NIODeadline, context: ChannelHandlerContext) {
        let scheduled = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [weak self] in
            guard let self else { return }
            self.fire()
        }
        state = .timing(scheduled)
    }

    private func cancel() {
        switch state {
        case .timedOut: return
        case .timing(let scheduled): scheduled.cancel()
        case .awaitingRequest, .started, .inRequest: break
        }
        state = .awaitingRequest
    }

    private func fire() {
        guard case .timing = state, let context else { return }
        state = .timedOut
        let body = Array(#"{"error":{"message":"request header timeout","type":"invalid_request_error"}}"#.utf8)
        var date = HTTPDate()
        let response = ResponseHeadWriter.simple(
            status: 408, contentType: "application/json", body: body, date: date.now(), close: true,
            allocator: context.channel.allocator)
        context.writeAndFlush(NIOAny(response)).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }
}
