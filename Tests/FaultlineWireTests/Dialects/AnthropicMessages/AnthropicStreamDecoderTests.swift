import Foundation
import PropertyBased
import Testing
@testable import FaultlineWire

/// The stream decoder: the event order, split usage, the message_stop completion rule,
/// errors inside a 200, and tolerance for SSE the standard allows.
@Suite("AnthropicStreamDecoder")
struct AnthropicStreamDecoderTests {
    typealias S = AnthropicTestSupport

    static let textStream = S.messageStart(input: 10, cacheRead: 4) + S.ping + S.textBlock(0, ["Hel", "lo"])
        + S.messageDelta("end_turn", output: 5) + S.messageStop

    @Test func textStreamEmitsStartDeltasUsageFinishAndDone() throws {
        let events = try S.decode(Self.textStream).get()
        #expect(events == [
            .start(id: "msg_1", model: "claude-sonnet-4-5"), .usage(Usage(input: 14, output: 0, cached: 4)),
            .textDelta("Hel"), .textDelta("lo"),
            .usage(Usage(input: 14, output: 5, cached: 4)), .finish(.stop),
            .done,
        ])
    }

    @Test func toolCallFragmentsConcatenateIntoTheInputObject() throws {
        let body = S.messageStart() + S.textBlock(0, ["Checking."])
            + S.toolBlock(1, id: "toolu_a", name: "get_weather", ["", #"{"city": "#, #""Paris"}"#])
            + S.toolBlock(2, id: "toolu_b", name: "get_time", [#"{"tz":"CET"}"#])
            + S.messageDelta("tool_use", output: 40) + S.messageStop
        let events = try S.decode(body).get()
        #expect(events.contains(.toolCallStart(index: 0, id: "toolu_a", name: "get_weather")))
        #expect(events.contains(.toolCallStart(index: 1, id: "toolu_b", name: "get_time")))
        let response = try S.accumulate(events).get()
        #expect(response.toolCalls == [
            ToolCall(id: "toolu_a", name: "get_weather", arguments: ["city": "Paris"]),
            ToolCall(id: "toolu_b", name: "get_time", arguments: ["tz": "CET"]),
        ])
        #expect(response.finishReason == .toolCalls)
        #expect(response.text == "Checking.")
    }

    @Test func aCutStreamStillKnowsItsBilledInput() {
        var decoder = AnthropicStreamDecoder()
        var events: [StreamEvent] = []
        #expect(throws: Never.self) {
            try decoder.feed(Array((S.messageStart(input: 300, cacheRead: 200) + S.textBlock(0, ["twelve chars"])).utf8), into: &events)
        }
        var accumulator = StreamAccumulator()
        accumulator.apply(events)
        #expect(accumulator.usage == Usage(input: 500, output: 0, cached: 200))
        #expect(accumulator.outputTokensSoFar == 3, "output is estimated from the text, not message_start's placeholder")
    }

    @Test func aStreamWithoutUsageHasNoUsage() throws {
        let body = S.frame("message_start", #"{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"m","content":[]}}"#)
            + S.textBlock(0, ["hi"]) + S.frame("message_delta", #"{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null}}"#)
            + S.messageStop
        let response = try S.accumulate(try S.decode(body).get()).get()
        #expect(response.usage == nil)
        #expect(response.finishReason == .stop)
    }

    @Test func outputUsageIsCumulativeAndTheLastWins() throws {
        let body = S.messageStart(input: 7) + S.textBlock(0, ["a"]) + S.messageDelta("end_turn", output: 3)
            + S.frame("message_delta", #"{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":9}}"#)
            + S.messageStop
        let response = try S.accumulate(try S.decode(body).get()).get()
        #expect(response.usage == Usage(input: 7, output: 9, cached: 0))
    }

    @Test(arguments: [
        ("", "none"),
        (Self.textStream.replacingOccurrences(of: S.messageStop, with: ""), "message_delta"),
        (S.messageStart() + S.textBlock(0, ["half"]), "content_block_stop"),
    ])
    func aStreamWithoutMessageStopIsTruncated(body: String, last: String) {
        let error = S.failure(S.decode(body))
        guard case .truncatedStream(let detail) = error else {
            Issue.record("expected truncatedStream, got \(String(describing: error))")
            return
        }
        #expect(detail.contains("message_stop"))
        #expect(detail.contains(last), "\(detail)")
    }

    @Test func aStreamCutInsideItsLastEventIsTruncated() {
        let body = Array(Self.textStream.utf8)
        #expect(S.failure(S.decode(Array(body.prefix(body.count - 5)))) != nil)
    }

    @Test(arguments: [
        ("overloaded_error", "Overloaded", ProviderError.overloaded(retryAfter: nil)),
        ("rate_limit_error", "50 requests per minute", .rateLimited(retryAfter: nil, scope: .requests)),
        ("api_error", "Internal server error", .serverError(status: 500, detail: "Internal server error")),
        ("invalid_request_error", "prompt is too long: 1 > 0", .contextOverflow(detail: "prompt is too long: 1 > 0")),
        ("brand_new_error", "?", .serverError(status: 500, detail: "?")),
    ])
    func anErrorEventAfterA200RaisesByItsBodyType(type: String, message: String, expected: ProviderError) {
        let body = S.messageStart() + S.frame("content_block_start", #"{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"#)
            + S.frame("error", #"{"type":"error","error":{"details":null,"type":"\#(type)","message":"\#(message)"},"request_id":"req_1"}"#)
        #expect(S.failure(S.decode(body)) == expected)
    }

    @Test func eventsBeforeTheErrorAreKept() {
        var decoder = AnthropicStreamDecoder()
        var events: [StreamEvent] = []
        let body = S.messageStart() + S.textBlock(0, ["partial"]) + S.frame("error", #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#)
        #expect(throws: ProviderError.overloaded(retryAfter: nil)) { try decoder.feed(Array(body.utf8), into: &events) }
        #expect(events == [.start(id: "msg_1", model: "claude-sonnet-4-5"), .usage(Usage(input: 10, output: 0, cached: 0)), .textDelta("partial")])
    }

    @Test func pingsCommentsIdRetryAndUnknownEventsAreSkipped() throws {
        let noisy = ": keep-alive\n\n" + S.messageStart() + "id: 7\nretry: 1000\n\n" + S.ping
            + S.frame("content_block_citation_added", #"{"type":"content_block_citation_added","x":1}"#)
            + S.textBlock(0, ["Hi"]) + S.ping + S.messageDelta("end_turn", output: 2) + S.messageStop
        let clean = S.messageStart() + S.textBlock(0, ["Hi"]) + S.messageDelta("end_turn", output: 2) + S.messageStop
        #expect(try S.decode(noisy).get() == S.decode(clean).get())
    }

    @Test func anEventWithoutItsEventLineIsReadByDataType() throws {
        // The SDK drops such an event (it requires `event:`); Faultline's decoder reads `data.type`.
        let stripped = Self.textStream.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("event: content_block_delta") }.joined(separator: "\n")
        #expect(stripped != Self.textStream)
        #expect(try S.decode(stripped).get() == S.decode(Self.textStream).get())
    }

    @Test func thinkingBlocksAreNotTheAnswer() throws {
        let body = S.messageStart()
            + S.frame("content_block_start", #"{"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}"#)
            + S.frame("content_block_delta", #"{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"let me think"}}"#)
            + S.frame("content_block_delta", #"{"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"abc"}}"#)
            + S.frame("content_block_stop", #"{"type":"content_block_stop","index":0}"#)
            + S.textBlock(1, ["42"]) + S.messageDelta("end_turn", output: 30) + S.messageStop
        #expect(try S.accumulate(try S.decode(body).get()).get().text == "42")
    }

    @Test(arguments: [
        (S.messageStart() + "event: content_block_delta\ndata: {not json}\n\n", "$"),
        (S.messageStart() + S.frame("content_block_delta", #"{"type":"content_block_delta","index":3,"delta":{"type":"text_delta","text":"x"}}"#), "$.index"),
        (S.textBlock(0, ["early"]), "$"),
        (S.messageStart() + S.messageStart(), "$"),
        (S.messageStart() + S.toolBlock(0, id: "t", name: "f", []) + S.frame("content_block_delta", #"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"x"}}"#), "$.delta.type"),
    ])
    func brokenStreamsAreMalformed(body: String, path: String) {
        let error = S.failure(S.decode(body))
        guard case .malformed(let found, _) = error else {
            Issue.record("expected malformed, got \(String(describing: error))")
            return
        }
        #expect(found == path)
    }

    @Test(arguments: [
        (S.frame("message_start", #"{"type":"message_start","message":{"id":5,"model":"m"}}"#), "$.message.id", "string", "integer"),
        (S.frame("message_start", #"{"type":"message_start"}"#), "$.message", "object", "missing"),
        (S.messageStart() + S.frame("content_block_start", #"{"type":"content_block_start","content_block":{"type":"text","text":""}}"#), "$.index", "integer", "missing"),
        (S.messageStart() + S.frame("content_block_start", #"{"type":"content_block_start","index":0,"content_block":{"type":"tool_use","name":"f","input":{}}}"#), "$.content_block.id", "string", "missing"),
        (S.messageStart() + S.frame("content_block_start", #"{"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"t","name":"f","input":"{}"}}"#), "$.content_block.input", "object", "string"),
        (S.messageStart() + S.textBlock(0, []) + S.frame("message_delta", #"{"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":"5"}}"#), "$.usage.output_tokens", "integer", "string"),
    ])
    func driftInStreamEventsNamesThePath(body: String, path: String, expected: String, found: String) {
        #expect(S.failure(S.decode(body)) == .shapeDrift(path: path, expected: expected, found: found))
    }

    @Test func everySplitAndByteByByteGiveTheSameEvents() {
        let body = Array((S.messageStart() + S.textBlock(0, ["东京 ☀️", "🌤"]) + S.toolBlock(1, id: "t", name: "f", [#"{"a":"é"}"#])
            + S.messageDelta("tool_use", output: 5) + S.messageStop).utf8)
        let whole = S.decode(body)
        #expect((try? whole.get()) != nil)
        #expect(S.decode(S.byteByByte(body)) == whole)
        for pieces in S.splits(body) where S.decode(pieces) != whole {
            Issue.record("split at \(pieces[0].count) differs")
            break
        }
    }

    @Test func eventsAfterMessageStopAreIgnored() throws {
        let body = Self.textStream + S.textBlock(5, ["late"]) + "event: content_block_delta\ndata: {garbage\n\n"
        #expect(try S.decode(body).get() == S.decode(Self.textStream).get())
    }

    @Test func arbitraryBytesNeverTrap() async {
        let alphabet = Array("event: data: {}[]\":,\n\r message_start content_block_delta index 0 text_delta ping error".utf8)
        await propertyCheck(count: 300, input: Gen.uint64()) { seed in
            var random = SeededRandom(seed: seed)
            var body = Array(Self.textStream.utf8)
            for _ in 0..<Int(random.next() % 8) {
                let at = Int(random.next() % UInt64(body.count))
                body[at] = alphabet[Int(random.next() % UInt64(alphabet.count))]
            }
            _ = S.decode(body)
        }
    }
}
