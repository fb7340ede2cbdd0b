import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

@testable import FaultlineReports

struct UpstreamTableTests {
    @Test func aGatewayCardShowsItsUpstreamsWithoutACheckNamingThem() {
        let html = HTMLReport.render(GatewayRun.make())
        #expect(html.contains("<h4>Behind the gateway</h4>"))
        #expect(html.contains("<tr><td>openai-primary</td><td class=\"num\">120</td><td class=\"num warn\">120</td></tr>"), "\(html)")
        #expect(html.contains("<tr><td>anthropic-fallback</td><td class=\"num\">40</td><td class=\"num\">0</td></tr>"))
        #expect(html.contains("<tr><td><strong>all</strong></td><td class=\"num\">160</td><td class=\"num warn\">120</td></tr>"))
        #expect(html.contains("upstream requests / task"))
        #expect(html.contains("3 successes masking broken upstream answers"))
    }

    @Test func upstreamsAreListedInReportOrder() {
        let scenario = GatewayRun.make().suites[0].scenarios[0]
        #expect(UpstreamTable.providers(scenario) == ["openai-primary", "anthropic-fallback"])
    }

    @Test func aChaosCardHasNoUpstreamPanel() {
        #expect(!HTMLReport.render(SampleRun.make()).contains("Behind the gateway"))
    }

    @Test func theGatewayPageIsWellFormed() throws {
        let page = HTMLReport.render(GatewayRun.make())
        let panel = try #require(page.components(separatedBy: "<h4>Behind the gateway</h4>").last?.components(separatedBy: "</section>").first)
        let parser = XMLParser(data: Data(("<div>" + panel + "</div>").utf8))
        #expect(parser.parse(), "\(panel)")
    }
}
