import FaultlineChain
import FaultlineChaos
import FaultlineWire
import Foundation

/// `faultline bench sim`: simulated tasks per second through the real chain, mock and
/// codecs, and a one-million-task chaos scenario's time and memory.
public enum SimulationBenchmarks {
    public static func run(tasks: Int = 1_000_000) -> [String] {
        let chain = benchmarkChain()
        let task = TaskDefinition(
            name: "weather-tool", file: "(bench)",
            request: ChatRequest(
                model: "", messages: [.user("What is the weather in Paris?")],
                tools: [Tool(name: "get_weather", parameters: ["type": "object", "properties": ["city": ["type": "string"]], "required": ["city"]])],
                toolChoice: .tool("get_weather"), maxTokens: 256),
            shape: .toolCall(name: "get_weather", arguments: nil))
        let faults = ["openai-primary": ["throttle(retry_after=1, p=0.08)", "reset(p=0.02)"]]
        var lines: [String] = []

        // Warm-up, then a 100k-task run for the rate.
        _ = simulate(chain: chain, task: task, faults: faults, tasks: 10_000)
        let rateRun = simulate(chain: chain, task: task, faults: faults, tasks: 100_000)
        lines.append("simulated tasks: \(Int(100_000 / rateRun.seconds)) tasks/s")

        let rssBefore = residentMegabytes()
        let big = simulate(chain: chain, task: task, faults: faults, tasks: tasks)
        let rssAfter = residentMegabytes()
        lines.append("\(tasks / 1000)k-task chaos scenario: \(String(format: "%.1f", big.seconds)) s, \(Int(Double(tasks) / big.seconds)) tasks/s")
        lines.append("simulation memory: \(String(format: "%.0f", rssBefore)) MiB before, \(String(format: "%.0f", rssAfter)) MiB after \(tasks / 1000)k tasks")
        return lines
    }

    static func simulate(chain: ChainConfig, task: TaskDefinition, faults: [String: [String]], tasks: Int) -> (seconds: Double, metrics: [Metric]) {
        let responder = MockResponder(configuration: ChaosScenario.mockConfiguration(
            chain: chain, faults: faults, seed: 7, timing: MockTiming(), epoch: ChaosScenario.virtualEpoch))
        let run = VirtualRun(chain: chain, task: task, requests: tasks, concurrency: 64, arrivalRate: nil, seed: 7, responder: responder)
        let start = ContinuousClock.now
        let outcome = run.run(into: MetricsCollector(providers: chain.providers.map(\.name)))
        return (start.duration(to: .now).seconds, outcome.metrics.metrics())
    }

    static func benchmarkChain() -> ChainConfig {
        let timeouts = PhaseTimeouts(connect: 5, firstByte: 20, firstToken: 20, idle: 10, total: 60)
        return ChainConfig(
            name: "bench",
            providers: [
                ProviderConfig(name: "openai-primary", dialect: .openAIChat, baseURL: "http://127.0.0.1", model: "gpt-4o-mini", price: Price(input: 0.15, output: 0.6), timeouts: timeouts),
                ProviderConfig(name: "anthropic-fallback", dialect: .anthropicMessages, baseURL: "http://127.0.0.1", model: "claude-3-5-haiku-latest", price: Price(input: 0.8, output: 4), timeouts: timeouts),
                ProviderConfig(name: "gemini-fallback", dialect: .gemini, baseURL: "http://127.0.0.1", model: "gemini-2.0-flash", price: Price(input: 0.1, output: 0.4), timeouts: timeouts),
            ])
    }

    /// Resident set size from /proc (Linux), in MiB.
    static func residentMegabytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
            return kb / 1024
        }
        return 0
    }
}
