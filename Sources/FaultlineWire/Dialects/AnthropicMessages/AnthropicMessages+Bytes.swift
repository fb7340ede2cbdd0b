/// Hot paths of the mock written straight to bytes, without building a `JSONValue` tree:
/// the constant parts of a body or frame are precomputed and only the values are escaped.
/// The output is byte-for-byte what the tree writer gives (the tests compare them).
extension AnthropicMessages {
    static let bodyID: [UInt8] = Array(#"{"id":"#.utf8)
    static let bodyModel: [UInt8] = Array(#","type":"message","role":"assistant","model":"#.utf8)
    static let bodyContent: [UInt8] = Array(#","content":["#.utf8)
    static let textBlockOpen: [UInt8] = Array(#"{"type":"text","text":"#.utf8)
    static let toolBlockID: [UInt8] = Array(#"{"type":"tool_use","id":"#.utf8)
    static let toolBlockName: [UInt8] = Array(#","name":"#.utf8)
    static let toolBlockInput: [UInt8] = Array(#","input":"#.utf8)
    static let bodyStopReason: [UInt8] = Array(#"],"stop_reason":"#.utf8)
    static let bodyUsage: [UInt8] = Array(#","stop_sequence":null,"usage":{"input_tokens":"#.utf8)
    static let usageCacheRead: [UInt8] = Array(#","cache_creation_input_tokens":0,"cache_read_input_tokens":"#.utf8)
    static let usageOutput: [UInt8] = Array(
        #","cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},"output_tokens":"#.utf8)
    static let bodyEnd: [UInt8] = Array(#","service_tier":"standard"}}"#.utf8)
    static let textDeltaOpen: [UInt8] = Array("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":".utf8)
    static let textDeltaText: [UInt8] = Array(#","delta":{"type":"text_delta","text":"#.utf8)
    static let jsonDeltaText: [UInt8] = Array(#","delta":{"type":"input_json_delta","partial_json":"#.utf8)
    static let deltaEnd: [UInt8] = Array("}}\n\n".utf8)

    /// The non-streaming body, fields in the service's order (see `messageJSON`).
    static func messageBytes(_ response: ChatResponse, model: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256 + response.text.utf8.count + response.toolCalls.count * 96)
        out.append(contentsOf: bodyID)
        JSONValue.writeString(response.id, to: &out)
        out.append(contentsOf: bodyModel)
        JSONValue.writeString(model, to: &out)
        out.append(contentsOf: bodyContent)
        var first = true
        if !response.text.isEmpty {
            out.append(contentsOf: textBlockOpen)
            JSONValue.writeString(response.text, to: &out)
            out.append(UInt8(ascii: "}"))
            first = false
        }
        for call in response.toolCalls {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out.append(contentsOf: toolBlockID)
            JSONValue.writeString(call.id, to: &out)
            out.append(contentsOf: toolBlockName)
            JSONValue.writeString(call.name, to: &out)
            out.append(contentsOf: toolBlockInput)
            call.arguments.write(to: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(contentsOf: bodyStopReason)
        if let reason = response.finishReason {
            JSONValue.writeString(stopReason(reason), to: &out)
        } else {
            out.append(contentsOf: "null".utf8)
        }
        let cached = response.usage?.cached ?? 0
        out.append(contentsOf: bodyUsage)
        writeInt(max(0, (response.usage?.input ?? 0) - cached), to: &out)
        out.append(contentsOf: usageCacheRead)
        writeInt(cached, to: &out)
        out.append(contentsOf: usageOutput)
        writeInt(response.usage?.output ?? 0, to: &out)
        out.append(contentsOf: bodyEnd)
        return out
    }

    /// A `content_block_delta` frame for a text or `partial_json` fragment.
    static func deltaFrame(index: Int, text: String, json: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(128 + text.utf8.count)
        out.append(contentsOf: textDeltaOpen)
        writeInt(index, to: &out)
        out.append(contentsOf: json ? jsonDeltaText : textDeltaText)
        JSONValue.writeString(text, to: &out)
        out.append(contentsOf: deltaEnd)
        return out
    }

    static func writeInt(_ n: Int, to out: inout [UInt8]) {
        out.append(contentsOf: String(n).utf8)
    }
}
