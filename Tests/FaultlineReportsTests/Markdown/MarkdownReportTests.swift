import Testing

@testable import FaultlineReports

struct MarkdownReportTests {
    @Test func everyGatewayScenarioShowsWhatWentUpstream() {
        let summary = MarkdownReport.render(GatewayRun.make())
        #expect(summary.contains("| behind the gateway | upstream requests | broken answers | upstream requests / task | masked faults |"))
        #expect(summary.contains("| litellm falls back | 160 | 120 | 4 | 3 | openai-primary 120 / 120 · anthropic-fallback 40 / 0 |"), "\(summary)")
    }

    @Test func aRunWithoutGatewaysHasNoUpstreamTable() {
        #expect(!MarkdownReport.render(SampleRun.make()).contains("behind the gateway"))
    }
}
