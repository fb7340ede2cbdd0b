import Foundation
import Testing

@testable import FaultlineSuite

#if canImport(Glibc)
import Glibc
#endif

/// A `kind: gateway` scenario against a real black box: `Tests/gateway/mini_gateway.py`, a
/// small OpenAI-compatible router that falls back to its second upstream on a 429 or 5xx.
/// The mock plays both upstreams on a fixed port; the figures come from the client side
/// and from the mock's journal of what the gateway sent upstream.
@Suite(.serialized) struct GatewayScenarioTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func suite(
        gatewayURL: String, mockPort: Int, faults: String, expect: String, task: String = "summarize.yaml", gatewayExtra: String = ""
    ) throws -> ScenarioDefinition {
        let task = repository.appendingPathComponent("fixtures/tasks/\(task)").path
        let text = """
            suite: gateway
            task: \(task)
            chain:
              providers:
                - { name: openai-primary, dialect: openai-chat, base_url: "https://api.openai.com", model: gpt-4o-mini }
                - { name: openai-backup, dialect: openai-chat, base_url: "https://api.openai.com", model: gpt-4o-mini }
            first_byte_ms: 5
            chunk_gap_ms: 1
            scenarios:
              - name: falls back behind the gateway
                kind: gateway
                gateway: { url: "\(gatewayURL)", mock_port: \(mockPort)\(gatewayExtra) }
                requests: 12
                concurrency: 3
                faults: \(faults)
                expect: \(expect)
            """
        return try #require(try SuiteLoader.load(text: text, file: "/tmp/gateway.yaml").get().scenarios.first)
    }

    /// A loopback port nothing listens on right now.
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Starts the mini gateway in front of the mock's two upstream mounts (or `upstreams`);
    /// returns it with its URL.
    static func startGateway(mockPort: Int, flags: [String] = [], upstreams: [String]? = nil) throws -> (process: Process, stdin: Pipe, url: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", repository.appendingPathComponent("Tests/gateway/mini_gateway.py").path] + flags
            + (upstreams ?? ["http://127.0.0.1:\(mockPort)/openai-primary", "http://127.0.0.1:\(mockPort)/openai-backup"])
        let stdout = Pipe(), stdin = Pipe()
        process.standardOutput = stdout
        process.standardInput = stdin
        try process.run()
        var line = Data()
        while let byte = try stdout.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) { line += byte }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("listening on ") else {
            process.terminate()
            throw GatewayStartError(output: text)
        }
        return (process, stdin, String(text.dropFirst("listening on ".count)))
    }

    struct GatewayStartError: Error { let output: String }

    /// Runs the scenario against a fresh mini gateway, stopped afterwards.
    static func runBehindGateway(
        faults: String, expect: String, task: String = "summarize.yaml", flags: [String] = [], gatewayExtra: String = "",
        upstreams: ((Int) -> [String])? = nil
    ) async throws -> ScenarioResult {
        let mockPort = freePort()
        let gateway = try startGateway(mockPort: mockPort, flags: flags, upstreams: upstreams?(mockPort))
        defer {
            try? gateway.stdin.fileHandleForWriting.close()
            gateway.process.terminate()
        }
        let scenario = try suite(
            gatewayURL: gateway.url, mockPort: mockPort, faults: faults, expect: expect, task: task, gatewayExtra: gatewayExtra)
        return await ScenarioExecutor.run(scenario, reproducible: false)
    }

    @Test func theGatewaysFallbacksAreCountedFromTheMocksJournal() async throws {
        let result = try await Self.runBehindGateway(
            faults: #"{ openai-primary: [ "outage" ] }"#,
            expect: #"{ success_rate: "== 1", upstream.attempts_per_task: "== 2", verdicts.retry_storm: "== 0" }"#)
        #expect(result.error == nil, "\(result.error ?? "")")
        #expect(result.metric("upstream.requests") == 24)
        #expect(result.metric("upstream.openai-primary.requests") == 12)
        #expect(result.metric("upstream.openai-backup.requests") == 12)
        #expect(result.metric("upstream.errors") == 12)
        #expect(result.metric("attempts.mean") == 1)
        #expect(result.checks.count == 3)
        #expect(result.checks.allSatisfy { $0.status == .passed }, "\(result.checks)")
    }

    @Test func anExpectationOnTheUpstreamsCanFail() async throws {
        let result = try await Self.runBehindGateway(
            faults: #"{ "*": [ "outage" ] }"#, expect: #"{ success_rate: ">= 0.99", upstream.attempts_per_task: "<= 1" }"#)
        #expect(result.metric("success_rate") == 0)
        #expect(result.metric("upstream.attempts_per_task") == 2)
        #expect(result.checks.map(\.status) == [.failed, .failed])
    }

    @Test func aGatewayThatIsNotRunningIsAnErrorThatSaysSo() async throws {
        let scenario = try Self.suite(
            gatewayURL: "http://127.0.0.1:\(Self.freePort())", mockPort: Self.freePort(), faults: "{}",
            expect: #"{ success_rate: "== 1" }"#)
        let result = await ScenarioExecutor.run(scenario, reproducible: false)
        #expect(result.error?.contains("does not accept connections") == true, "\(result.error ?? "nil")")
        #expect(result.checks.allSatisfy { $0.status == .error })
    }

    @Test func aBusyMockPortNamesThePortAndTheScenario() async throws {
        let port = Self.freePort()
        let holder = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(holder) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port)).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(holder, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(bound == 0 && listen(holder, 1) == 0)
        let gateway = try Self.startGateway(mockPort: port)
        defer {
            try? gateway.stdin.fileHandleForWriting.close()
            gateway.process.terminate()
        }
        let scenario = try Self.suite(gatewayURL: gateway.url, mockPort: port, faults: "{}", expect: #"{ success_rate: "== 1" }"#)
        let result = await ScenarioExecutor.run(scenario, reproducible: false)
        let error = try #require(result.error)
        #expect(error.contains("127.0.0.1:\(port)") && error.contains("already in use"), "\(error)")
        #expect(error.contains("`falls back behind the gateway`"), "\(error)")
        #expect(!error.contains("errno"), "\(error)")
        #expect(result.checks.allSatisfy { $0.status == .error && $0.message == error })
    }

    @Test func aGatewayThatSendsNothingToTheMockSaysWhereItShouldPoint() async throws {
        let nowhere = Self.freePort()
        let result = try await Self.runBehindGateway(
            faults: "{}", expect: #"{ success_rate: "== 1" }"#,
            upstreams: { _ in ["http://127.0.0.1:\(nowhere)/openai-primary"] })
        let error = try #require(result.error)
        #expect(error.contains("sent nothing to the mock on port"), "\(error)")
        #expect(error.contains("api_base pointing at http://127.0.0.1:"), "\(error)")
        #expect(result.metric("upstream.requests") == 0)
        #expect(result.checks.allSatisfy { $0.status == .error })
    }

    @Test func aGatewayThatMissesTheProviderMountIsToldSo() async throws {
        let result = try await Self.runBehindGateway(
            faults: "{}", expect: #"{ success_rate: "== 1" }"#, upstreams: { ["http://127.0.0.1:\($0)"] })
        let error = try #require(result.error)
        #expect(error.contains("none under a provider of the chain"), "\(error)")
        #expect(error.contains("/v1/chat/completions"), "\(error)")
    }

    @Test(arguments: ["truncate(after_chunks=2)", "reset_mid_stream(after_chunks=2)"])
    func aCutStreamPatchedIntoASuccessIsNonsenseNotClean(_ fault: String) async throws {
        let result = try await Self.runBehindGateway(
            faults: "{ \"*\": [ \"\(fault)\" ] }", expect: #"{ verdicts.masked_upstream_fault: "== 0" }"#,
            task: "chat-stream.yaml", flags: ["--mask-cut-streams"])
        #expect(result.error == nil, "\(result.error ?? "")")
        #expect(result.metric("verdicts.masked_upstream_fault") == 12)
        #expect(result.metric("outcome.nonsense") == 12)
        #expect(result.metric("outcome.clean") == 0)
        #expect(result.metric("success_rate") == 0)
        #expect(result.metric("upstream.requests") == 12)
        #expect(result.metric("upstream.errors") == 12)
        #expect(result.metric("upstream.openai-primary.errors") == 12)
        #expect(result.checks.map(\.status) == [.failed])
        let message = result.checks.first?.message ?? ""
        #expect(message.hasPrefix("verdicts.masked_upstream_fault = 12, expected == 0"), "\(message)")
        #expect(message.contains("was delivered as a success, but every upstream answer for it was broken (#"), "\(message)")
    }

    @Test func aCutStreamTheGatewayPassesOnIsAFailureAndAnUpstreamError() async throws {
        let result = try await Self.runBehindGateway(
            faults: #"{ "*": [ "truncate(after_chunks=2)" ] }"#, expect: #"{ verdicts.masked_upstream_fault: "== 0" }"#,
            task: "chat-stream.yaml")
        #expect(result.error == nil, "\(result.error ?? "")")
        #expect(result.metric("verdicts.masked_upstream_fault") == 0)
        #expect(result.metric("outcome.clean") == 0)
        #expect(result.metric("upstream.errors") == 12)
        #expect(result.checks.map(\.status) == [.passed])
    }

    @Test func aFallbackToAGoodUpstreamIsNotMasked() async throws {
        let result = try await Self.runBehindGateway(
            faults: #"{ openai-primary: [ "outage" ] }"#, expect: #"{ verdicts.masked_upstream_fault: "== 0" }"#,
            task: "chat-stream.yaml", flags: ["--mask-cut-streams"])
        #expect(result.error == nil, "\(result.error ?? "")")
        #expect(result.metric("outcome.clean") == 12)
        #expect(result.metric("verdicts.masked_upstream_fault") == 0)
        #expect(result.metric("upstream.openai-backup.errors") == 0)
    }

    @Test func theModelSentDefaultsToTheChainsFirstProvider() throws {
        let scenario = try Self.suite(gatewayURL: "http://127.0.0.1:1", mockPort: 1, faults: "{}", expect: "{}")
        let task = try #require(scenario.task)
        let chain = try #require(scenario.chain?.config)
        #expect(WallRun.gatewayChain(try #require(scenario.gateway), upstreams: chain, task: task).providers[0].model == "gpt-4o-mini")
        let named = try Self.suite(
            gatewayURL: "http://127.0.0.1:1", mockPort: 1, faults: "{}", expect: "{}", gatewayExtra: ", model: router-a")
        #expect(WallRun.gatewayChain(try #require(named.gateway), upstreams: chain, task: task).providers[0].model == "router-a")
    }

    /// `settle_ms` waits with the mock listening, then forgets what came meanwhile (here a
    /// health check straight to the mock): the figures and `first=N` faults count from the
    /// scenario's first task.
    @Test func settleWaitsThenCountsFromTheFirstTask() async throws {
        let mockPort = Self.freePort()
        let gateway = try Self.startGateway(mockPort: mockPort)
        defer {
            try? gateway.stdin.fileHandleForWriting.close()
            gateway.process.terminate()
        }
        let scenario = try Self.suite(
            gatewayURL: gateway.url, mockPort: mockPort, faults: #"{ openai-primary: [ "outage(first=12)" ] }"#,
            expect: #"{ upstream.attempts_per_task: "== 2" }"#, gatewayExtra: ", settle_ms: 1500")
        let healthCheck = Task {
            try await Task.sleep(for: .milliseconds(500))
            let probe = Process()
            probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            probe.arguments = [
                "python3", "-c",
                "import http.client; c = http.client.HTTPConnection('127.0.0.1', \(mockPort)); "
                    + "c.request('POST', '/openai-primary/v1/chat/completions', '{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}', "
                    + "{'content-type': 'application/json'}); print(c.getresponse().status)",
            ]
            let output = Pipe()
            probe.standardOutput = output
            try probe.run()
            probe.waitUntilExit()
            return String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        }
        let result = await ScenarioExecutor.run(scenario, reproducible: false)
        #expect(try await healthCheck.value.hasPrefix("503"), "the health check did not reach the mock during the settle")
        #expect(result.error == nil, "\(result.error ?? "")")
        #expect(result.duration >= 1.5)
        // Without the reset: 13 primary requests (the health check too), one task let through.
        #expect(result.metric("upstream.openai-primary.requests") == 12)
        #expect(result.metric("upstream.openai-backup.requests") == 12)
        #expect(result.checks.map(\.status) == [.passed])
    }
}
