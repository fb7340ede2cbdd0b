import FaultlineWire
import Testing

@testable import FaultlineChaos

/// Clients that trickle, stop reading or half-close: each is answered as HTTP says and
/// none can hold the mock's memory or a connection for ever.
struct MockServerSlowClientTests {
    /// A slowloris: one byte of the head every half second. Every byte is a partial read, and
    /// none may move the header deadline, which runs from the first byte.
    @Test func headTrickledAByteAtATimeGets408() async throws {
        let configuration = MockServerConfiguration(idleTimeout: 60, headerTimeout: 1.5, threads: 1)
        try await TestMock.withServer(configuration, scripts: { _ in TestMock.plain() }) { server in
            let connection = try RawConnection(port: server.port)
            defer { connection.close() }
            // 200+ bytes: over 100 s of trickle, far past any extension of the 1.5 s deadline.
            let head = Array(TestMock.request(headers: ["x-padding: " + String(repeating: "p", count: 160)]).utf8)
            let (answer, sent) = await TestMock.onThread {
                var sent = 0
                var answer: [UInt8] = []
                var ending = RawConnection.Ending.timeout
                while sent < head.count, answer.isEmpty, ending != .eof {
                    connection.send([head[sent]])
                    sent += 1
                    (answer, ending) = connection.read(timeout: 0.5) { !$0.isEmpty }
                }
                if ending != .eof { answer += connection.read(timeout: 5) { $0.completeResponses == 1 }.bytes }
                return (answer, sent)
            }
            #expect(answer.text.hasPrefix("HTTP/1.1 408 Request Timeout\r\n"))
            // 1.5 s at two bytes a second is 3 bytes; 20 leaves room for a loaded machine.
            #expect(sent < 20, "the 408 came only after \(sent) trickled bytes")
        }
    }

    /// A client that pipelines many requests and never reads: the mock answers only what
    /// the socket buffers and its write-buffer high mark hold, then stops reading; once the
    /// client reads, every request is answered, in order.
    @Test func pipeliningClientThatDoesNotReadIsNotAnsweredAheadWithoutBound() async throws {
        let body = String(repeating: "a", count: 64 * 1024)
        let requests = 300
        try await TestMock.withServer(scripts: { _ in TestMock.plain(body) }) { server in
            let connection = try RawConnection(port: server.port, receiveBuffer: 256 * 1024)
            defer { connection.close() }
            let one = Array(TestMock.request().utf8)
            var pending = Array([[UInt8]](repeating: one, count: requests).joined())
            pending.removeFirst(connection.sendWithoutBlocking(pending))
            // Give the server time to answer all it would; it stops when its output is full.
            try await Task.sleep(nanoseconds: 1_000_000_000)
            let answeredUnread = server.journal().count
            #expect(answeredUnread < requests / 2, "answered \(answeredUnread) of \(requests) for a client that reads nothing")

            // Now read everything (sending the rest as room frees up), until a second passes
            // with nothing more: all are answered.
            let rest = pending
            let received = await TestMock.onThread {
                var unsent = rest[...]
                var received: [UInt8] = []
                let deadline = RawConnection.now() + 60
                while RawConnection.now() < deadline {
                    if !unsent.isEmpty { unsent = unsent.dropFirst(connection.sendWithoutBlocking(Array(unsent))) }
                    let (bytes, ending) = connection.read(timeout: 1) { _ in true }
                    received += bytes
                    if ending == .eof || ending == .reset || (bytes.isEmpty && unsent.isEmpty) { break }
                }
                return received
            }
            #expect(received.completeResponses == requests)
        }
    }

    /// A latency fault's answer is still sent after the client shut down its sending side.
    @Test func delayedAnswerIsSentAfterTheClientHalfCloses() async throws {
        let slow = ResponseScript(steps: [.wait(ms: 300)] + TestMock.plain(#"{"late":true}"#).steps)
        try await TestMock.withServer(scripts: { _ in slow }) { server in
            let connection = try RawConnection(port: server.port)
            defer { connection.close() }
            connection.send(TestMock.request())
            connection.shutdownWrite()
            let (bytes, ending) = connection.read(timeout: 5)
            #expect(bytes.text.hasPrefix("HTTP/1.1 200 OK\r\n"))
            #expect(bytes.text.hasSuffix(#"{"late":true}"#))
            #expect(ending == .eof)
            #expect(await TestMock.eventually { server.journal().first?.outcome == .completed })
        }
    }

    /// A stream is sent whole, every frame and the terminating chunk, after a half-close.
    @Test func streamIsSentWholeAfterTheClientHalfCloses() async throws {
        let stream = ResponseScript(steps: [
            .head(status: 200, headers: ["content-type": "text/event-stream"], streaming: true),
            .body(Array("data: 1\n\n".utf8)), .wait(ms: 100), .body(Array("data: 2\n\n".utf8)), .wait(ms: 100),
            .body(Array("data: 3\n\n".utf8)), .end,
        ])
        try await TestMock.withServer(scripts: { _ in stream }) { server in
            let connection = try RawConnection(port: server.port)
            defer { connection.close() }
            connection.send(TestMock.request())
            connection.shutdownWrite()
            let (bytes, ending) = connection.read(timeout: 5)
            #expect(bytes.text.contains("data: 1") && bytes.text.contains("data: 2") && bytes.text.contains("data: 3"))
            #expect(bytes.text.hasSuffix("0\r\n\r\n"))
            #expect(ending == .eof)
        }
    }

    /// Pipelined requests sent before the half-close are all answered, then the connection closes.
    @Test func pipelinedRequestsAreAllAnsweredAfterAHalfClose() async throws {
        let slow = ResponseScript(steps: [.wait(ms: 50)] + TestMock.plain().steps)
        try await TestMock.withServer(scripts: { _ in slow }) { server in
            let connection = try RawConnection(port: server.port)
            defer { connection.close() }
            connection.send(TestMock.request() + TestMock.request() + TestMock.request())
            connection.shutdownWrite()
            let (bytes, ending) = connection.read(timeout: 5)
            #expect(bytes.completeResponses == 3)
            #expect(ending == .eof)
        }
    }

    /// A half-closed connection with nothing to answer, or only part of a request, is closed at once.
    @Test(arguments: ["", "POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\n"])
    func halfCloseWithNothingToAnswerCloses(sent: String) async throws {
        let configuration = MockServerConfiguration(idleTimeout: 30, headerTimeout: 30, threads: 1)
        try await TestMock.withServer(configuration, scripts: { _ in TestMock.plain() }) { server in
            let connection = try RawConnection(port: server.port)
            defer { connection.close() }
            if !sent.isEmpty { connection.send(sent) }
            connection.shutdownWrite()
            let (bytes, ending) = connection.read(timeout: 5)
            #expect(bytes.isEmpty)
            #expect(ending == .eof)
        }
    }

    /// Timeouts and waits beyond any sense (`1e300` s, infinity, NaN) are capped, never a trap
    /// converting to nanoseconds when a connection opens or a script waits.
    @Test(arguments: [1e300, .infinity, .nan])
    func absurdTimeoutsAndWaitsAreCappedNotATrap(value: Double) async throws {
        let configuration = MockServerConfiguration(idleTimeout: value, headerTimeout: value, threads: 1)
        let script = ResponseScript(steps: TestMock.plain().steps.dropLast() + [.wait(ms: value), .end])
        try await TestMock.withServer(configuration, scripts: { _ in script }) { server in
            let connection = try RawConnection(port: server.port)
            defer { connection.close() }
            connection.send(TestMock.request())
            let (bytes, _) = connection.read(timeout: 2) { $0.completeResponses == 1 }
            #expect(bytes.text.hasPrefix("HTTP/1.1 200 OK\r\n"))
        }
    }
}
