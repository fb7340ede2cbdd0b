import AsyncHTTPClient
import FaultlineChain
import FaultlineChaos
import FaultlineWire
import Foundation
import NIOCore

/// One live request to one provider, as its adapter would send it, measured: latency, time
/// to first token, the decoded answer or error, the tokens billed and the raw answer's shape.
/// No retry and no fallback: a canary measures the provider, not a policy.
struct CanaryProbe: Sendable {
    var provider: ProviderConfig
    var request: WireRequest
    /// Upper bound of what this request can cost: every body byte an input token, and the
    /// answer running to its `max_tokens`.
    var worstCaseUSD: Double
    var streaming: Bool

    init(provider: ProviderConfig, task: ChatRequest, apiKey: String?) {
        var chat = task
        chat.model = provider.model
        chat.maxTokens = chat.maxTokens ?? CanaryOptions.defaultMaxTokens
        self.provider = provider
        self.streaming = chat.stream
        self.request = provider.dialect.dialect.encodeRequest(chat, options: provider.clientOptions(apiKey: apiKey))
        self.worstCaseUSD = provider.price.dollars(input: request.body.count, output: chat.maxTokens ?? 0)
    }

    var url: String { provider.baseURL.trimmingSuffix("/") + request.path }

    /// What a dry run prints for this request: never a header value (they hold the key).
    func dryRunLine(requests: Int) -> String {
        "\(provider.name): \(requests) × \(request.method) \(url) (\(request.body.count) bytes, \(streaming ? "stream" : "no stream")), "
            + "worst case $\(ThresholdEvaluator.format(worstCaseUSD)) each, $\(ThresholdEvaluator.format(worstCaseUSD * Double(requests))) in all"
    }

    struct Sample: Sendable {
        var latencyMs: Double
        var ttftMs: Double?
        var outcome: Result<ChatResponse, ProviderError>
        /// The raw answer's shape, for a success.
        var shape: ShapeFingerprint?
        var dollars: Double
        var inputTokens: Int
        var outputTokens: Int
        /// What went over the wire, for `--record`: the answer and its pieces with their delays.
        var response: WireResponse
        var pieces: [(bytes: [UInt8], delayMs: Double)]
    }

    func send(with client: HTTPClient) async -> Sample {
        let started = ContinuousClock.now
        func elapsedMs() -> Double { started.duration(to: .now).seconds * 1000 }
        var http = HTTPClientRequest(url: url)
        http.method = .RAW(value: request.method)
        for (name, value) in request.headers { http.headers.add(name: name, value: value) }
        if !request.body.isEmpty { http.body = .bytes(ByteBuffer(bytes: request.body)) }
        let timeout = provider.timeouts.total ?? 120
        var pieces: [(bytes: [UInt8], delayMs: Double)] = []
        var wire = WireResponse(status: 0)
        do {
            let response = try await client.execute(http, timeout: .milliseconds(Int64(timeout * 1000)))
            wire.status = Int(response.status.code)
            for header in response.headers { wire.headers.add(header.name, header.value) }
            var last = elapsedMs()
            for try await buffer in response.body {
                let now = elapsedMs()
                let bytes = Array(buffer.readableBytesView)
                pieces.append((bytes, now - last))
                wire.body += bytes
                last = now
            }
        } catch {
            let failure = ProviderError.connectionReset(detail: "\(error)")
            return Sample(
                latencyMs: elapsedMs(), ttftMs: nil, outcome: .failure(failure), shape: nil, dollars: 0, inputTokens: 0,
                outputTokens: 0, response: wire, pieces: pieces)
        }
        let latency = elapsedMs()
        let isStream = streaming && (wire.headers["content-type"]?.hasPrefix("text/event-stream") ?? false)
        let slices = pieces.map { $0.bytes[...] }
        let outcome = FixtureVerdict.decode(wire, isStream: isStream, pieces: slices, dialect: provider.dialect.dialect)
        let usage = (try? outcome.get())?.usage
        let input = usage?.input ?? 0
        let output = usage?.output ?? 0
        return Sample(
            latencyMs: latency, ttftMs: isStream ? firstTokenMs(pieces) : latency, outcome: outcome,
            shape: wire.status < 300 ? DriftBaseline.fingerprint(wire.body, stream: isStream) : nil,
            dollars: provider.price.dollars(input: input, output: output, cached: usage?.cached ?? 0),
            inputTokens: input, outputTokens: output, response: wire, pieces: pieces)
    }

    /// When the piece holding the first token arrived, from the request's start.
    private func firstTokenMs(_ pieces: [(bytes: [UInt8], delayMs: Double)]) -> Double? {
        var decoder = provider.dialect.dialect.makeStreamDecoder()
        var at = 0.0
        for piece in pieces {
            at += piece.delayMs
            var events: [StreamEvent] = []
            try? decoder.feed(piece.bytes, into: &events)
            if events.contains(where: \.isToken) { return at }
        }
        return nil
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
