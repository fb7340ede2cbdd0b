/// Hot paths of the mock written straight to bytes, without building a `JSONValue` tree:
/// the constant parts of a body or chunk are precomputed and only the values are escaped.
extension OpenAIChat {
    static let bodyID: StaticString = #"{"id":"#
    static let bodyCreated: StaticString = #","object":"chat.completion","created":"#
    static let bodyModel: StaticString = #","model":"#
    static let bodyMessage: StaticString = #","choices":[{"index":0,"message":{"role":"assistant","content":"#
    static let bodyToolCalls: StaticString = #","tool_calls":["#
    static let callID: StaticString = #"{"id":"#
    static let callName: StaticString = #","type":"function","function":{"name":"#
    static let callArguments: StaticString = #","arguments":"#
    static let bodyFinish: StaticString = #","refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"#
    static let bodyUsage: StaticString = #"}],"usage":"#
    static let bodyNoUsage: StaticString = #"}]"#
    static let bodyTier: StaticString = #","service_tier":"default","system_fingerprint":"#
    static let usagePrompt: StaticString = #"{"prompt_tokens":"#
    static let usageCompletion: StaticString = #","completion_tokens":"#
    static let usageTotal: StaticString = #","total_tokens":"#
    static let usageCached: StaticString = #","prompt_tokens_details":{"cached_tokens":"#
    static let usageReasoning: StaticString = #","audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":"#
    static let usageEnd: StaticString = #","audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}"#
    static let null: StaticString = "null"

    /// The non-streaming body, fields in the service's order: `id`, `object`, `created`,
    /// `model`, `choices`, `usage`, `service_tier`, `system_fingerprint`
    /// (`types/chat/chat_completion.py`). The service pretty-prints this body; the mock
    /// writes it compact, which every JSON reader takes the same.
    static func completionBytes(_ response: ChatResponse, model: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(480 + response.text.utf8.count + response.toolCalls.count * 112)
        out.append(static: bodyID)
        JSONValue.writeString(response.id, to: &out)
        out.append(static: bodyCreated)
        writeInt(created(response.id), to: &out)
        out.append(static: bodyModel)
        JSONValue.writeString(model, to: &out)
        out.append(static: bodyMessage)
        if response.text.isEmpty && !response.toolCalls.isEmpty {
            out.append(static: null)
        } else {
            JSONValue.writeString(response.text, to: &out)
        }
        if !response.toolCalls.isEmpty {
            out.append(static: bodyToolCalls)
            for (i, call) in response.toolCalls.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                out.append(static: callID)
                JSONValue.writeString(call.id, to: &out)
                out.append(static: callName)
                JSONValue.writeString(call.name, to: &out)
                out.append(static: callArguments)
                JSONValue.writeString(call.arguments.jsonString, to: &out)
                out.append(contentsOf: "}}".utf8)
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(static: bodyFinish)
        if let reason = response.finishReason {
            JSONValue.writeString(reason.description, to: &out)
        } else {
            out.append(static: null)
        }
        if let usage = response.usage {
            out.append(static: bodyUsage)
            writeUsage(usage, to: &out)
        } else {
            out.append(static: bodyNoUsage)
        }
        out.append(static: bodyTier)
        JSONValue.writeString(fingerprint(model), to: &out)
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// The `usage` object with its detail objects (`types/completion_usage.py`); a
    /// canonical usage without a cache or reasoning count writes `0`, as the service does.
    static func writeUsage(_ usage: Usage, to out: inout [UInt8]) {
        out.append(static: usagePrompt)
        writeInt(usage.input, to: &out)
        out.append(static: usageCompletion)
        writeInt(usage.output, to: &out)
        out.append(static: usageTotal)
        writeInt(usage.input + usage.output, to: &out)
        out.append(static: usageCached)
        writeInt(usage.cached ?? 0, to: &out)
        out.append(static: usageReasoning)
        writeInt(usage.reasoning ?? 0, to: &out)
        out.append(static: usageEnd)
    }

    static func writeInt(_ n: Int, to out: inout [UInt8]) {
        out.append(contentsOf: String(n).utf8)
    }
}
