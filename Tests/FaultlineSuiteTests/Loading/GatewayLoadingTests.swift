import Foundation
import Testing

@testable import FaultlineSuite

/// What the loader makes of a `gateway:` block and of the upstream metrics only a gateway
/// scenario reports; broken spellings are in `BrokenSuites/gateway-*.yaml`.
struct GatewayLoadingTests {
    static let repository = SuiteLoaderTests.repository

    static func scenario(gateway: String, expect: String = "{}") throws -> ScenarioDefinition {
        let text = """
            suite: gateway
            task: \(repository.appendingPathComponent("fixtures/tasks/summarize.yaml").path)
            chain: \(repository.appendingPathComponent("chains/default.yaml").path)
            scenarios:
              - name: one
                kind: gateway
                gateway: \(gateway)
                expect: \(expect)
            """
        return try #require(try SuiteLoader.load(text: text, file: "/tmp/gateway.yaml").get().scenarios.first)
    }

    @Test func settleMsIsReadAndDefaultsToNoWait() throws {
        #expect(try Self.scenario(gateway: #"{ url: "http://127.0.0.1:4000" }"#).gateway?.settleMs == 0)
        #expect(try Self.scenario(gateway: #"{ url: "http://127.0.0.1:4000", settle_ms: 6000 }"#).gateway?.settleMs == 6000)
    }

    @Test func upstreamMetricsOfTheChainsProvidersLoad() throws {
        let scenario = try Self.scenario(
            gateway: #"{ url: "http://127.0.0.1:4000" }"#,
            expect: #"{ upstream.openai-primary.requests: ">= 1", upstream.gemini-fallback.errors: "== 0", upstream.errors: "== 0", verdicts.masked_upstream_fault: "== 0" }"#)
        #expect(scenario.expectations.map(\.metric).sorted() == [
            "upstream.errors", "upstream.gemini-fallback.errors", "upstream.openai-primary.requests", "verdicts.masked_upstream_fault",
        ])
    }

    @Test func theMaskedVerdictIsAGatewayMetricOnly() {
        #expect(MetricCatalogue.isKnown("verdicts.masked_upstream_fault", kind: .gateway))
        #expect(!MetricCatalogue.isKnown("verdicts.masked_upstream_fault", kind: .chaos))
        #expect(!MetricCatalogue.isKnown("upstream.openai-primary.requests", kind: .chaos))
    }

    @Test func upstreamPartsSplitAtTheLastDot() {
        let parts = MetricCatalogue.upstreamParts("upstream.openai-primary.requests")
        #expect(parts?.provider == "openai-primary" && parts?.metric == "requests")
        #expect(MetricCatalogue.upstreamParts("upstream.errors") == nil)
        #expect(MetricCatalogue.upstreamParts("provider.x.requests") == nil)
    }

    /// The bundled gateway examples load and name the model they send, as the gateway's own
    /// configuration names its route.
    @Test func theBundledGatewaySuiteLoadsAndSetsTheModel() throws {
        let folder = Self.repository.appendingPathComponent("suites/gateway")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }
        #expect(!names.isEmpty)
        let config = try String(contentsOf: Self.repository.appendingPathComponent("docs/gateway/litellm-config.yaml"), encoding: .utf8)
        for name in names {
            let suite = try SuiteLoader.load(file: folder.appendingPathComponent(name).path).get()
            for scenario in suite.scenarios where scenario.kind == .gateway {
                let model = try #require(scenario.gateway?.model, "\(name): \(scenario.name) sets no gateway.model")
                #expect(config.contains("model_name: \(model)"), "\(name): no LiteLLM route named \(model)")
                #expect(scenario.gateway?.apiKeyEnv == "LITELLM_MASTER_KEY")
                for provider in scenario.chain?.providerNames ?? [] {
                    #expect(config.contains("http://127.0.0.1:\(scenario.gateway?.mockPort ?? 0)/\(provider)"), "\(provider) has no api_base")
                }
            }
        }
    }
}
