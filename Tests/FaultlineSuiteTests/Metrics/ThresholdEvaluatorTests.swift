import Testing

@testable import FaultlineSuite

@Suite struct ThresholdEvaluatorTests {
    @Test(arguments: [
        (">= 0.99", 0.99, true), (">= 0.99", 0.989, false), ("> 0.5", 0.5, false), ("< 3000", 2999.9, true),
        ("< 3000", 3000, false), ("<= 3000", 3000, true), ("== 0", 0, true), ("== 1", 0.9999, false), ("== 0.3", 0.1 + 0.2, true),
    ])
    func operators(bound: String, measured: Double, holds: Bool) throws {
        let expectation = try Expectation.parse(metric: "m", bound: bound).get()
        #expect(expectation.holds(measured) == holds)
    }

    @Test(arguments: ["0.99", ">=", "=> 1", ">= abc", "~ 1", ">= inf"])
    func badBoundsAreRejectedWithAReason(bound: String) {
        guard case .failure(let error) = Expectation.parse(metric: "m", bound: bound) else {
            Issue.record("`\(bound)` parsed")
            return
        }
        #expect(error.message.contains(bound))
    }

    @Test func namesAreStableAndCarryNoMeasuredValue() throws {
        let expectation = try Expectation.parse(metric: "recovery_latency_ms.p99", bound: "<  3000").get()
        #expect(expectation.name == "recovery_latency_ms.p99 < 3000")
        let checks = ThresholdEvaluator.evaluate([expectation], metrics: [Metric("recovery_latency_ms.p99", 4100)], cause: "92% of recovery time: waiting on retry-after from openai-primary")
        #expect(checks[0].name == "recovery_latency_ms.p99 < 3000")
        #expect(checks[0].status == .failed)
        #expect(checks[0].message == "recovery_latency_ms.p99 = 4100, expected < 3000; 92% of recovery time: waiting on retry-after from openai-primary")
    }

    @Test func aMetricThatWasNotMeasuredIsAnError() throws {
        let expectation = try Expectation.parse(metric: "ttft_ms.p99", bound: "< 100").get()
        let checks = ThresholdEvaluator.evaluate([expectation], metrics: [])
        #expect(checks[0].status == .error)
    }

    @Test(arguments: [(0.000123456789, "0.000123457"), (4100.5, "4100.5"), (1.0, "1"), (0.99, "0.99"), (1234567.891, "1234568")])
    func formatting(value: Double, text: String) {
        #expect(ThresholdEvaluator.format(value) == text)
    }
}
