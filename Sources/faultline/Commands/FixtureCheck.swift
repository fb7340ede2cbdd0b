import FaultlineSuite
import FaultlineWire
import Foundation

/// What `faultline check` does for one path: fixtures are decoded against their
/// expectations and checked to be told apart by the mock's matching rule, suites are
/// loaded, and every file is scanned for secrets.
enum FixtureCheck {
    struct Report {
        var checked = 0
        var problems: [String] = []
    }

    static func run(path: String) -> Report {
        var report = Report()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            report.problems.append("\(path): no such file or directory")
            return report
        }
        if !isDirectory.boolValue {
            if path.hasSuffix(".yaml") || path.hasSuffix(".yml") { checkSuite(path, into: &report) }
            scanSecrets(path, into: &report)
            return report
        }
        if FileManager.default.fileExists(atPath: path + "/case.json") {
            checkFixture(directory: path, into: &report)
        } else {
            let (fixtures, errors) = Fixture.loadAll(from: path)
            report.problems += errors.map(\.description)
            for fixture in fixtures { check(fixture, into: &report) }
            report.problems += Fixture.ambiguities(fixtures).map(\.description)
        }
        for file in files(under: path) {
            if file.hasSuffix(".yaml") || file.hasSuffix(".yml"), !file.contains("/tasks/") { checkSuite(file, into: &report) }
            scanSecrets(file, into: &report)
        }
        return report
    }

    private static func checkFixture(directory: String, into report: inout Report) {
        do { check(try Fixture.load(directory: directory), into: &report) } catch {
            report.problems.append(error.description)
        }
    }

    private static func check(_ fixture: Fixture, into report: inout Report) {
        report.checked += 1
        report.problems += FixtureVerdict.problems(fixture).map { "fixtures/\(fixture.name): \($0)" }
    }

    private static func checkSuite(_ file: String, into report: inout Report) {
        report.checked += 1
        switch SuiteLoader.load(file: file) {
        case .success: break
        case .failure(let failure): report.problems += failure.diagnostics.map(\.description)
        }
    }

    private static func scanSecrets(_ file: String, into report: inout Report) {
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else { return }
        report.problems += SecretScanner.scan(text).map { "\(file):\($0.line): looks like a secret (\($0.kind) `\($0.masked)`); remove it" }
    }

    private static func files(under root: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
        var out: [String] = []
        while let next = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let full = root + "/" + next
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue { out.append(full) }
        }
        return out.sorted()
    }
}
