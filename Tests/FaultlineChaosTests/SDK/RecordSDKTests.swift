import FaultlineWire
import Foundation
import Testing

@testable import FaultlineChaos

/// The official SDKs through `faultline record` in front of the mock (Tests/sdk/record_sdks.py):
/// plain and streaming, each recorded fixture loads, passes the check, is replayed by the
/// mock byte for byte for its own request, and no file holds the key the clients used.
@Suite("Official SDKs through faultline record")
struct RecordSDKTests {
    /// Assembled at run time, so no committed line holds a key-shaped string.
    static let key = "sk-" + "proj-FAULTLINEsdkRECORDkey0123456789abcdefXYZ"

    @Test(
        "openai, anthropic and google-genai, plain and streaming",
        .enabled(if: SDKScript.pythonCanImport("openai") && SDKScript.pythonCanImport("anthropic") && SDKScript.pythonCanImport("google.genai")))
    func sdksThroughTheRecorder() async throws {
        try await TestRecorder.with { setup in
            let path = SDKScript.repositoryRoot.appendingPathComponent("Tests/sdk/record_sdks.py").path
            let result = try await SDKScript.python([path, setup.proxy.baseURL, Self.key], timeoutSeconds: SDKScript.scriptTimeoutSeconds)
            #expect(result.status == 0, "python3 Tests/sdk/record_sdks.py exited \(result.status):\n\(result.output)")
            await setup.proxy.drain()

            let loaded = Fixture.loadAll(from: setup.out)
            #expect(loaded.errors.isEmpty, "\(loaded.errors)")
            let summary = loaded.fixtures.map { "\($0.name)\($0.isStream ? " (stream)" : "")" }
            #expect(loaded.fixtures.count == 6, "\(summary)")
            for dialect in DialectID.allCases {
                let mine = loaded.fixtures.filter { $0.dialect == dialect }
                #expect(Set(mine.map(\.isStream)) == [false, true], "\(dialect.rawValue): \(summary)")
            }
            #expect(Fixture.ambiguities(loaded.fixtures).isEmpty)
            for fixture in loaded.fixtures {
                #expect(TestRecorder.checkProblems(fixture).isEmpty, "\(fixture.name): \(TestRecorder.checkProblems(fixture))")
                guard case .recorded(let recording) = fixture.provenance else {
                    Issue.record("\(fixture.name): provenance \(String(describing: fixture.provenance))")
                    continue
                }
                #expect(recording.client?.isEmpty == false, "\(fixture.name): the SDK's user-agent")
            }
            for (file, bytes) in TestRecorder.files(under: setup.out) {
                #expect(!String(decoding: bytes, as: UTF8.self).contains(Self.key), "\(file) holds the SDK's key")
                #expect(SecretScanner.scan(String(decoding: bytes, as: UTF8.self)).isEmpty, "\(file)")
            }

            // The mock serving the recorded folder replays each fixture for its own request.
            var replayConfiguration = TestRecorder.mockConfiguration()
            replayConfiguration.mock.fixtures = loaded.fixtures
            try await TestMock.withServer(replayConfiguration) { replay in
                for fixture in loaded.fixtures {
                    let skipped: Set<String> = ["host", "content-length", "content-type", "transfer-encoding", "connection"]
                    let headers = fixture.request.headers.fields.filter { !skipped.contains($0.name.lowercased()) }.map { ($0.name, $0.value) }
                    let again = try await TestRecorder.call(
                        base: replay.baseURL, path: fixture.request.path, body: String(decoding: fixture.request.body, as: UTF8.self),
                        headers: headers)
                    #expect(again.status == fixture.response.status, "\(fixture.name)")
                    #expect(again.body == fixture.response.body, "\(fixture.name) is replayed byte for byte")
                }
            }
        }
    }
}
