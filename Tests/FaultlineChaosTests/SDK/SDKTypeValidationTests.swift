import Foundation
import Testing

/// Every bundled fixture body and the mock's generated answers, validated against the official
/// SDKs' own pydantic types by `Tests/sdk/validate_types.py` (streams frame by frame, as each SDK
/// splits them). Faultline's own decoders are forgiving by design, so they cannot see a field the
/// SDK rejects: a non-base64 `thoughtSignature` once passed the conformance suite while
/// google-genai raised `ValidationError` on it. A fixture broken on purpose declares its break in
/// `case.json` (`brokenOnPurpose.sdkFindings`) and must fail exactly that way.
///
/// Skipped on a machine where the SDKs are not importable (`pip install -r scripts/requirements-test.txt`).
/// Serialized: one Python at a time beside the rest of the run, whose wall-clock tests feel the load.
@Suite("Official SDK types", .enabled(if: SDKScript.pythonCanImport("openai, anthropic, google.genai")), .serialized)
struct SDKTypeValidationTests {
    static let script = SDKScript.repositoryRoot.appendingPathComponent("Tests/sdk/validate_types.py").path

    @Test("every bundled fixture validates, or breaks exactly as its case.json declares")
    func bundledFixtures() async throws {
        let fixtures = SDKScript.repositoryRoot.appendingPathComponent("fixtures").path
        let result = try await SDKScript.python([Self.script, "--fixtures", fixtures], timeoutSeconds: SDKScript.scriptTimeoutSeconds)
        #expect(result.status == 0, "python3 Tests/sdk/validate_types.py --fixtures fixtures exited \(result.status):\n\(result.output)")
    }

    @Test("the mock's answers for text, tools, JSON schema, streams and errors validate")
    func mockAnswers() async throws {
        try await SDKScript.run("validate_types.py") { ["--base-url", $0] }
    }

    @Test("a thoughtSignature that is not base64 fails, naming file, frame and field")
    func nonBase64SignatureFails() async throws {
        let output = try await failingCopy(of: "gemini/stream-tool-call", file: "response.sse") {
            // The signature as it was before it was made valid base64: its last symbol carries bits.
            $0.replacingOccurrences(of: #"B0e2K""#, with: #"B0e2Kb1""#)
        }
        #expect(output.contains("gemini/stream-tool-call/response.sse: frame 0: invalid: candidates.0.content.parts.0.thoughtSignature:"), "\(output)")
    }

    @Test("a fixture declared broken on purpose fails when it is no longer broken")
    func repairedDeclaredBreakFails() async throws {
        let output = try await failingCopy(of: "anthropic-messages/stream-missing-event-name", file: "response.sse") {
            $0.replacingOccurrences(of: "\n\ndata: {\"type\":\"content_block_delta\"", with: "\n\nevent: content_block_delta\ndata: {\"type\":\"content_block_delta\"")
        }
        #expect(output.contains("frame 4: skipped: declared broken on purpose but not found"), "\(output)")
    }

    /// Copies one bundled fixture to a temporary fixtures folder, edits one of its files, runs the
    /// validator on it and returns its output, expecting exit status 1.
    func failingCopy(of name: String, file: String, edit: (String) -> String) async throws -> String {
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("faultline-sdk-types-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: root) }
        let copy = root.appendingPathComponent(name)
        try fm.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
        try fm.copyItem(at: SDKScript.repositoryRoot.appendingPathComponent("fixtures/\(name)"), to: copy)
        let target = copy.appendingPathComponent(file)
        let original = try String(contentsOf: target, encoding: .utf8)
        let edited = edit(original)
        try #require(edited != original, "the edit changed nothing in fixtures/\(name)/\(file)")
        try edited.write(to: target, atomically: true, encoding: .utf8)
        let result = try await SDKScript.python([Self.script, "--fixtures", root.path], timeoutSeconds: SDKScript.scriptTimeoutSeconds)
        #expect(result.status == 1, "expected exit 1, got \(result.status):\n\(result.output)")
        return result.output
    }
}
