/// Decodes an OpenAI Chat Completions stream: `data: {chunk}` events, each a
/// `chat.completion.chunk` whose `choices[0].delta` carries text or tool-call fragments,
/// a last choice chunk with `finish_reason`, an optional `choices: []` usage chunk, then
/// `data: [DONE]` (`_streaming.py`).
///
/// The SDK ends quietly when a stream is cut before `[DONE]`; this decoder reports it:
/// `finish(into:)` throws `.truncatedStream` unless `[DONE]` came after a `finish_reason`.
/// A `data: {"error": …}` event raises the mapped error, as the SDK raises `APIError`.
/// Comments, `id:`/`retry:`-only events, `ping` and unknown event names are skipped.
/// A finish reason is held back until the usage chunk (or `[DONE]`) so the events come
/// in canonical order: usage, finish, done.
public struct OpenAIChatStreamDecoder: StreamDecoder {
    private var parser = SSEParser()
    private var started = false
    private var finishSeen = false
    private var doneSeen = false
    private var pendingFinish: FinishReason?
    private var chunkCount = 0
    /// Provider `index` of each tool call → canonical call index (call order).
    private var calls: [Int: Int] = [:]

    public init() {}

    public mutating func feed(_ bytes: some Collection<UInt8>, into events: inout [StreamEvent]) throws(ProviderError) {
        for event in parser.feed(bytes) { try decode(event, into: &events) }
    }

    public mutating func finish(into events: inout [StreamEvent]) throws(ProviderError) {
        let cut = parser.hasPartialData
        for event in parser.finish() {
            do throws(ProviderError) { try decode(event, into: &events) } catch {
                // A last event without its blank line was cut by the close, not sent broken.
                guard cut, case .malformed = error else { throw error }
                flushFinish(into: &events)
                throw .truncatedStream(detail: "OpenAI stream closed inside chunk \(chunkCount) (no data: [DONE])")
            }
        }
        guard doneSeen else {
            flushFinish(into: &events)
            throw .truncatedStream(detail: "OpenAI stream closed after \(chunkCount) chunks without data: [DONE]"
                + (finishSeen ? "" : " and without a finish_reason"))
        }
        guard finishSeen else {
            throw .truncatedStream(detail: "OpenAI stream ended with data: [DONE] after \(chunkCount) chunks but no finish_reason")
        }
    }

    private mutating func flushFinish(into events: inout [StreamEvent]) {
        if let reason = pendingFinish {
            events.append(.finish(reason))
            pendingFinish = nil
        }
    }

    private mutating func decode(_ event: SSEEvent, into events: inout [StreamEvent]) throws(ProviderError) {
        guard !doneSeen, !event.data.isEmpty else { return }
        if let name = event.event, name != "message", name != "error" { return }  // ping, unknown names
        if event.data.starts(with: OpenAIChat.donePayload) {
            doneSeen = true
            flushFinish(into: &events)
            if finishSeen { events.append(.done) }
            return
        }
        let index = chunkCount
        chunkCount += 1
        let json: JSONValue
        do { json = try JSONValue(parsing: event.data) } catch {
            throw .malformed(path: "$", detail: "stream chunk \(index) is not JSON: \(error)")
        }
        if let error = json["error"], !error.isNull {
            throw OpenAIChat.errorFromBody(status: 200, error: error, headers: [:], fallbackMessage: "error event in stream")
        }
        try chunk(json, into: &events)
    }

    private mutating func chunk(_ json: JSONValue, into events: inout [StreamEvent]) throws(ProviderError) {
        let root = try OpenAIReader(json, path: "$")
        if !started {
            events.append(.start(id: try root.requiredString("id"), model: try root.requiredString("model")))
            started = true
        }
        let usageReader = try root.object("usage")
        if usageReader == nil { flushFinish(into: &events) }
        let choices = try root.requiredObjects("choices")
        var finish: FinishReason?
        if let choice = choices.first(where: { ($0.object["index"]?.intValue ?? 0) == 0 }) {
            if let delta = try choice.object("delta") {
                if let text = try delta.nullableString("content"), !text.isEmpty { events.append(.textDelta(text)) }
                for call in try delta.objects("tool_calls") { try toolCall(call, into: &events) }
            }
            if let reason = try choice.nullableString("finish_reason") { finish = OpenAIChat.finishReason(reason) }
        }
        if let usageReader {
            events.append(.usage(try OpenAIChat.usage(usageReader)))
            flushFinish(into: &events)
        }
        if let finish {
            finishSeen = true
            if usageReader != nil { events.append(.finish(finish)) } else { pendingFinish = finish }
        }
    }

    /// The first delta of a call has its `id` and `function.name`; later ones only
    /// `index` and an `arguments` fragment.
    private mutating func toolCall(_ call: OpenAIReader, into events: inout [StreamEvent]) throws(ProviderError) {
        let providerIndex = try call.requiredInt("index")
        let function = try call.object("function")
        let canonical: Int
        if let known = calls[providerIndex] {
            canonical = known
        } else {
            guard let id = try call.string("id") else {
                throw ProviderError.malformed(path: call.path + ".id",
                    detail: "tool call delta for index \(providerIndex), which was never started with an id")
            }
            canonical = calls.count
            calls[providerIndex] = canonical
            events.append(.toolCallStart(index: canonical, id: id, name: try function?.string("name") ?? ""))
        }
        if let function, let value = function.object["arguments"], !value.isNull {
            guard case .string(let fragment) = value else { throw function.drift("arguments", "string", value) }
            if !fragment.isEmpty { events.append(.toolCallDelta(index: canonical, arguments: fragment)) }
        }
    }
}

extension OpenAIChat {
    static let donePayload: [UInt8] = Array("[DONE]".utf8)
    static let doneFrame: [UInt8] = Array("data: [DONE]\n\n".utf8)

    /// The stream head: SSE, no caching, the request id.
    static func streamHeaders(requestID: String) -> WireHeaders {
        var headers = OpenAIChat.headers(contentType: "text/event-stream; charset=utf-8", requestID: requestID)
        headers.add("cache-control", "no-cache")
        return headers
    }

    /// The service's stream for canonical events, one `data:` frame per chunk: a first
    /// chunk with `{"role": "assistant", "content": "", "refusal": null}` (when the answer
    /// opens with a tool call, that call's first chunk instead, with the role and
    /// `"content": null`), one chunk per text piece or tool-call fragment, a last choice chunk with `delta: {}` and the
    /// `finish_reason`, the `choices: []` usage chunk only when the request asked for it
    /// (`stream_options.include_usage`, every earlier chunk then has `"usage": null`),
    /// then `data: [DONE]`. Unless the request turned it off, every chunk ends with an
    /// `obfuscation` pad, as the service sends by default.
    public func encodeStream(_ events: [StreamEvent], for request: ChatRequest) -> (head: WireResponse, frames: [[UInt8]]) {
        var encoder = OpenAIChatStreamEncoder(
            model: request.model, includeUsage: request.includeStreamUsage, obfuscate: request.includeStreamObfuscation)
        for event in events { encoder.apply(event) }
        return (WireResponse(status: 200, headers: OpenAIChat.streamHeaders(requestID: OpenAIChat.requestID(encoder.id))),
            encoder.frames)
    }

    /// `data: {"error": {…}}`, the mid-stream error form the SDK raises as `APIError`.
    public func encodeStreamError(_ error: ProviderError) -> [UInt8] {
        var out: [UInt8] = Array("data: ".utf8)
        OpenAIChat.errorBody(OpenAIChat.wireError(error)).write(to: &out)
        out.append(contentsOf: "\n\n".utf8)
        return out
    }
}

/// Turns canonical events into OpenAI chunks as they come; the constant head of every
/// chunk (`id` … `choices`) is written once per stream.
struct OpenAIChatStreamEncoder {
    var id = ""
    var model: String
    let includeUsage: Bool
    /// Pad every chunk with `"obfuscation"` (the service's default; SDKs ignore the field).
    let obfuscate: Bool
    private(set) var frames: [[UInt8]] = []
    private var head: [UInt8] = []
    private var usage: Usage?
    private var announced: Set<Int> = []
    /// The role chunk waits for the first content: a stream that opens with a tool call
    /// carries the role in that call's chunk, with `"content": null`, as the service does.
    private var rolePending = false

    init(model: String, includeUsage: Bool, obfuscate: Bool = false) {
        self.model = model
        self.includeUsage = includeUsage
        self.obfuscate = obfuscate
    }

    static let choiceOpen: StaticString = #"[{"index":0,"delta":"#
    static let choiceFinish: StaticString = #","logprobs":null,"finish_reason":"#
    static let roleDelta: [UInt8] = Array(#"{"role":"assistant","content":"","refusal":null}"#.utf8)
    static let roleToolCallsOpen: [UInt8] = Array(#"{"role":"assistant","content":null,"tool_calls":"#.utf8)
    static let roleToolCallsClose: StaticString = #","refusal":null}"#
    static let choicesEnd: StaticString = "}]"
    static let nullUsage: StaticString = #","usage":null"#
    static let frameEnd: StaticString = "}\n\n"
    static let obfuscationKey: StaticString = #","obfuscation":""#
    static let padAlphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// Ends a chunk whose JSON is open after its last field: the pad, then `}` and the frame's end.
    /// The pad rounds the chunk's length up towards a multiple of 16 (1 to 16 characters),
    /// drawn from the frame number so a stream is the same bytes every time.
    private func close(_ out: inout [UInt8]) {
        if obfuscate {
            out.append(static: Self.obfuscationKey)
            let length = 16 - (out.count + 2) % 16
            var state = UInt64(frames.count &+ 1) &* 0x9E37_79B9_7F4A_7C15
            for _ in 0..<length {
                state ^= state >> 29
                state = state &* 0xBF58_476D_1CE4_E5B9
                out.append(Self.padAlphabet[Int(state >> 58) % Self.padAlphabet.count])
            }
            out.append(UInt8(ascii: "\""))
        }
        out.append(static: Self.frameEnd)
    }

    /// The constant part of every chunk, `data: {"id":…,"system_fingerprint":…,"choices":`.
    private mutating func open(id: String) {
        self.id = id
        var head: [UInt8] = Array("data: ".utf8)
        JSONValue.object([
            "id": .string(id), "object": "chat.completion.chunk", "created": .number(Double(OpenAIChat.created(id))),
            "model": .string(model), "service_tier": "default",
            "system_fingerprint": .string(OpenAIChat.fingerprint(model)),
        ]).write(to: &head)
        head.removeLast()  // reopen the object for `choices`
        head.append(contentsOf: #","choices":"#.utf8)
        self.head = head
    }

    mutating func apply(_ event: StreamEvent) {
        if head.isEmpty, case .start = event {} else if head.isEmpty {
            open(id: "chatcmpl-faultline")  // events without a start (a fault dropped it) still make valid chunks
        }
        switch event {
        case .start, .usage, .toolCallStart: break
        case .toolCallDelta(let index, _) where !announced.contains(index): break
        default: flushRole()
        }
        switch event {
        case .start(let id, let model):
            if !model.isEmpty { self.model = model }
            open(id: id)
            rolePending = true
        case .textDelta(let text):
            var delta: [UInt8] = Array(#"{"content":"#.utf8)
            JSONValue.writeString(text, to: &delta)
            delta.append(UInt8(ascii: "}"))
            frames.append(chunk(delta, finish: nil))
        case .toolCallStart(let index, let id, let name):
            announced.insert(index)
            let calls: JSONValue = [[
                "index": .number(Double(index)), "id": .string(id), "type": "function",
                "function": ["name": .string(name), "arguments": ""],
            ]]
            var delta: [UInt8]
            if rolePending {
                rolePending = false
                delta = Self.roleToolCallsOpen
                calls.write(to: &delta)
                delta.append(static: Self.roleToolCallsClose)
            } else {
                delta = Array(#"{"tool_calls":"#.utf8)
                calls.write(to: &delta)
                delta.append(UInt8(ascii: "}"))
            }
            frames.append(chunk(delta, finish: nil))
        case .toolCallDelta(let index, let fragment):
            guard announced.contains(index) else { return }
            let delta: JSONValue = ["tool_calls": [["index": .number(Double(index)), "function": ["arguments": .string(fragment)]]]]
            frames.append(chunk(delta.bytes, finish: nil))
        case .usage(let usage):
            self.usage = usage
        case .finish(let reason):
            frames.append(chunk("{}", finish: reason))
        case .done:
            if includeUsage, let usage {
                var out = head
                out.append(contentsOf: "[],\"usage\":".utf8)
                OpenAIChat.writeUsage(usage, to: &out)
                close(&out)
                frames.append(out)
            }
            frames.append(OpenAIChat.doneFrame)
        }
    }

    /// The first chunk, `{"role": "assistant", "content": "", "refusal": null}`, once
    /// something other than a tool call follows the start.
    private mutating func flushRole() {
        guard rolePending else { return }
        rolePending = false
        frames.append(chunk(Self.roleDelta, finish: nil))
    }

    private func chunk(_ delta: String, finish: FinishReason?) -> [UInt8] { chunk(Array(delta.utf8), finish: finish) }

    private func chunk(_ delta: [UInt8], finish: FinishReason?) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(head.count + delta.count + 80)
        out.append(contentsOf: head)
        out.append(static: Self.choiceOpen)
        out.append(contentsOf: delta)
        out.append(static: Self.choiceFinish)
        if let finish { JSONValue.writeString(finish.description, to: &out) } else { out.append(static: OpenAIChat.null) }
        out.append(static: Self.choicesEnd)
        if includeUsage { out.append(static: Self.nullUsage) }
        close(&out)
        return out
    }
}
