import FaultlineSuite
import Foundation
import Testing

@testable import FaultlineReports

@Suite struct JUnitReportTests {
    let run = SampleRun.make()

    @Test func aggregateIsValidAgainstJenkinsSchema() throws {
        let problems = try SchemaValidator.problems(xml: JUnitReport.aggregate(run), schema: "junit-10")
        #expect(problems == nil, "\(problems ?? "")")
    }

    @Test(arguments: ["junit-10", "surefire-test-report"])
    func perSuiteReportsAreValid(schema: String) throws {
        for suite in run.suites {
            let problems = try SchemaValidator.problems(xml: JUnitReport.suite(suite, run: run), schema: schema)
            #expect(problems == nil, "\(suite.name) against \(schema): \(problems ?? "")")
        }
    }

    @Test func countsNamesAndFailureMessages() throws {
        let xml = JUnitReport.aggregate(run)
        #expect(xml.contains(#"<testsuites name="faultline" tests="5" failures="1" errors="1" time="12.346">"#))
        #expect(xml.contains(#"name="recovery_latency_ms.p99 &lt; 3000" classname="chaos-smoke.primary throttled""#))
        #expect(xml.contains(#"<failure type="threshold" message="recovery_latency_ms.p99 = 4100.5, expected &lt; 3000; 92% of recovery time: waiting on retry-after from openai-primary"#))
        #expect(xml.contains(#"<property name="primary throttled.success_rate" value="0.995"/>"#))
        #expect(xml.contains("<skipped message=\"mock not built\"/>"))
        #expect(xml.contains("success_rate=0.995\n"))
    }

    @Test func hostileTextIsEscapedAndForbiddenCharactersReplaced() {
        let escaped = XMLText.escape(SampleRun.hostile)
        #expect(!escaped.contains("\u{1}"))
        #expect(!escaped.contains("]]>"))
        #expect(escaped.contains("\\u{1}"))
        #expect(escaped.contains("\\u{ffff}"))
        #expect(escaped.contains("🚀 中文"))
    }

    @Test(arguments: [(0.0, "0.000"), (12.3456, "12.346"), (0.00001, "0.000"), (-1.0, "0.000"), (1234.5, "1234.500")])
    func timesHaveNoExponentAndThreeDecimals(value: Double, expected: String) {
        #expect(XMLText.seconds(value) == expected)
    }

    @Test func fileNamesAreSafe() {
        let suite = SuiteResult(name: "chaos/smoke test", file: "x", seed: 1, duration: 0, scenarios: [])
        #expect(JUnitReport.fileName(for: suite) == "TEST-chaos_smoke_test.xml")
    }
}
