import FaultlineSuite
import Foundation

/// Writes every report of a run into a folder, each file atomically (temp file, then
/// rename), so a reader — or a run interrupted half-way — never sees a partial file.
public struct ReportWriter: Sendable {
    public var directory: String
    /// Where `--junit PATH` asked for the aggregate JUnit file, if not `<directory>/junit.xml`.
    public var junitPath: String?
    /// Renders the HTML report; nil writes none.
    public var html: (@Sendable (RunResult) -> String)?

    public init(directory: String, junitPath: String? = nil, html: (@Sendable (RunResult) -> String)? = nil) {
        self.directory = directory
        self.junitPath = junitPath
        self.html = html
    }

    /// Writes `junit.xml`, `junit/TEST-<suite>.xml`, `results.json`, `summary.md` (and `index.html`),
    /// and appends the summary to `$GITHUB_STEP_SUMMARY` when set. Returns the files written.
    @discardableResult
    public func write(_ run: RunResult, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> [String] {
        let fm = FileManager.default
        try fm.createDirectory(atPath: directory + "/junit", withIntermediateDirectories: true)
        var written: [String] = []
        func put(_ path: String, _ data: Data) throws {
            try Self.atomicWrite(data, to: path)
            written.append(path)
        }
        try put(junitPath ?? directory + "/junit.xml", Data(JUnitReport.aggregate(run).utf8))
        for suite in run.suites {
            try put(directory + "/junit/" + JUnitReport.fileName(for: suite), Data(JUnitReport.suite(suite, run: run).utf8))
        }
        try put(directory + "/results.json", try JSONReport.encode(run))
        let summary = MarkdownReport.render(run)
        try put(directory + "/summary.md", Data(summary.utf8))
        if let html { try put(directory + "/index.html", Data(html(run).utf8)) }
        if let stepSummary = environment["GITHUB_STEP_SUMMARY"], !stepSummary.isEmpty,
            let handle = FileHandle(forWritingAtPath: stepSummary)
        {
            handle.seekToEndOfFile()
            handle.write(Data(summary.utf8))
            handle.closeFile()
        }
        return written
    }

    /// Writes to a temporary file beside `path`, then renames it over `path`.
    public static func atomicWrite(_ data: Data, to path: String) throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let temporary = path + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: data) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary])
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
        }
    }
}
