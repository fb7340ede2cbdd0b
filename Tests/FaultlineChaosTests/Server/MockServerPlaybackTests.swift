import AsyncHTTPClient
import FaultlineWire
import NIOCore
import Testing

@testable import FaultlineChaos

/// The player on real sockets: each script step does on the wire what it says, byte for byte.
struct MockServerPlaybackTests {
    static let frames = ["data: {\"n\":1}\n\n", "data: {\"n\":2}\n\n"].map { Array($0.utf8) }

    static func stream(_ cut: ResponseScript.Step = .end, gapMs: Double = 5) -> ResponseScript {
        ResponseScript(steps: [
            .head(status: 200, headers: ["content-type": "text/event-stream"], streaming: true),
            .body(frames[0]), .wait(ms: gapMs), cut == .end ? .body(frames[1]) : cut, .end,
        ])
    }

    @Test func plainAnswerIsExactlyTheScriptBytes() async throws {
        try await TestMock.withServer(scripts: { _ in TestMock.plain(headers: ["Content-Type": "application/json", "x-request-id": "req_1"]) }) { server in
            let connection = try RawConnection(port: server.port)
            defer { connection.close() }
            connection.send(TestMock.request())
            let (bytes, _) = connection.read { $0.completeResponses == 1 }
            let text = bytes.text
            #expect(text.hasPrefix("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nx-request-id: req_1\r\ndate: "))
            #expect(text.contains(" GMT\r\nserver: cloudflare\r\ncontent-length: 11\r\n\r\n"))
            #expect(text.hasSuffix("\r\n\r\n" + #"{"ok":true}"#))
        }
    }

    @Test func streamIsChunkedFrameByFrameAndTerminated() async throws {
        try await TestMock.withServer(scripts: { _ in Self.stream() }) { server in
            let connection = try RawConnection(port: server.port)
            defer { connection.close() }
            connection.send(TestMock.request())
            let (bytes, _) = connection.read { $0.text.hasSuffix("0\r\n\r\n") }
            let text = bytes.text
            #expect(text.contains("transfer-encoding: chunked\r\n"))
            #expect(!text.contains("content-length"))
            #expect(text.hasSuffix("\r\n\r\nf\r\ndata: {\"n\":1}\n\n\r\nf\r\ndata: {\"n\":2}\n\n\r\n0\r\n\r\n"))
            #expect(await TestMock.eventually { server.journal().first?.outcome == .completed })
            let entry = server.journal().first
            #expect(entry?.chunksSent == 2)
            #expect(entry?.bytesSent == 30)
            #expect(entry?.outcome == .completed)
        }
    }

    @Test func resetIsSeenAsConnectionReset() async throws {
        try await TestMock.withServer(scripts: { _ in Self.stream(.reset, gapMs: 30) }) { server in
            let connection = try RawConnection(port: server.port)
            defer { connection.close() }
            connection.send(TestMock.request())
            let (bytes, ending) = connection.read()
            #expect(ending == .reset)
            #expect(!bytes.text.contains("0\r\n\r\n"))
            #expect(server.journal().first?.outcome == .reset)
        }
    }

    @Test func resetReachesAsyncHTTPClientAsAnError() async throws {
        let reset = ResponseScript(steps: [.reset])
        try await TestMock.withServer(scripts: { _ in reset }) { server in
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(server.port)/v1/chat/completions")
            request.method = .POST
            request.body = .bytes(ByteBuffer(string: "{}"))
            await #expect(throws: (any Error).self) {
                _ = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
            }
        }
    }

    @Test func closeTruncatesTheStreamWithoutItsTerminalChunk() async throws {
        try await TestMock.withServer(scripts: { _ in Self.stream(.close) }) { server in
            let connection = try RawConnection(port: server.port)
            defer { connection.close() }
            connection.send(TestMock.request())
            let (bytes, ending) = connection.read()
            #expect(ending == .eof)
            #expect(bytes.text.contains("data: {\"n\":1}"))
            #expect(!bytes.text.contains("data: {\"n\":2}"))
            #expect(!bytes.text.hasSuffix("0\r\n\r\n"))
            #expect(server.journal().first?.outcome == .closed)
        }
    }

    @Test func stallTripsTheClientTimeoutAndIsJournaled() async throws {
        let stall = ResponseScript(steps: [.stall])
        try await TestMock.withServer(scripts: { _ in stall }) { server in
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(server.port)/v1/chat/completions")
            request.method = .POST
            request.body = .bytes(ByteBuffer(string: "{}"))
            let started = RawConnection.now()
            await #expect(throws: HTTPClientError.deadlineExceeded) {
                _ = try await HTTPClient.shared.execute(request, timeout: .milliseconds(300))
            }
            #expect(RawConnection.now() - started >= 0.29)
            #expect(await TestMock.eventually { server.journal().first?.outcome == .clientClosedStall })
            let entry = server.journal().first
            #expect(entry?.stalledAt != nil)
            #expect(entry?.status == nil)
        }
    }

    /// A `wait` before the head delays the first byte by at least its length; the upper
    /// bound is loose on purpose (precision at load is the benchmark's to measure).
    @Test func waitDelaysTheFirstByte() async throws {
        let slow = ResponseScript(steps: [.wait(ms: 100)] + TestMock.plain().steps)
        try await TestMock.withServer(scripts: { _ in slow }) { server in
            let connection = try RawConnection(port: server.port)
            defer { connection.close() }
            let started = RawConnection.now()
            connection.send(TestMock.request())
            let (bytes, _) = connection.read { !$0.isEmpty }
            let elapsed = RawConnection.now() - started
            #expect(!bytes.isEmpty)
            #expect(elapsed >= 0.099 && elapsed < 1)
            #expect(await TestMock.eventually { server.journal().first?.outcome == .completed })
            let entry = server.journal().first
            let firstByteDelay = (entry?.firstByte ?? 0) - (entry?.received ?? 0)
            #expect(firstByteDelay >= 0.099)
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrderOnOneConnection() async throws {
        let scripts: @Sendable (MockRequest) -> ResponseScript = { request in
            let n = request.wire.headers["x-seq"] ?? "?"
            // The first answer is the slowest: order must still hold.
            return ResponseScript(steps: [.wait(ms: n == "1" ? 50 : 0)] + TestMock.plain("{\"n\":\(n)}").steps)
        }
        try await TestMock.withServer(scripts: scripts) { server in
            let connection = try RawConnection(port: server.port)
            defer { connection.close() }
            connection.send((1...3).map { TestMock.request(headers: ["x-seq: \($0)"]) }.joined())
            let (bytes, _) = connection.read { $0.completeResponses == 3 }
            let text = bytes.text
            let positions = (1...3).compactMap { text.firstRange(of: "{\"n\":\($0)}")?.lowerBound }
            #expect(positions.count == 3)
            #expect(positions == positions.sorted())
            #expect(Set(server.journal().map(\.connection)).count == 1)
        }
    }

    @Test func connectionCloseRequestIsAnsweredThenClosed() async throws {
        try await TestMock.withServer(scripts: { _ in TestMock.plain() }) { server in
            let connection = try RawConnection(port: server.port)
            defer { connection.close() }
            connection.send(TestMock.request(headers: ["connection: close"]))
            let (bytes, ending) = connection.read()
            #expect(ending == .eof)
            #expect(bytes.text.contains("connection: close\r\n"))
            #expect(bytes.completeResponses == 1)
        }
    }

    @Test func scriptWithoutAHeadClosesWithNothingSent() async throws {
        try await TestMock.withServer(scripts: { _ in ResponseScript(steps: [.end]) }) { server in
            let connection = try RawConnection(port: server.port)
            defer { connection.close() }
            connection.send(TestMock.request())
            let (bytes, ending) = connection.read()
            #expect(bytes.isEmpty)
            #expect(ending == .eof)
        }
    }

    @Test func journalRecordsTheExchangeWithoutTheKey() async throws {
        let throttled = TestMock.plain(#"{"error":{}}"#, status: 429, headers: ["retry-after": "2"])
        let configuration = MockServerConfiguration(mock: MockConfiguration(providers: [MockProviderConfig(name: "openai-primary")]), threads: 1)
        try await TestMock.withServer(configuration, scripts: { _ in throttled }) { server in
            let connection = try RawConnection(port: server.port)
            defer { connection.close() }
            connection.send(TestMock.request(
                "POST", "/openai-primary/v1/chat/completions",
                headers: ["authorization: Bearer sk-secret-value", "x-stainless-retry-count: 1"]))
            _ = connection.read { $0.completeResponses == 1 }
            #expect(await TestMock.eventually { server.journal().first?.outcome == .completed })
            let entry = try #require(server.journal().first)
            #expect(entry.provider == "openai-primary")
            #expect(entry.dialect == .openAIChat)
            #expect(entry.path == "/v1/chat/completions")
            #expect(entry.keyID == KeyHash.keyID("sk-secret-value"))
            #expect(entry.retryCount == 1)
            #expect(entry.status == 429)
            #expect(entry.retryAfter == 2)
            #expect(entry.bytesSent == 12)
            #expect(!entry.json.jsonString.contains("sk-secret"))
        }
    }

    @Test func declaredLengthLongerThanTheBodyIsATruncatedPlainAnswer() async throws {
        let script = ResponseScript(steps: [
            .head(status: 200, headers: ["content-type": "application/json", "content-length": "100"], streaming: false),
            .body(Array(#"{"id":"#.utf8)), .close,
        ])
        try await TestMock.withServer(scripts: { _ in script }) { server in
            let connection = try RawConnection(port: server.port)
            defer { connection.close() }
            connection.send(TestMock.request())
            let (bytes, ending) = connection.read()
            #expect(ending == .eof)
            #expect(bytes.text.contains("content-length: 100\r\n"))
            #expect(bytes.text.hasSuffix("\r\n\r\n" + #"{"id":"#))
        }
    }

    @Test func stopClosesStalledConnections() async throws {
        let server = try await MockServer.start(MockServerConfiguration(threads: 1), scripts: { _ in ResponseScript(steps: [.stall]) })
        let connection = try RawConnection(port: server.port)
        defer { connection.close() }
        connection.send(TestMock.request())
        #expect(await TestMock.eventually { server.journal().first?.stalledAt != nil })
        try await server.stop()
        let (_, ending) = connection.read(timeout: 3)
        #expect(ending != .timeout)
    }

    @Test func keyIDFollowsTheKeyOfEachRequestOnOneConnection() async throws {
        try await TestMock.withServer(scripts: { _ in TestMock.plain() }) { server in
            let connection = try RawConnection(port: server.port)
            defer { connection.close() }
            for key in ["sk-one", "sk-one", "sk-two"] {
                connection.send(TestMock.request(headers: ["authorization: Bearer \(key)"]))
                _ = connection.read { $0.completeResponses == 1 }
            }
            connection.send(TestMock.request())
            _ = connection.read { $0.completeResponses == 1 }
            #expect(server.journal().map(\.keyID) == [KeyHash.keyID("sk-one"), KeyHash.keyID("sk-one"), KeyHash.keyID("sk-two"), nil])
        }
    }

    /// HTTP/1.0 has no chunked encoding: a stream is sent unframed and ended by the close.
    @Test func streamToAnHTTP10ClientEndsWithTheClose() async throws {
        try await TestMock.withServer(scripts: { _ in Self.stream() }) { server in
            let connection = try RawConnection(port: server.port)
            defer { connection.close() }
            connection.send(TestMock.request().replacingOccurrences(of: "HTTP/1.1", with: "HTTP/1.0"))
            let (bytes, ending) = connection.read()
            #expect(ending == .eof)
            #expect(!bytes.text.contains("transfer-encoding"))
            #expect(bytes.text.hasSuffix("\r\n\r\ndata: {\"n\":1}\n\ndata: {\"n\":2}\n\n"))
        }
    }

    /// An HTTP/1.0 client that asks for keep-alive is told it got it, and can send again.
    @Test func keepAliveToAnHTTP10ClientIsAnnounced() async throws {
        try await TestMock.withServer(scripts: { _ in TestMock.plain() }) { server in
            let connection = try RawConnection(port: server.port)
            defer { connection.close() }
            let request = TestMock.request(headers: ["connection: keep-alive"]).replacingOccurrences(of: "HTTP/1.1", with: "HTTP/1.0")
            connection.send(request)
            let (first, _) = connection.read { $0.completeResponses == 1 }
            #expect(first.text.contains("\r\nconnection: keep-alive\r\n"))
            connection.send(request)
            #expect(connection.read { $0.completeResponses == 1 }.bytes.completeResponses == 1)
            let plain = TestMock.request().replacingOccurrences(of: "HTTP/1.1", with: "HTTP/1.0")
            connection.send(plain)
            let (last, ending) = connection.read()
            #expect(last.text.contains("\r\nconnection: close\r\n"))
            #expect(ending == .eof)
        }
    }

    @Test func startOnABusyPortThrowsInsteadOfServingNothing() async throws {
        try await TestMock.withServer { server in
            await #expect(throws: (any Error).self) {
                let second = try await MockServer.start(MockServerConfiguration(port: server.port, threads: 1))
                try await second.stop()
            }
        }
    }
}
