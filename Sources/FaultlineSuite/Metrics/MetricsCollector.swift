import Foundation
import Histogram

/// Streams task samples into the metrics of DESIGN.md: counters and HDR histograms,
/// so a million-task scenario keeps memory flat (no trace is kept).
public struct MetricsCollector: Sendable {
    private var tasks = 0
    private var delivered = 0
    private var outcomes: [String: Int] = [:]
    private var latency = Histogram<UInt64>(highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: .three)
    private var ttft = Histogram<UInt64>(highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: .three)
    private var recovery = Histogram<UInt64>(highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: .three)
    private var attemptsTotal = 0
    private var attemptsMax = 0
    private var billedInput = 0, billedOutput = 0, wastedInput = 0, wastedOutput = 0
    private var cost = 0.0, wastedCost = 0.0, timeoutWaste = 0.0
    private var shapeClean = 0, shapeRepaired = 0, estimated = 0
    private var causes: [String: Double] = [:]
    private var providers: [String: ProviderTally] = [:]
    private var providerOrder: [String] = []

    /// The cost of one clean attempt on the primary, the overhead ratio's denominator.
    public var cleanPrimaryCost: Double?

    public init(providers: [String] = []) {
        for p in providers { tally(p) }
    }

    fileprivate struct ProviderTally: Sendable {
        var attempts = 0, successes = 0, failures = 0, timeouts = 0
        var answered = 0, answeredValid = 0
        var input = 0, output = 0
        var cost = 0.0
        var latency = Histogram<UInt64>(highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: .two)
    }

    private mutating func tally(_ provider: String) {
        if providers[provider] == nil {
            providers[provider] = ProviderTally()
            providerOrder.append(provider)
        }
    }

    private static func micros(_ seconds: Double) -> UInt64 { UInt64(max(0, min(seconds, 3600)) * 1_000_000) }

    public mutating func record(_ sample: TaskSample) {
        tasks += 1
        outcomes[sample.outcome, default: 0] += 1
        if sample.delivered {
            delivered += 1
            _ = recovery.record(Self.micros(sample.recoveryLatency))
            if let t = sample.ttft { _ = ttft.record(Self.micros(t)) }
        }
        _ = latency.record(Self.micros(sample.latency))
        attemptsTotal += sample.attempts.count
        attemptsMax = max(attemptsMax, sample.attempts.count)
        if sample.shapeClean { shapeClean += 1 }
        if sample.shapeRepaired { shapeRepaired += 1 }
        if sample.usageEstimated { estimated += 1 }
        for attempt in sample.attempts {
            billedInput += attempt.inputTokens
            billedOutput += attempt.outputTokens
            cost += attempt.cost
            if !attempt.delivered {
                wastedInput += attempt.inputTokens
                wastedOutput += attempt.outputTokens
                wastedCost += attempt.cost
            }
            if attempt.timedOut { timeoutWaste += attempt.duration }
            if attempt.retryAfterWait > 0 { causes["waiting on retry-after from \(attempt.provider)", default: 0] += attempt.retryAfterWait }
            if let kind = attempt.errorKind { causes["\(kind.replacingOccurrences(of: "_", with: " ")) at \(attempt.provider)", default: 0] += attempt.duration }
            tally(attempt.provider)
            providers[attempt.provider]!.record(attempt)
        }
    }

    /// Scenario metrics in catalogue order; percentiles in milliseconds.
    public func metrics(verdicts: [String: Int] = [:]) -> [Metric] {
        let n = Double(max(tasks, 1))
        let successes = Double(shapeRepaired)
        var out: [Metric] = [Metric("success_rate", tasks == 0 ? 0 : successes / n)]
        for outcome in MetricCatalogue.outcomes { out.append(Metric("outcome.\(outcome)", Double(outcomes[outcome] ?? 0))) }
        out += Self.percentiles("latency_ms", latency, [50, 95, 99])
        out += Self.percentiles("ttft_ms", ttft, [50, 95, 99])
        out += Self.percentiles("recovery_latency_ms", recovery, [50, 95, 99])
        out.append(Metric("attempts.mean", tasks == 0 ? 0 : Double(attemptsTotal) / n))
        out.append(Metric("attempts.max", Double(attemptsMax)))
        out.append(Metric("tokens.billed_input", Double(billedInput)))
        out.append(Metric("tokens.billed_output", Double(billedOutput)))
        out.append(Metric("tokens.wasted_input", Double(wastedInput)))
        out.append(Metric("tokens.wasted_output", Double(wastedOutput)))
        out.append(Metric("tokens.estimated_tasks", Double(estimated)))
        out.append(Metric("cost.total_usd", Self.round(cost)))
        out.append(Metric("cost.wasted_usd", Self.round(wastedCost)))
        let perSuccess = successes > 0 ? cost / successes : 0
        out.append(Metric("cost.per_success_usd", Self.round(perSuccess)))
        let ratio = (cleanPrimaryCost ?? 0) > 0 && successes > 0 ? perSuccess / cleanPrimaryCost! : 0
        out.append(Metric("cost.overhead_ratio", Self.round(ratio)))
        out.append(Metric("timeout_waste_s", Self.round(timeoutWaste)))
        let deliveredCount = Double(max(delivered, 1))
        out.append(Metric("shape_stability", delivered == 0 ? 0 : Double(shapeClean) / deliveredCount))
        out.append(Metric("shape_stability_repaired", delivered == 0 ? 0 : Double(shapeRepaired) / deliveredCount))
        out.append(Metric("delivered", Double(delivered)))
        for verdict in MetricCatalogue.verdicts { out.append(Metric("verdicts.\(verdict)", Double(verdicts[verdict] ?? 0))) }
        return out
    }

    /// Per-provider metrics; `health` is given by the chain's health book when known.
    public func providerMetrics(health: [String: Double] = [:], breakerOpens: [String: Int] = [:]) -> [ProviderMetrics] {
        providerOrder.map { name in
            let t = providers[name]!
            return ProviderMetrics(provider: name, metrics: [
                Metric("attempts", Double(t.attempts)),
                Metric("successes", Double(t.successes)),
                Metric("failures", Double(t.failures)),
                Metric("timeouts", Double(t.timeouts)),
                Metric("shape_stability", t.answered == 0 ? 0 : Double(t.answeredValid) / Double(t.answered)),
                Metric("health", health[name] ?? (t.attempts == 0 ? 1 : Double(t.successes) / Double(t.attempts))),
                Metric("breaker_opens", Double(breakerOpens[name] ?? 0)),
                Metric("tokens.billed_input", Double(t.input)),
                Metric("tokens.billed_output", Double(t.output)),
                Metric("cost.total_usd", Self.round(t.cost)),
                Metric("latency_ms.p50", t.attempts == 0 ? 0 : Double(t.latency.valueAtPercentile(50)) / 1000),
                Metric("latency_ms.p99", t.attempts == 0 ? 0 : Double(t.latency.valueAtPercentile(99)) / 1000),
            ])
        }
    }

    /// The end-to-end latency CDF at fixed fractions, for plots.
    public func latencyCDF() -> [CDFPoint] {
        guard tasks > 0 else { return [] }
        let fractions: [Double] = [0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1]
        return fractions.map { f in
            let value = f == 1 ? latency.max : latency.valueAtPercentile(max(f * 100, 0.0001))
            return CDFPoint(latencyMs: Double(value) / 1000, fraction: f)
        }
    }

    public var taskCount: Int { tasks }

    /// The largest contributor to recovery time, as "92% of recovery time: waiting on
    /// retry-after from openai-primary", for a failed threshold's message.
    public func topCause() -> String? {
        let total = causes.values.reduce(0, +)
        guard total > 0, let top = causes.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) else { return nil }
        return "\(Int((top.value / total * 100).rounded()))% of recovery time: \(top.key)"
    }

    private static func percentiles(_ name: String, _ h: Histogram<UInt64>, _ ps: [Double]) -> [Metric] {
        let empty = h.totalCount == 0
        var out = ps.map { p in Metric("\(name).p\(Int(p))", empty ? 0 : Double(h.valueAtPercentile(p)) / 1000) }
        out.append(Metric("\(name).max", empty ? 0 : Double(h.max) / 1000))
        return out
    }

    /// Dollar figures to 1e-9 so sums print the same on every machine.
    static func round(_ value: Double) -> Double { (value * 1e9).rounded() / 1e9 }
}

extension MetricsCollector.ProviderTally {
    fileprivate mutating func record(_ attempt: AttemptSample) {
        attempts += 1
        if attempt.errorKind == nil { successes += 1 } else { failures += 1 }
        if attempt.timedOut { timeouts += 1 }
        if let valid = attempt.shapeValid {
            answered += 1
            if valid { answeredValid += 1 }
        }
        input += attempt.inputTokens
        output += attempt.outputTokens
        cost += attempt.cost
        _ = latency.record(UInt64(max(0, min(attempt.duration, 3600)) * 1_000_000))
    }
}
