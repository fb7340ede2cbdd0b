import Foundation

/// Why a fixture could not be read, naming the file, where in it when known, and what was expected.
public struct FixtureError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var position: TextPosition?
    public var message: String
    public init(file: String, position: TextPosition? = nil, message: String) {
        self.file = file
        self.position = position
        self.message = message
    }
    public var description: String {
        TerminalText.escaped(position.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)")
    }
}

extension FixtureError {
    /// A syntax error in `file`, at the parser's byte as line:column (the byte offset kept for tools).
    public init(file: String, bytes: [UInt8], error: JSONParseError) {
        self.init(
            file: file, position: TextPosition(offset: error.offset, in: bytes),
            message: "invalid JSON: \(error.reason) (byte \(error.offset))")
    }
}

extension Fixture {
    /// Loads every case under `root`, sorted by path: a case is any folder holding a
    /// `case.json`, however deep (`fixtures/<dialect>/<case>/`, a copied `mine/<case>/`, or
    /// the case folder itself). Returns the fixtures that loaded and an error for each that did not.
    public static func loadAll(from root: String) -> (fixtures: [Fixture], errors: [FixtureError]) {
        var fixtures: [Fixture] = []
        var errors: [FixtureError] = []
        for casePath in caseFolders(under: root) {
            do { fixtures.append(try load(directory: casePath)) } catch { errors.append(error) }
        }
        return (fixtures, errors)
    }

    /// Every folder under `root` (itself included) that holds a `case.json`, sorted; a case
    /// folder's own subfolders are not searched, nor hidden folders, nor deeper than 16 levels.
    public static func caseFolders(under root: String) -> [String] {
        let fm = FileManager.default
        let trimmed = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
        var found: [String] = []
        func visit(_ folder: String, depth: Int) {
            if fm.fileExists(atPath: folder + "/case.json") {
                found.append(folder)
                return
            }
            guard depth < 16 else { return }
            for name in ((try? fm.contentsOfDirectory(atPath: folder)) ?? []).sorted() where !name.hasPrefix(".") {
                var isDirectory: ObjCBool = false
                let path = folder + "/" + name
                if fm.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { visit(path, depth: depth + 1) }
            }
        }
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: trimmed, isDirectory: &isDirectory), isDirectory.boolValue { visit(trimmed, depth: 0) }
        return found
    }

    /// Loads one case folder. The dialect is the one whose endpoint `request.path` is
    /// (`DialectID(requestPath:)`), else the parent folder's name.
    public static func load(directory: String) throws(FixtureError) -> Fixture {
        let url = URL(fileURLWithPath: directory)
        let parentName = url.deletingLastPathComponent().lastPathComponent
        let caseFile = directory + "/case.json"
        func read(_ name: String) throws(FixtureError) -> [UInt8] {
            guard let data = FileManager.default.contents(atPath: directory + "/" + name) else {
                throw FixtureError(file: directory + "/" + name, message: "file is missing or unreadable")
            }
            return [UInt8](data)
        }
        let caseBytes = try read("case.json")
        let caseJSON: JSONValue
        do { caseJSON = try JSONValue(parsing: caseBytes) } catch {
            throw FixtureError(file: caseFile, bytes: caseBytes, error: error)
        }
        let fields = FieldReader(json: caseJSON, file: caseFile, bytes: caseBytes)

        let requestPath = try fields.string("request.path")
        guard let dialect = DialectID(requestPath: requestPath) ?? DialectID(rawValue: parentName) else {
            throw fields.error(
                "request.path",
                "request.path: `\(requestPath)` is no dialect's endpoint (/v1/chat/completions, /openai/deployments/{d}/chat/completions, /v1/messages, /{v1|v1beta}/models/{m}:generateContent) and the parent folder `\(parentName)` is not a dialect"
            )
        }
        let name = dialect.rawValue + "/" + url.lastPathComponent
        let requestMethod = try fields.optionalString("request.method") ?? "POST"
        let requestHeaders = try fields.headers("request.headers")
        let requestBody = FileManager.default.fileExists(atPath: directory + "/request.json") ? try read("request.json") : []
        let status = try fields.int("response.status")
        let responseHeaders = try fields.headers("response.headers")
        let bodyFile = try fields.string("response.body")
        let responseBody = try read(bodyFile)

        var chunks: [Chunk] = []
        if let list = caseJSON["chunks"]?.arrayValue {
            for (i, chunk) in list.enumerated() {
                guard let bytes = chunk["bytes"]?.intValue, bytes >= 0 else {
                    throw fields.error("chunks", "chunks[\(i)].bytes: expected a non-negative integer")
                }
                chunks.append(Chunk(bytes: bytes, delayMs: chunk["delayMs"]?.doubleValue ?? 0))
            }
            let total = chunks.reduce(0) { $0 + $1.bytes }
            guard total == responseBody.count else {
                throw fields.error("chunks", "chunks add up to \(total) bytes but \(bodyFile) has \(responseBody.count)")
            }
        }

        let expectation: Expectation
        if let error = caseJSON["expectError"] {
            guard let kindName = error["kind"]?.stringValue, let kind = ProviderError.Kind(rawValue: kindName) else {
                throw fields.error("expectError.kind", "expectError.kind: expected one of \(ProviderError.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            expectation = .error(kind: kind, retryAfter: error["retryAfter"]?.doubleValue)
        } else if let expect = caseJSON["expect"] {
            expectation = .response(try ExpectedResponse(json: expect, fields: fields))
        } else {
            throw fields.error("", "expected `expect` or `expectError`")
        }

        var provenance: Provenance?
        if let json = caseJSON["provenance"] {
            do { provenance = try Provenance(json: json) } catch { throw FixtureError(file: caseFile, message: error.message) }
        }

        return Fixture(
            name: name, dialect: dialect, description: caseJSON["description"]?.stringValue ?? "",
            request: WireRequest(method: requestMethod, path: requestPath, headers: requestHeaders, body: requestBody),
            response: WireResponse(status: status, headers: responseHeaders, body: responseBody),
            chunks: chunks, expectation: expectation, provenance: provenance)
    }
}

extension Fixture.ExpectedResponse {
    /// Reads an `expect` object on its own (what the fixture writer wrote); errors name `file`.
    init(json: JSONValue, file: String) throws(FixtureError) {
        try self.init(json: json, fields: FieldReader(json: json, file: file, bytes: []))
    }

    fileprivate init(json: JSONValue, fields: FieldReader) throws(FixtureError) {
        id = json["id"]?.stringValue
        model = json["model"]?.stringValue
        text = json["text"]?.stringValue
        finishReason = json["finishReason"]?.stringValue.map(FinishReason.init(canonical:))
        if let calls = json["toolCalls"]?.arrayValue {
            var parsed: [ToolCall] = []
            for (i, call) in calls.enumerated() {
                guard let name = call["name"]?.stringValue else {
                    throw fields.error("expect.toolCalls", "expect.toolCalls[\(i)].name: expected a string")
                }
                parsed.append(ToolCall(id: call["id"]?.stringValue ?? "", name: name, arguments: call["arguments"] ?? .object([:])))
            }
            toolCalls = parsed
        }
        if let u = json["usage"] {
            guard let input = u["input"]?.intValue, let output = u["output"]?.intValue else {
                throw fields.error("expect.usage", "expect.usage: expected integer `input` and `output`")
            }
            usage = Usage(input: input, output: output, cached: u["cached"]?.intValue, reasoning: u["reasoning"]?.intValue)
        }
    }
}

/// Reads dotted paths out of a fixture's JSON with messages that name the field and
/// point at where it is written.
private struct FieldReader {
    var json: JSONValue
    var file: String
    var bytes: [UInt8]

    /// An error at the member `path` (or its deepest written parent).
    func error(_ path: String, _ message: String) -> FixtureError {
        FixtureError(file: file, position: TextPosition(ofKeyPath: path, in: bytes), message: message)
    }

    func value(_ path: String) -> JSONValue? {
        var current: JSONValue? = json
        for key in path.split(separator: ".") { current = current?[String(key)] }
        return current
    }

    func string(_ path: String) throws(FixtureError) -> String {
        guard let s = value(path)?.stringValue else { throw error(path, "\(path): expected a string") }
        return s
    }

    func optionalString(_ path: String) throws(FixtureError) -> String? {
        guard let v = value(path) else { return nil }
        guard let s = v.stringValue else { throw error(path, "\(path): expected a string") }
        return s
    }

    func int(_ path: String) throws(FixtureError) -> Int {
        guard let n = value(path)?.intValue else { throw error(path, "\(path): expected an integer") }
        return n
    }

    func headers(_ path: String) throws(FixtureError) -> WireHeaders {
        guard let v = value(path) else { return [:] }
        guard let object = v.objectValue else { throw error(path, "\(path): expected an object of strings") }
        var headers = WireHeaders()
        for (name, value) in object {
            guard let s = value.stringValue else { throw error(path, "\(path).\(name): expected a string") }
            headers.add(name, s)
        }
        return headers
    }
}
