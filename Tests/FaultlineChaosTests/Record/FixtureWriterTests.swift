import FaultlineWire
import Foundation
import Testing

@testable import FaultlineChaos

/// The writer on its own: the last-line secret scan refuses a fixture the redaction let
/// through (here a redactor that redacts nothing), and nothing of it reaches the disk.
struct FixtureWriterTests {
    /// Assembled at run time, so no committed line holds a key-shaped string.
    static let key = "sk-" + "proj-FAULTLINEwriterSCANcheck0123456789"

    static func exchange(body: String) -> RecordedExchange {
        RecordedExchange(
            dialect: .openAIChat,
            request: WireRequest(
                method: "POST", path: "/v1/chat/completions", headers: ["content-type": "application/json"],
                body: Array(#"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"\#(body)"}]}"#.utf8)),
            response: WireResponse(
                status: 200, headers: ["content-type": "application/json"],
                body: Array(#"{"id":"chatcmpl-1","object":"chat.completion","model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}]}"#.utf8)),
            chunks: [],
            recording: Fixture.Recording(recordedAt: "2026-12-03T18:00:00Z", upstream: "api.openai.com", client: nil, faultlineVersion: "test"))
    }

    @Test func aSecretTheRedactionMissedIsNotWritten() throws {
        let root = TestRecorder.temporaryFolder("writer")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let writer = try FixtureWriter(root: root, redactor: .disabledForTesting)
        guard case .refused(let reason) = try writer.write(Self.exchange(body: "key \(Self.key)")) else {
            Issue.record("a fixture holding a key was written")
            return
        }
        #expect(reason.contains("request.json line 1"), "\(reason)")
        #expect(reason.contains("OpenAI API key"))
        #expect(!reason.contains(Self.key))
        #expect(TestRecorder.files(under: root).isEmpty)
    }

    @Test func aCleanExchangeIsWrittenWhole() throws {
        let root = TestRecorder.temporaryFolder("writer")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let writer = try FixtureWriter(root: root, redactor: try Redactor())
        guard case .written(let path, let warnings) = try writer.write(Self.exchange(body: "Hello")) else {
            Issue.record("not written")
            return
        }
        #expect(path == root + "/openai-chat/hello")
        #expect(warnings.isEmpty)
        #expect(TestRecorder.files(under: root).map(\.0) == ["openai-chat/hello/case.json", "openai-chat/hello/request.json", "openai-chat/hello/response.json"])
        let fixture = try Fixture.load(directory: path)
        #expect(TestRecorder.checkProblems(fixture).isEmpty)
        #expect(fixture.provenance == .recorded(Fixture.Recording(recordedAt: "2026-12-03T18:00:00Z", upstream: "api.openai.com", client: nil, faultlineVersion: "test")))
    }
}
