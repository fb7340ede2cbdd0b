import AsyncHTTPClient
import FaultlineWire
import Testing

@testable import FaultlineChaos

/// Faults named in `x-faultline-fault`, driven through a real socket, observed as a client sees them.
struct MockServerFaultTests {
    static let openAI = #"{"model":"gpt-4o","messages":[{"role":"user","content":"Say hi"}]}"#
    static let openAIStream = #"{"model":"gpt-4o","stream":true,"messages":[{"role":"user","content":"Tell a long story"}]}"#
    static let anthropicStream = #"{"model":"claude-sonnet-4-5","max_tokens":256,"stream":true,"messages":[{"role":"user","content":"Tell a long story"}]}"#
    static let gemini = #"{"contents":[{"role":"user","parts":[{"text":"Say hi"}]}]}"#
    static let fast = MockServerConfiguration(mock: MockConfiguration(chunkGapMs: 1), threads: 1)

    static let anthropic = #"{"model":"claude-sonnet-4-5","max_tokens":64,"messages":[{"role":"user","content":"Say hi"}]}"#
    static let geminiPath = "/v1beta/models/gemini-2.5-flash:generateContent"
    /// One plain request per dialect: path and body.
    static let plainRequests = [("/v1/chat/completions", openAI), ("/v1/messages", anthropic), (geminiPath, gemini)]

    static func fault(_ text: String) -> (String, String) { ("x-faultline-fault", text) }

    @Test(arguments: plainRequests)
    func resetIsAConnectionResetForTheClient(path: String, body: String) async throws {
        try await TestMock.withServer(Self.fast) { server in
            let connection = try RawConnection(port: server.port)
            defer { connection.close() }
            connection.send(TestMock.request("POST", path, body: body, headers: ["x-faultline-fault: reset"]))
            let (bytes, ending) = connection.read()
            #expect(ending == .reset)
            #expect(bytes.isEmpty)
            await #expect(throws: (any Error).self) {
                _ = try await TestMock.call(server, .POST, path, body: body, headers: [Self.fault("reset")])
            }
            #expect(server.journal().first?.faults.first?.hasPrefix("reset") == true)
        }
    }

    @Test func resetMidStreamSendsSomeChunksThenResets() async throws {
        try await TestMock.withServer(Self.fast) { server in
            let connection = try RawConnection(port: server.port)
            defer { connection.close() }
            connection.send(TestMock.request("POST", "/v1/messages", body: Self.anthropicStream, headers: ["x-faultline-fault: reset_mid_stream(after_chunks=2)"]))
            let (bytes, ending) = connection.read()
            #expect(ending == .reset)
            #expect(bytes.text.contains("HTTP/1.1 200"))
            #expect(bytes.text.contains("event: message_start"))
            #expect(!bytes.text.contains("message_stop"))
        }
    }

    @Test(arguments: [
        ("/v1/chat/completions", openAIStream, "data: [DONE]"),
        ("/v1/messages", anthropicStream, "event: message_stop"),
    ])
    func truncatedStreamLacksItsTerminalEvent(path: String, body: String, terminal: String) async throws {
        try await TestMock.withServer(Self.fast) { server in
            let clean = try await TestMock.call(server, .POST, path, body: body)
            #expect(clean.text.contains(terminal))
            let connection = try RawConnection(port: server.port)
            defer { connection.close() }
            connection.send(TestMock.request("POST", path, body: body, headers: ["x-faultline-fault: truncate(after_chunks=2)"]))
            // The HTTP message may end properly or the connection close: either way the event is missing.
            let (bytes, _) = connection.read { $0.text.hasSuffix("\r\n0\r\n\r\n") }
            #expect(bytes.text.contains("HTTP/1.1 200"))
            #expect(!bytes.text.contains(terminal))
        }
    }

    @Test func hangTripsTheClientTimeout() async throws {
        try await TestMock.withServer(Self.fast) { server in
            await #expect(throws: HTTPClientError.deadlineExceeded) {
                _ = try await TestMock.call(server, .POST, Self.geminiPath, body: Self.gemini, headers: [Self.fault("hang")], timeout: 1)
            }
        }
    }

    @Test func latencyDelaysTheAnswer() async throws {
        try await TestMock.withServer(Self.fast) { server in
            let started = RawConnection.now()
            let reply = try await TestMock.call(server, .POST, "/v1/messages", body: Self.anthropic, headers: [Self.fault("latency(ms=150)")])
            let elapsed = RawConnection.now() - started
            #expect(reply.status == 200)
            #expect(elapsed >= 0.149 && elapsed < 2, "took \(elapsed) s")
            #expect(await TestMock.eventually { server.journal().first?.outcome == .completed })
            let entry = try #require(server.journal().first)
            #expect((entry.firstByte ?? 0) - entry.received >= 0.149)
        }
    }

    @Test(arguments: [
        ("/v1/chat/completions", openAI, DialectID.openAIChat), ("/v1/messages", anthropic, .anthropicMessages),
        (geminiPath, gemini, .gemini),
    ])
    func throttleIsTheProviders429WithRetryAfter(path: String, body: String, dialect: DialectID) async throws {
        try await TestMock.withServer(Self.fast) { server in
            let reply = try await TestMock.call(server, .POST, path, body: body, headers: [Self.fault("throttle(retry_after=2)")])
            #expect(reply.status == 429)
            let decoded = dialect.dialect.decodeResponse(WireResponse(status: 429, headers: WireHeaders(reply.headers.map { ($0.name, $0.value) }), body: reply.body))
            guard case .failure(let error) = decoded else {
                Issue.record("expected an error, got \(decoded)")
                return
            }
            #expect(error.kind == .rateLimited)
            #expect(error.retryAfter == 2)
            #expect(await TestMock.eventually { server.journal().first?.retryAfter == 2 })
        }
    }

    @Test func rateLimitRefusesThenRecovers() async throws {
        try await TestMock.withServer(Self.fast) { server in
            let header = Self.fault("rate_limit(rpm=120)")
            var statuses: [Int] = []
            var wait: Double?
            for _ in 0..<300 {
                let reply = try await TestMock.call(server, .POST, "/v1/messages", body: Self.anthropic, headers: [header])
                statuses.append(reply.status)
                if reply.status == 429 {
                    wait = reply.headers.first(name: "retry-after").flatMap(Double.init) ?? 1
                    break
                }
            }
            #expect(statuses.first == 200)
            #expect(statuses.last == 429, "never refused in \(statuses.count) requests")
            try await Task.sleep(nanoseconds: UInt64(min(max(wait ?? 1, 0.5), 3) * 1e9))
            let after = try await TestMock.call(server, .POST, "/v1/messages", body: Self.anthropic, headers: [header])
            #expect(after.status == 200)
        }
    }
}
