import FaultlineWire
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `write(2)`, named apart from `FixtureWriter.write(_:)`.
private func posixWrite(_ fd: Int32, _ pointer: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(fd, pointer, count)
    #else
    Darwin.write(fd, pointer, count)
    #endif
}

/// Writes recorded exchanges as fixtures, `root/<dialect>/<case>/` in the format of
/// fixtures/README.md: redacted (`Redactor`), named (`CaseNamer`), `expect` filled by
/// decoding the redacted response through its dialect so the fixture checks itself, and
/// provenance in `case.json`. Before anything is written, the secret scanner reads every
/// file: a fixture that still holds a secret is refused. The files go into a temporary
/// folder inside `root` that is renamed into place, so a fixture is whole or absent.
///
/// One writer serves `faultline record` and a canary's `--record DIR`.
public final class FixtureWriter: Sendable {
    public let root: String
    public let redactor: Redactor
    public let namer: CaseNamer
    /// Match keys (`Fixture.MatchKey`) of the fixtures under `root`, to warn about requests
    /// the mock could not tell apart.
    private let matchKeys: Mutex<[Fixture.MatchKey: String]>

    /// What became of one exchange.
    public enum Outcome: Sendable, Hashable {
        /// Written at `path` (`root/<dialect>/<case>`); `warnings` for the user (ambiguities).
        case written(path: String, warnings: [String])
        /// Not written, and why (a secret the redaction missed, a body it could not read).
        case refused(reason: String)
    }

    /// Creates `root` when missing and proves it writable (a folder made and removed), so a
    /// bad `--out` fails before the first request instead of after it.
    public init(root: String, redactor: Redactor, name: String? = nil) throws(RecordError) {
        let trimmed = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
        self.root = trimmed
        self.redactor = redactor
        namer = try CaseNamer(root: trimmed, fixedName: name)
        try FixtureWriter.makeDirectory(trimmed)
        let probe = trimmed + "/.faultline-probe-\(UUID().uuidString)"
        try FixtureWriter.makeDirectory(probe)
        try? FileManager.default.removeItem(atPath: probe)
        var keys: [Fixture.MatchKey: String] = [:]
        for fixture in Fixture.loadAll(from: trimmed).fixtures {
            if let key = fixture.matchKey, keys[key] == nil { keys[key] = fixture.name }
        }
        matchKeys = Mutex(keys)
    }

    /// Redacts, names, checks and writes one exchange. Throws only when the disk refuses
    /// (`RecordError.unwritable`): the caller stops; a fixture it must not write is `.refused`.
    @discardableResult
    public func write(_ exchange: RecordedExchange) throws(RecordError) -> Outcome {
        let rendered: RenderedFixture
        do { rendered = try render(exchange) } catch { return .refused(reason: "\(exchange.dialect.rawValue) \(exchange.request.method) exchange: \(error)") }
        let name = namer.claim(dialect: exchange.dialect, lastUserText: rendered.lastUserText, isStream: exchange.isStream, status: exchange.response.status)
        let relative = "\(exchange.dialect.rawValue)/\(name)"
        if let leak = Self.leak(in: rendered.files, name: name, credentials: rendered.credentials) {
            namer.release(dialect: exchange.dialect, name: name)
            return .refused(reason: "\(root)/\(relative)/\(leak); not written")
        }
        do throws(RecordError) {
            try commit(rendered.files, to: relative)
        } catch {
            namer.release(dialect: exchange.dialect, name: name)
            throw error
        }
        var warnings: [String] = []
        if let key = rendered.matchKey {
            let earlier = matchKeys.withLock { keys -> String? in
                if let earlier = keys[key] { return earlier }
                keys[key] = relative
                return nil
            }
            if let earlier {
                warnings.append("\(root)/\(relative) and \(root)/\(earlier): the mock cannot tell them apart (same dialect, "
                    + "\(key.stream ? "both streamed" : "both not streamed"), same last user message); only the first in name order is served")
            }
        }
        return .written(path: "\(root)/\(relative)", warnings: warnings)
    }

    // MARK: Rendering

    struct RenderedFixture {
        var files: [(name: String, bytes: [UInt8])]
        var lastUserText: String
        var matchKey: Fixture.MatchKey?
        var credentials: [String]
    }

    /// The three files of the fixture, redacted, with `case.json` last.
    func render(_ exchange: RecordedExchange) throws(Redactor.Refusal) -> RenderedFixture {
        let credentials = Redactor.credentials(of: exchange.request)
        let requestHeaders = redactor.headers(exchange.request.headers, credentials: credentials)
        let path = redactor.path(exchange.request.path, credentials: credentials)
        let requestBody = try redactor.body(exchange.request.body, pieces: [], isStream: false, credentials: credentials).body
        let isStream = exchange.isStream
        let sizes = isStream ? exchange.chunks.map(\.bytes) : []
        let (responseBody, pieces) = try redactor.body(exchange.response.body, pieces: sizes, isStream: isStream, credentials: credentials)
        let responseHeaders = redactor.headers(exchange.response.headers, credentials: credentials)
        let chunks = zip(pieces, exchange.chunks).map { Fixture.Chunk(bytes: $0, delayMs: $1.delayMs) }

        let request = WireRequest(method: exchange.request.method, path: path, headers: requestHeaders, body: requestBody)
        let response = WireResponse(status: exchange.response.status, headers: responseHeaders, body: responseBody)
        var cut: [ArraySlice<UInt8>] = []
        var offset = 0
        for size in pieces {
            cut.append(responseBody[offset..<(offset + size)])
            offset += size
        }
        let decoded = Fixture.decode(response, isStream: isStream, pieces: isStream ? cut : [responseBody[...]], dialect: exchange.dialect.dialect)
        let expectation = Fixture.Expectation(decoded)
        let decodedRequest = try? exchange.dialect.dialect.decodeRequest(request).get()
        let lastUserText = decodedRequest?.lastUserText ?? ""

        let bodyFile = isStream ? "response.sse" : "response.json"
        var caseJSON = JSONObject()
        caseJSON["description"] = .string(Self.description(exchange, path: path, chunks: chunks.count, expectation: expectation))
        caseJSON["provenance"] = Fixture.Provenance.recorded(exchange.recording).json
        caseJSON["request"] = .object(["method": .string(request.method), "path": .string(path), "headers": Self.json(requestHeaders)])
        caseJSON["response"] = .object(["status": .number(Double(response.status)), "headers": Self.json(responseHeaders), "body": .string(bodyFile)])
        if isStream {
            caseJSON["chunks"] = .array(chunks.map { .object(["bytes": .number(Double($0.bytes)), "delayMs": .number(($0.delayMs * 1000).rounded() / 1000)]) })
        }
        let (key, value) = expectation.json
        caseJSON[key] = value

        var files: [(name: String, bytes: [UInt8])] = []
        if !requestBody.isEmpty { files.append(("request.json", requestBody)) }
        files.append((bodyFile, responseBody))
        files.append(("case.json", JSONValue.object(caseJSON).prettyBytes))
        return RenderedFixture(
            files: files, lastUserText: lastUserText,
            matchKey: decodedRequest.map { Fixture.MatchKey(dialect: exchange.dialect, stream: isStream, lastUserText: $0.lastUserText) },
            credentials: credentials)
    }

    /// One line on what was recorded, from redacted parts only.
    static func description(_ exchange: RecordedExchange, path: String, chunks: Int, expectation: Fixture.Expectation) -> String {
        let method = exchange.request.method
        let shape = exchange.isStream ? "a stream in \(chunks) chunks" : "a body of \(exchange.response.body.count) bytes"
        let outcome: String
        switch expectation {
        case .response: outcome = "decodes to a response"
        case .error(let kind, _): outcome = "decodes to error \(kind.rawValue)"
        }
        return "Recorded by faultline record from \(exchange.recording.upstream): \(method) \(Self.pathOnly(path)) answered \(exchange.response.status), \(shape); \(outcome)."
    }

    static func pathOnly(_ path: String) -> Substring { path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0] }

    static func json(_ headers: WireHeaders) -> JSONValue {
        var object = JSONObject()
        // case.json holds one value per name: repeated fields join as HTTP allows.
        for field in headers {
            let name = field.name.lowercased()
            if let existing = object[name]?.stringValue { object[name] = .string(existing + ", " + field.value) } else { object[name] = .string(field.value) }
        }
        return .object(object)
    }

    /// The first secret left in a file (key-shaped, or a credential the client sent), as
    /// `file line N: what`; nil when every file is clean.
    static func leak(in files: [(name: String, bytes: [UInt8])], name: String, credentials: [String]) -> String? {
        if let found = SecretScanner.ranges(in: Array(name.utf8)).first { return "folder name: still holds a \(found.kind) after redaction" }
        for file in files {
            let text = String(decoding: file.bytes, as: UTF8.self)
            if let finding = SecretScanner.scan(text).first {
                return "\(file.name) line \(finding.line): still holds a \(finding.kind) (`\(finding.masked)`) after redaction; add a --redact pattern for it"
            }
            for literal in credentials where !Redactor.occurrences(of: Array(literal.utf8), in: file.bytes).isEmpty {
                return "\(file.name): still holds the API key the client sent"
            }
        }
        return nil
    }

    // MARK: Writing

    /// Writes the files into a fresh temporary folder in `root` and renames it to
    /// `root/relative`; on any failure the temporary folder is removed.
    private func commit(_ files: [(name: String, bytes: [UInt8])], to relative: String) throws(RecordError) {
        let temporary = root + "/.faultline-record-\(UUID().uuidString)"
        try Self.makeDirectory(temporary)
        do throws(RecordError) {
            for file in files { try Self.writeFile(temporary + "/" + file.name, file.bytes) }
            let dialectFolder = root + "/" + relative.split(separator: "/")[0]
            try Self.makeDirectory(dialectFolder)
            let target = root + "/" + relative
            guard rename(temporary, target) == 0 else { throw RecordError.unwritable(path: target, reason: Self.lastError()) }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }

    static func makeDirectory(_ path: String) throws(RecordError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw RecordError.unwritable(path: path, reason: "a file is in the way of the folder") }
            return
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path, !FileManager.default.fileExists(atPath: parent) { try makeDirectory(parent) }
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else { throw RecordError.unwritable(path: path, reason: lastError()) }
    }

    /// Creates `path` (it must not exist), writes all of `bytes` and syncs them.
    static func writeFile(_ path: String, _ bytes: [UInt8]) throws(RecordError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw RecordError.unwritable(path: path, reason: lastError()) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { posixWrite(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else {
                let reason = lastError()
                close(fd)
                throw RecordError.unwritable(path: path, reason: reason)
            }
            offset += n
        }
        guard fsync(fd) == 0 else {
            let reason = lastError()
            close(fd)
            throw RecordError.unwritable(path: path, reason: reason)
        }
        guard close(fd) == 0 else { throw RecordError.unwritable(path: path, reason: lastError()) }
    }

    static func lastError() -> String { String(cString: strerror(errno)) }
}
