import Foundation
import PropertyBased
import Testing
@testable import FaultlineWire

/// The mock and the adapter agree: what the server side writes, the client side reads
/// back to the same canonical value, for bodies, errors, streams and requests.
@Suite("Anthropic Messages round trip")
struct AnthropicRoundTripTests {
    typealias S = AnthropicTestSupport
    let anthropic = AnthropicMessages()
    static let request = ChatRequest(model: "claude-sonnet-4-5", messages: [.user("hi")])

    static let responses: [ChatResponse] = [
        ChatResponse(id: "msg_text", model: "claude-sonnet-4-5", text: "Hello, world.", finishReason: .stop,
            usage: Usage(input: 12, output: 4, cached: 0)),
        ChatResponse(id: "msg_tool", model: "claude-sonnet-4-5", text: "Checking.",
            toolCalls: [ToolCall(id: "toolu_1", name: "get_weather", arguments: ["city": "Paris", "unit": "celsius"])],
            finishReason: .toolCalls, usage: Usage(input: 400, output: 60, cached: 0)),
        ChatResponse(id: "msg_parallel", model: "claude-haiku-4-5",
            toolCalls: [ToolCall(id: "toolu_a", name: "f", arguments: ["n": 1, "nested": ["list": [1, 2.5, "x", true, nil]]]),
                ToolCall(id: "toolu_b", name: "g", arguments: [:])],
            finishReason: .toolCalls, usage: Usage(input: 2100, output: 80, cached: 2000)),
        ChatResponse(id: "msg_json", model: "claude-sonnet-4-5", text: #"{"vendor":"ACME","total":12.5}"#, finishReason: .stop,
            usage: Usage(input: 30, output: 12, cached: 0)),
        ChatResponse(id: "msg_multibyte", model: "claude-sonnet-4-5", text: "东京の天気は晴れ ☀️ 🌤️ \"quoted\"\n\ttab", finishReason: .length,
            usage: Usage(input: 9, output: 17, cached: 0)),
        ChatResponse(id: "msg_refusal", model: "claude-sonnet-4-5", finishReason: .contentFilter, usage: Usage(input: 9, output: 1, cached: 0)),
        ChatResponse(id: "msg_pause", model: "claude-sonnet-4-5", text: "…", finishReason: .other("pause_turn"),
            usage: Usage(input: 9, output: 1, cached: 0)),
    ]

    @Test(arguments: responses)
    func aResponseBodyDecodesToItself(response: ChatResponse) throws {
        let wire = anthropic.encodeResponse(response, for: Self.request)
        #expect(try anthropic.decodeResponse(wire).get() == response)
    }

    @Test(arguments: responses)
    func aStreamDecodesToItselfWholeAtEverySplitAndByteByByte(response: ChatResponse) throws {
        let (head, frames) = anthropic.encodeStream(response.streamEvents(piece: 5), for: Self.request)
        #expect(head.status == 200)
        #expect(head.headers["content-type"] == "text/event-stream; charset=utf-8")
        let body = Array(frames.joined())
        let whole = S.decode(body)
        #expect(try S.accumulate(try whole.get()).get() == response)
        #expect(S.decode(S.byteByByte(body)) == whole)
        for pieces in S.splits(body) where S.decode(pieces) != whole {
            Issue.record("split at \(pieces[0].count) differs")
            break
        }
        let framePieces = frames.map { $0[...] }
        #expect(S.decode(framePieces) == whole)
    }

    @Test(arguments: ["", "plain", "東京 🌤️", "\"quoted\"\n\\"], [0, 7, 12])
    func theFastDeltaFrameMatchesTheTreeWriter(fragment: String, index: Int) {
        let text: JSONValue = ["type": "text_delta", "text": .string(fragment)]
        let json: JSONValue = ["type": "input_json_delta", "partial_json": .string(fragment)]
        for (delta, isJSON) in [(text, false), (json, true)] {
            let tree = AnthropicMessages.frame(
                "content_block_delta", ["type": "content_block_delta", "index": .number(Double(index)), "delta": delta])
            #expect(AnthropicMessages.deltaFrame(index: index, text: fragment, json: isJSON) == tree)
        }
    }

    @Test func theStreamHasTheServiceEventOrder() throws {
        let (_, frames) = anthropic.encodeStream(Self.responses[1].streamEvents(piece: 4), for: Self.request)
        let names = frames.map { frame in
            String(decoding: frame, as: UTF8.self).split(separator: "\n")[0].dropFirst("event: ".count)
        }
        #expect(names.first == "message_start")
        #expect(names[1] == "ping")
        #expect(names.suffix(2) == ["message_delta", "message_stop"])
        let starts = names.indices.filter { names[$0] == "content_block_start" }
        let stops = names.indices.filter { names[$0] == "content_block_stop" }
        #expect(starts.count == 2)
        #expect(zip(starts, stops).allSatisfy { $0 < $1 })
        #expect(stops[0] < starts[1], "blocks do not overlap")
        for frame in frames { #expect(String(decoding: frame, as: UTF8.self).hasSuffix("\n\n")) }
        let toolStart = try #require(S.json(Array(String(decoding: frames[starts[1]], as: UTF8.self).split(separator: "\n")[1].dropFirst(6).utf8)))
        #expect(toolStart["content_block"]?["input"] == .object([:]), "tool input starts as an empty object")
        let start = try #require(S.json(Array(String(decoding: frames[0], as: UTF8.self).split(separator: "\n")[1].dropFirst(6).utf8)))
        #expect(start["message"]?["usage"]?["input_tokens"] == 400)
    }

    static let errors: [ProviderError] = [
        .rateLimited(retryAfter: 17, scope: .requests), .rateLimited(retryAfter: 0.5, scope: .tokens),
        .rateLimited(retryAfter: nil, scope: .requests), .overloaded(retryAfter: nil), .overloaded(retryAfter: 30),
        .quotaExhausted(detail: "Your credit balance is too low to access the Anthropic API."),
        .authentication(status: 401, detail: "invalid x-api-key"), .authentication(status: 403, detail: "no access to model"),
        .contextOverflow(detail: "prompt is too long: 215634 tokens > 200000 maximum"),
        .contentFiltered(detail: "Output blocked by content filtering policy"),
        .badRequest(status: 400, detail: "max_tokens: Field required"), .badRequest(status: 404, detail: "model: claude-9"),
        .serverError(status: 500, detail: "Internal server error"), .serverError(status: 503, detail: "upstream unavailable"),
    ]

    @Test(arguments: errors)
    func anErrorResponseDecodesToItself(error: ProviderError) {
        #expect(S.failure(anthropic.decodeResponse(anthropic.encodeError(error))) == error)
    }

    @Test(arguments: errors)
    func aMidStreamErrorDecodesToItsKind(error: ProviderError) {
        let body = Array(anthropic.encodeStream(Array(Self.responses[0].streamEvents().prefix(2)), for: Self.request).frames.joined())
            + anthropic.encodeStreamError(error)
        let decoded = S.failure(S.decode(body))
        #expect(decoded?.kind == error.kind, "\(String(describing: decoded))")
    }

    @Test(arguments: [ProviderError.timeout(.total), .connectionReset(detail: "reset"), .malformed(path: "$", detail: "x"),
        .shapeDrift(path: "$.id", expected: "string", found: "number"), .truncatedStream(detail: "cut")])
    func errorsWithoutAWireFormAreServerErrors(error: ProviderError) {
        let decoded = S.failure(anthropic.decodeResponse(anthropic.encodeError(error)))
        #expect(decoded?.kind == .serverError)
    }

    static let requests: [ChatRequest] = [
        ChatRequest(model: "claude-sonnet-4-5", messages: [.user("hi")], maxTokens: 100),
        ChatRequest(
            model: "claude-sonnet-4-5", system: "You are terse.",
            messages: [
                .user("Weather in Paris and Rome?"),
                Message(role: .assistant, parts: [.text("Checking both."),
                    .toolUse(ToolCall(id: "toolu_1", name: "get_weather", arguments: ["city": "Paris"])),
                    .toolUse(ToolCall(id: "toolu_2", name: "get_weather", arguments: ["city": "Rome"]))]),
                Message(role: .user, parts: [
                    .toolResult(id: "toolu_1", name: "get_weather", content: "18°C", isError: false),
                    .toolResult(id: "toolu_2", name: "get_weather", content: "service down", isError: true)]),
                .assistant("Paris is 18°C; Rome is unknown."),
            ],
            tools: [AnthropicClientTests.weather, Tool(name: "noop", parameters: ["type": "object"])],
            toolChoice: .tool("get_weather"), maxTokens: 1024, temperature: 0.3, stream: true),
        ChatRequest(model: "m", messages: [.user("x")], tools: [AnthropicClientTests.weather], toolChoice: .auto, maxTokens: 5),
        ChatRequest(model: "m", messages: [.user("x")], tools: [AnthropicClientTests.weather], toolChoice: .none, maxTokens: 5),
        ChatRequest(model: "m", messages: [.user("x")], tools: [AnthropicClientTests.weather], toolChoice: .required, maxTokens: 5),
        ChatRequest(model: "m", messages: [.user("x")], responseFormat: .json, maxTokens: 5),
        ChatRequest(model: "m", messages: [.user("x")],
            responseFormat: .jsonSchema(name: AnthropicMessages.schemaName, schema: ["type": "object", "properties": ["a": ["type": "string"]], "required": ["a"]]),
            maxTokens: 5),
    ]

    @Test(arguments: requests)
    func aRequestTheAdapterWritesTheMockReadsBack(request: ChatRequest) throws {
        let wire = anthropic.encodeRequest(request, options: ClientOptions(apiKey: "k", pathPrefix: "/anthropic-primary"))
        #expect(AnthropicMessages.apiKey(of: wire) == "k")
        #expect(try anthropic.decodeRequest(wire).get() == request)
    }

    @Test func aRequestWithoutALimitGetsTheDefault() throws {
        let wire = anthropic.encodeRequest(ChatRequest(model: "m", messages: [.user("x")]), options: ClientOptions())
        #expect(try anthropic.decodeRequest(wire).get().maxTokens == AnthropicMessages.defaultMaxTokens)
    }

    @Test func randomResponsesSurviveBodyAndStreamRoundTrips() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...100_000)) { seed in
            var random = SeededRandom(seed: UInt64(seed))
            let response = Self.randomResponse(&random)
            #expect(AnthropicMessages.messageBytes(response, model: response.model)
                == AnthropicMessages.messageJSON(response, model: response.model).bytes, "the fast writer matches the tree")
            let body = anthropic.decodeResponse(anthropic.encodeResponse(response, for: Self.request))
            #expect(body == .success(response))
            let frames = anthropic.encodeStream(response.streamEvents(piece: 1 + Int(random.next() % 9)), for: Self.request).frames
            let stream = S.decode(Array(frames.joined())).flatMap(S.accumulate)
            #expect(stream == .success(response))
        }
    }

    static func randomResponse(_ random: inout SeededRandom) -> ChatResponse {
        let words = ["alpha", "β", "東京", "🌤️", "\"q\"", "\\", "\n", " ", "tab\t", "end."]
        func text(_ random: inout SeededRandom) -> String {
            (0..<Int(random.next() % 12)).map { _ in words[Int(random.next() % UInt64(words.count))] }.joined()
        }
        func value(_ random: inout SeededRandom, depth: Int) -> JSONValue {
            switch random.next() % (depth > 2 ? 4 : 6) {
            case 0: return .string(text(&random))
            case 1: return .number(Double(Int(random.next() % 2000) - 1000))
            case 2: return .bool(random.next() % 2 == 0)
            case 3: return .null
            case 4: return .array((0..<Int(random.next() % 4)).map { _ in value(&random, depth: depth + 1) })
            default:
                return .object(JSONObject((0..<Int(random.next() % 4)).map { i in ("k\(i)", value(&random, depth: depth + 1)) }))
            }
        }
        let calls = (0..<Int(random.next() % 4)).map { i in
            ToolCall(id: "toolu_\(random.next() % 100_000)", name: "tool_\(i)",
                arguments: .object(JSONObject((0..<Int(random.next() % 4)).map { k in ("arg\(k)", value(&random, depth: 0)) })))
        }
        let reasons: [FinishReason] = [.stop, .length, .toolCalls, .contentFilter, .other("pause_turn"), .other("model_context_window_exceeded")]
        let input = Int(random.next() % 5000)
        return ChatResponse(
            id: "msg_\(random.next() % 1_000_000)", model: random.next() % 2 == 0 ? "claude-sonnet-4-5" : "claude-haiku-4-5",
            text: text(&random), toolCalls: calls, finishReason: reasons[Int(random.next() % UInt64(reasons.count))],
            usage: Usage(input: input, output: Int(random.next() % 3000), cached: Int(random.next() % UInt64(input + 1))))
    }
}
