import FaultlineWire
import Foundation
import Testing

@testable import FaultlineSuite

/// Diagnostics that span files or concern how they print: a referenced chain or task that
/// does not parse, duplicate keys, control bytes, and telling suites, chains and tasks apart.
@Suite struct YAMLDiagnosticsTests {
    static let repository = SuiteLoaderTests.repository

    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("faultline-yaml-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test(arguments: ["chain", "task"])
    func aReferencedFileThatFailsToParseIsReportedOnce(_ kind: String) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let broken = folder.appendingPathComponent("broken-\(kind).yaml")
        try "\(kind): x\n  bad: [unclosed\n".write(to: broken, atomically: true, encoding: .utf8)
        let chain = kind == "chain" ? broken.path : Self.repository.appendingPathComponent("chains/default.yaml").path
        let task = kind == "task" ? broken.path : Self.repository.appendingPathComponent("fixtures/tasks/summarize.yaml").path
        let suite = "suite: s\nchain: \(chain)\ntask: \(task)\nscenarios:\n  - name: a\n  - name: b\n  - name: c\n"
        guard case .failure(let failure) = SuiteLoader.load(text: suite, file: folder.appendingPathComponent("s.yaml").path) else {
            Issue.record("loaded")
            return
        }
        #expect(failure.diagnostics.count == 1, "\(failure.diagnostics)")
        let diagnostic = try #require(failure.diagnostics.first)
        #expect(diagnostic.file == broken.path)
        #expect(diagnostic.line == 2, "\(diagnostic)")
        #expect(!failure.description.contains("expected a `\(kind):`"))
    }

    @Test func aDuplicatedKeyIsOneLineAtTheRepeat() throws {
        let text = "suite: s\nseed: 1\nscenarios: []\nseed: 2\n"
        guard case .failure(let failure) = SuiteLoader.load(text: text, file: "dup.yaml") else {
            Issue.record("loaded")
            return
        }
        #expect(failure.diagnostics.map(\.description) == ["dup.yaml:4:1: YAML: duplicated key `seed` in a mapping (first at 2:1)"])
    }

    @Test func aControlByteIsReportedWhereItIs() throws {
        let text = "suite: s\nscenarios:\n  - name: \"a\u{1B}b\"\n"
        guard case .failure(let failure) = SuiteLoader.load(text: text, file: "esc.yaml") else {
            Issue.record("loaded")
            return
        }
        let diagnostic = try #require(failure.diagnostics.first)
        #expect((diagnostic.line, diagnostic.column) != (1, 1), "\(diagnostic)")
        #expect(diagnostic.line == 3)
    }

    @Test func aDiagnosticPrintsControlBytesEscaped() {
        let diagnostic = Diagnostic(file: "a.yaml", line: 2, column: 3, message: "unknown key `\u{1B}[31mred`")
        #expect(diagnostic.description == "a.yaml:2:3: unknown key `\\u{1B}[31mred`")
    }

    @Test(arguments: [
        ("suites/status.yaml", ConfigFile.Kind.suite), ("chains/default.yaml", .chain), ("fixtures/tasks/weather-tool.yaml", .task),
    ])
    func checkTellsSuitesChainsAndTasksApart(_ path: String, _ kind: ConfigFile.Kind) {
        let (found, diagnostics) = ConfigFile.check(file: Self.repository.appendingPathComponent(path).path)
        #expect(found == kind)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
    }
}
