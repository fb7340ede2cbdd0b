import Testing
@testable import FaultlineWire

/// The stream decoder: events from chunks, the completion rule, and what the SSE standard
/// lets a server send that the decoder must tolerate.
@Suite("OpenAI Chat stream decoder")
struct OpenAIChatStreamDecoderTests {
    typealias S = OpenAIChatTestSupport

    static let textStream = S.role + S.text("Hel") + S.text("lo") + S.stop() + S.usageChunk(prompt: 9, completion: 2) + S.done

    @Test func aTextStreamGivesCanonicalEventsInOrder() throws {
        let events = try S.decode(Self.textStream).get()
        #expect(events == [
            .start(id: "chatcmpl-1", model: "gpt-4o-mini"), .textDelta("Hel"), .textDelta("lo"),
            .usage(Usage(input: 9, output: 2, cached: 0)), .finish(.stop), .done,
        ])
    }

    @Test func withoutAUsageChunkTheFinishComesAtDone() throws {
        let events = try S.decode(S.role + S.text("x") + S.stop("length") + S.done).get()
        #expect(events.suffix(2) == [.finish(.length), .done])
        #expect(!events.contains { if case .usage = $0 { true } else { false } })
    }

    @Test func toolCallFragmentsAreKeyedByIndex() throws {
        let start0 = S.chunk(#"{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"f","arguments":""}}]}"#)
        let start1 = S.chunk(#"{"tool_calls":[{"index":1,"id":"call_b","type":"function","function":{"name":"g","arguments":"{\"x\""}}]}"#)
        let frag0 = S.chunk(#"{"tool_calls":[{"index":0,"function":{"arguments":"{}"}}]}"#)
        let frag1 = S.chunk(#"{"tool_calls":[{"index":1,"function":{"arguments":":1}"}}]}"#)
        let events = try S.decode(start0 + start1 + frag0 + frag1 + S.stop("tool_calls") + S.done).get()
        #expect(events == [
            .start(id: "chatcmpl-1", model: "gpt-4o-mini"),
            .toolCallStart(index: 0, id: "call_a", name: "f"),
            .toolCallStart(index: 1, id: "call_b", name: "g"), .toolCallDelta(index: 1, arguments: #"{"x""#),
            .toolCallDelta(index: 0, arguments: "{}"), .toolCallDelta(index: 1, arguments: ":1}"),
            .finish(.toolCalls), .done,
        ])
        let response = try S.accumulate(events).get()
        #expect(response.toolCalls.map(\.arguments) == [.object([:]), ["x": 1]])
    }

    @Test func aFragmentForACallNeverStartedIsMalformed() {
        let orphan = S.chunk(#"{"tool_calls":[{"index":3,"function":{"arguments":"{}"}}]}"#)
        #expect(S.failure(S.decode(S.role + orphan + S.stop() + S.done))?.kind == .malformed)
    }

    @Test func objectArgumentsInAStreamAreDrift() {
        let start = S.chunk(#"{"tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"f","arguments":{"a":1}}}]}"#)
        #expect(S.failure(S.decode(S.role + start + S.stop() + S.done))
            == .shapeDrift(path: "$.choices[0].delta.tool_calls[0].function.arguments", expected: "string", found: "object"))
    }

    @Test(arguments: [
        ("no [DONE]", S.role + S.text("Hi") + S.stop()),
        ("no finish_reason", S.role + S.text("Hi") + S.done),
        ("cut mid-chunk", S.role + S.text("Hi") + String(S.stop().prefix(40))),
        ("empty body", ""),
    ])
    func theCompletionRuleNeedsDoneAndAFinishReason(label: String, body: String) {
        #expect(S.failure(S.decode(body))?.kind == .truncatedStream, "\(label)")
    }

    @Test func whatTheStandardAllowsIsSkipped() throws {
        let noisy = ": keep-alive\n\n" + "id: 7\nretry: 1500\n\n" + S.role + "event: ping\ndata: {}\n\n"
            + "event: something.new\ndata: not json at all\n\n" + S.text("Hi").replacingOccurrences(of: "\n", with: "\r\n")
            + ":comment\n" + S.stop() + S.usageChunk(prompt: 1, completion: 1) + S.done
        let plain = S.role + S.text("Hi") + S.stop() + S.usageChunk(prompt: 1, completion: 1) + S.done
        #expect(try S.decode(noisy).get() == S.decode(plain).get())
    }

    @Test func unknownFieldsAndExtraChoicesAreIgnored() throws {
        let extra = #"data: {"id":"chatcmpl-1","model":"m","obfuscation":"xyz","choices":[{"index":1,"delta":{"content":"other"}},{"index":0,"delta":{"content":"mine","new":1},"finish_reason":null}],"x_groq":{"id":"r"}}"#
            + "\n\n"
        let events = try S.decode(extra + S.stop() + S.done).get()
        #expect(events.contains(.textDelta("mine")))
        #expect(!events.contains(.textDelta("other")))
    }

    @Test func aChunkThatIsNotJSONIsMalformed() {
        #expect(S.failure(S.decode(S.role + "data: {\"id\": \n\n" + S.done))?.kind == .malformed)
    }

    @Test(arguments: [
        (#"{"error":{"message":"The server had an error","type":"server_error","param":null,"code":null}}"#, ProviderError.Kind.serverError),
        (#"{"error":{"message":"Rate limit reached","type":"tokens","param":null,"code":"rate_limit_exceeded"}}"#, .rateLimited),
        (#"{"error":{"message":"The server is overloaded or not ready yet.","type":"server_error","param":null,"code":null}}"#, .overloaded),
        (#"{"error":{"message":"quota","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}"#, .quotaExhausted),
        (#"{"error":"upstream failed"}"#, .serverError),
    ])
    func anErrorEventInside200RaisesTheMappedError(payload: String, kind: ProviderError.Kind) {
        let body = S.role + S.text("partial") + "data: \(payload)\n\n" + S.stop() + S.done
        #expect(S.failure(S.decode(body))?.kind == kind)
    }

    @Test func eventsBeforeAnErrorAreKept() {
        var decoder = OpenAIChatStreamDecoder()
        var events: [StreamEvent] = []
        let body = Array((S.role + S.text("partial") + #"data: {"error":{"message":"x","type":"server_error"}}"# + "\n\n").utf8)
        #expect(throws: ProviderError.self) { try decoder.feed(body, into: &events) }
        #expect(events == [.start(id: "chatcmpl-1", model: "gpt-4o-mini"), .textDelta("partial")])
    }

    @Test func nothingAfterDoneIsRead() throws {
        let events = try S.decode(Self.textStream + "data: not json\n\n" + S.text("late")).get()
        #expect(events == (try S.decode(Self.textStream).get()))
    }

    @Test func everySplitAndByteByByteGiveTheSameEvents() {
        let body = Array((Self.textStream.replacingOccurrences(of: "Hel", with: "東京🌤️")).utf8)
        let whole = S.decode(body)
        #expect((try? whole.get()) != nil)
        #expect(S.decode(S.byteByByte(body)) == whole)
        for pieces in S.splits(body) where S.decode(pieces) != whole {
            Issue.record("split at \(pieces[0].count) differs")
            break
        }
    }

    @Test(arguments: ["data: [DONE]", "data: {}", "data: {\"choices\": 5}", "data: [1,2,3]", "data: {\"id\":1,\"model\":\"m\",\"choices\":[]}",
        "\u{FF}\u{FE}\n\n", "data: {\"id\":\"x\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":7}]}"])
    func oddInputNeverTraps(body: String) {
        _ = S.decode(body + "\n\n")
        _ = S.decode(S.byteByByte(Array((body + "\n\n").utf8)))
    }
}
