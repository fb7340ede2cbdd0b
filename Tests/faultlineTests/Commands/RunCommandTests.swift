import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// `faultline run` as CI drives it: cancelled by a signal, given a selection or a report
/// folder that cannot work.
@Suite(.enabled(if: FaultlineBinary.isBuilt, "needs the built faultline (swift build --build-tests)"))
struct RunCommandTests {
    /// One quick scenario, then one that runs for minutes on the wall clock: a signal lands
    /// in the second, after the first has finished.
    static func longSuite(in folder: URL) throws -> URL {
        let repository = FaultlineBinary.repository
        let suite = folder.appendingPathComponent("long.yaml")
        try """
            suite: long
            chain: \(repository.appendingPathComponent("chains/default.yaml").path)
            task: \(repository.appendingPathComponent("fixtures/tasks/summarize.yaml").path)
            scenarios:
              - name: quick
                requests: 4
              - name: slow
                clock: wall
                requests: 100000
                concurrency: 2
                faults:
                  "*": [ "latency(ms=50)" ]
            """.write(to: suite, atomically: true, encoding: .utf8)
        return suite
    }

    @Test(arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
    func aSignalStillWritesValidReportsOfWhatFinished(signal: Int32, status: Int32) throws {
        let folder = try FaultlineBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let suite = try Self.longSuite(in: folder)
        let reports = folder.appendingPathComponent("reports")
        let (process, out, err) = try FaultlineBinary.start(["run", suite.path, "--report-dir", reports.path])
        Thread.sleep(forTimeInterval: 3)
        kill(process.processIdentifier, signal)
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning { process.interrupt(); kill(process.processIdentifier, SIGKILL) }
        let outcome = FaultlineBinary.finish(process, out, err)
        #expect(outcome.status == status, "stderr: \(outcome.stderr)")

        let results = try Data(contentsOf: reports.appendingPathComponent("results.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: results) as? [String: Any])
        let run = try #require(json["run"] as? [String: Any])
        #expect(run["interrupted"] as? Bool == true)
        let junit = try Data(contentsOf: reports.appendingPathComponent("junit.xml"))
        let parser = XMLParser(data: junit)
        #expect(parser.parse(), "junit.xml is not well-formed XML")
        #expect(String(decoding: junit, as: UTF8.self).contains("quick"), "the finished scenario is reported")
    }

    @Test func aFilterSelectingNothingIsExit2WithOneLine() throws {
        let outcome = try FaultlineBinary.run(["run", "suites/status.yaml", "--filter", "no-such-scenario", "--report-dir", "/nonexistent-not-reached"])
        #expect(outcome.status == 2)
        let lines = outcome.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("--filter `no-such-scenario` selects no scenario"))
        #expect(outcome.stderr.contains("faults-status"))
    }

    @Test func aShardSelectingNothingIsExit2WithOneLine() throws {
        let outcome = try FaultlineBinary.run(["run", "suites/status.yaml", "--shard", "99/99"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.split(separator: "\n").count == 1, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("--shard 99/99 selects no scenario: there are only"))
    }

    @Test func anUnwritableReportFolderIsExit2BeforeTheRun() throws {
        let folder = try FaultlineBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("a-file")
        try Data("x".utf8).write(to: file)
        for reportDir in [file.path, file.appendingPathComponent("reports").path] {
            let outcome = try FaultlineBinary.run(["run", "suites/status.yaml", "--report-dir", reportDir])
            #expect(outcome.status == 2, "\(outcome.stderr)")
            #expect(outcome.stderr.split(separator: "\n").count == 1, "\(outcome.stderr)")
            #expect(outcome.stderr.contains("--report-dir \(reportDir):"))
            #expect(!outcome.stderr.contains("Error Domain"))
            #expect(outcome.stdout.isEmpty, "nothing ran")
        }
    }
}
