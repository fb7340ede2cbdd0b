import FaultlineSuite
import Testing

@testable import FaultlineReports

@Suite struct ChecksTableTests {
    static func checks(passed: Int, failed: Int) -> [CheckResult] {
        (0..<passed).map { CheckResult(name: "fixture \($0) decodes", status: .passed) }
            + (0..<failed).map { CheckResult(name: "fixture \($0) over the mock", status: .failed, message: "bytes differ") }
    }

    @Test func manyPassedConformanceChecksFoldAwayAndProblemsStayInView() {
        let html = ChecksTable(checks: Self.checks(passed: 40, failed: 2), compact: true).html
        let fold = try! #require(html.range(of: "<details class=\"passed-checks\"><summary>40 passed checks</summary>"))
        let failures = html.ranges(of: "bytes differ")
        #expect(failures.count == 2 && failures.allSatisfy { $0.lowerBound < fold.lowerBound })
        #expect(html.ranges(of: "<tr><td><span class=\"status passed\">").allSatisfy { $0.lowerBound > fold.lowerBound })
    }

    @Test(arguments: [(ChecksTable.foldPassedOver, true), (40, false)])
    func fewChecksOrThresholdTablesAreNotFolded(passed: Int, compact: Bool) {
        let html = ChecksTable(checks: Self.checks(passed: passed, failed: 1), compact: compact).html
        #expect(!html.contains("<details"))
        #expect(html.ranges(of: "<tr>").count == passed + 2)  // header row + every check
    }
}
