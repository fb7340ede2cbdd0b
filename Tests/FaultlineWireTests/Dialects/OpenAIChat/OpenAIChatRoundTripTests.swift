import Foundation
import PropertyBased
import Testing
@testable import FaultlineWire

/// The mock and the adapter agree: what the server side writes, the client side reads
/// back to the same canonical value, for bodies, errors, streams and requests.
@Suite("OpenAI Chat round trip")
struct OpenAIChatRoundTripTests {
    typealias S = OpenAIChatTestSupport
    let openAI = OpenAIChat()
    static let request = ChatRequest(model: "gpt-4o-mini", messages: [.user("hi")], stream: true)

    static let responses: [ChatResponse] = [
        ChatResponse(id: "chatcmpl-text", model: "gpt-4o-mini", text: "Hello, world.", finishReason: .stop,
            usage: Usage(input: 12, output: 4, cached: 0, reasoning: 0)),
        ChatResponse(id: "chatcmpl-tool", model: "gpt-4o", text: "Checking.",
            toolCalls: [ToolCall(id: "call_1", name: "get_weather", arguments: ["city": "Paris", "unit": "celsius"])],
            finishReason: .toolCalls, usage: Usage(input: 400, output: 60, cached: 0, reasoning: 0)),
        ChatResponse(id: "chatcmpl-parallel", model: "gpt-4o",
            toolCalls: [ToolCall(id: "call_a", name: "f", arguments: ["n": 1, "nested": ["list": [1, 2.5, "x", true, nil]]]),
                ToolCall(id: "call_b", name: "g", arguments: [:])],
            finishReason: .toolCalls, usage: Usage(input: 2100, output: 80, cached: 2048, reasoning: 0)),
        ChatResponse(id: "chatcmpl-json", model: "gpt-4o-mini", text: #"{"vendor":"ACME","total":12.5}"#, finishReason: .stop,
            usage: Usage(input: 30, output: 12, cached: 0, reasoning: 0)),
        ChatResponse(id: "chatcmpl-multibyte", model: "o4-mini", text: "东京の天気は晴れ ☀️ 🌤️ \"quoted\"\n\ttab", finishReason: .length,
            usage: Usage(input: 9, output: 170, cached: 0, reasoning: 128)),
        ChatResponse(id: "chatcmpl-filter", model: "gpt-4o-mini", finishReason: .contentFilter, usage: Usage(input: 9, output: 0, cached: 0, reasoning: 0)),
        ChatResponse(id: "chatcmpl-other", model: "llama-3.3-70b", text: "…", finishReason: .other("eos"),
            usage: Usage(input: 9, output: 1, cached: 0, reasoning: 0)),
    ]

    @Test(arguments: responses)
    func aResponseBodyDecodesToItself(response: ChatResponse) throws {
        let wire = openAI.encodeResponse(response, for: Self.request)
        #expect(try openAI.decodeResponse(wire).get() == response)
    }

    @Test(arguments: responses)
    func aStreamDecodesToItselfWholeAtEverySplitAndByteByByte(response: ChatResponse) throws {
        let events = response.streamEvents(piece: 5)
        let (head, frames) = openAI.encodeStream(events, for: Self.request)
        #expect(head.status == 200)
        let body = Array(frames.joined())
        let whole = S.decode(body)
        #expect(try whole.get() == events, "the decoder gives back the canonical events, in order")
        #expect(try S.accumulate(try whole.get()).get() == response)
        #expect(S.decode(S.byteByByte(body)) == whole)
        for pieces in S.splits(body) where S.decode(pieces) != whole {
            Issue.record("split at \(pieces[0].count) differs")
            break
        }
        #expect(S.decode(frames.map { $0[...] }) == whole)
    }

    @Test(arguments: responses)
    func aStreamCutBeforeDoneIsTruncatedAtEveryFrame(response: ChatResponse) {
        let frames = openAI.encodeStream(response.streamEvents(piece: 5), for: Self.request).frames
        for count in 0..<frames.count {
            let body = Array(frames.prefix(count).joined())
            #expect(S.failure(S.decode(body))?.kind == .truncatedStream, "after \(count) of \(frames.count) frames")
        }
    }

    static let errors: [ProviderError] = [
        .rateLimited(retryAfter: 17, scope: .requests), .rateLimited(retryAfter: 0.5, scope: .tokens),
        .rateLimited(retryAfter: nil, scope: .requests), .rateLimited(retryAfter: nil, scope: .tokens),
        .overloaded(retryAfter: nil), .overloaded(retryAfter: 30),
        .quotaExhausted(detail: "You exceeded your current quota, please check your plan and billing details."),
        .authentication(status: 401, detail: "Incorrect API key provided."), .authentication(status: 403, detail: "Country not supported."),
        .contextOverflow(detail: "This model's maximum context length is 128000 tokens. However, your messages resulted in 130412 tokens."),
        .contentFiltered(detail: "The response was filtered due to the prompt triggering Azure OpenAI's content management policy."),
        .badRequest(status: 400, detail: "Missing required parameter: 'messages'."), .badRequest(status: 404, detail: "The model `gpt-9` does not exist"),
        .badRequest(status: 422, detail: "Unprocessable"),
        .serverError(status: 500, detail: "The server had an error while processing your request."),
        .serverError(status: 502, detail: "Bad gateway"),
    ]

    @Test(arguments: errors)
    func anErrorResponseDecodesToItself(error: ProviderError) {
        #expect(S.failure(openAI.decodeResponse(openAI.encodeError(error))) == error)
    }

    @Test(arguments: errors)
    func aMidStreamErrorDecodesToItsKind(error: ProviderError) {
        let body = Array(openAI.encodeStream(Array(Self.responses[0].streamEvents().prefix(2)), for: Self.request).frames.joined())
            + openAI.encodeStreamError(error)
        let decoded = S.failure(S.decode(body))
        #expect(decoded?.kind == error.kind, "\(String(describing: decoded))")
    }

    @Test(arguments: [ProviderError.timeout(.total), .connectionReset(detail: "reset"), .malformed(path: "$", detail: "x"),
        .shapeDrift(path: "$.id", expected: "string", found: "number"), .truncatedStream(detail: "cut")])
    func errorsWithoutAWireFormAreServerErrors(error: ProviderError) {
        #expect(S.failure(openAI.decodeResponse(openAI.encodeError(error)))?.kind == .serverError)
    }

    static let requests: [ChatRequest] = {
        var streaming = ChatRequest(
            model: "gpt-4o", system: "You are terse.",
            messages: [
                .user("Weather in Paris and Rome?"),
                Message(role: .assistant, parts: [.text("Checking both."),
                    .toolUse(ToolCall(id: "call_1", name: "get_weather", arguments: ["city": "Paris"])),
                    .toolUse(ToolCall(id: "call_2", name: "get_weather", arguments: ["city": "Rome"]))]),
                Message(role: .user, parts: [
                    .toolResult(id: "call_1", name: "get_weather", content: "18°C", isError: false),
                    .toolResult(id: "call_2", name: "get_weather", content: "21°C", isError: false)]),
                .assistant("Paris is 18°C; Rome is 21°C."),
                Message(role: .user, parts: [.text("Thanks."), .text("And tomorrow?")]),
            ],
            tools: [OpenAIChatClientTests.weather, Tool(name: "noop", parameters: ["type": "object"])],
            toolChoice: .tool("get_weather"), maxTokens: 1024, temperature: 0.3, stream: true)
        var noUsage = ChatRequest(model: "m", messages: [.user("x")], stream: true)
        noUsage.includeStreamUsage = false
        streaming.includeStreamUsage = true
        return [
            ChatRequest(model: "gpt-4o-mini", messages: [.user("hi")], maxTokens: 100),
            streaming, noUsage,
            ChatRequest(model: "m", messages: [.user("x")], tools: [OpenAIChatClientTests.weather], toolChoice: .auto),
            ChatRequest(model: "m", messages: [.user("x")], tools: [OpenAIChatClientTests.weather], toolChoice: .none),
            ChatRequest(model: "m", messages: [.user("x")], tools: [OpenAIChatClientTests.weather], toolChoice: .required),
            ChatRequest(model: "m", messages: [.user("x")], responseFormat: .json),
            ChatRequest(model: "m", messages: [.user("x")],
                responseFormat: .jsonSchema(name: "invoice", schema: ["type": "object", "properties": ["a": ["type": "string"]], "required": ["a"]])),
        ]
    }()

    @Test(arguments: requests)
    func aRequestTheAdapterWritesTheMockReadsBack(request: ChatRequest) throws {
        let wire = openAI.encodeRequest(request, options: ClientOptions(apiKey: "k", pathPrefix: "/openai-primary"))
        #expect(OpenAIChat.apiKey(of: wire) == "k")
        #expect(try openAI.decodeRequest(wire).get() == request)
    }

    @Test(arguments: requests)
    func anAzureRequestIsReadWithTheDeploymentAsModel(request: ChatRequest) throws {
        let wire = openAI.encodeRequest(request, options: ClientOptions(apiKey: "k", azureDeployment: "prod-deploy"))
        #expect(OpenAIChat.apiKey(of: wire) == "k")
        var expected = request
        expected.model = "prod-deploy"
        #expect(try openAI.decodeRequest(wire).get() == expected)
    }

    @Test func randomResponsesSurviveBodyAndStreamRoundTrips() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...100_000)) { seed in
            var random = SeededRandom(seed: UInt64(seed))
            let response = Self.randomResponse(&random)
            #expect(openAI.decodeResponse(openAI.encodeResponse(response, for: Self.request)) == .success(response))
            let frames = openAI.encodeStream(response.streamEvents(piece: 1 + Int(random.next() % 9)), for: Self.request).frames
            #expect(S.decode(Array(frames.joined())).flatMap(S.accumulate) == .success(response))
        }
    }

    @Test func randomBytesNeverTrap() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...100_000)) { seed in
            var random = SeededRandom(seed: UInt64(seed))
            let valid = openAI.encodeResponse(Self.randomResponse(&random), for: Self.request).body
            var bytes = valid
            for _ in 0..<(1 + Int(random.next() % 4)) where !bytes.isEmpty {
                bytes[Int(random.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: random.next())
            }
            let cut = Array(bytes.prefix(Int(random.next() % UInt64(bytes.count + 1))))
            _ = openAI.decodeResponse(WireResponse(status: 200, body: cut))
            _ = openAI.decodeRequest(WireRequest(path: OpenAIChat.path, body: cut))
            _ = S.decode(Array("data: ".utf8) + cut + Array("\n\n".utf8))
        }
    }

    static func randomResponse(_ random: inout SeededRandom) -> ChatResponse {
        let words = ["alpha", "β", "東京", "🌤️", "\"q\"", "\\", "\n", " ", "tab\t", "end.", "data: [DONE]"]
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
            ToolCall(id: "call_\(random.next() % 100_000)", name: "tool_\(i)",
                arguments: .object(JSONObject((0..<Int(random.next() % 4)).map { k in ("arg\(k)", value(&random, depth: 0)) })))
        }
        let reasons: [FinishReason] = [.stop, .length, .toolCalls, .contentFilter, .other("eos"), .other("model_length")]
        let input = Int(random.next() % 5000)
        let output = Int(random.next() % 3000)
        return ChatResponse(
            id: "chatcmpl-\(random.next() % 1_000_000)", model: random.next() % 2 == 0 ? "gpt-4o-mini" : "o4-mini",
            text: text(&random), toolCalls: calls, finishReason: reasons[Int(random.next() % UInt64(reasons.count))],
            usage: Usage(input: input, output: output, cached: Int(random.next() % UInt64(input + 1)),
                reasoning: Int(random.next() % UInt64(output + 1))))
    }
}
