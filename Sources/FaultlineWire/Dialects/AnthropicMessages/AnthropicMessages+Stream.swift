/// Decodes an Anthropic Messages stream: `message_start`, then per content block
/// `content_block_start` / `_delta`… / `_stop`, then `message_delta` (stop reason and
/// cumulative output usage), then `message_stop`.
///
/// The SDK ends quietly when a stream is cut before `message_stop`; this decoder
/// reports it: `finish(into:)` throws `.truncatedStream` unless `message_stop` came.
/// It is more tolerant than the SDK where the standard allows: an event whose
/// `event:` line is missing is read by its `data.type` (the SDK drops it), `ping`,
/// comments, `id:`/`retry:` and unknown event names are skipped. It is stricter where
/// the `messages.stream()` helper is: a delta for a block never started, or content
/// before `message_start`, is malformed.
public struct AnthropicStreamDecoder: StreamDecoder {
    private enum State: Sendable {
        case awaitingStart
        case streaming
        case stopped
    }

    private enum Block: Sendable {
        case text
        case toolUse(callIndex: Int)
        case other
    }

    private var parser = SSEParser()
    private var state = State.awaitingStart
    private var blocks: [Int: Block] = [:]
    private var callCount = 0
    private var eventCount = 0
    private var lastEvent = "none"
    /// Input-side usage from `message_start`: uncached input, cache creation, cache reads.
    private var input = (uncached: 0, creation: 0, read: Int?.none)

    public init() {}

    public mutating func feed(_ bytes: some Collection<UInt8>, into events: inout [StreamEvent]) throws(ProviderError) {
        for event in parser.feed(bytes) { try decode(event, into: &events) }
    }

    public mutating func finish(into events: inout [StreamEvent]) throws(ProviderError) {
        for event in parser.finish() { try decode(event, into: &events) }
        guard case .stopped = state else {
            throw .truncatedStream(
                detail: "Anthropic stream closed after \(eventCount) events without message_stop (last event: \(lastEvent))")
        }
    }

    private mutating func decode(_ event: SSEEvent, into events: inout [StreamEvent]) throws(ProviderError) {
        // After message_stop the answer is complete: whatever follows is not read.
        if case .stopped = state { return }
        guard !event.data.isEmpty, event.event != "ping" else { return }
        let index = eventCount
        eventCount += 1
        let json: JSONValue
        do { json = try JSONValue(parsing: event.data) } catch {
            throw .malformed(path: "$", detail: "stream event \(index) (\(event.event ?? "no event name")) is not JSON: \(error)")
        }
        let name = event.event ?? json["type"]?.stringValue ?? ""
        lastEvent = name
        switch name {
        case "ping": return
        case "error":
            throw AnthropicMessages.errorFromBody(status: 200, json: json, headers: [:], fallbackMessage: "error event in stream")
        case "message_start":
            guard case .awaitingStart = state else {
                throw ProviderError.malformed(path: "$", detail: "stream event \(index): a second message_start")
            }
            try start(json, into: &events)
        case "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop":
            guard case .streaming = state else {
                throw ProviderError.malformed(path: "$", detail: "stream event \(index): \(name) before message_start")
            }
            try content(name, json, into: &events)
        default: return  // new event names appear; the raw SDK stream yields them, the helper ignores them
        }
    }

    private mutating func start(_ json: JSONValue, into events: inout [StreamEvent]) throws(ProviderError) {
        let message = try AnthropicReader(json, path: "$").requiredObject("message")
        let id = try message.requiredString("id")
        let model = try message.requiredString("model")
        state = .streaming
        events.append(.start(id: id, model: model))
        if let usage = try message.object("usage") {
            input = (try usage.int("input_tokens") ?? 0, try usage.int("cache_creation_input_tokens") ?? 0,
                try usage.int("cache_read_input_tokens"))
            // The prompt is billed from here on, even if the stream is cut before
            // `message_delta`; output is left at 0 so a cut stream's output is estimated.
            events.append(.usage(Usage(input: input.uncached + input.creation + (input.read ?? 0), output: 0, cached: input.read)))
        }
    }

    private mutating func content(_ name: String, _ json: JSONValue, into events: inout [StreamEvent]) throws(ProviderError) {
        let root = try AnthropicReader(json, path: "$")
        switch name {
        case "content_block_start":
            let index = try root.requiredInt("index")
            let block = try root.requiredObject("content_block")
            switch try block.requiredString("type") {
            case "text":
                blocks[index] = .text
                if let text = try block.string("text"), !text.isEmpty { events.append(.textDelta(text)) }
            case "tool_use":
                let call = callCount
                callCount += 1
                blocks[index] = .toolUse(callIndex: call)
                events.append(.toolCallStart(index: call, id: try block.requiredString("id"), name: try block.requiredString("name")))
                // The service opens with `"input": {}`; anything but an object is drift.
                guard let input = block.object["input"], case .object(let object) = input else {
                    throw block.drift("input", "object", block.object["input"])
                }
                if !object.isEmpty { events.append(.toolCallDelta(index: call, arguments: input.jsonString)) }
            default: blocks[index] = .other  // thinking, redacted_thinking, server tools
            }
        case "content_block_delta":
            let index = try root.requiredInt("index")
            guard let block = blocks[index] else {
                throw ProviderError.malformed(path: "$.index", detail: "content_block_delta for block \(index), which was never started")
            }
            let delta = try root.requiredObject("delta")
            switch (try delta.requiredString("type"), block) {
            case ("text_delta", .text):
                let text = try delta.requiredString("text")
                if !text.isEmpty { events.append(.textDelta(text)) }
            case ("input_json_delta", .toolUse(let call)):
                let fragment = try delta.requiredString("partial_json")
                if !fragment.isEmpty { events.append(.toolCallDelta(index: call, arguments: fragment)) }
            case ("text_delta", _), ("input_json_delta", _):
                throw ProviderError.malformed(path: "$.delta.type", detail: "delta does not match the type of block \(index)")
            default: break  // thinking_delta, signature_delta, citations_delta
            }
        case "content_block_stop":
            _ = try root.requiredInt("index")
        case "message_delta":
            let delta = try root.requiredObject("delta")
            let stopReason = try delta.string("stop_reason")
            if let usage = try root.object("usage") {
                // Cumulative: later events repeat and raise the counts. Newer service
                // versions repeat the input side here too; it wins when present.
                if let uncached = try usage.int("input_tokens") { input.uncached = uncached }
                if let creation = try usage.int("cache_creation_input_tokens") { input.creation = creation }
                if let read = try usage.int("cache_read_input_tokens") { input.read = read }
                let output = try usage.requiredInt("output_tokens")
                events.append(.usage(Usage(
                    input: input.uncached + input.creation + (input.read ?? 0), output: output, cached: input.read)))
            }
            if let stopReason { events.append(.finish(AnthropicMessages.finishReason(stopReason))) }
        default:  // message_stop
            state = .stopped
            events.append(.done)
        }
    }
}

extension AnthropicMessages {
    /// The stream head: the service answers SSE with `cache-control: no-cache`.
    static func streamHeaders(requestID: String) -> WireHeaders {
        var headers = WireHeaders([
            (name: "content-type", value: "text/event-stream; charset=utf-8"),
            (name: "cache-control", value: "no-cache"),
        ])
        for field in AnthropicMessages.headers(contentType: "", requestID: requestID) where field.name != "content-type" {
            headers.add(field.name, field.value)
        }
        return headers
    }

    /// `event: NAME\ndata: {json}\n\n`, the only frame form the service writes.
    static func frame(_ name: String, _ json: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(128)
        out.append(static: eventPrefix)
        out.append(contentsOf: name.utf8)
        out.append(static: dataPrefix)
        json.write(to: &out)
        out.append(static: frameEnd)
        return out
    }

    static let eventPrefix: StaticString = "event: "
    static let dataPrefix: StaticString = "\ndata: "
    static let frameEnd: StaticString = "\n\n"
    static let pingFrame: [UInt8] = Array("event: ping\ndata: {\"type\": \"ping\"}\n\n".utf8)

    /// The service's stream for canonical events, one frame per SSE event:
    /// `message_start` (with the input usage, as the service counts the prompt first),
    /// a `ping`, one content block per text run or tool call (a tool call opens with
    /// `"input": {}` and an empty `partial_json`, as the service does), `message_delta`
    /// at `.finish` with the cumulative usage (input side repeated, then output),
    /// `message_stop` at `.done`.
    public func encodeStream(_ events: [StreamEvent], for request: ChatRequest) -> (head: WireResponse, frames: [[UInt8]]) {
        var encoder = AnthropicStreamEncoder(model: request.model)
        for case .usage(let usage) in events { encoder.finalUsage = usage }
        for event in events { encoder.apply(event) }
        return (WireResponse(status: 200, headers: AnthropicMessages.streamHeaders(requestID: AnthropicMessages.requestID(encoder.id))),
            encoder.frames)
    }

    /// `event: error` with the error body, as the service sends an overload mid-stream.
    public func encodeStreamError(_ error: ProviderError) -> [UInt8] {
        let wire = AnthropicMessages.wireError(error)
        let requestID = AnthropicMessages.requestID("\(wire.status) \(wire.message)")
        return AnthropicMessages.frame("error", AnthropicMessages.errorBody(type: wire.type, message: wire.message, requestID: requestID))
    }
}

/// Turns canonical events into Anthropic frames as they come.
struct AnthropicStreamEncoder {
    private enum Open { case none, text(Int), tool(Int) }

    var id = ""
    var model: String
    var finalUsage: Usage?
    private(set) var frames: [[UInt8]] = []
    private var usage: Usage?
    private var open = Open.none
    private var nextBlock = 0
    private var toolBlocks: [Int: Int] = [:]

    init(model: String) { self.model = model }

    mutating func apply(_ event: StreamEvent) {
        switch event {
        case .start(let id, let model):
            self.id = id
            if !model.isEmpty { self.model = model }
            let message: JSONValue = .object(JSONObject([
                ("id", .string(id)), ("type", "message"), ("role", "assistant"), ("model", .string(self.model)),
                ("content", []), ("stop_reason", .null), ("stop_sequence", .null),
                ("usage", AnthropicMessages.usageJSON(finalUsage, output: 1)),
            ]))
            frames.append(AnthropicMessages.frame("message_start", ["type": "message_start", "message": message]))
            frames.append(AnthropicMessages.pingFrame)
        case .textDelta(let text):
            let index: Int
            if case .text(let open) = open {
                index = open
            } else {
                index = openBlock(["type": "text", "text": ""])
                self.open = .text(index)
            }
            frames.append(delta(index, text, json: false))
        case .toolCallStart(let call, let id, let name):
            let index = openBlock(["type": "tool_use", "id": .string(id), "name": .string(name), "input": [:]])
            open = .tool(index)
            toolBlocks[call] = index
            frames.append(delta(index, "", json: true))
        case .toolCallDelta(let call, let fragment):
            guard let index = toolBlocks[call] else { return }
            frames.append(delta(index, fragment, json: true))
        case .usage(let usage):
            self.usage = usage
        case .finish(let reason):
            closeBlock()
            var fields: [(key: String, value: JSONValue)] = [
                ("type", "message_delta"),
                ("delta", ["stop_reason": .string(AnthropicMessages.stopReason(reason)), "stop_sequence": .null]),
            ]
            if let usage { fields.append(("usage", AnthropicMessages.deltaUsageJSON(usage))) }
            frames.append(AnthropicMessages.frame("message_delta", .object(JSONObject(fields))))
        case .done:
            closeBlock()
            frames.append(AnthropicMessages.frame("message_stop", ["type": "message_stop"]))
        }
    }

    private mutating func openBlock(_ block: JSONValue) -> Int {
        closeBlock()
        let index = nextBlock
        nextBlock += 1
        frames.append(AnthropicMessages.frame(
            "content_block_start", ["type": "content_block_start", "index": .number(Double(index)), "content_block": block]))
        return index
    }

    private mutating func closeBlock() {
        switch open {
        case .none: return
        case .text(let index), .tool(let index):
            frames.append(AnthropicMessages.frame("content_block_stop", ["type": "content_block_stop", "index": .number(Double(index))]))
        }
        open = .none
    }

    private func delta(_ index: Int, _ fragment: String, json: Bool) -> [UInt8] {
        AnthropicMessages.deltaFrame(index: index, text: fragment, json: json)
    }
}
