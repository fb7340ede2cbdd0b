import FaultlineWire

/// `faultline bench wire`: what reading the providers' wire formats costs.
///
/// - `sse framing`: a ~1 MB OpenAI-style stream body fed to `SSEParser` in 4 KiB pieces,
///   the size of a typical socket read.
/// - `<dialect> stream decode`: the dialect's own stream (from `encodeStream`) through its
///   `StreamDecoder`, in 4 KiB pieces; one chunk is one SSE event.
/// - `openai decode 1KB`, `json parse 1KB`: one ~1 KB non-streaming chat completion.
///
/// Each figure warms up first and reports the median of several timed runs, so one
/// scheduler hiccup on a shared machine does not move it. Total run stays under ~20 s.
public enum WireBenchmarks {
    public static func run() -> [String] {
        [
            sseFraming(),
            streamDecode(.openAIChat, name: "openai stream decode"),
            streamDecode(.anthropicMessages, name: "anthropic stream decode"),
            streamDecode(.gemini, name: "gemini stream decode"),
            openAIDecode(),
            jsonParse(),
        ]
    }

    static let pieceSize = 4096

    // MARK: - Figures

    static func sseFraming() -> String {
        let body = openAIStreamBody(minimumBytes: 1_000_000)
        var events = 0
        let median = medianRun(warmUp: 3, runs: 15) {
            var parser = SSEParser()
            var index = 0
            while index < body.count {
                let end = min(body.count, index + pieceSize)
                events &+= parser.feed(body[index..<end]).count
                index = end
            }
            events &+= parser.finish().count
        }
        guard events > 0 else { return BenchFormat.unavailable("sse framing", "no events parsed") }
        return BenchFormat.megabytesPerSecond("sse framing", bytes: body.count, in: median)
    }

    static func streamDecode(_ id: DialectID, name: String) -> String {
        let dialect = id.dialect
        let request = ChatRequest(model: benchModel(id), messages: [.user("Tell me a long story.")], stream: true)
        let response = ChatResponse(
            id: "bench-1", model: request.model, text: storyText(characters: 24_000), finishReason: .stop,
            usage: Usage(input: 12, output: 6000))
        let (head, frames) = dialect.encodeStream(response.streamEvents(piece: 12), for: request)
        // A placeholder dialect answers 500 with no frames; its decoder is not callable yet.
        guard head.status == 200, !frames.isEmpty else { return BenchFormat.unavailable(name, "dialect not implemented") }
        let body = frames.flatMap { $0 }
        var check = try? decodeStream(dialect, body)
        guard let events = check, events.contains(.done) else {
            return BenchFormat.unavailable(name, "decoder rejected its own dialect's stream")
        }
        check = nil
        let median = medianRun(warmUp: 3, runs: 15) { _ = try? decodeStream(dialect, body) }
        return BenchFormat.perSecond(name, count: frames.count, unit: "chunks", in: median)
    }

    static func openAIDecode() -> String {
        let name = "openai decode 1KB"
        let response = WireResponse(status: 200, headers: ["content-type": "application/json"], body: openAICompletionBody())
        let dialect = DialectID.openAIChat.dialect
        guard case .success = dialect.decodeResponse(response) else {
            return BenchFormat.unavailable(name, "dialect not implemented")
        }
        return BenchFormat.latency(name, samples(warmUp: 2_000, count: 50_000) { _ = dialect.decodeResponse(response) })
    }

    static func jsonParse() -> String {
        let body = openAICompletionBody()
        guard (try? JSONValue(parsing: body)) != nil else { return BenchFormat.unavailable("json parse 1KB", "invalid body") }
        return BenchFormat.latency("json parse 1KB", samples(warmUp: 2_000, count: 50_000) { _ = try? JSONValue(parsing: body) })
    }

    // MARK: - Measurement

    /// The median duration of `runs` timed runs of `body`, after `warmUp` untimed ones.
    static func medianRun(warmUp: Int, runs: Int, _ body: () -> Void) -> Duration {
        let clock = ContinuousClock()
        for _ in 0..<warmUp { body() }
        var durations: [Duration] = []
        for _ in 0..<runs { durations.append(clock.measure(body)) }
        return durations.sorted()[durations.count / 2]
    }

    /// One duration per call of `body`, after `warmUp` untimed calls.
    static func samples(warmUp: Int, count: Int, _ body: () -> Void) -> [Duration] {
        let clock = ContinuousClock()
        for _ in 0..<warmUp { body() }
        var result: [Duration] = []
        result.reserveCapacity(count)
        for _ in 0..<count {
            let start = clock.now
            body()
            result.append(clock.now - start)
        }
        return result
    }

    static func decodeStream(_ dialect: any Dialect, _ body: [UInt8]) throws(ProviderError) -> [StreamEvent] {
        var decoder = dialect.makeStreamDecoder()
        var events: [StreamEvent] = []
        var index = 0
        while index < body.count {
            let end = min(body.count, index + pieceSize)
            try decoder.feed(body[index..<end], into: &events)
            index = end
        }
        try decoder.finish(into: &events)
        return events
    }
}
