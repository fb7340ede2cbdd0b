import Foundation

/// The built `faultline` executable, run as a user runs it: these tests check what only the
/// whole program shows (exit codes, signals, what reaches the terminal). `swift build
/// --build-tests` builds it next to the test bundle; the tests are skipped when it is absent.
struct FaultlineBinary {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let url: URL? = {
        var candidates: [URL] = []
        if let bundle = Bundle.main.executableURL?.deletingLastPathComponent() {
            candidates.append(bundle.appendingPathComponent("faultline"))
            candidates.append(bundle.deletingLastPathComponent().appendingPathComponent("faultline"))
        }
        candidates.append(repository.appendingPathComponent(".build/debug/faultline"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    static var isBuilt: Bool { url != nil }

    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Starts `faultline arguments…` in `directory` (default: the repository) without waiting.
    static func start(_ arguments: [String], in directory: URL = repository) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["CI"] = "1"
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return (process, out, err)
    }

    /// Runs `faultline arguments…` to the end.
    static func run(_ arguments: [String], in directory: URL = repository) throws -> Outcome {
        let (process, out, err) = try start(arguments, in: directory)
        return finish(process, out, err)
    }

    static func finish(_ process: Process, _ out: Pipe, _ err: Pipe) -> Outcome {
        // Read both pipes before waiting (a full pipe would block the child), stderr on the side.
        nonisolated(unsafe) var stderr = Data()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { stderr = err.fileHandleForReading.readDataToEndOfFile() }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// A fresh temporary folder, removed by the caller.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("faultline-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
