import Foundation
@testable import FaultlineWire

/// Shared by the OpenAI Chat dialect tests: the fixtures folder, stream feeding and chunk builders.
enum OpenAIChatTestSupport {
    /// `fixtures/` found from this file's path (Tests/FaultlineWireTests/Dialects/OpenAIChat/…).
    static var fixturesRoot: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<5 { url.deleteLastPathComponent() }
        return url.path + "/fixtures"
    }

    static func fixtures() -> [Fixture] {
        Fixture.loadAll(from: fixturesRoot).fixtures.filter { $0.dialect == .openAIChat }
    }

    static func fixtureNames() -> [String] { fixtures().map(\.name) }

    static func fixture(_ name: String) -> Fixture? { fixtures().first { $0.name == name } }

    /// Decodes a body delivered as `pieces`; the events, or the error the decoder threw.
    static func decode(_ pieces: [ArraySlice<UInt8>]) -> Result<[StreamEvent], ProviderError> {
        var decoder = OpenAIChatStreamDecoder()
        var events: [StreamEvent] = []
        do throws(ProviderError) {
            for piece in pieces { try decoder.feed(piece, into: &events) }
            try decoder.finish(into: &events)
            return .success(events)
        } catch {
            return .failure(error)
        }
    }

    static func decode(_ body: [UInt8]) -> Result<[StreamEvent], ProviderError> { decode([body[...]]) }

    static func decode(_ text: String) -> Result<[StreamEvent], ProviderError> { decode(Array(text.utf8)) }

    static func byteByByte(_ body: [UInt8]) -> [ArraySlice<UInt8>] { body.indices.map { body[$0..<($0 + 1)] } }

    /// Every two-piece split of `body`, including the empty first and last piece.
    static func splits(_ body: [UInt8]) -> [[ArraySlice<UInt8>]] {
        (0...body.count).map { [body[..<$0], body[$0...]] }
    }

    static func accumulate(_ events: [StreamEvent]) -> Result<ChatResponse, ProviderError> {
        var accumulator = StreamAccumulator()
        accumulator.apply(events)
        return accumulator.response()
    }

    static func json(_ bytes: [UInt8]) -> JSONValue? { try? JSONValue(parsing: bytes) }

    static func json(_ text: String) -> JSONValue? { json(Array(text.utf8)) }

    /// The error of a failed result, nil for a success.
    static func failure<T>(_ result: Result<T, ProviderError>) -> ProviderError? {
        if case .failure(let error) = result { error } else { nil }
    }

    /// The JSON payloads of a stream's `data:` frames (`[DONE]` as a string).
    static func payloads(_ frames: [[UInt8]]) -> [JSONValue] {
        frames.map { frame in
            let text = String(decoding: frame, as: UTF8.self)
            let payload = text.dropFirst("data: ".count).dropLast(2)
            return json(String(payload)) ?? .string(String(payload))
        }
    }

    /// One `data:` frame holding a chunk with `choices[0].delta = delta`.
    static func chunk(_ delta: String, finish: String? = nil, id: String = "chatcmpl-1", model: String = "gpt-4o-mini") -> String {
        let reason = finish.map { "\"\($0)\"" } ?? "null"
        return #"data: {"id":"\#(id)","object":"chat.completion.chunk","created":1795574544,"model":"\#(model)","system_fingerprint":"fp_1","choices":[{"index":0,"delta":\#(delta),"logprobs":null,"finish_reason":\#(reason)}]}"#
            + "\n\n"
    }

    static func text(_ piece: String) -> String { chunk(#"{"content":\#(JSONValue.string(piece).jsonString)}"#) }

    static let role = chunk(#"{"role":"assistant","content":"","refusal":null}"#)

    static func stop(_ reason: String = "stop") -> String { chunk("{}", finish: reason) }

    static func usageChunk(prompt: Int, completion: Int, cached: Int = 0) -> String {
        #"data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1795574544,"model":"gpt-4o-mini","choices":[],"usage":{"prompt_tokens":\#(prompt),"completion_tokens":\#(completion),"total_tokens":\#(prompt + completion),"prompt_tokens_details":{"cached_tokens":\#(cached)}}}"#
            + "\n\n"
    }

    static let done = "data: [DONE]\n\n"
}
