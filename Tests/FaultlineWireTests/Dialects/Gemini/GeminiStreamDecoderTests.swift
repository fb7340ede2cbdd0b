import Foundation
import Testing
@testable import FaultlineWire

/// The stream decoder: Gemini's completion rule, cumulative usage, mid-stream errors,
/// and tolerance for SSE the standard allows but google-genai breaks on.
@Suite("GeminiStreamDecoder")
struct GeminiStreamDecoderTests {
    static func chunk(_ parts: String, finish: String? = nil, usage: String? = nil, id: String = "r1") -> String {
        var candidate = #"{"content":{"parts":[\#(parts)],"role":"model"}"#
        if let finish { candidate += #","finishReason":"\#(finish)","index":0"# }
        candidate += "}"
        var json = #"{"candidates":[\#(candidate)]"#
        if let usage { json += #","usageMetadata":\#(usage)"# }
        json += #","modelVersion":"gemini-2.5-flash","responseId":"\#(id)"}"#
        return "data: " + json + "\r\n\r\n"
    }

    static let textStream = chunk(#"{"text":"Hel"}"#, usage: #"{"promptTokenCount":4,"totalTokenCount":4}"#)
        + chunk(#"{"text":"lo"}"#, finish: "STOP", usage: #"{"promptTokenCount":4,"candidatesTokenCount":2,"totalTokenCount":6}"#)

    @Test func textStreamEmitsStartDeltasCumulativeUsageFinishAndDone() throws {
        let events = try GeminiTestSupport.decode(Array(Self.textStream.utf8)).get()
        #expect(events == [
            .start(id: "r1", model: "gemini-2.5-flash"),
            .textDelta("Hel"), .usage(Usage(input: 4, output: 0)),
            .textDelta("lo"), .usage(Usage(input: 4, output: 2)), .finish(.stop),
            .done,
        ])
    }

    @Test func aStreamWithoutAFinishReasonIsTruncated() {
        let body = Self.chunk(#"{"text":"Hel"}"#) + Self.chunk(#"{"text":"lo"}"#)
        guard case .failure(.truncatedStream) = GeminiTestSupport.decode(Array(body.utf8)) else {
            Issue.record("expected truncatedStream")
            return
        }
        guard case .failure(.truncatedStream) = GeminiTestSupport.decode([UInt8]()) else {
            Issue.record("an empty body is truncated too")
            return
        }
    }

    @Test func aStreamCutInsideItsLastEventIsTruncated() {
        let body = Array(Self.textStream.utf8)
        let cut = Array(body.prefix(body.count - 10))
        #expect(GeminiTestSupport.decode(cut).isFailure)
    }

    @Test func functionCallsArriveWholeAndStopBecomesToolCalls() throws {
        let body = Self.chunk(#"{"functionCall":{"name":"a","args":{"x":1},"id":"c1"}},{"functionCall":{"name":"b","args":{}}}"#)
            + Self.chunk(#"{"functionCall":{"name":"c"}}"#, finish: "STOP")
        let events = try GeminiTestSupport.decode(Array(body.utf8)).get()
        #expect(events == [
            .start(id: "r1", model: "gemini-2.5-flash"),
            .toolCallStart(index: 0, id: "c1", name: "a"), .toolCallDelta(index: 0, arguments: #"{"x":1}"#),
            .toolCallStart(index: 1, id: "", name: "b"), .toolCallDelta(index: 1, arguments: "{}"),
            .toolCallStart(index: 2, id: "", name: "c"), .toolCallDelta(index: 2, arguments: "{}"),
            .finish(.toolCalls), .done,
        ])
    }

    @Test func standardSSEExtrasAreTolerated() throws {
        let noisy = ": keepalive\r\n\r\nevent: message\r\nid: 7\r\nretry: 1000\r\n"
            + Self.textStream.replacingOccurrences(of: "\r\n\r\n", with: "\n\n")
            + "data:{\"candidates\":[],\"usageMetadata\":{\"promptTokenCount\":4,\"candidatesTokenCount\":2,\"totalTokenCount\":6},\"newField\":1}\n\n"
        let events = try GeminiTestSupport.decode(Array(noisy.utf8)).get()
        let clean = try GeminiTestSupport.decode(Array(Self.textStream.utf8)).get()
        #expect(events.filter { if case .usage = $0 { false } else { true } } == clean.filter { if case .usage = $0 { false } else { true } })
    }

    @Test func aChunkThatIsNotJSONIsMalformedAfterTheEventsBeforeIt() {
        let body = Array((Self.chunk(#"{"text":"Hel"}"#) + "data: {\"candidates\": [\r\n\r\n").utf8)
        var decoder = GeminiStreamDecoder()
        var events: [StreamEvent] = []
        #expect(throws: ProviderError.self) { try decoder.feed(body, into: &events) }
        #expect(events.contains(.textDelta("Hel")))
        do throws(ProviderError) {
            var fresh = GeminiStreamDecoder()
            try fresh.feed(body, into: &events)
        } catch {
            guard case .malformed(let path, _) = error else { Issue.record("expected malformed, got \(error)"); return }
            #expect(path == "$")
        }
    }

    @Test(arguments: [
        (#"{"error":{"code":503,"message":"The model is overloaded.","status":"UNAVAILABLE"}}"#, ProviderError.overloaded(retryAfter: nil)),
        (#"{"error":{"code":429,"message":"q","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"2s"}]}}"#,
            .rateLimited(retryAfter: 2, scope: .requests)),
        (#"{"error":{"code":500,"message":"Internal error encountered.","status":"INTERNAL"}}"#,
            .serverError(status: 500, detail: "Internal error encountered.")),
        (#"{"promptFeedback":{"blockReason":"SAFETY"}}"#, .contentFiltered(detail: "prompt blocked: SAFETY")),
    ])
    func aProviderErrorInsideA200StreamIsThrownMapped(payload: String, expected: ProviderError) {
        let body = Self.chunk(#"{"text":"Hel"}"#) + "data: " + payload + "\r\n\r\n"
        #expect(GeminiTestSupport.decode(Array(body.utf8)) == .failure(expected))
    }

    @Test func driftInsideAChunkNamesItsPath() {
        let body = "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":true}]}}]}\r\n\r\n"
        #expect(GeminiTestSupport.decode(Array(body.utf8))
            == .failure(.shapeDrift(path: "$.candidates[0].content.parts[0].text", expected: "string", found: "boolean")))
    }

    @Test func finishAfterFinishDoesNotRepeatDone() throws {
        var decoder = GeminiStreamDecoder()
        var events: [StreamEvent] = []
        try decoder.feed(Array(Self.textStream.utf8), into: &events)
        try decoder.finish(into: &events)
        try decoder.finish(into: &events)
        #expect(events.filter { $0 == .done }.count == 1)
    }

    @Test func everySplitGivesTheSameEvents() {
        let body = Array((Self.textStream + Self.chunk(#"{"text":"é東🌤"}"#, finish: "MAX_TOKENS")).utf8)
        let whole = GeminiTestSupport.decode(body)
        #expect(whole.isSuccess)
        #expect(GeminiTestSupport.decode(GeminiTestSupport.byteByByte(body)) == whole)
        for pieces in GeminiTestSupport.splits(body) { #expect(GeminiTestSupport.decode(pieces) == whole) }
    }
}

private extension Result {
    var isFailure: Bool { if case .failure = self { true } else { false } }
    var isSuccess: Bool { !isFailure }
}
