import Foundation

/// Validates XML against the JUnit XSDs copied (with their license headers) into the test
/// resources, using `xmllint --schema` from Debian's libxml2-utils (installed by scripts/test).
enum SchemaValidator {
    static let xmllint = ["/usr/bin/xmllint", "/usr/local/bin/xmllint"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static func schema(_ name: String) -> String {
        Bundle.module.path(forResource: name, ofType: "xsd", inDirectory: "Resources/junit")!
    }

    /// nil when valid, else xmllint's complaint.
    static func problems(xml: String, schema name: String) throws -> String? {
        guard let xmllint else { return "xmllint is not installed (apt-get install libxml2-utils)" }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("faultline-\(UUID().uuidString).xml")
        try Data(xml.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: xmllint)
        process.arguments = ["--noout", "--schema", schema(name), file.path]
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return process.terminationStatus == 0 ? nil : output
    }
}
