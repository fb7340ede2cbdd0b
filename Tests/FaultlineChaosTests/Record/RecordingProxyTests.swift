import AsyncHTTPClient
import FaultlineWire
import Foundation
import Testing

@testable import FaultlineChaos

/// The recorder between a client and the mock: what the client gets is what the mock
/// sent, and what is written is a fixture that loads, checks itself, and that the mock
/// serving the recorded folder replays byte for byte for the same request.
@Suite(.serialized)
struct RecordingProxyTests {
    static let openAI = #"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Say hi to the recorder"}]}"#
    static let openAIStream = #"{"model":"gpt-4o-mini","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Stream a greeting"}]}"#
    static let anthropic = #"{"model":"claude-sonnet-4-5","max_tokens":64,"messages":[{"role":"user","content":"Say hi to the recorder"}]}"#
    static let anthropicStream = #"{"model":"claude-sonnet-4-5","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"Stream a greeting"}]}"#
    static let gemini = #"{"contents":[{"role":"user","parts":[{"text":"Say hi to the recorder"}]}]}"#

    /// Assembled at run time, so no committed line holds a key-shaped string.
    static let key = "sk-" + "proj-FAULTLINErecorderLEAKcheck0123456789"

    struct Case: Sendable, CustomTestStringConvertible {
        var path: String
        var body: String
        var auth: (String, String)
        var dialect: DialectID
        var stream: Bool
        var testDescription: String { "\(dialect.rawValue) \(stream ? "stream" : "plain") \(path)" }
    }

    static let cases: [Case] = [
        Case(path: "/v1/chat/completions", body: openAI, auth: ("authorization", "Bearer \(key)"), dialect: .openAIChat, stream: false),
        Case(path: "/v1/chat/completions", body: openAIStream, auth: ("authorization", "Bearer \(key)"), dialect: .openAIChat, stream: true),
        Case(path: "/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21", body: openAI, auth: ("api-key", key), dialect: .openAIChat, stream: false),
        Case(path: "/v1/messages", body: anthropic, auth: ("x-api-key", key), dialect: .anthropicMessages, stream: false),
        Case(path: "/v1/messages", body: anthropicStream, auth: ("authorization", "Bearer \(key)"), dialect: .anthropicMessages, stream: true),
        Case(path: "/v1beta/models/gemini-2.5-flash:generateContent", body: gemini, auth: ("x-goog-api-key", key), dialect: .gemini, stream: false),
        Case(path: "/v1/models/gemini-2.5-flash:streamGenerateContent?alt=sse&key=\(key)", body: gemini, auth: ("x-unused", "1"), dialect: .gemini, stream: true),
    ]

    @Test(arguments: cases)
    func recordsAFixtureThatChecksAndReplays(_ c: Case) async throws {
        try await TestRecorder.with { setup in
            let headers = [c.auth, ("anthropic-version", "2023-06-01"), ("openai-organization", "org-FAULTLINEsecretorg"), ("user-agent", "faultline-tests/1")]
            let proxied = try await TestRecorder.call(base: setup.proxy.baseURL, path: c.path, body: c.body, headers: headers)
            #expect(proxied.status == 200, "\(proxied.text)")
            #expect(proxied.headers.first(name: "content-type")?.hasPrefix(c.stream ? "text/event-stream" : "application/json") == true)
            await setup.proxy.drain()

            let loaded = Fixture.loadAll(from: setup.out)
            #expect(loaded.errors.isEmpty, "\(loaded.errors)")
            let fixture = try #require(loaded.fixtures.first)
            #expect(loaded.fixtures.count == 1)
            #expect(fixture.dialect == c.dialect)
            #expect(fixture.isStream == c.stream)
            #expect(fixture.response.body == proxied.body)
            #expect(TestRecorder.checkProblems(fixture).isEmpty, "\(TestRecorder.checkProblems(fixture))")
            if c.stream { #expect(fixture.chunks.count > 1) } else { #expect(fixture.chunks.isEmpty) }
            guard case .recorded(let recording) = fixture.provenance else {
                Issue.record("provenance: \(String(describing: fixture.provenance))")
                return
            }
            #expect(recording.upstream == "127.0.0.1:\(setup.mock!.port)")
            #expect(recording.client == "faultline-tests/1")
            #expect(recording.faultlineVersion == "0.0.0-test")
            #expect(fixture.request.headers["openai-organization"] == Redactor.placeholder)

            for (file, bytes) in TestRecorder.files(under: setup.out) {
                #expect(!String(decoding: bytes, as: UTF8.self).contains(Self.key), "\(file) holds the client's key")
                #expect(!String(decoding: bytes, as: UTF8.self).contains("FAULTLINEsecretorg"), "\(file) holds the organisation id")
            }

            // The mock serving the recorded folder answers the same request with the recorded bytes.
            var replayConfiguration = TestRecorder.mockConfiguration()
            replayConfiguration.mock.fixtures = loaded.fixtures
            try await TestMock.withServer(replayConfiguration) { replay in
                let again = try await TestRecorder.call(base: replay.baseURL, path: c.path, body: c.body, headers: headers)
                #expect(again.status == fixture.response.status)
                #expect(again.body == fixture.response.body, "replayed byte for byte")
            }
        }
    }

    @Test func aKeyInTheMessageIsRedactedToo() async throws {
        try await TestRecorder.with { setup in
            let body = #"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"my key is \#(Self.key), keep it"}]}"#
            let reply = try await TestRecorder.call(base: setup.proxy.baseURL, path: "/v1/chat/completions", body: body, headers: [("authorization", "Bearer \(Self.key)")])
            #expect(reply.status == 200)
            await setup.proxy.drain()
            let files = TestRecorder.files(under: setup.out)
            #expect(files.contains { $0.0.hasSuffix("request.json") })
            for (file, bytes) in files { #expect(!String(decoding: bytes, as: UTF8.self).contains(Self.key), "\(file)") }
            let fixture = try #require(Fixture.loadAll(from: setup.out).fixtures.first)
            #expect(fixture.name == "openai-chat/my-key-is-redacted-keep-it")
        }
    }

    @Test func streamTimingIsMeasured() async throws {
        try await TestRecorder.with(mock: TestRecorder.mockConfiguration(chunkGapMs: 40)) { setup in
            let reply = try await TestRecorder.call(base: setup.proxy.baseURL, path: "/v1/chat/completions", body: Self.openAIStream)
            #expect(reply.status == 200)
            await setup.proxy.drain()
            let fixture = try #require(Fixture.loadAll(from: setup.out).fixtures.first)
            let gaps = fixture.chunks.dropFirst().map(\.delayMs)
            #expect(!gaps.isEmpty)
            // The mock waits 40 ms between frames; on a loaded machine one gap may run long and
            // the next short, so the median and the total are what is checked.
            let median = gaps.sorted()[gaps.count / 2]
            #expect(median > 30 && median < 80, "\(gaps)")
            let total = gaps.reduce(0, +)
            #expect(total > Double(gaps.count) * 40 * 0.8 && total < Double(gaps.count) * 40 * 2, "\(gaps)")
        }
    }

    @Test func twoRequestsTheMockCannotTellApartGetAWarning() async throws {
        try await TestRecorder.with { setup in
            for _ in 0..<2 { _ = try await TestRecorder.call(base: setup.proxy.baseURL, path: "/v1/chat/completions", body: Self.openAI) }
            await setup.proxy.drain()
            let names = Fixture.loadAll(from: setup.out).fixtures.map(\.name)
            #expect(names == ["openai-chat/say-hi-to-the-recorder", "openai-chat/say-hi-to-the-recorder-2"])
            #expect(setup.events.all.contains { if case .warning(let text) = $0 { text.contains("cannot tell them apart") } else { false } })
        }
    }

    @Test func nameOptionNamesTheCases() async throws {
        try await TestRecorder.with(name: "smoke") { setup in
            for body in [Self.openAI, Self.openAIStream] { _ = try await TestRecorder.call(base: setup.proxy.baseURL, path: "/v1/chat/completions", body: body) }
            await setup.proxy.drain()
            #expect(Fixture.loadAll(from: setup.out).fixtures.map(\.name).sorted() == ["openai-chat/smoke", "openai-chat/smoke-2"])
        }
    }

    @Test func errorsAreRecordedWithExpectError() async throws {
        try await TestRecorder.with { setup in
            let reply = try await TestRecorder.call(
                base: setup.proxy.baseURL, path: "/v1/messages", body: Self.anthropic,
                headers: [("x-faultline-fault", "throttle(retry_after=3)"), ("anthropic-version", "2023-06-01")])
            #expect(reply.status == 429)
            await setup.proxy.drain()
            let fixture = try #require(Fixture.loadAll(from: setup.out).fixtures.first)
            #expect(fixture.name == "anthropic-messages/error-429-say-hi-to-the-recorder")
            #expect(fixture.expectation == .error(kind: .rateLimited, retryAfter: 3))
            #expect(TestRecorder.checkProblems(fixture).isEmpty)
        }
    }

    @Test func nonChatPathsAreForwardedButNotRecorded() async throws {
        try await TestRecorder.with { setup in
            let reply = try await TestRecorder.call(base: setup.proxy.baseURL, path: "/v1/models", body: nil, method: .GET)
            #expect(reply.status == 200)
            #expect(reply.text.contains("gpt-4o"))
            await setup.proxy.drain()
            #expect(TestRecorder.files(under: setup.out).isEmpty)
        }
    }

    @Test func unreachableUpstreamIs502AndNothingIsWritten() async throws {
        try await TestRecorder.with(mock: nil, upstream: "http://127.0.0.1:1") { setup in
            let reply = try await TestRecorder.call(base: setup.proxy.baseURL, path: "/v1/messages", body: Self.anthropic, headers: [("x-api-key", Self.key)])
            #expect(reply.status == 502)
            let json = try JSONValue(parsing: reply.body)
            #expect(json["error"]?["message"]?.stringValue?.contains("could not reach the upstream http://127.0.0.1:1") == true, "\(reply.text)")
            #expect(json["type"]?.stringValue == "error")
            await setup.proxy.drain()
            #expect(TestRecorder.files(under: setup.out).isEmpty)
            #expect(setup.events.all.count == 1)
            #expect(setup.events.all.allSatisfy { if case .upstreamUnreachable = $0 { true } else { false } })
            #expect(!setup.events.all.description.contains(Self.key))
        }
    }

    /// A folder that cannot be written stops the recorder and leaves no half-written fixture.
    @Test func unwritableOutputStopsTheRecorder() async throws {
        let out = TestRecorder.temporaryFolder("unwritable")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        // A file where the dialect folder must go: mkdir fails whatever the user's rights.
        FileManager.default.createFile(atPath: out + "/openai-chat", contents: Data("x".utf8))
        try await TestRecorder.with(out: out) { setup in
            let reply = try await TestRecorder.call(base: setup.proxy.baseURL, path: "/v1/chat/completions", body: Self.openAI)
            #expect(reply.status == 200, "the client is answered regardless")
            await setup.proxy.drain()
            guard case .unwritable(let path, _) = setup.proxy.failure else {
                Issue.record("failure: \(String(describing: setup.proxy.failure))")
                return
            }
            #expect(path.hasSuffix("/openai-chat"))
            #expect(setup.events.all.contains { if case .stopped = $0 { true } else { false } })
            let left = try FileManager.default.contentsOfDirectory(atPath: out)
            #expect(left == ["openai-chat"], "no temporary folder is left: \(left)")
            // Once stopped, nothing more is written.
            _ = try await TestRecorder.call(base: setup.proxy.baseURL, path: "/v1/messages", body: Self.anthropic, headers: [("anthropic-version", "2023-06-01")])
            await setup.proxy.drain()
            #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["openai-chat"])
        }
    }

    @Test func sourceDateEpochFixesTheTimestamp() {
        #expect(UpstreamRelay.timestamp(environment: ["SOURCE_DATE_EPOCH": "1700000000"]) == "2023-11-14T22:13:20Z")
    }
}
