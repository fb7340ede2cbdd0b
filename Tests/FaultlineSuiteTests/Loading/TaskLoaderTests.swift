import Foundation
import Testing

@testable import FaultlineSuite

/// A task whose numbers or schema the mock would refuse (or once trapped on) fails `check`
/// with the position and the allowed range, so `check` and `run` agree.
@Suite struct TaskLoaderTests {
    static func diagnostics(_ yaml: String) throws -> [String] {
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("faultline-task-\(UUID().uuidString).yaml").path
        try yaml.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        return TaskLoader.load(file: file).1.map { "\($0.line):\($0.column): \($0.message)" }
    }

    static let head = "task: t\nrequest:\n  messages:\n    - user: hi\n"

    @Test(arguments: [
        ("  max_tokens: 100000000000\n", "5:15: max_tokens: expected an integer in 1...10000000"),
        ("  temperature: 1.0e+308\n", "5:16: temperature: expected a number in 0...2"),
        ("  temperature: -1\n", "5:16: temperature: expected a number in 0...2"),
        (
            "  response_format:\n    json_schema:\n      name: x\n      schema: { type: array, minItems: 5, maxItems: 2 }\n",
            "8:15: response_format.json_schema.schema: not a usable JSON Schema"
        ),
    ])
    func outOfRangeValuesAreDiagnosed(_ tail: String, _ expected: String) throws {
        let messages = try Self.diagnostics(Self.head + tail)
        #expect(messages.contains { $0.hasPrefix(expected) }, "\(messages)")
    }

    @Test func anExtremeButValidSchemaLoads() throws {
        // The mock answers it cut to its caps, so `check` has nothing to refuse.
        let tail = "  response_format:\n    json_schema:\n      name: x\n      schema: { type: array, minItems: \"9223372036854775807\" }\n"
        let messages = try Self.diagnostics(Self.head + tail)
        #expect(!messages.contains { $0.contains("schema") }, "\(messages)")
    }
}
