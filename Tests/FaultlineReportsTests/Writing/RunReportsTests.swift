import FaultlineSuite
import Foundation
import Testing

@testable import FaultlineReports

/// Reports of a real run of the suite runner (virtual clock): byte-identical for the same
/// seed and `SOURCE_DATE_EPOCH`, schema-valid, and read back by a JUnit consumer.
@Suite struct RunReportsTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let suiteText = """
        suite: reproducible
        seed: 77
        chain: \(repository.path)/chains/default.yaml
        task: \(repository.path)/fixtures/tasks/weather-tool.yaml
        requests: 300
        scenarios:
          - name: throttled now and then
            baseline: true
            faults:
              openai-primary: [ "throttle(retry_after=1, p=0.1)", "reset(p=0.05)" ]
            expect:
              success_rate: "== 1"
              recovery_latency_ms.p99: "< 10"
              verdicts.retry_after_ignored: "== 0"
          - name: cut streams
            task: \(repository.path)/fixtures/tasks/chat-stream.yaml
            faults:
              openai-primary: [ "truncate(after_chunks=2, p=0.3)" ]
            expect:
              outcome.nonsense: "== 0"
        """

    /// One run written to a fresh folder under `SOURCE_DATE_EPOCH` semantics.
    static func runAndWrite() async throws -> (directory: String, files: [String: Data]) {
        let suite = try SuiteLoader.load(text: suiteText, file: "/tmp/reproducible.yaml").get()
        let options = RunOptions(startedAt: 1_767_225_600, reproducible: true)
        let result = await SuiteRunner(options: options, version: "test").run([suite])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("faultline-run-\(UUID().uuidString)").path
        let written = try ReportWriter(directory: directory, html: HTMLReport.render).write(result, environment: [:])
        var files: [String: Data] = [:]
        for path in written { files[String(path.dropFirst(directory.count))] = FileManager.default.contents(atPath: path) }
        return (directory, files)
    }

    @Test func twoVirtualRunsWithTheSameSeedWriteTheSameBytes() async throws {
        let first = try await Self.runAndWrite()
        let second = try await Self.runAndWrite()
        defer {
            try? FileManager.default.removeItem(atPath: first.directory)
            try? FileManager.default.removeItem(atPath: second.directory)
        }
        #expect(first.files.keys.sorted() == ["/index.html", "/junit.xml", "/junit/TEST-reproducible.xml", "/results.json", "/summary.md"])
        for (name, bytes) in first.files {
            #expect(second.files[name] == bytes, "\(name) differs between two runs")
        }
        let junit = try #require(first.files["/junit.xml"].map { String(decoding: $0, as: UTF8.self) })
        #expect(try SchemaValidator.problems(xml: junit, schema: "junit-10") == nil)
        let perSuite = try #require(first.files["/junit/TEST-reproducible.xml"].map { String(decoding: $0, as: UTF8.self) })
        #expect(try SchemaValidator.problems(xml: perSuite, schema: "surefire-test-report") == nil)
    }

    /// Python's junitparser, the way a CI dashboard reads the file: counts, names, failure messages.
    @Test func aJUnitConsumerReadsCountsNamesAndFailures() async throws {
        let run = try await Self.runAndWrite()
        defer { try? FileManager.default.removeItem(atPath: run.directory) }
        let script = """
            import json, sys
            from junitparser import JUnitXml, Failure, Error, Skipped
            xml = JUnitXml.fromfile(sys.argv[1])
            out = []
            for suite in xml:
                for case in suite:
                    kinds = [type(r).__name__ for r in case.result]
                    out.append({"suite": suite.name, "classname": case.classname, "name": case.name,
                                "results": kinds, "messages": [r.message for r in case.result]})
            print(json.dumps({"tests": xml.tests, "failures": xml.failures, "errors": xml.errors, "cases": out}))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, run.directory + "/junit.xml"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationStatus != 0, String(decoding: output, as: UTF8.self).contains("No module named 'junitparser'") {
            Issue.record("junitparser is not installed (pip install junitparser; scripts/test installs it)")
            return
        }
        try #require(process.terminationStatus == 0, "\(String(decoding: output, as: UTF8.self))")
        let parsed = try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any])
        #expect(parsed["tests"] as? Int == 4)
        #expect(parsed["failures"] as? Int == 1)
        #expect(parsed["errors"] as? Int == 0)
        let cases = try #require(parsed["cases"] as? [[String: Any]])
        let names = cases.map { "\($0["classname"] as? String ?? "")|\($0["name"] as? String ?? "")" }
        #expect(names == [
            "reproducible.throttled now and then|success_rate == 1",
            "reproducible.throttled now and then|recovery_latency_ms.p99 < 10",
            "reproducible.throttled now and then|verdicts.retry_after_ignored == 0",
            "reproducible.cut streams|outcome.nonsense == 0",
        ])
        let failed = try #require(cases.first { ($0["results"] as? [String]) == ["Failure"] })
        let message = try #require((failed["messages"] as? [String])?.first)
        #expect(message.hasPrefix("recovery_latency_ms.p99 = "))
        #expect(message.contains("expected < 10; "))
    }
}
