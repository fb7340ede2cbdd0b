import Foundation
@testable import FaultlineWire

/// Shared by the Anthropic Messages dialect tests: the fixtures folder and stream feeding.
enum AnthropicTestSupport {
    /// `fixtures/` found from this file's path (Tests/FaultlineWireTests/Dialects/AnthropicMessages/…).
    static var fixturesRoot: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<5 { url.deleteLastPathComponent() }
        return url.path + "/fixtures"
    }

    static func fixtures() -> [Fixture] {
        Fixture.loadAll(from: fixturesRoot).fixtures.filter { $0.dialect == .anthropicMessages }
    }

    static func fixtureNames() -> [String] { fixtures().map(\.name) }

    static func fixture(_ name: String) -> Fixture? { fixtures().first { $0.name == name } }

    /// Decodes a body delivered as `pieces`; the events, or the error the decoder threw.
    static func decode(_ pieces: [ArraySlice<UInt8>]) -> Result<[StreamEvent], ProviderError> {
        var decoder = AnthropicStreamDecoder()
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

    /// The error of a failed result, nil for a success.
    static func failure<T>(_ result: Result<T, ProviderError>) -> ProviderError? {
        if case .failure(let error) = result { error } else { nil }
    }

    /// One SSE frame as the service writes it.
    static func frame(_ name: String, _ json: String) -> String { "event: \(name)\ndata: \(json)\n\n" }

    static func messageStart(id: String = "msg_1", model: String = "claude-sonnet-4-5", input: Int = 10, cacheRead: Int = 0) -> String {
        frame("message_start", #"{"type":"message_start","message":{"id":"\#(id)","type":"message","role":"assistant","model":"\#(model)","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":\#(input),"cache_creation_input_tokens":0,"cache_read_input_tokens":\#(cacheRead),"output_tokens":1}}}"#)
    }

    static func textBlock(_ index: Int, _ pieces: [String]) -> String {
        var out = frame("content_block_start", #"{"type":"content_block_start","index":\#(index),"content_block":{"type":"text","text":""}}"#)
        for piece in pieces {
            out += frame("content_block_delta", #"{"type":"content_block_delta","index":\#(index),"delta":{"type":"text_delta","text":\#(JSONValue.string(piece).jsonString)}}"#)
        }
        return out + frame("content_block_stop", #"{"type":"content_block_stop","index":\#(index)}"#)
    }

    static func toolBlock(_ index: Int, id: String, name: String, _ fragments: [String]) -> String {
        var out = frame("content_block_start", #"{"type":"content_block_start","index":\#(index),"content_block":{"type":"tool_use","id":"\#(id)","name":"\#(name)","input":{}}}"#)
        for fragment in fragments {
            out += frame("content_block_delta", #"{"type":"content_block_delta","index":\#(index),"delta":{"type":"input_json_delta","partial_json":\#(JSONValue.string(fragment).jsonString)}}"#)
        }
        return out + frame("content_block_stop", #"{"type":"content_block_stop","index":\#(index)}"#)
    }

    static func messageDelta(_ stopReason: String, output: Int) -> String {
        frame("message_delta", #"{"type":"message_delta","delta":{"stop_reason":"\#(stopReason)","stop_sequence":null},"usage":{"output_tokens":\#(output)}}"#)
    }

    static let messageStop = frame("message_stop", #"{"type":"message_stop"}"#)
    static let ping = "event: ping\ndata: {\"type\": \"ping\"}\n\n"
}
