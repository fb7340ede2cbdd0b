import FaultlineSuite
import FaultlineWire
import Foundation

/// What `faultline check` does for one path: every fixture under it (a folder holding a
/// `case.json`, however deep and whatever the folders are called) is parsed, decoded against
/// its expectations and checked to be told apart by the mock's matching rule; every suite,
/// chain and task file is loaded; every file is scanned for secrets. A path holding none of
/// these is itself a problem: "all good" about nothing would hide a wrong path in CI.
enum FixtureCheck {
    struct Report {
        var fixtures = 0
        var yamlFiles = 0
        var problems: [String] = []
        var checked: Int { fixtures + yamlFiles }
    }

    static func run(path: String) -> Report {
        var report = Report()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            report.problems.append("\(path): no such file or directory")
            return report
        }
        if isDirectory.boolValue {
            let cases = Fixture.caseFolders(under: path)
            checkFixtures(cases, into: &report)
            for file in files(under: path) {
                if isYAML(file), !cases.contains(where: { file.hasPrefix($0 + "/") }) { checkYAML(file, named: false, into: &report) }
                scanSecrets(file, into: &report)
            }
        } else {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            let name = URL(fileURLWithPath: path).lastPathComponent
            if isYAML(path) {
                checkYAML(path, named: true, into: &report)
            } else if name == "case.json" || (name.hasSuffix(".json") && FileManager.default.fileExists(atPath: folder + "/case.json")) {
                checkFixtures([folder], into: &report)
            }
            scanSecrets(path, into: &report)
        }
        if report.checked == 0, report.problems.isEmpty {
            report.problems.append(
                "\(path): no fixture or suite found under \(path) (a fixture is a folder with a case.json; a suite, chain or task a .yaml file)")
        }
        return report
    }

    private static func isYAML(_ file: String) -> Bool { file.hasSuffix(".yaml") || file.hasSuffix(".yml") }

    /// Loads and checks each case folder; syntax errors name the file, line and column.
    private static func checkFixtures(_ cases: [String], into report: inout Report) {
        var loaded: [Fixture] = []
        for folder in cases {
            report.fixtures += 1
            let syntax = jsonSyntaxProblems(in: folder)
            guard syntax.isEmpty else {
                report.problems += syntax
                continue
            }
            let fixture: Fixture
            do { fixture = try Fixture.load(directory: folder) } catch {
                report.problems.append(error.description)
                continue
            }
            loaded.append(fixture)
            report.problems += expectationProblems(fixture, folder: folder)
        }
        report.problems += Fixture.ambiguities(loaded).map(\.description)
    }

    /// Every `.json` file of a case folder that does not parse, at its line:column and byte.
    private static func jsonSyntaxProblems(in folder: String) -> [String] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        var problems: [String] = []
        for name in names {
            let file = folder + "/" + name
            guard let data = FileManager.default.contents(atPath: file) else { continue }
            let bytes = [UInt8](data)
            do { _ = try JSONValue(parsing: bytes) } catch {
                problems.append(FixtureError(file: file, bytes: bytes, error: error).description)
            }
        }
        return problems
    }

    /// Where the recorded response differs from what `case.json` expects: at the expectation
    /// it breaks (`case.json:40:5: model: expected …, got … (decoding response.json)`), the
    /// one place both files meet.
    private static func expectationProblems(_ fixture: Fixture, folder: String) -> [String] {
        let caseFile = folder + "/case.json"
        let bytes = FileManager.default.contents(atPath: caseFile).map { [UInt8]($0) } ?? []
        let body = (try? JSONValue(parsing: bytes))?["response"]?["body"]?.stringValue ?? "the response body"
        return FixtureVerdict.problems(fixture).map { problem in
            let key: String
            if problem.hasPrefix("expected error") {
                key = "expectError.kind"
            } else if problem.hasPrefix("expected retry-after") {
                key = "expectError.retryAfter"
            } else if problem.hasPrefix("expected a response") {
                key = "expect"
            } else {
                key = "expect." + (problem.split(separator: ":").first.map(String.init) ?? "")
            }
            let at = TextPosition(ofKeyPath: key, in: bytes)
            return TerminalText.escaped("\(caseFile):\(at): \(problem) (decoding \(body))")
        }
    }

    /// A suite, chain or task file. A YAML file of none of these kinds is a problem only
    /// when it was named on the command line (in a folder it may be anything).
    private static func checkYAML(_ file: String, named: Bool, into report: inout Report) {
        let (kind, diagnostics) = ConfigFile.check(file: file)
        report.problems += diagnostics.map(\.description)
        if kind != nil || !diagnostics.isEmpty {
            report.yamlFiles += 1
        } else if named {
            report.problems.append(TerminalText.escaped(
                "\(file):1:1: not a suite, chain or task file (expected a top-level `scenarios:`, `providers:` or `request:`)"))
        }
    }

    private static func scanSecrets(_ file: String, into report: inout Report) {
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else { return }
        report.problems += SecretScanner.scan(text).map {
            TerminalText.escaped("\(file):\($0.line): looks like a secret (\($0.kind) `\($0.masked)`); remove it")
        }
    }

    private static func files(under root: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
        var out: [String] = []
        let base = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
        while let next = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let full = base + "/" + next
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue { out.append(full) }
        }
        return out.sorted()
    }
}
