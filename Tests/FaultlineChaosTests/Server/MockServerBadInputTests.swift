import FaultlineWire
import Testing

@testable import FaultlineChaos

/// Bad or slow clients get a clear answer and a closed connection, never a hang or a crash.
struct MockServerBadInputTests {
    static let gemini = "/v1beta/models/gemini-2.5-flash:generateContent"

    @Test(arguments: [
        "GARBAGE\r\n\r\n", "POST /v1/chat/completions HTTP/1.1\r\ncontent-length: nope\r\n\r\n", "\u{1}\u{2}\u{3} / HTTP/9\r\n\r\n",
        // HTTP/1.1 needs exactly one Host (RFC 9112 §3.2).
        "GET /v1/models HTTP/1.1\r\n\r\n", "GET /v1/models HTTP/1.1\r\nhost: a\r\nHost: b\r\n\r\n",
    ])
    func malformedHTTPGets400AndClose(raw: String) async throws {
        try await TestMock.withServer(scripts: { _ in TestMock.plain() }) { server in
            let connection = try RawConnection(port: server.port)
            defer { connection.close() }
            connection.send(raw)
            let (bytes, ending) = connection.read()
            #expect(bytes.text.hasPrefix("HTTP/1.1 400 Bad Request\r\n"))
            #expect(bytes.text.contains("connection: close"))
            #expect(ending == .eof)
        }
    }

    /// HTTP/1.0 may leave Host out.
    @Test func http10WithoutHostIsAnswered() async throws {
        try await TestMock.withServer(scripts: { _ in TestMock.plain() }) { server in
            let connection = try RawConnection(port: server.port)
            defer { connection.close() }
            connection.send("GET /v1/models HTTP/1.0\r\n\r\n")
            #expect(connection.read().bytes.text.hasPrefix("HTTP/1.1 200 OK\r\n"))
        }
    }

    /// An expectation other than 100-continue cannot be met: 417 and a close, before any body is read.
    @Test func unknownExpectationGets417() async throws {
        try await TestMock.withServer(scripts: { _ in TestMock.plain() }) { server in
            let connection = try RawConnection(port: server.port)
            defer { connection.close() }
            connection.send("POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\nexpect: 200-ok\r\ncontent-length: 2\r\n\r\n")
            let (bytes, ending) = connection.read()
            #expect(bytes.text.hasPrefix("HTTP/1.1 417 Expectation Failed\r\n"))
            #expect(bytes.text.contains("only 100-continue"))
            #expect(ending == .eof)
        }
    }

    /// Requests pipelined before a malformed one are answered first, then the 400 and the close.
    @Test func malformedPipelinedRequestIsAnsweredAfterThoseBeforeIt() async throws {
        try await TestMock.withServer(scripts: { _ in TestMock.plain() }) { server in
            let connection = try RawConnection(port: server.port)
            defer { connection.close() }
            connection.send(TestMock.request() + TestMock.request() + "POST / HTTP/1.1\r\nbad header\r\n\r\n")
            let (bytes, ending) = connection.read()
            #expect(bytes.text.components(separatedBy: "HTTP/1.1 200 OK\r\n").count == 3)
            #expect(bytes.text.contains("HTTP/1.1 400 Bad Request\r\n"))
            #expect(bytes.text.contains("invalid header field"))
            #expect(ending == .eof)
        }
    }

    @Test func bodyOverTheLimitGetsTheProviders413() async throws {
        let configuration = MockServerConfiguration(maxBodyBytes: 1024, threads: 1)
        try await TestMock.withServer(configuration, scripts: { _ in TestMock.plain() }) { server in
            let connection = try RawConnection(port: server.port)
            defer { connection.close() }
            connection.send(TestMock.request("POST", Self.gemini, body: String(repeating: "x", count: 4000)))
            let (bytes, ending) = connection.read()
            #expect(bytes.text.hasPrefix("HTTP/1.1 413 "))
            #expect(bytes.text.contains("\"code\": 413") || bytes.text.contains("\"code\":413"))
            #expect(ending == .eof)
            #expect(await TestMock.eventually { server.journal().first?.status == 413 })
        }
    }

    @Test func chunkedBodyOverTheLimitGets413() async throws {
        let configuration = MockServerConfiguration(maxBodyBytes: 100, threads: 1)
        try await TestMock.withServer(configuration, scripts: { _ in TestMock.plain() }) { server in
            let connection = try RawConnection(port: server.port)
            defer { connection.close() }
            let chunk = String(repeating: "y", count: 80)
            connection.send("POST \(Self.gemini) HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked\r\n\r\n"
                + "50\r\n\(chunk)\r\n50\r\n\(chunk)\r\n0\r\n\r\n")
            let (bytes, _) = connection.read()
            #expect(bytes.text.hasPrefix("HTTP/1.1 413 "))
        }
    }

    /// A body the client would send only after `100 Continue` is refused at once when its
    /// declared length is over the limit, not awaited.
    @Test func oversizedBodyAwaitingContinueGets413AtOnce() async throws {
        let configuration = MockServerConfiguration(maxBodyBytes: 10, threads: 1)
        try await TestMock.withServer(configuration, scripts: { _ in TestMock.plain() }) { server in
            let connection = try RawConnection(port: server.port)
            defer { connection.close() }
            connection.send("POST \(Self.gemini) HTTP/1.1\r\nhost: x\r\nexpect: 100-continue\r\ncontent-length: 100\r\n\r\n")
            let (bytes, ending) = connection.read(timeout: 2)
            #expect(bytes.text.hasPrefix("HTTP/1.1 413 "))
            #expect(!bytes.text.contains("100 Continue"))
            #expect(ending == .eof)
        }
    }

    /// A `100 Continue` for a pipelined request waits until the answer before it is complete,
    /// rather than landing inside that answer's chunked body.
    @Test func continueForAPipelinedRequestWaitsForTheAnswerBeforeIt() async throws {
        let slow = ResponseScript(steps: [
            .head(status: 200, headers: ["content-type": "text/event-stream"], streaming: true), .body(Array("data: 1\n\n".utf8)),
            .wait(ms: 300), .body(Array("data: 2\n\n".utf8)), .end,
        ])
        try await TestMock.withServer(scripts: { _ in slow }) { server in
            let connection = try RawConnection(port: server.port)
            defer { connection.close() }
            connection.send(TestMock.request())
            _ = connection.read { $0.text.contains("data: 1") }
            connection.send("POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\nexpect: 100-continue\r\ncontent-length: 2\r\n\r\n")
            let (bytes, _) = connection.read { $0.text.contains("100 Continue\r\n\r\n") }
            let text = bytes.text
            let continueAt = try #require(text.range(of: "HTTP/1.1 100 Continue"))
            let firstEnd = try #require(text.range(of: "0\r\n\r\n"))
            #expect(firstEnd.upperBound <= continueAt.lowerBound, "100 Continue inside the first answer: \(text.debugDescription)")
        }
    }

    /// Part of a next request pipelined behind an answered one is on the header clock too.
    @Test func aPipelinedPartialHeadIsCutOffWith408() async throws {
        let configuration = MockServerConfiguration(idleTimeout: 30, headerTimeout: 0.2, threads: 1)
        try await TestMock.withServer(configuration, scripts: { _ in TestMock.plain() }) { server in
            let connection = try RawConnection(port: server.port)
            defer { connection.close() }
            connection.send(TestMock.request() + "POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\n")
            let (bytes, ending) = connection.read(timeout: 3)
            #expect(bytes.text.contains("HTTP/1.1 408 Request Timeout\r\n"))
            #expect(ending == .eof)
        }
    }

    @Test func slowHeadIsCutOffWith408() async throws {
        let configuration = MockServerConfiguration(idleTimeout: 30, headerTimeout: 0.2, threads: 1)
        try await TestMock.withServer(configuration, scripts: { _ in TestMock.plain() }) { server in
            let connection = try RawConnection(port: server.port)
            defer { connection.close() }
            connection.send("POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\n")
            let (bytes, ending) = connection.read(timeout: 3)
            #expect(bytes.text.hasPrefix("HTTP/1.1 408 Request Timeout\r\n"))
            #expect(ending == .eof)
        }
    }

    /// The header timeout starts at a request's first byte, so an idle keep-alive
    /// connection lives until the idle timeout, not the header timeout.
    @Test func idleKeepAliveOutlivesTheHeaderTimeoutButNotTheIdleTimeout() async throws {
        let configuration = MockServerConfiguration(idleTimeout: 2, headerTimeout: 0.1, threads: 1)
        try await TestMock.withServer(configuration, scripts: { _ in TestMock.plain() }) { server in
            let connection = try RawConnection(port: server.port)
            defer { connection.close() }
            connection.send(TestMock.request())
            #expect(connection.read { $0.completeResponses == 1 }.bytes.completeResponses == 1)
            try await Task.sleep(nanoseconds: 250_000_000)
            connection.send(TestMock.request())
            #expect(connection.read { $0.completeResponses == 1 }.bytes.completeResponses == 1)
            let (_, ending) = connection.read(timeout: 3)
            #expect(ending == .eof)
        }
    }

    @Test func silentConnectionIsClosedAtTheIdleTimeout() async throws {
        let configuration = MockServerConfiguration(idleTimeout: 0.2, threads: 1)
        try await TestMock.withServer(configuration, scripts: { _ in TestMock.plain() }) { server in
            let connection = try RawConnection(port: server.port)
            defer { connection.close() }
            let (bytes, ending) = connection.read(timeout: 3)
            #expect(bytes.isEmpty)
            #expect(ending == .eof)
        }
    }

    @Test func stallIsClosedAtTheIdleTimeoutAndJournaled() async throws {
        let configuration = MockServerConfiguration(idleTimeout: 0.2, threads: 1)
        try await TestMock.withServer(configuration, scripts: { _ in ResponseScript(steps: [.stall]) }) { server in
            let connection = try RawConnection(port: server.port)
            defer { connection.close() }
            connection.send(TestMock.request())
            let (_, ending) = connection.read(timeout: 3)
            #expect(ending == .eof)
            #expect(await TestMock.eventually { server.journal().first?.outcome == .idleTimeout })
        }
    }

    @Test func unknownPathGetsTheFamily404() async throws {
        try await TestMock.withServer(scripts: { _ in TestMock.plain() }) { server in
            let connection = try RawConnection(port: server.port)
            defer { connection.close() }
            connection.send(TestMock.request("POST", "/v1beta/models/gemini-2.5-flash:countTokens"))
            let (bytes, _) = connection.read { $0.completeResponses == 1 }
            #expect(bytes.text.hasPrefix("HTTP/1.1 404 Not Found\r\n"))
            #expect(bytes.text.contains("NOT_FOUND"))
            #expect(await TestMock.eventually { server.journal().first?.status == 404 })
        }
    }

    @Test func expectContinueIsAnswered() async throws {
        try await TestMock.withServer(scripts: { _ in TestMock.plain() }) { server in
            let connection = try RawConnection(port: server.port)
            defer { connection.close() }
            connection.send("POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\nexpect: 100-continue\r\ncontent-length: 2\r\n\r\n")
            let (interim, _) = connection.read { $0.text.hasSuffix("\r\n\r\n") }
            #expect(interim.text == "HTTP/1.1 100 Continue\r\n\r\n")
            connection.send("{}")
            #expect(connection.read { $0.completeResponses == 1 }.bytes.text.contains("200 OK"))
        }
    }
}
