import FaultlineSuite
import Testing

@testable import FaultlineReports

@Suite struct OutcomeBarTests {
    @Test func segmentsFillTheBarInProportionBestOutcomeFirst() throws {
        let scenario = ScenarioResult(
            name: "s", kind: .chaos, clock: "virtual", requests: 4, concurrency: 1,
            metrics: [Metric("outcome.nonsense", 1), Metric("outcome.clean", 3)])
        let html = OutcomeBar(scenario: scenario).html
        let clean = try #require(html.range(of: "<rect class=\"o-clean\" x=\"0\" y=\"0\" width=\"750\""))
        let nonsense = try #require(html.range(of: "<rect class=\"o-nonsense\" x=\"750\" y=\"0\" width=\"250\""))
        #expect(clean.lowerBound < nonsense.lowerBound)
        #expect(!html.contains("<rect class=\"o-retried\""), "no zero-width segments")
        #expect(html.contains("<li class=\"zero\"><span class=\"swatch o-retried\"></span>retried <b>0</b>"))
        #expect(html.contains("<title>nonsense: 1 (25%)</title>"))
    }

    @Test func noOutcomesSaysSo() {
        let scenario = ScenarioResult(name: "s", kind: .chaos, clock: "virtual", requests: 0, concurrency: 1,
            metrics: [Metric("outcome.clean", .nan), Metric("outcome.failed", -3)])
        #expect(OutcomeBar(scenario: scenario).html == "<p class=\"empty\">No outcomes recorded.</p>\n")
    }
}
