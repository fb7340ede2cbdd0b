import FaultlineWire
import Foundation
import Testing

@testable import FaultlineSuite

/// The loader's diagnostics, from a corpus of broken suites: each file in `BrokenSuites/`
/// names the messages it must produce in `# expect: line:column: text` comments.
@Suite struct SuiteLoaderTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("BrokenSuites")
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var brokenSuites: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
    }

    @Test(arguments: brokenSuites)
    func aBrokenSuiteNamesLineColumnAndWhatWasExpected(_ name: String) throws {
        let file = Self.corpus.appendingPathComponent(name).path
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let expected = text.split(separator: "\n").compactMap { line in
            line.hasPrefix("# expect: ") ? String(line.dropFirst("# expect: ".count)) : nil
        }
        try #require(!expected.isEmpty, "\(name) has no `# expect:` line")
        guard case .failure(let failure) = SuiteLoader.load(file: file) else {
            Issue.record("\(name) loaded without an error")
            return
        }
        let messages = failure.diagnostics.map { "\($0.line):\($0.column): \($0.message)" }
        for want in expected {
            #expect(messages.contains { $0.hasPrefix(want) }, "\(name): no diagnostic starts with `\(want)`; got \(messages)")
        }
        #expect(failure.diagnostics.allSatisfy { $0.file == file })
    }

    @Test func everyBundledSuiteLoads() throws {
        let suites = Self.repository.appendingPathComponent("suites")
        let names = try FileManager.default.contentsOfDirectory(atPath: suites.path).filter { $0.hasSuffix(".yaml") }
        #expect(names.count >= 8)
        var scenarios = 0
        var expectations = 0
        for name in names {
            switch SuiteLoader.load(file: suites.appendingPathComponent(name).path) {
            case .success(let suite):
                scenarios += suite.scenarios.count
                expectations += suite.scenarios.reduce(0) { $0 + $1.expectations.count }
            case .failure(let failure):
                Issue.record("\(name): \(failure)")
            }
        }
        #expect(scenarios >= 50)
        #expect(expectations >= 100)
    }

    /// A chain written inline, in the chain file's format, as DESIGN.md's suite example allows.
    @Test func aChainMayBeWrittenInline() throws {
        let task = Self.repository.appendingPathComponent("fixtures/tasks/summarize.yaml").path
        let text = """
            suite: inline
            task: \(task)
            chain:
              providers:
                - { name: a, dialect: openai-chat, base_url: "https://api.openai.com", model: gpt-4o-mini }
                - { name: b, dialect: gemini, base_url: "https://generativelanguage.googleapis.com", model: gemini-2.0-flash }
            scenarios:
              - name: fails over
                faults:
                  a: [ "outage" ]
            """
        let suite = try SuiteLoader.load(text: text, file: "/tmp/inline.yaml").get()
        let scenario = try #require(suite.scenarios.first)
        #expect(scenario.chain?.providerNames == ["a", "b"])
        #expect(scenario.chainFile == "/tmp/inline.yaml (inline, line 4)")
        #expect(scenario.faults == ["a": ["outage"]])
    }

    @Test func scenarioInheritsSuiteDefaultsAndOverridesThem() throws {
        let chain = Self.repository.appendingPathComponent("chains/default.yaml").path
        let task = Self.repository.appendingPathComponent("fixtures/tasks/summarize.yaml").path
        let text = """
            suite: defaults
            seed: 9
            chain: \(chain)
            task: \(task)
            requests: 40
            first_byte_ms: 50
            scenarios:
              - name: inherits
              - name: overrides
                requests: 7
                concurrency: 2
                clock: wall
                chunk_gap_ms: 5
                seed: 3
                faults:
                  "*": [ "reset(p=0.5)" ]
            """
        let suite = try SuiteLoader.load(text: text, file: "/tmp/defaults.yaml").get()
        let (inherits, overrides) = (suite.scenarios[0], suite.scenarios[1])
        #expect(inherits.requests == 40 && inherits.concurrency == 8 && inherits.clock == .virtual)
        #expect(inherits.timing == MockTiming(firstByteMs: 50, chunkGapMs: 20))
        #expect(inherits.seed == 9 ^ FNV1a.hash("inherits"))
        #expect(overrides.requests == 7 && overrides.concurrency == 2 && overrides.clock == .wall && overrides.seed == 3)
        #expect(overrides.timing == MockTiming(firstByteMs: 50, chunkGapMs: 5))
        #expect(overrides.faults == ["*": ["reset(p=0.5)"]])
        #expect(inherits.chain?.providerNames == ["openai-primary", "anthropic-fallback", "gemini-fallback"])
    }
}
