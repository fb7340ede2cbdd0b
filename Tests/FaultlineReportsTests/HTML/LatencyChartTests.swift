import FaultlineSuite
import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

@testable import FaultlineReports

@Suite struct LatencyChartTests {
    func scenario(_ cdf: [CDFPoint], p50: Double? = nil, p99: Double? = nil) -> ScenarioResult {
        var metrics: [Metric] = []
        if let p50 { metrics.append(Metric("latency_ms.p50", p50)) }
        if let p99 { metrics.append(Metric("latency_ms.p99", p99)) }
        return ScenarioResult(name: "s", kind: .chaos, clock: "virtual", requests: 3, concurrency: 1, metrics: metrics, latencyCDF: cdf)
    }

    @Test func stepsFollowTheSortedCDFAndMarkPercentiles() {
        let chart = LatencyChart(scenario: scenario(
            [CDFPoint(latencyMs: 60, fraction: 1), CDFPoint(latencyMs: 20, fraction: 0.5)], p50: 20, p99: 60)).html
        // Plot area x 46…506 over 0…60 ms, y 48…196: 20 ms → 199.33, 60 ms → 506, 50% → 122.
        #expect(chart.contains("d=\"M46 196 H199.33 V122 H506 V48 H506\""))
        #expect(chart.contains(">p50 20 ms</text>"))
        #expect(chart.contains(">p99 60 ms</text>"))
        #expect(XMLParser(data: Data(chart.utf8)).parse())
    }

    @Test func heavyTailIsDrawnOnALogAxis() {
        let chart = LatencyChart(scenario: scenario([CDFPoint(latencyMs: 5, fraction: 0.9), CDFPoint(latencyMs: 4000, fraction: 1)])).html
        #expect(chart.contains("latency (log scale)"))
        #expect(chart.contains(">10 s</text>"))
    }

    @Test func withoutSamplesThePercentilesAreStillShown() {
        #expect(LatencyChart(scenario: scenario([], p50: 12, p99: 900)).html == "<p class=\"sub\">p50 12 ms · p99 900 ms</p>\n")
        #expect(LatencyChart(scenario: scenario([])).html.contains("No latency samples."))
    }

    @Test func nonFiniteSamplesAreDropped() {
        let chart = LatencyChart(scenario: scenario([CDFPoint(latencyMs: .nan, fraction: 0.5), CDFPoint(latencyMs: 10, fraction: .infinity)])).html
        #expect(chart.contains("No latency samples."))
    }
}
