import FaultlineChaos
import FaultlineWire

/// `faultline bench mock`: what answering costs the mock on top of its HTTP transport,
/// the part the wrk run in `Benchmarks/mock/run.sh` cannot separate from the kernel and
/// wrk sharing the cores. One `MockResponder.script(for:)` per call, on one core:
///
/// - `mock answer, every request different`: the wrk varied run's OpenAI request with a
///   counter in the user message, so every call decodes, generates and encodes;
/// - `mock answer, repeated request`: the same request each time, answered from the cache.
enum MockBenchmarks {
    static func run() -> [String] {
        let responder = MockResponder(configuration: MockConfiguration(seed: 1, epoch: 1_795_000_000))
        let headers: WireHeaders = ["content-type": "application/json", "authorization": "Bearer bench"]
        func request(_ user: String) -> MockRequest {
            let body = #"{"model":"gpt-4o-mini","messages":[{"role":"system","content":"You are terse."},{"role":"user","content":""#
                + user + #""}]}"#
            return MockRequest(
                dialect: .openAIChat, wire: WireRequest(path: "/v1/chat/completions", headers: headers, body: Array(body.utf8)))
        }
        let count = 60_000
        let varied = (0..<count).map { request("Benchmark 1-\($0): say hello in one sentence.") }
        let repeated = request("Benchmark: say hello in one sentence.")
        guard case .head(200, _, _) = responder.script(for: repeated).steps.first else {
            return [BenchFormat.unavailable("mock answer", "the responder did not answer 200")]
        }
        var index = 0
        let variedSamples = WireBenchmarks.samples(warmUp: 0, count: count) {
            _ = responder.script(for: varied[index])
            index += 1
        }
        let repeatedSamples = WireBenchmarks.samples(warmUp: 2_000, count: 50_000) { _ = responder.script(for: repeated) }
        return [
            BenchFormat.latency("mock answer, every request different", variedSamples),
            BenchFormat.latency("mock answer, repeated request", repeatedSamples),
        ]
    }
}
