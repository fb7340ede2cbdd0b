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
        var pieces: [WireExchange.Piece]
    }

    func send(with client: HTTPClient) async -> Sample {
        let started = ContinuousClock.now
        func elapsedMs() -> Double { started.duration(to: .now).seconds * 1000 }
        let timeout = TimeAmount.milliseconds(Int64((provider.timeouts.total ?? 120) * 1000))
        let exchange: WireExchange
        do {
            exchange = try await WireExchange.send(request, to: url, client: client, timeout: timeout)
        } catch {
            return Sample(
                latencyMs: elapsedMs(), ttftMs: nil, outcome: .failure(.connectionReset(detail: "\(error.underlying)")), shape: nil,
                dollars: 0, inputTokens: 0, outputTokens: 0, response: error.partial.response, pieces: error.partial.pieces)
        }
        let latency = elapsedMs()
        let wire = exchange.response
        let isStream = streaming && (wire.headers["content-type"]?.hasPrefix("text/event-stream") ?? false)
        let outcome = FixtureVerdict.decode(wire, isStream: isStream, pieces: exchange.slices, dialect: provider.dialect.dialect)
        let usage = (try? outcome.get())?.usage
        let input = usage?.input ?? 0
        let output = usage?.output ?? 0
        return Sample(
            latencyMs: latency, ttftMs: isStream ? firstTokenMs(exchange.pieces).map { exchange.headMs + $0 } : latency, outcome: outcome,
            shape: wire.status < 300 ? DriftBaseline.fingerprint(wire.body, stream: isStream) : nil,
            dollars: provider.price.dollars(input: input, output: output, cached: usage?.cached ?? 0),
            inputTokens: input, outputTokens: output, response: wire, pieces: exchange.pieces)
    }

    /// When the piece holding the first token arrived, after the response head.
    private func firstTokenMs(_ pieces: [WireExchange.Piece]) -> Double? {
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
