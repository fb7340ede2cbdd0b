import Testing

@testable import FaultlineSuite

/// Every metric of DESIGN.md on hand-built samples with known answers.
@Suite struct MetricsCollectorTests {
    static let price = 0.01  // dollars per attempt in these samples

    /// A clean task: one attempt on the primary, delivered, 1 s.
    static let clean = TaskSample(
        outcome: "clean", delivered: true, latency: 1.0, ttft: 0.2, recoveryLatency: 0,
        attempts: [AttemptSample(provider: "primary", delivered: true, duration: 1.0, inputTokens: 100, outputTokens: 50, cost: price, shapeValid: true)],
        shapeClean: true, shapeRepaired: true)

    /// Throttled with a 2 s retry-after, then served by the primary: 3.5 s end to end, recovery 2.5 s.
    static let retried = TaskSample(
        outcome: "retried", delivered: true, latency: 3.5, recoveryLatency: 2.5,
        attempts: [
            AttemptSample(provider: "primary", delivered: false, errorKind: "rate_limited", duration: 0.5, inputTokens: 0, outputTokens: 0, cost: 0),
            AttemptSample(provider: "primary", delivered: true, duration: 1.0, inputTokens: 100, outputTokens: 50, cost: price, shapeValid: true, retryAfterWait: 2.0),
        ],
        shapeClean: true, shapeRepaired: true)

    /// A stream cut mid-way (billed 100 in / 20 out), then a fallback that needed repair.
    static let fellBack = TaskSample(
        outcome: "fell_back", delivered: true, latency: 4.0, recoveryLatency: 3.0,
        attempts: [
            AttemptSample(provider: "primary", delivered: false, errorKind: "timeout", timedOut: true, duration: 3.0, inputTokens: 100, outputTokens: 20, cost: price / 2),
            AttemptSample(provider: "backup", delivered: true, duration: 1.0, inputTokens: 100, outputTokens: 50, cost: price * 2, shapeValid: false),
        ],
        shapeClean: false, shapeRepaired: true)

    /// Every provider failed.
    static let failed = TaskSample(
        outcome: "failed", delivered: false, latency: 5.0, recoveryLatency: 0,
        attempts: [AttemptSample(provider: "primary", delivered: false, errorKind: "server_error", duration: 5.0, inputTokens: 0, outputTokens: 0, cost: 0)],
        shapeClean: false, shapeRepaired: false)

    func collect(_ samples: [TaskSample]) -> [String: Double] {
        var collector = MetricsCollector(providers: ["primary", "backup"])
        collector.cleanPrimaryCost = Self.price
        for sample in samples { collector.record(sample) }
        return Dictionary(uniqueKeysWithValues: collector.metrics().map { ($0.name, $0.value) })
    }

    @Test func successRateCountsValidDeliveriesOverTasks() {
        let m = collect([Self.clean, Self.retried, Self.fellBack, Self.failed])
        #expect(m["success_rate"] == 0.75)
        #expect(m["delivered"] == 3)
        #expect(m["outcome.clean"] == 1)
        #expect(m["outcome.retried"] == 1)
        #expect(m["outcome.fell_back"] == 1)
        #expect(m["outcome.failed"] == 1)
        #expect(m["outcome.nonsense"] == 0)
    }

    @Test func shapeStabilityIsOverDeliveredAnswers() {
        let m = collect([Self.clean, Self.retried, Self.fellBack, Self.failed])
        #expect(abs(m["shape_stability"]! - 2.0 / 3.0) < 1e-12)
        #expect(m["shape_stability_repaired"] == 1)
    }

    @Test func costsAndWaste() {
        let m = collect([Self.clean, Self.retried, Self.fellBack, Self.failed])
        #expect(m["cost.total_usd"] == 0.045)  // 0.01 + 0.01 + 0.005 + 0.02
        #expect(m["cost.wasted_usd"] == 0.005)
        #expect(m["cost.per_success_usd"] == 0.015)  // 0.045 / 3 successes
        #expect(m["cost.overhead_ratio"] == 1.5)  // against one clean primary attempt of 0.01
        #expect(m["tokens.billed_input"] == 400)
        #expect(m["tokens.billed_output"] == 170)
        #expect(m["tokens.wasted_input"] == 100)
        #expect(m["tokens.wasted_output"] == 20)
        #expect(m["timeout_waste_s"] == 3.0)
    }

    @Test func latencyPercentilesAndAttempts() {
        let m = collect([Self.clean, Self.retried, Self.fellBack, Self.failed])
        #expect(abs(m["latency_ms.p50"]! - 3500) < 5)
        #expect(abs(m["latency_ms.max"]! - 5000) < 5)
        #expect(abs(m["recovery_latency_ms.p99"]! - 3000) < 5)
        #expect(abs(m["ttft_ms.p50"]! - 200) < 1)
        #expect(m["attempts.mean"] == 1.5)
        #expect(m["attempts.max"] == 2)
    }

    @Test func topCauseNamesTheBiggestShareOfRecoveryTime() {
        var collector = MetricsCollector()
        collector.record(Self.retried)
        // 0.5 s rate limited + 2.0 s retry-after wait: the wait is 80 %.
        #expect(collector.topCause() == "80% of recovery time: waiting on retry-after from primary")
    }

    @Test func providerMetrics() {
        var collector = MetricsCollector(providers: ["primary", "backup"])
        for sample in [Self.clean, Self.retried, Self.fellBack, Self.failed] { collector.record(sample) }
        let providers = collector.providerMetrics()
        #expect(providers.map(\.provider) == ["primary", "backup"])
        #expect(providers[0].metric("attempts") == 5)
        #expect(providers[0].metric("failures") == 3)
        #expect(providers[0].metric("timeouts") == 1)
        #expect(providers[1].metric("shape_stability") == 0)
    }

    @Test func anEmptyScenarioReportsZerosNotNaN() {
        let m = collect([])
        #expect(m.values.allSatisfy { $0.isFinite })
    }
}
