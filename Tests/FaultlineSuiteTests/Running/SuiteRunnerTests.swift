import Testing

@testable import FaultlineSuite

@Suite struct SuiteRunnerTests {
    static func suite(_ name: String, scenarios: [String]) -> SuiteDefinition {
        SuiteDefinition(name: name, file: "\(name).yaml", seed: 1, scenarios: scenarios.map {
            ScenarioDefinition(name: $0, kind: .chaos, expectations: [], skip: "declared skipped in the test")
        })
    }

    static let suites = [suite("a", scenarios: ["one", "two", "three"]), suite("b", scenarios: ["four", "five"])]

    @Test(arguments: [("1/2", ["a.one", "a.three", "b.five"]), ("2/2", ["a.two", "b.four"]), ("1/1", ["a.one", "a.two", "a.three", "b.four", "b.five"])])
    func shardsSplitTheScenariosAcrossSuites(shard: String, expected: [String]) {
        let runner = SuiteRunner(options: RunOptions(shard: Shard(shard)), version: "test")
        let names = runner.selected(Self.suites).flatMap { entry in entry.scenarios.map { "\(entry.suite.name).\($0.name)" } }
        #expect(names == expected)
    }

    @Test func shardsTogetherRunEveryScenarioOnce() {
        var seen: [String] = []
        for i in 1...3 {
            let runner = SuiteRunner(options: RunOptions(shard: Shard("\(i)/3")), version: "test")
            seen += runner.selected(Self.suites).flatMap { entry in entry.scenarios.map { "\(entry.suite.name).\($0.name)" } }
        }
        #expect(seen.sorted() == ["a.one", "a.three", "a.two", "b.five", "b.four"])
    }

    @Test(arguments: ["0/2", "3/2", "1/0", "x/2", "1-2", ""])
    func badShardsAreRejected(_ text: String) { #expect(Shard(text) == nil) }

    @Test func filterMatchesSuiteDotScenarioIgnoringCase() {
        let runner = SuiteRunner(options: RunOptions(filter: "B.F"), version: "test")
        let names = runner.selected(Self.suites).flatMap { $0.scenarios.map(\.name) }
        #expect(names == ["four", "five"])
    }

    @Test func skippedScenariosAreReportedWithTheReason() async {
        let result = await SuiteRunner(options: RunOptions(reproducible: true), version: "test").run([Self.suites[1]])
        #expect(!result.interrupted)
        let checks = result.suites.flatMap(\.scenarios).flatMap(\.checks)
        #expect(checks.count == 2 && checks.allSatisfy { $0.status == .skipped })
        #expect(checks[0].message == "declared skipped in the test")
    }

    @Test func aCancelledRunStopsAndSaysSo() async {
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await SuiteRunner(options: RunOptions(reproducible: true), version: "test").run(Self.suites)
        }
        let result = await task.value
        #expect(result.interrupted)
        #expect(result.suites.flatMap(\.scenarios).isEmpty)
    }
}
