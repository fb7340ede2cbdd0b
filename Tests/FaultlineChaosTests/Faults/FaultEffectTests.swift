import FaultlineChaos
import FaultlineWire
import Testing

/// Every fault of the catalogue through the responder, checking what a client would see.
@Suite struct FaultEffectTests {
    enum Effect: Sendable, CustomStringConvertible {
        case status(Int)
        case header(String, String?)
        case bodyContains(String)
        case bodyLacks(String)
        case waitBeforeHead(Double)
        case totalWait(Double)
        case endsWith(String)
        case noHead
        case bodySteps(Int)
        case moreBodySteps
        case addedWait(Double)
        case everyGap(Double)
        case moreWaitThanClean
        case frameNotJSON(Int)
        case declaresFullLength

        var description: String {
            switch self {
            case .status(let s): "status \(s)"
            case .header(let n, let v): "header \(n)=\(v ?? "any")"
            case .bodyContains(let s): "body contains \(s)"
            case .bodyLacks(let s): "body lacks \(s)"
            case .waitBeforeHead(let ms): "wait before head \(ms)"
            case .totalWait(let ms): "total wait \(ms)"
            case .endsWith(let s): "ends with \(s)"
            case .noHead: "no head"
            case .bodySteps(let n): "\(n) body steps"
            case .moreBodySteps: "more body steps than clean"
            case .addedWait(let ms): "\(ms) ms more waiting than clean"
            case .everyGap(let ms): "every gap \(ms) ms"
            case .moreWaitThanClean: "more waiting than clean"
            case .frameNotJSON(let i): "frame \(i) is not JSON"
            case .declaresFullLength: "content-length of the whole body"
            }
        }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var fault: String
        var dialect: DialectID = .gemini
        var stream = false
        var tool = false
        var effects: [Effect]
        var testDescription: String { "\(fault) \(dialect.rawValue)\(stream ? " stream" : "")" }
    }

    static let cases: [Case] = [
        // timing
        Case(fault: "latency(ms=250)", effects: [.waitBeforeHead(250), .status(200)]),
        Case(fault: "slow_first_token(ms=700)", stream: true, effects: [.addedWait(700), .status(200)]),
        Case(fault: "slow_first_token(ms=700)", effects: [.addedWait(700), .status(200)]),
        Case(fault: "chunk_gap(ms=100)", stream: true, effects: [.everyGap(100)]),
        Case(fault: "chunk_gap(ms=100, jitter=50)", dialect: .anthropicMessages, stream: true, effects: [.moreWaitThanClean]),
        Case(fault: "stall(after_chunks=1)", stream: true, effects: [.endsWith("stall"), .bodySteps(1)]),
        Case(fault: "stall(after_chunks=1, ms=900)", stream: true, effects: [.endsWith("end"), .addedWait(900)]),
        Case(fault: "stall", effects: [.status(200), .endsWith("stall"), .bodyLacks("usageMetadata"), .declaresFullLength]),
        Case(fault: "stall(ms=300)", effects: [.status(200), .endsWith("end"), .addedWait(300), .bodySteps(2)]),
        Case(fault: "hang", effects: [.noHead, .endsWith("stall")]),
        Case(fault: "bandwidth(bytes_per_s=100)", effects: [.moreBodySteps, .status(200)]),
        // connection
        Case(fault: "reset", effects: [.noHead, .endsWith("reset")]),
        Case(fault: "reset_mid_stream(after_chunks=1)", stream: true, effects: [.status(200), .bodySteps(1), .endsWith("reset")]),
        Case(fault: "reset_mid_stream", effects: [.status(200), .endsWith("reset"), .bodyLacks("usageMetadata"), .declaresFullLength]),
        Case(fault: "truncate(after_chunks=1)", stream: true, effects: [.bodySteps(1), .endsWith("end"), .bodyLacks("finishReason")]),
        Case(fault: "truncate", effects: [.endsWith("close"), .bodyLacks("usageMetadata"), .declaresFullLength]),
        Case(fault: "truncate", dialect: .anthropicMessages, stream: true, effects: [.endsWith("end"), .bodyLacks("message_stop")]),
        Case(fault: "empty_reply", effects: [.noHead, .endsWith("close")]),
        Case(fault: "garbage(bytes=32)", effects: [.noHead, .endsWith("close"), .bodySteps(1)]),
        // status
        Case(fault: "throttle(retry_after=3)", effects: [.status(429), .bodyContains("RetryInfo"), .bodyContains("\"3s\"")]),
        Case(fault: "throttle(retry_after=3)", dialect: .anthropicMessages, effects: [.status(429), .header("retry-after", "3"), .bodyContains("rate_limit_error")]),
        Case(fault: "overloaded", dialect: .anthropicMessages, effects: [.status(529), .bodyContains("overloaded_error")]),
        Case(fault: "overloaded", effects: [.status(503), .bodyContains("UNAVAILABLE")]),
        Case(fault: "server_error(status=502)", effects: [.status(502)]),
        Case(fault: "quota_exhausted", dialect: .anthropicMessages, effects: [.status(402), .bodyContains("billing_error")]),
        Case(fault: "quota_exhausted", effects: [.status(429), .bodyContains("RESOURCE_EXHAUSTED")]),
        Case(fault: "context_overflow", dialect: .anthropicMessages, effects: [.status(400), .bodyContains("invalid_request_error")]),
        Case(fault: "content_filter", effects: [.status(200), .bodyContains("blockReason")]),
        // Gemini refuses a blocked prompt on the stream itself: one SSE chunk, 200.
        Case(fault: "content_filter", stream: true, effects: [.status(200), .header("content-type", "text/event-stream"), .bodyContains("data: {\"promptFeedback\":{\"blockReason\""), .bodySteps(1)]),
        Case(fault: "content_filter", dialect: .openAIChat, stream: true, effects: [.status(400), .bodyContains("\"code\":\"content_filter\""), .bodySteps(1)]),
        Case(fault: "auth_error", dialect: .anthropicMessages, effects: [.status(401), .bodyContains("authentication_error")]),
        Case(fault: "outage", effects: [.status(503)]),
        Case(fault: "rate_limit(rpm=10)", dialect: .anthropicMessages, effects: [.status(200), .header("anthropic-ratelimit-requests-remaining", "9"), .header("anthropic-ratelimit-requests-limit", "10")]),
        // schema drift
        Case(fault: "drift(drop=usageMetadata)", effects: [.status(200), .bodyLacks("usageMetadata")]),
        Case(fault: "drift(rename=usageMetadata:usage)", effects: [.bodyLacks("usageMetadata"), .bodyContains("\"usage\":")]),
        Case(fault: "drift(retype=candidates[0].index)", effects: [.bodyContains("\"index\":\"0\"")]),
        Case(fault: "drift(add=usageMetadata)", effects: [.bodyContains("x_faultline_drift")]),
        Case(fault: "drift(add=$.surprise)", effects: [.bodyContains("\"surprise\":\"faultline-drift\"")]),
        Case(fault: "drift(drop=usage)", dialect: .anthropicMessages, effects: [.bodyLacks("\"usage\"")]),
        // message_start's usage goes; message_delta's own usage (which repeats the input side) stays.
        Case(fault: "drift(drop=message.usage)", dialect: .anthropicMessages, stream: true, effects: [.bodyLacks("\"cache_creation\":"), .bodyContains("\"usage\":{\"input_tokens\"")]),
        Case(fault: "unknown_finish_reason(reason=pause_turn)", dialect: .anthropicMessages, effects: [.bodyContains("\"pause_turn\"")]),
        Case(fault: "unknown_finish_reason", effects: [.bodyContains("MODEL_CONTEXT_WINDOW_EXCEEDED")]),
        Case(fault: "fenced_json", effects: [.bodyContains("```json")]),
        Case(fault: "invalid_json", effects: [.bodyLacks(".\"}]")]),
        Case(fault: "tool_args_object", tool: true, effects: [.bodyContains("\"args\":\"{")]),
        Case(fault: "tool_args_object", dialect: .anthropicMessages, tool: true, effects: [.bodyContains("\"input\":\"{")]),
        Case(fault: "empty_choices", effects: [.bodyContains("\"candidates\":[]")]),
        Case(fault: "empty_choices", dialect: .anthropicMessages, effects: [.bodyContains("\"content\":[]")]),
        Case(fault: "empty_choices", dialect: .anthropicMessages, stream: true, effects: [.bodyLacks("content_block"), .bodyContains("message_stop")]),
        Case(fault: "null_content", effects: [.bodyContains("\"text\":null")]),
        Case(fault: "missing_usage", effects: [.bodyLacks("usageMetadata"), .bodyContains("candidates")]),
        Case(fault: "missing_usage", dialect: .anthropicMessages, stream: true, effects: [.bodyLacks("\"usage\""), .bodyContains("message_stop")]),
        // stream
        Case(fault: "malformed_chunk(at=0)", stream: true, effects: [.status(200), .bodyContains("data: {\"candidates\":[{\"con"), .frameNotJSON(0)]),
        Case(fault: "malformed_chunk(at=2)", dialect: .anthropicMessages, stream: true, effects: [.frameNotJSON(2)]),
        Case(fault: "duplicate_chunk(at=0)", stream: true, effects: [.moreBodySteps]),
        Case(fault: "drop_chunk(at=0)", dialect: .anthropicMessages, stream: true, effects: [.bodyLacks("message_start")]),
        Case(fault: "missing_done", dialect: .anthropicMessages, stream: true, effects: [.bodyLacks("message_stop"), .endsWith("end")]),
        Case(fault: "missing_done", stream: true, effects: [.bodyLacks("finishReason"), .endsWith("end")]),
        Case(fault: "error_event(after_chunks=1)", dialect: .anthropicMessages, stream: true, effects: [.status(200), .bodyContains("event: error"), .bodyContains("overloaded_error"), .bodySteps(2)]),
        Case(fault: "error_event(after_chunks=1, kind=server_error)", stream: true, effects: [.status(200), .bodyContains("\"error\":{\"code\":500")]),
        Case(fault: "split_utf8", stream: true, effects: [.moreBodySteps]),
        Case(fault: "keepalive(every=1)", stream: true, effects: [.bodyContains(": keepalive\n\n"), .moreBodySteps]),
        Case(fault: "sse_fields", stream: true, effects: [.bodyContains("retry: 3000\n\n"), .bodyContains("id: 1\ndata: ")]),
        // OpenAI
        Case(fault: "throttle(retry_after=3)", dialect: .openAIChat, effects: [.status(429), .header("retry-after", "3"), .bodyContains("rate_limit_exceeded")]),
        Case(fault: "overloaded", dialect: .openAIChat, effects: [.status(503)]),
        Case(fault: "quota_exhausted", dialect: .openAIChat, effects: [.status(429), .bodyContains("insufficient_quota")]),
        Case(fault: "context_overflow", dialect: .openAIChat, effects: [.status(400), .bodyContains("context_length_exceeded")]),
        Case(fault: "auth_error", dialect: .openAIChat, effects: [.status(401), .bodyContains("invalid_api_key")]),
        Case(fault: "rate_limit(rpm=10, tpm=100000)", dialect: .openAIChat, effects: [.status(200), .header("x-ratelimit-remaining-requests", "9"), .header("x-ratelimit-reset-requests", "6s"), .header("x-ratelimit-limit-tokens", "100000")]),
        Case(fault: "tool_args_object", dialect: .openAIChat, tool: true, effects: [.bodyContains("\"arguments\":{")]),
        Case(fault: "tool_args_object", dialect: .openAIChat, stream: true, tool: true, effects: [.bodyContains("\"arguments\":{\"city\":")]),
        Case(fault: "null_content", dialect: .openAIChat, effects: [.bodyContains("\"content\":null")]),
        Case(fault: "empty_choices", dialect: .openAIChat, effects: [.bodyContains("\"choices\":[]")]),
        Case(fault: "missing_usage", dialect: .openAIChat, effects: [.bodyLacks("\"usage\"")]),
        Case(fault: "drift(rename=choices[0].message.content:text)", dialect: .openAIChat, effects: [.bodyContains("\"text\":\"Faultline says")]),
        Case(fault: "missing_done", dialect: .openAIChat, stream: true, effects: [.bodyLacks("[DONE]"), .bodyContains("finish_reason\":\"stop")]),
        Case(fault: "truncate", dialect: .openAIChat, stream: true, effects: [.bodyLacks("[DONE]"), .endsWith("end")]),
        Case(fault: "sse_fields", dialect: .openAIChat, stream: true, effects: [.bodyContains("retry: 3000\n\nid: 1\ndata: {")]),
        Case(fault: "error_event(after_chunks=2)", dialect: .openAIChat, stream: true, effects: [.status(200), .bodyContains("data: {\"error\":"), .bodySteps(3)]),
        Case(fault: "malformed_chunk(at=1)", dialect: .openAIChat, stream: true, effects: [.status(200), .frameNotJSON(1)]),
        Case(fault: "missing_event_name", dialect: .anthropicMessages, stream: true, effects: [.bodyLacks("event:"), .bodyContains("data: {\"type\":\"message_start\"")]),
    ]

    @Test(arguments: cases)
    func faultHasItsObservableEffect(_ c: Case) throws {
        let responder = MockResponder(configuration: MockConfiguration(seed: 7, epoch: 1_700_000_000))
        var request = Requests.chat(stream: c.stream, dialect: c.dialect)
        if c.tool {
            request.tools = [Tool(name: "get_weather", parameters: ["type": "object", "properties": ["city": ["type": "string"]], "required": ["city"]])]
            request.toolChoice = .tool("get_weather")
        }
        let clean = ScriptProbe(responder.script(for: Requests.mock(c.dialect, request)))
        let probe = ScriptProbe(responder.script(for: Requests.mock(c.dialect, request, fault: c.fault)))
        #expect(clean.status == 200, "the clean answer must be a 200 to compare against")
        #expect(probe.script.faults == [try FaultSpec(parsing: c.fault).description])
        for effect in c.effects {
            switch effect {
            case .status(let status): #expect(probe.status == status, "\(effect): \(probe.text)")
            case .header(let name, let value):
                if let value { #expect(probe.headers[name] == value, "\(effect): \(probe.headers)") } else { #expect(probe.headers[name] != nil) }
            case .bodyContains(let text): #expect(probe.text.contains(text), "\(effect): \(probe.text)")
            case .bodyLacks(let text):
                #expect(clean.text.contains(text), "clean body must contain \(text) for the check to mean anything")
                #expect(!probe.text.contains(text), "\(effect): \(probe.text)")
            case .waitBeforeHead(let ms): #expect(abs(probe.waitBeforeHeadMs - ms) < 1e-9, "\(effect): \(probe.script.steps.prefix(2))")
            case .totalWait(let ms): #expect(abs(probe.totalWaitMs - ms) < 1e-9, "\(effect): got \(probe.totalWaitMs)")
            case .endsWith(let name): #expect(probe.last.map { "\($0)" }?.hasPrefix(name) == true, "\(effect): \(String(describing: probe.last))")
            case .noHead: #expect(!probe.hasHead)
            case .bodySteps(let count): #expect(probe.bodySteps == count, "\(effect): got \(probe.bodySteps)")
            case .addedWait(let ms): #expect(abs(probe.totalWaitMs - clean.totalWaitMs - ms) < 1e-9, "\(effect): \(probe.totalWaitMs) vs \(clean.totalWaitMs)")
            case .everyGap(let ms):
                let gaps = probe.script.steps.compactMap { step -> Double? in if case .wait(let ms) = step { ms } else { nil } }
                #expect(gaps.count == clean.bodySteps - 1 && gaps.allSatisfy { $0 == ms }, "\(effect): \(gaps)")
            case .moreWaitThanClean: #expect(probe.totalWaitMs > clean.totalWaitMs)
            case .declaresFullLength:
                #expect(probe.headers["content-length"] == String(clean.body.count))
                #expect(probe.body.count < clean.body.count)
            case .frameNotJSON(let index):
                let data = { (p: ScriptProbe) in
                    p.frames[index].split(separator: "\n").first { $0.hasPrefix("data: ") }.map { Array($0.dropFirst(6).utf8) } ?? []
                }
                #expect((try? JSONValue(parsing: data(clean))) != nil)
                #expect((try? JSONValue(parsing: data(probe))) == nil, "\(effect): \(probe.frames[index])")
            case .moreBodySteps: #expect(probe.bodySteps > clean.bodySteps, "\(effect): \(probe.bodySteps) vs \(clean.bodySteps)")
            }
        }
    }

    @Test func invalidJSONCutsOpenAIToolArguments() throws {
        let responder = MockResponder(configuration: MockConfiguration(seed: 7))
        var request = Requests.chat(dialect: .openAIChat)
        request.tools = [Tool(name: "f", parameters: ["type": "object", "properties": ["city": ["type": "string", "minLength": 4]], "required": ["city"]])]
        request.toolChoice = .tool("f")
        let clean = ScriptProbe(responder.script(for: Requests.mock(.openAIChat, request)))
        let probe = ScriptProbe(responder.script(for: Requests.mock(.openAIChat, request, fault: "invalid_json")))
        let decode = { (p: ScriptProbe) in OpenAIChat().decodeResponse(WireResponse(status: 200, headers: p.headers, body: p.body)) }
        let arguments = try decode(clean).get().toolCalls.first?.arguments
        #expect(arguments?["city"] != nil)
        switch decode(probe) {
        case .success(let response): #expect(response.toolCalls.first?.arguments != arguments)
        case .failure(let error): #expect(error.kind == .malformed || error.kind == .shapeDrift)
        }
    }

    @Test(arguments: [DialectID.gemini, .anthropicMessages, .openAIChat])
    func bandwidthSpendsTheBodysTransferTime(dialect: DialectID) {
        let responder = MockResponder(configuration: MockConfiguration(seed: 1, chunkGapMs: 0))
        let probe = ScriptProbe(responder.script(for: Requests.mock(dialect, fault: "bandwidth(bytes_per_s=1000)")))
        // 1000 B/s: one millisecond per byte, in slices of 100 bytes.
        #expect(abs(probe.totalWaitMs - Double(probe.body.count)) < 1e-6)
        #expect(probe.bodySteps == (probe.body.count + 99) / 100)
    }

    @Test func splitUTF8CutsInsideAMultiByteCharacter() {
        let responder = MockResponder(configuration: MockConfiguration(seed: 1))
        let request = Requests.chat(stream: true, dialect: .anthropicMessages)
        let clean = ScriptProbe(responder.script(for: Requests.mock(.anthropicMessages, request)))
        let probe = ScriptProbe(responder.script(for: Requests.mock(.anthropicMessages, request, fault: "split_utf8")))
        #expect(clean.body.contains { $0 >= 0x80 }, "the generated text carries multi-byte characters")
        let pieces = probe.script.steps.compactMap { step -> [UInt8]? in if case .body(let b) = step { b } else { nil } }
        #expect(pieces.contains { ($0.first ?? 0) & 0xC0 == 0x80 }, "some piece starts with a continuation byte")
        #expect(probe.body == clean.body, "the bytes are the same, only cut differently")
    }

    @Test func everyCatalogueFaultHasACase() {
        let covered = Set(Self.cases.map { $0.fault.prefix { $0 != "(" } }.map(String.init))
        #expect(Set(FaultCatalogue.names).subtracting(covered).isEmpty, "\(Set(FaultCatalogue.names).subtracting(covered))")
    }
}
