/// Hot paths of the mock written straight to bytes, without building a `JSONValue` tree:
/// the constant parts of a body or chunk are precomputed and only the values are escaped.
extension OpenAIChat {
    static let bodyID: [UInt8] = Array(#"{"id":"#.utf8)
    static let bodyCreated: [UInt8] = Array(#","object":"chat.completion","created":"#.utf8)
    static let bodyModel: [UInt8] = Array(#","model":"#.utf8)
    static let bodyMessage: [UInt8] = Array(#","choices":[{"index":0,"message":{"role":"assistant","content":"#.utf8)
    static let bodyToolCalls: [UInt8] = Array(#","tool_calls":["#.utf8)
    static let callID: [UInt8] = Array(#"{"id":"#.utf8)
    static let callName: [UInt8] = Array(#","type":"function","function":{"name":"#.utf8)
    static let callArguments: [UInt8] = Array(#","arguments":"#.utf8)
    static let bodyFinish: [UInt8] = Array(#","refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"#.utf8)
    static let bodyUsage: [UInt8] = Array(#"}],"usage":"#.utf8)
    static let bodyNoUsage: [UInt8] = Array(#"}]"#.utf8)
    static let bodyTier: [UInt8] = Array(#","service_tier":"default","system_fingerprint":"#.utf8)
    static let usagePrompt: [UInt8] = Array(#"{"prompt_tokens":"#.utf8)
    static let usageCompletion: [UInt8] = Array(#","completion_tokens":"#.utf8)
    static let usageTotal: [UInt8] = Array(#","total_tokens":"#.utf8)
    static let usageCached: [UInt8] = Array(#","prompt_tokens_details":{"cached_tokens":"#.utf8)
    static let usageReasoning: [UInt8] = Array(#","audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":"#.utf8)
    static let usageEnd: [UInt8] = Array(#","audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}"#.utf8)
    static let null: [UInt8] = Array("null".utf8)

    /// The non-streaming body, fields in the service's order: `id`, `object`, `created`,
    /// `model`, `choices`, `usage`, `service_tier`, `system_fingerprint`
    /// (`types/chat/chat_completion.py`). The service pretty-prints this body; the mock
    /// writes it compact, which every JSON reader takes the same.
    static func completionBytes(_ response: ChatResponse, model: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(480 + response.text.utf8.count + response.toolCalls.count * 112)
        out.append(contentsOf: bodyID)
        JSONValue.writeString(response.id, to: &out)
        out.append(contentsOf: bodyCreated)
        writeInt(created(response.id), to: &out)
        out.append(contentsOf: bodyModel)
        JSONValue.writeString(model, to: &out)
        out.append(contentsOf: bodyMessage)
        if response.text.isEmpty && !response.toolCalls.isEmpty {
            out.append(contentsOf: null)
        } else {
            JSONValue.writeString(response.text, to: &out)
        }
        if !response.toolCalls.isEmpty {
            out.append(contentsOf: bodyToolCalls)
            for (i, call) in response.toolCalls.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: callID)
                JSONValue.writeString(call.id, to: &out)
                out.append(contentsOf: callName)
                JSONValue.writeString(call.name, to: &out)
                out.append(contentsOf: callArguments)
                JSONValue.writeString(call.arguments.jsonString, to: &out)
                out.append(contentsOf: "}}".utf8)
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(contentsOf: bodyFinish)
        if let reason = response.finishReason {
            JSONValue.writeString(reason.description, to: &out)
        } else {
            out.append(contentsOf: null)
        }
        if let usage = response.usage {
            out.append(contentsOf: bodyUsage)
            writeUsage(usage, to: &out)
        } else {
            out.append(contentsOf: bodyNoUsage)
        }
        out.append(contentsOf: bodyTier)
        JSONValue.writeString(fingerprint(model), to: &out)
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// The `usage` object with its detail objects (`types/completion_usage.py`); a
    /// canonical usage without a cache or reasoning count writes `0`, as the service does.
    static func writeUsage(_ usage: Usage, to out: inout [UInt8]) {
        out.append(contentsOf: usagePrompt)
        writeInt(usage.input, to: &out)
        out.append(contentsOf: usageCompletion)
        writeInt(usage.output, to: &out)
        out.append(contentsOf: usageTotal)
        writeInt(usage.input + usage.output, to: &out)
        out.append(contentsOf: usageCached)
        writeInt(usage.cached ?? 0, to: &out)
        out.append(contentsOf: usageReasoning)
        writeInt(usage.reasoning ?? 0, to: &out)
        out.append(contentsOf: usageEnd)
    }

    static func writeInt(_ n: Int, to out: inout [UInt8]) {
        out.append(contentsOf: String(n).utf8)
    }
}
