import FaultlineWire
import Testing

@testable import FaultlineChaos

/// The admin API under `/_faultline/`.
struct MockServerAdminTests {
    static let configuration = MockServerConfiguration(
        mock: MockConfiguration(providers: [MockProviderConfig(name: "openai-primary")]), threads: 1)

    @Test func healthNamesTheProviders() async throws {
        try await TestMock.withServer(Self.configuration) { server in
            let reply = try await TestMock.call(server, .GET, "/_faultline/health")
            #expect(reply.status == 200)
            #expect(reply.json?["status"] == "ok")
            #expect(reply.json?["providers"] == ["default", "openai-primary"])
        }
    }

    @Test func journalListsProviderRequestsButNotAdminOnes() async throws {
        try await TestMock.withServer(Self.configuration, scripts: { _ in TestMock.plain() }) { server in
            _ = try await TestMock.call(server, .POST, "/v1/chat/completions", body: "{}", headers: [("authorization", "Bearer sk-top-secret")])
            _ = try await TestMock.call(server, .POST, "/openai-primary/v1/chat/completions", body: "{}")
            _ = try await TestMock.call(server, .GET, "/_faultline/health")
            let reply = try await TestMock.call(server, .GET, "/_faultline/journal")
            let entries = reply.json?["entries"]?.arrayValue ?? []
            #expect(entries.map { $0["provider"]?.stringValue } == ["default", "openai-primary"])
            #expect(entries.first?.objectValue?.keys.first == "id")
            #expect(!reply.text.contains("sk-top-secret"))
            #expect(entries.first?["key_id"]?.stringValue == KeyHash.keyID("sk-top-secret"))
            let since = try await TestMock.call(server, .GET, "/_faultline/journal?since=1")
            #expect(since.json?["entries"]?.arrayValue?.count == 1)
            let first = try await TestMock.call(server, .GET, "/_faultline/journal?limit=1")
            #expect(first.json?["entries"]?.arrayValue?.map { $0["id"]?.intValue } == [1])
        }
    }

    @Test func resetEmptiesTheJournal() async throws {
        try await TestMock.withServer(Self.configuration, scripts: { _ in TestMock.plain() }) { server in
            _ = try await TestMock.call(server, .POST, "/v1/messages", body: "{}")
            #expect(server.journal().count == 1)
            let reply = try await TestMock.call(server, .POST, "/_faultline/reset")
            #expect(reply.status == 200)
            #expect(server.journal().isEmpty)
        }
    }

    @Test func verdictsJudgeTheJournal() async throws {
        let throttled = TestMock.plain(#"{"error":{}}"#, status: 429, headers: ["retry-after": "30"])
        try await TestMock.withServer(Self.configuration, scripts: { _ in throttled }) { server in
            for _ in 0..<2 { _ = try await TestMock.call(server, .POST, "/v1/chat/completions", body: #"{"same":1}"#) }
            let reply = try await TestMock.call(server, .GET, "/_faultline/verdicts")
            #expect(reply.json?["counts"]?["retry_after_ignored"]?.intValue == 1)
            #expect(reply.json?["counts"]?.objectValue?.keys == Verdict.Name.allCases.map(\.rawValue))
            let verdict = reply.json?["verdicts"]?[0]
            #expect(verdict?["name"] == "retry_after_ignored")
            #expect(verdict?["requests"] == [1, 2])
        }
    }

    /// The whole loop: real faults from the responder, a client that retries at once, the verdict with its evidence.
    @Test func clientRetryingServerErrorsAtOnceGetsNoBackoff() async throws {
        let body = #"{"model":"claude-sonnet-4-5","max_tokens":64,"messages":[{"role":"user","content":"Say hi"}]}"#
        try await TestMock.withServer(Self.configuration) { server in
            for _ in 0..<3 {
                let reply = try await TestMock.call(
                    server, .POST, "/v1/messages", body: body,
                    headers: [("x-api-key", "sk-loop"), ("x-faultline-fault", "server_error(status=500)")])
                #expect(reply.status == 500)
            }
            // A generous "near zero": the suite runs tests in parallel on a shared machine.
            let verdicts = server.verdicts(policy: VerdictPolicy(nearZeroGap: 2))
            #expect(verdicts.map(\.name) == [.noBackoff])
            #expect(verdicts.first?.requests == [1, 2, 3])
            #expect(verdicts.first?.keyID == KeyHash.keyID("sk-loop"))
            #expect(verdicts.first?.gaps.count == 2)
        }
    }

    @Test func faultsCanBeSetReadAndRefused() async throws {
        try await TestMock.withServer(Self.configuration) { server in
            let set = try await TestMock.call(
                server, .PUT, "/_faultline/faults", body: #"{"provider": "openai-primary", "faults": ["throttle(retry_after=2)"]}"#)
            #expect(set.status == 200)
            let current = try await TestMock.call(server, .GET, "/_faultline/faults")
            #expect(current.json?["faults"]?["openai-primary"]?[0]?.stringValue?.hasPrefix("throttle") == true)
            #expect(server.responder.currentFaults()["openai-primary"]?.count == 1)

            let unknownProvider = try await TestMock.call(server, .PUT, "/_faultline/faults", body: #"{"provider": "nope", "faults": []}"#)
            #expect(unknownProvider.status == 400)
            #expect(unknownProvider.text.contains("openai-primary"))
            let badFault = try await TestMock.call(server, .PUT, "/_faultline/faults", body: #"{"provider": null, "faults": ["timout(ms=1)"]}"#)
            #expect(badFault.status == 400)
            #expect(badFault.text.contains("timout"))
            let notJSON = try await TestMock.call(server, .PUT, "/_faultline/faults", body: "{")
            #expect(notJSON.status == 400)
            for (fault, mention) in [("latency(ms=1, ms=2)", "given twice"), (";;;;", "empty fault"), ("drift(drop=a..b)", "empty segment")] {
                let refused = try await TestMock.call(server, .PUT, "/_faultline/faults", body: #"{"faults": ["\#(fault)"]}"#)
                #expect(refused.status == 400, "\(fault)")
                #expect(refused.text.contains(mention), "\(refused.text)")
            }
        }
    }

    @Test(arguments: [("GET", "/_faultline/nope", 404), ("DELETE", "/_faultline/journal", 405), ("GET", "/_faultline/reset", 405)])
    func unknownAdminRequestsAreRefused(method: String, path: String, status: Int) async throws {
        try await TestMock.withServer(Self.configuration) { server in
            let reply = try await TestMock.call(server, .init(rawValue: method), path)
            #expect(reply.status == status)
            #expect(reply.json?["error"]?["message"]?.stringValue?.isEmpty == false)
        }
    }

    /// Admin bodies have the provider routes' limit and get their 413 (then a close), not a 200 or a 400.
    @Test(arguments: [("PUT", "/_faultline/faults"), ("POST", "/_faultline/reset"), ("GET", "/_faultline/health")])
    func adminBodyOverTheLimitGets413(method: String, path: String) async throws {
        let configuration = MockServerConfiguration(maxBodyBytes: 100, threads: 1)
        try await TestMock.withServer(configuration) { server in
            let connection = try RawConnection(port: server.port)
            defer { connection.close() }
            let faults = #"{"provider": null, "faults": ["latency(ms=1)"]}"# + String(repeating: " ", count: 400)
            connection.send(TestMock.request(method, path, body: faults))
            let (bytes, ending) = connection.read(timeout: 5)
            #expect(bytes.text.hasPrefix("HTTP/1.1 413 "))
            #expect(bytes.text.contains("the limit is 100 bytes"))
            #expect(ending == .eof)
            #expect(server.responder.currentFaults().isEmpty)
        }
    }
}
