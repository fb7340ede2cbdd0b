import Foundation
import Testing

/// `faultline check` finds fixtures by their `case.json` wherever they are, names the exact
/// file and position of a problem, and never says "all good" about nothing.
@Suite(.enabled(if: FaultlineBinary.isBuilt, "needs the built faultline (swift build --build-tests)"))
struct CheckCommandTests {
    static func copy(_ fixtures: String, to folder: URL) throws -> URL {
        let mine = folder.appendingPathComponent("mine")
        try FileManager.default.copyItem(at: FaultlineBinary.repository.appendingPathComponent(fixtures), to: mine)
        return mine
    }

    @Test func fixturesInAFolderNotNamedAfterADialectAreChecked() throws {
        let folder = try FaultlineBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let mine = try Self.copy("fixtures/openai-chat", to: folder)
        let count = try FileManager.default.contentsOfDirectory(atPath: mine.path).count
        let outcome = try FaultlineBinary.run(["check", mine.path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("checked \(count) fixture(s)"), "\(outcome.stdout)")
    }

    @Test func aCorruptFileIsNamedWithLineAndColumn() throws {
        let folder = try FaultlineBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let mine = try Self.copy("fixtures/openai-chat", to: folder)
        let response = mine.appendingPathComponent("text-plain/response.json")
        var bytes = [UInt8](try Data(contentsOf: response))
        let comma = try #require(bytes.firstIndex(of: UInt8(ascii: ",")))
        bytes.insert(UInt8(ascii: ","), at: comma)  // `,,`: the parser stops at the second
        try Data(bytes).write(to: response)
        let outcome = try FaultlineBinary.run(["check", mine.path])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains(response.path + ":"), "\(outcome.stderr)")
        #expect(outcome.stderr.range(of: #"response\.json:\d+:\d+: invalid JSON: .* \(byte "# + "\(comma + 1)\\)", options: .regularExpression) != nil, "\(outcome.stderr)")
    }

    @Test func aWrongFieldInCaseJSONPointsAtIt() throws {
        let folder = try FaultlineBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let mine = try Self.copy("fixtures/openai-chat", to: folder)
        let caseFile = mine.appendingPathComponent("text-plain/case.json")
        let text = try String(contentsOf: caseFile, encoding: .utf8).replacingOccurrences(of: "\"status\": 200", with: "\"status\": \"OK\"")
        try text.write(to: caseFile, atomically: true, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(lines.firstIndex { $0.contains("\"status\": \"OK\"") }) + 1
        let outcome = try FaultlineBinary.run(["check", mine.path])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("\(caseFile.path):\(line):"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("response.status: expected an integer"))
    }

    @Test func aResponseThatBreaksAnExpectationPointsAtTheExpectation() throws {
        let folder = try FaultlineBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let mine = try Self.copy("fixtures/openai-chat", to: folder)
        let caseFile = mine.appendingPathComponent("text-plain/case.json")
        let original = try String(contentsOf: caseFile, encoding: .utf8)
        let expectAt = try #require(original.range(of: "\"expect\""))
        let modelAt = try #require(original.range(of: "\"model\": \"", range: expectAt.upperBound..<original.endIndex))
        let text = original.replacingCharacters(in: modelAt, with: "\"model\": \"not-")
        try text.write(to: caseFile, atomically: true, encoding: .utf8)
        let line = text[..<modelAt.lowerBound].filter { $0 == "\n" }.count + 1
        let outcome = try FaultlineBinary.run(["check", mine.path])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("\(caseFile.path):\(line):"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("model: expected not-"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("(decoding response.json)"), "\(outcome.stderr)")
    }

    /// Azure's deployment path and Gemini's v1 are told by the request path, not the folder.
    @Test func theDialectComesFromTheRequestPath() throws {
        let folder = try FaultlineBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cases = folder.appendingPathComponent("anything/deeper")
        try FileManager.default.createDirectory(at: cases, withIntermediateDirectories: true)
        let repository = FaultlineBinary.repository
        let rewrites = [
            ("fixtures/openai-chat/text-plain", "azure", "/v1/chat/completions", "/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21"),
            ("fixtures/gemini/" + (try geminiCase()), "gemini-v1", "/v1beta/", "/v1/"),
        ]
        for (source, name, from, to) in rewrites {
            let target = cases.appendingPathComponent(name)
            try FileManager.default.copyItem(at: repository.appendingPathComponent(source), to: target)
            let caseFile = target.appendingPathComponent("case.json")
            let text = try String(contentsOf: caseFile, encoding: .utf8).replacingOccurrences(of: from, with: to)
            try text.write(to: caseFile, atomically: true, encoding: .utf8)
        }
        let outcome = try FaultlineBinary.run(["check", folder.path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("checked 2 fixture(s)"), "\(outcome.stdout)")
    }

    func geminiCase() throws -> String {
        let root = FaultlineBinary.repository.appendingPathComponent("fixtures/gemini")
        let names = try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
        return try #require(names.first { name in
            (try? String(contentsOf: root.appendingPathComponent(name + "/case.json"), encoding: .utf8))?.contains("/v1beta/") ?? false
        })
    }

    @Test(arguments: ["empty", "notes.txt", "lone.json"])
    func nothingToCheckIsExit2(_ name: String) throws {
        let folder = try FaultlineBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(name)
        if name == "empty" {
            try FileManager.default.createDirectory(at: path, withIntermediateDirectories: true)
        } else {
            try Data("{}".utf8).write(to: path)
        }
        let outcome = try FaultlineBinary.run(["check", path.path])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("no fixture or suite found under \(path.path)"), "\(outcome.stderr)")
        #expect(!outcome.stdout.contains("all good"))
    }

    @Test func controlBytesFromASuiteAreEscaped() throws {
        let folder = try FaultlineBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let suite = folder.appendingPathComponent("ansi.yaml")
        // YAML's own `\e` escape puts a real ESC in the key; a raw ESC byte is a syntax error.
        let cases = [
            ("suite: ansi\nscenarios:\n  - name: a\n    \"\\e[2Jreqests\": 3\n", "4:5: scenario: unknown key `\\u{1B}[2Jreqests`"),
            ("suite: ansi\nscenarios:\n  - name: a\n    \"\u{1B}[2Jreqests\": 3\n", "4:6: YAML: control characters are not allowed (0x1B)"),
        ]
        for (text, diagnostic) in cases {
            try text.write(to: suite, atomically: true, encoding: .utf8)
            for command in ["check", "run"] {
                let outcome = try FaultlineBinary.run([command, suite.path])
                #expect(outcome.status == 2)
                #expect(!outcome.stderr.contains("\u{1B}"), "raw ESC printed by \(command)")
                #expect(outcome.stderr.contains("\(suite.path):\(diagnostic)"), "\(outcome.stderr)")
            }
        }
    }
}
