/// Hot paths of the mock written straight to bytes, without building a `JSONValue` tree:
/// the constant parts of a body or frame are precomputed and only the values are escaped.
/// The output is byte-for-byte what the tree writer gives (the tests compare them).
extension AnthropicMessages {
    static let bodyID: StaticString = #"{"id":"#
    static let bodyModel: StaticString = #","type":"message","role":"assistant","model":"#
    static let bodyContent: StaticString = #","content":["#
    static let textBlockOpen: StaticString = #"{"type":"text","text":"#
    static let toolBlockID: StaticString = #"{"type":"tool_use","id":"#
    static let toolBlockName: StaticString = #","name":"#
    static let toolBlockInput: StaticString = #","input":"#
    static let bodyStopReason: StaticString = #"],"stop_reason":"#
    static let bodyUsage: StaticString = #","stop_sequence":null,"usage":{"input_tokens":"#
    static let usageCacheRead: StaticString = #","cache_creation_input_tokens":0,"cache_read_input_tokens":"#
    static let usageOutput: StaticString = #","cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},"output_tokens":"#
    static let bodyEnd: StaticString = #","service_tier":"standard"}}"#
    static let textDeltaOpen: StaticString = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":"
    static let textDeltaText: StaticString = #","delta":{"type":"text_delta","text":"#
    static let jsonDeltaText: StaticString = #","delta":{"type":"input_json_delta","partial_json":"#
    static let deltaEnd: StaticString = "}}\n\n"

    /// The non-streaming body, fields in the service's order (see `messageJSON`).
    static func messageBytes(_ response: ChatResponse, model: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256 + response.text.utf8.count + response.toolCalls.count * 96)
        out.append(static: bodyID)
        JSONValue.writeString(response.id, to: &out)
        out.append(static: bodyModel)
        JSONValue.writeString(model, to: &out)
        out.append(static: bodyContent)
        var first = true
        if !response.text.isEmpty {
            out.append(static: textBlockOpen)
            JSONValue.writeString(response.text, to: &out)
            out.append(UInt8(ascii: "}"))
            first = false
        }
        for call in response.toolCalls {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out.append(static: toolBlockID)
            JSONValue.writeString(call.id, to: &out)
            out.append(static: toolBlockName)
            JSONValue.writeString(call.name, to: &out)
            out.append(static: toolBlockInput)
            call.arguments.write(to: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(static: bodyStopReason)
        if let reason = response.finishReason {
            JSONValue.writeString(stopReason(reason), to: &out)
        } else {
            out.append(contentsOf: "null".utf8)
        }
        let cached = response.usage?.cached ?? 0
        out.append(static: bodyUsage)
        writeInt(max(0, (response.usage?.input ?? 0) - cached), to: &out)
        out.append(static: usageCacheRead)
        writeInt(cached, to: &out)
        out.append(static: usageOutput)
        writeInt(response.usage?.output ?? 0, to: &out)
        out.append(static: bodyEnd)
        return out
    }

    /// A `content_block_delta` frame for a text or `partial_json` fragment.
    static func deltaFrame(index: Int, text: String, json: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(128 + text.utf8.count)
        out.append(static: textDeltaOpen)
        writeInt(index, to: &out)
        out.append(static: json ? jsonDeltaText : textDeltaText)
        JSONValue.writeString(text, to: &out)
        out.append(static: deltaEnd)
        return out
    }

    static func writeInt(_ n: Int, to out: inout [UInt8]) {
        out.append(contentsOf: String(n).utf8)
    }
}
