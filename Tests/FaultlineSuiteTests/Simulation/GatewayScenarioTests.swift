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

    static func suite(gatewayURL: String, mockPort: Int, faults: String, expect: String) throws -> ScenarioDefinition {
        let task = repository.appendingPathComponent("fixtures/tasks/summarize.yaml").path
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
                gateway: { url: "\(gatewayURL)", mock_port: \(mockPort) }
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

    /// Starts the mini gateway in front of the mock's two upstream mounts; returns it with its URL.
    static func startGateway(mockPort: Int) throws -> (process: Process, stdin: Pipe, url: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", repository.appendingPathComponent("Tests/gateway/mini_gateway.py").path,
            "http://127.0.0.1:\(mockPort)/openai-primary", "http://127.0.0.1:\(mockPort)/openai-backup",
        ]
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
    static func runBehindGateway(faults: String, expect: String) async throws -> ScenarioResult {
        let mockPort = freePort()
        let gateway = try startGateway(mockPort: mockPort)
        defer {
            try? gateway.stdin.fileHandleForWriting.close()
            gateway.process.terminate()
        }
        let scenario = try suite(gatewayURL: gateway.url, mockPort: mockPort, faults: faults, expect: expect)
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
}
