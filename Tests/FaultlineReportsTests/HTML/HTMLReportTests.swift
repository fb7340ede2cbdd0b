import FaultlineSuite
import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

@testable import FaultlineReports

@Suite struct HTMLReportTests {
    static let runs: [(String, RunResult)] = [("sample", SampleRun.make()), ("showcase", ShowcaseRun.make())]

    @Test func sameRunGivesSameBytes() throws {
        for (name, run) in Self.runs {
            #expect(HTMLReport.render(run) == HTMLReport.render(run), "\(name)")
            // A run read back from results.json renders the same page (what `faultline merge` does).
            let reread = try JSONReport.decode(JSONReport.encode(run))
            #expect(HTMLReport.render(reread) == HTMLReport.render(run), "\(name)")
        }
    }

    @Test func hostileProviderTextIsEscaped() {
        let page = HTMLReport.render(SampleRun.make())
        #expect(!page.contains("<tag>"))
        #expect(!page.contains("]]>"))
        #expect(!page.contains("\u{1}"))
        #expect(!page.contains("\u{FFFF}"))
        #expect(page.contains("&lt;tag&gt; &amp;"))
        #expect(page.contains("\\u{1} bytes ]]&gt;"))
        #expect(page.contains("🚀 中文"))
    }

    @Test(arguments: ["http://", "https://", "src=", "@import", "url(", "<script", "<link", "<img", "<iframe", "//cdn", "srcset"])
    func pageMakesNoExternalRequest(pattern: String) {
        for (name, run) in Self.runs {
            #expect(!HTMLReport.render(run).lowercased().contains(pattern), "\(name) contains \(pattern)")
        }
    }

    @Test func everyScenarioAndFailedCheckMessageIsShown() {
        for (name, run) in Self.runs {
            let page = HTMLReport.render(run)
            for suite in run.suites {
                #expect(page.contains(">\(XMLText.escape(suite.name))</h2>"), "\(name): suite \(suite.name)")
                for scenario in suite.scenarios {
                    #expect(page.contains(">\(XMLText.escape(scenario.name))</a></h3>"), "\(name): scenario \(scenario.name)")
                    for check in scenario.checks where check.status == .failed || check.status == .error {
                        let message = XMLText.escape(check.message ?? "")
                        // Once in the failures table, once on the scenario card, once in its checks table.
                        #expect(page.components(separatedBy: message).count - 1 >= 3, "\(name): \(check.name)")
                    }
                }
            }
        }
    }

    @Test func failuresTableComesFirstAndLinksToCards() throws {
        let page = HTMLReport.render(ShowcaseRun.make())
        let failures = try #require(page.range(of: "<h2>Failures</h2>"))
        let firstSuite = try #require(page.range(of: "<section class=\"suite\">"))
        #expect(failures.lowerBound < firstSuite.lowerBound)
        #expect(page.contains("<a href=\"#s0-0\">primary throttled, retry-after honoured</a>"))
        #expect(page.contains("id=\"s0-0\""))
        #expect(page.contains("<span class=\"badge fail\">✗ 2 failed · 1 error</span>"))
    }

    @Test func overviewChipsCarryEachScenarioStatus() {
        let page = HTMLReport.render(ShowcaseRun.make())
        #expect(page.contains("<a class=\"chip fail\" href=\"#s0-0\">primary throttled, retry-after honoured</a>"))
        #expect(page.contains("<a class=\"chip pass\" href=\"#s0-1\">streams cut mid-way</a>"))
        #expect(page.contains("<a class=\"chip error\" href=\"#s0-2\">mock would not start</a>"))
        #expect(page.contains("<a class=\"chip pass\" href=\"#s1-0\">fixtures decode and round-trip</a>"))
    }

    @Test func wholePageIsWellFormedXML() {
        for (name, run) in Self.runs {
            let page = HTMLReport.render(run)
            let parser = XMLParser(data: Data(page.utf8))
            #expect(parser.parse(), "\(name): \(parser.parserError.map { "\($0)" } ?? "") at line \(parser.lineNumber)")
        }
    }

    @Test func everySVGParsesOnItsOwn() throws {
        let page = HTMLReport.render(ShowcaseRun.make())
        let svgs = page.components(separatedBy: "<svg ").dropFirst().map { "<svg " + ($0.components(separatedBy: "</svg>").first ?? "") + "</svg>" }
        // Per chaos scenario with figures: outcome bar, latency chart, tokens and dollars bars.
        #expect(svgs.count == 8)
        for svg in svgs {
            let parser = XMLParser(data: Data(svg.utf8))
            #expect(parser.parse(), "\(svg.prefix(120))")
        }
    }

    @Test func xmllintAcceptsThePage() throws {
        guard let xmllint = SchemaValidator.xmllint else {
            Issue.record("xmllint is not installed (apt-get install libxml2-utils)")
            return
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("faultline-\(UUID().uuidString).html")
        try Data(HTMLReport.render(SampleRun.make()).utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: xmllint)
        process.arguments = ["--noout", file.path]
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
    }

    @Test func scenarioFiguresAreDrawn() {
        let page = HTMLReport.render(ShowcaseRun.make())
        // Outcome legend with counts and shares; percentile markers; cost against the baseline.
        #expect(page.contains("<span class=\"swatch o-fell_back\"></span>fell back <b>50</b> <span class=\"sub\">12.5%</span>"))
        #expect(page.contains(">p99 4.12 s</text>"))
        #expect(page.contains(">p50 640 ms</text>"))
        #expect(page.contains("latency (log scale)") == false)
        #expect(page.contains("<dt>baseline (no faults)</dt><dd class=\"\">$0.00115</dd>"))
        #expect(page.contains("<dt>vs baseline</dt><dd class=\"bad\">+27.1%</dd>"))
        #expect(page.contains("<dt>overhead ratio</dt><dd class=\"bad\">×1.27</dd>") == false)
        #expect(page.contains("<dt>overhead ratio</dt><dd class=\"warn\">×1.27</dd>"))
        #expect(page.contains("<td class=\"num bad\">42%</td>"), "anthropic-secondary health")
    }

    @Test func emptyRunStillRenders() {
        let run = RunResult(version: "0.1.0", startedAt: 0, duration: 0, suites: [])
        let page = HTMLReport.render(run)
        #expect(page.contains("No suites ran."))
        #expect(page.contains("✓ all passed"))
        #expect(XMLParser(data: Data(page.utf8)).parse())
    }

    /// `FAULTLINE_WRITE_SAMPLE=1 swift test --filter HTMLReportTests` writes the pages
    /// `scripts/check-html.sh` opens in Chromium.
    @Test func writeSampleWhenAsked() throws {
        guard ProcessInfo.processInfo.environment["FAULTLINE_WRITE_SAMPLE"] == "1" else { return }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let directory = root.appendingPathComponent("reports/sample").path
        try ReportWriter(directory: directory, html: { HTMLReport.render($0) }).write(ShowcaseRun.make(), environment: [:])
        try ReportWriter.atomicWrite(Data(HTMLReport.render(SampleRun.make()).utf8), to: directory + "/hostile.html")
    }
}
