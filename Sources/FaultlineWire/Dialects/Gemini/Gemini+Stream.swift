/// Decodes a Gemini `?alt=sse` stream: every `data:` event is a whole
/// `GenerateContentResponse`. There is no terminal event, so the stream is complete
/// only when a candidate with a `finishReason` arrived before the close; `finish(into:)`
/// emits `.done` then, and `.truncatedStream` otherwise. Unlike google-genai (which
/// breaks on them) it accepts comments, `event:`, `id:` and `retry:` lines.
public struct GeminiStreamDecoder: StreamDecoder {
    private var parser = SSEParser()
    private var started = false
    private var finished = false
    private var done = false
    private var toolCallCount = 0
    private var chunkCount = 0

    public init() {}

    public mutating func feed(_ bytes: some Collection<UInt8>, into events: inout [StreamEvent]) throws(ProviderError) {
        for event in parser.feed(bytes) { try decode(event, into: &events) }
    }

    public mutating func finish(into events: inout [StreamEvent]) throws(ProviderError) {
        for event in parser.finish() { try decode(event, into: &events) }
        guard finished else {
            throw .truncatedStream(detail: "Gemini stream closed after \(chunkCount) chunks without a candidate finishReason")
        }
        if !done {
            done = true
            events.append(.done)
        }
    }

    private mutating func decode(_ event: SSEEvent, into events: inout [StreamEvent]) throws(ProviderError) {
        guard !event.data.isEmpty else { return }
        let index = chunkCount
        chunkCount += 1
        let json: JSONValue
        do { json = try JSONValue(parsing: event.data) } catch {
            throw .malformed(path: "$", detail: "stream chunk \(index) is not JSON: \(error)")
        }
        if let error = json["error"]?.objectValue {
            let status = error["code"]?.intValue ?? 500
            throw Gemini.classify(
                status: status, statusName: error["status"]?.stringValue ?? "",
                message: error["message"]?.stringValue ?? "error event in stream",
                details: error["details"]?.arrayValue ?? [], headers: [:])
        }
        let chunk = try GeminiChunk(json, path: "$")
        if !started {
            started = true
            events.append(.start(id: chunk.responseId ?? "", model: chunk.modelVersion ?? ""))
        }
        if let blocked = chunk.blockedPrompt, chunk.candidate == nil { throw blocked }
        if let candidate = chunk.candidate {
            if !candidate.text.isEmpty { events.append(.textDelta(candidate.text)) }
            for call in candidate.toolCalls {
                events.append(.toolCallStart(index: toolCallCount, id: call.id, name: call.name))
                events.append(.toolCallDelta(index: toolCallCount, arguments: call.arguments.jsonString))
                toolCallCount += 1
            }
        }
        if let usage = chunk.usage { events.append(.usage(usage)) }
        if let raw = chunk.candidate?.finishReason {
            finished = true
            events.append(.finish(Gemini.finishReason(raw, hasToolCalls: toolCallCount > 0)))
        }
    }
}

extension Gemini {
    static let streamHeaders: WireHeaders = [
        "content-type": "text/event-stream",
        "content-disposition": "attachment",
        "vary": "Origin, X-Origin, Referer",
        "transfer-encoding": "chunked",
        "server": "scaffolding on HTTPServer2",
        "x-xss-protection": "0",
        "x-frame-options": "SAMEORIGIN",
        "x-content-type-options": "nosniff",
    ]

    static let framePrefix: [UInt8] = Array("data: ".utf8)
    /// The service ends each event with `\r\n\r\n`; google-genai splits lines either way.
    static let frameSuffix: StaticString = "\r\n\r\n"

    /// One `data: {json}` frame, the only line form google-genai accepts.
    static func frame(_ json: JSONValue) -> [UInt8] {
        var out = framePrefix
        out.reserveCapacity(256)
        json.write(to: &out)
        out.append(static: frameSuffix)
        return out
    }

    /// The service's stream for canonical events: one chunk per text delta; the calls
    /// of one turn arrive whole, together in one chunk (Gemini does not stream argument
    /// fragments by default); the last chunk carries `finishReason` and full usage; every
    /// earlier chunk carries the prompt count, since `usageMetadata` is on every chunk.
    public func encodeStream(_ events: [StreamEvent], for request: ChatRequest) -> (head: WireResponse, frames: [[UInt8]]) {
        var encoder = GeminiStreamEncoder(model: request.model)
        for case .usage(let usage) in events { encoder.finalUsage = usage }
        for event in events { encoder.apply(event) }
        return (WireResponse(status: 200, headers: Gemini.streamHeaders), encoder.finish())
    }

    /// `data: {"error": {...}}`, `error` first as the SDK requires; a filtered prompt is
    /// the `promptFeedback` chunk instead.
    public func encodeStreamError(_ error: ProviderError) -> [UInt8] {
        if case .contentFiltered(let detail) = error { return Gemini.frame(Gemini.blockedPromptBody(detail)) }
        return Gemini.frame(Gemini.errorBody(error).body)
    }

    /// A blocked prompt on `streamGenerateContent` is still a 200 stream: one chunk with
    /// `promptFeedback` (and the prompt's usage), no candidates. Other errors are plain responses.
    public func encodeStreamRefusal(_ error: ProviderError, for request: ChatRequest) -> (head: WireResponse, frames: [[UInt8]])? {
        guard case .contentFiltered(let detail) = error else { return nil }
        return (WireResponse(status: 200, headers: Gemini.streamHeaders), [Gemini.frame(Gemini.blockedPromptBody(detail, for: request))])
    }
}

/// Groups canonical events into Gemini chunks; a chunk is written once the next one begins.
struct GeminiStreamEncoder {
    var id = ""
    var model: String
    var finalUsage: Usage?
    var finishReason: FinishReason?
    var frames: [[UInt8]] = []
    var pendingText: String?
    var pendingCalls: [(id: String, name: String, arguments: String)] = []

    init(model: String) { self.model = model }

    mutating func apply(_ event: StreamEvent) {
        switch event {
        case .start(let id, let model):
            self.id = id
            if !model.isEmpty { self.model = model }
        case .textDelta(let text):
            flush(final: false)
            pendingText = text
        case .toolCallStart(let index, let id, let name):
            if pendingText != nil { flush(final: false) }
            while pendingCalls.count <= index { pendingCalls.append((id: "", name: "", arguments: "")) }
            pendingCalls[index].id = id
            pendingCalls[index].name = name
        case .toolCallDelta(let index, let fragment):
            while pendingCalls.count <= index { pendingCalls.append((id: "", name: "", arguments: "")) }
            pendingCalls[index].arguments += fragment
        case .usage(let usage): finalUsage = usage
        case .finish(let reason): finishReason = reason
        case .done: break
        }
    }

    mutating func finish() -> [[UInt8]] {
        flush(final: true)
        return frames
    }

    private mutating func flush(final: Bool) {
        guard final || pendingText != nil || !pendingCalls.isEmpty else { return }
        var parts: [JSONValue] = []
        if let text = pendingText { parts.append(["text": .string(text)]) }
        for call in pendingCalls where !call.name.isEmpty {
            let raw = call.arguments.isEmpty ? "{}" : call.arguments
            let arguments = (try? JSONValue(parsing: raw)) ?? .string(raw)
            parts.append(["functionCall": Gemini.functionCall(ToolCall(id: call.id, name: call.name, arguments: arguments))])
        }
        if parts.isEmpty { parts.append(["text": ""]) }
        var candidate: [(key: String, value: JSONValue)] = [("content", ["parts": .array(parts), "role": "model"])]
        if final, let finish = finishReason {
            candidate.append(("finishReason", .string(Gemini.wireFinishReason(finish))))
            candidate.append(("index", 0))
        }
        var chunk: [(key: String, value: JSONValue)] = [("candidates", [.object(JSONObject(candidate))])]
        if let usage = finalUsage {
            chunk.append(("usageMetadata", final ? Gemini.usageMetadata(usage) : Gemini.promptOnlyUsageMetadata(usage)))
        }
        chunk.append(("modelVersion", .string(model)))
        if !id.isEmpty { chunk.append(("responseId", .string(id))) }
        frames.append(Gemini.frame(.object(JSONObject(chunk))))
        pendingText = nil
        pendingCalls.removeAll()
    }
}
