import FaultlineChaos
import Foundation
import Synchronization
import Testing

/// The official Python SDKs (openai, anthropic, google-genai) against `MockServer` on a real
/// port: each script in `Tests/sdk/` runs its named checks (text, streams and the SDK's
/// stream helper, forced tools, structured output, the SDK's own exception types for
/// throttle / overloaded / context overflow, a reset and a truncated stream) and exits
/// non-zero on any failure. The bar: the SDK cannot tell the mock from the provider.
///
/// Skipped on a machine where the SDK is not importable (`pip install -r scripts/requirements-test.txt`).
@Suite("Official SDKs against the mock")
struct OfficialSDKTests {
    @Test("openai SDK", .enabled(if: SDKScript.pythonCanImport("openai")))
    func openAI() async throws {
        try await SDKScript.run("openai_conformance.py")
    }

    @Test("anthropic SDK", .enabled(if: SDKScript.pythonCanImport("anthropic")))
    func anthropic() async throws {
        try await SDKScript.run("anthropic_conformance.py")
    }

    @Test("google-genai SDK", .enabled(if: SDKScript.pythonCanImport("google.genai")))
    func genai() async throws {
        try await SDKScript.run("genai_conformance.py")
    }
}

/// Runs one script of `Tests/sdk/` against a fresh mock and records a failure holding the
/// script's whole output when it exits non-zero.
enum SDKScript {
    /// The repository root, from this file's place in `Tests/FaultlineChaosTests/SDK/`.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A bound on one script, so a mock that hangs fails the test instead of the whole run.
    static let scriptTimeoutSeconds: UInt64 = 180

    static func pythonCanImport(_ module: String) -> Bool {
        let process = pythonProcess(["-c", "import \(module)"])
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    /// The mock the scripts expect: the default mount and `openai-b`, whose first request is
    /// throttled by its own config fault (the named-mount check).
    static func configuration() throws -> MockServerConfiguration {
        var mock = MockConfiguration()
        mock.seed = 7
        let throttleFirst = try FaultSpec.parseList("throttle(retry_after=1, first=1)")
        mock.providers.append(MockProviderConfig(name: "openai-b", faults: throttleFirst, requiredKey: nil))
        var configuration = MockServerConfiguration(mock: mock)
        configuration.host = "127.0.0.1"
        configuration.port = 0
        return configuration
    }

    /// `arguments` are the script's, given the mock's base URL (by default that URL alone).
    static func run(_ script: String, arguments: (_ base: String) -> [String] = { [$0] }) async throws {
        let server = try await MockServer.start(try configuration())
        let base = "http://127.0.0.1:\(server.port)"
        let path = repositoryRoot.appendingPathComponent("Tests/sdk/\(script)").path
        let scriptArguments = arguments(base)
        let result: (status: Int32, output: String)
        do {
            result = try await python([path] + scriptArguments, timeoutSeconds: scriptTimeoutSeconds)
        } catch {
            try await server.stop()
            throw error
        }
        try await server.stop()
        let command = (["python3", "Tests/sdk/\(script)"] + scriptArguments).joined(separator: " ")
        #expect(result.status == 0, "\(command) exited \(result.status):\n\(result.output)")
    }

    static func pythonProcess(_ arguments: [String]) -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        process.currentDirectoryURL = repositoryRoot
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONUNBUFFERED"] = "1"
        environment["NO_PROXY"] = "127.0.0.1,localhost"
        environment["no_proxy"] = "127.0.0.1,localhost"
        environment["GOOGLE_GENAI_API_VERSION"] = nil
        process.environment = environment
        return process
    }

    /// Runs `python3 arguments…` with stdout and stderr joined into one log; kills it
    /// (SIGKILL) when it outlives the timeout.
    static func python(_ arguments: [String], timeoutSeconds: UInt64) async throws -> (status: Int32, output: String) {
        let process = pythonProcess(arguments)
        let output = FileManager.default.temporaryDirectory
            .appendingPathComponent("faultline-sdk-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        let finished = ExitFlag()
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { ended in
                finished.value.withLock { $0 = true }
                continuation.resume(returning: ended.terminationStatus)
            }
            do { try process.run() } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
                return
            }
            let pid = process.processIdentifier
            DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(Int(timeoutSeconds))) {
                if !finished.value.withLock({ $0 }) { kill(pid, SIGKILL) }
            }
        }
        try handle.close()
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        return (status, status == SIGKILL || status == 128 + SIGKILL ? text + "\n(killed after \(timeoutSeconds) s)" : text)
    }
}

/// Whether the script has exited, shared with the timeout's closure.
final class ExitFlag: Sendable {
    let value = Mutex(false)
}
