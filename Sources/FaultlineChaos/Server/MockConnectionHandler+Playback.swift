import FaultlineWire
import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Playing a `ResponseScript` on the connection: waits on the event loop's timer against
/// the request's timeline, the head with the mock's own framing, body steps as encoded,
/// and the endings (complete, close, reset, stall).
extension MockConnectionHandler {
    func play(_ playback: ScriptPlayback, context: ChannelHandlerContext) {
        let now = service.elapsed()
        while playback.index < playback.steps.count {
            let step = playback.steps[playback.index]
            playback.index += 1
            switch step {
            case .wait(let ms):
                guard ms > 0 else { continue }
                flushOutput(context: context)
                let wait = TimeAmount.clamped(milliseconds: ms)
                // A capped (day-long) wait runs from now, so no run of them can overflow the deadline.
                playback.timeline = wait == .longestTimer ? .now() + wait : playback.timeline + wait
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

    func finish(_ playback: ScriptPlayback, outcome: JournalEntry.Outcome, at now: Double) {
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
        // With the client's input already closed there is nothing left to drain.
        guard playback.refusedBody, !inputClosed else {
            closeAfterOutput(context: context)
            return
        }
        closing = true
        let buffer = out ?? context.channel.allocator.buffer(capacity: 0)
        out = nil
        context.writeAndFlush(wrapOutboundOut(buffer)).assumeIsolated().whenComplete { [weak self] _ in
            guard let self else {
                context.close(promise: nil)
                return
            }
            self.drainThenClose(context: context)
        }
    }

    /// Closes once everything written so far is on the wire: a plain close would fail the
    /// writes still queued and cut the last answer short.
    func closeAfterOutput(context: ChannelHandlerContext) {
        closing = true
        let buffer = out ?? context.channel.allocator.buffer(capacity: 0)
        out = nil
        context.writeAndFlush(wrapOutboundOut(buffer)).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
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
    func reset(context: ChannelHandlerContext) {
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
}
