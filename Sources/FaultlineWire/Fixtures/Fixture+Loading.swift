import Foundation

/// Why a fixture could not be read, naming the file and what was expected.
public struct FixtureError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var message: String
    public init(file: String, message: String) { self.file = file; self.message = message }
    public var description: String { "\(file): \(message)" }
}

extension Fixture {
    /// Loads every case under `root`, sorted by name. `root` is the fixtures folder
    /// (`<root>/<dialect>/<case>/case.json`), one dialect's folder, or one case's folder.
    /// Returns the fixtures that loaded and an error for each that did not.
    public static func loadAll(from root: String) -> (fixtures: [Fixture], errors: [FixtureError]) {
        let fm = FileManager.default
        var fixtures: [Fixture] = []
        var errors: [FixtureError] = []
        func loadCase(_ casePath: String) {
            do { fixtures.append(try load(directory: casePath)) } catch { errors.append(error) }
        }
        func loadDialect(_ dialectPath: String) {
            for caseDir in ((try? fm.contentsOfDirectory(atPath: dialectPath)) ?? []).sorted() {
                let casePath = dialectPath + "/" + caseDir
                if fm.fileExists(atPath: casePath + "/case.json") { loadCase(casePath) }
            }
        }
        let trimmed = root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root
        if fm.fileExists(atPath: trimmed + "/case.json") {
            loadCase(trimmed)
        } else if DialectID(rawValue: URL(fileURLWithPath: trimmed).lastPathComponent) != nil {
            loadDialect(trimmed)
        } else {
            for dialectDir in ((try? fm.contentsOfDirectory(atPath: trimmed)) ?? []).sorted() where DialectID(rawValue: dialectDir) != nil {
                var isDir: ObjCBool = false
                if fm.fileExists(atPath: trimmed + "/" + dialectDir, isDirectory: &isDir), isDir.boolValue {
                    loadDialect(trimmed + "/" + dialectDir)
                }
            }
        }
        return (fixtures, errors)
    }

    /// Loads one case folder; the dialect is the parent folder's name.
    public static func load(directory: String) throws(FixtureError) -> Fixture {
        let url = URL(fileURLWithPath: directory)
        let dialectName = url.deletingLastPathComponent().lastPathComponent
        let caseFile = directory + "/case.json"
        guard let dialect = DialectID(rawValue: dialectName) else {
            throw FixtureError(file: directory, message: "parent folder `\(dialectName)` is not a dialect (expected one of \(DialectID.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        func read(_ name: String) throws(FixtureError) -> [UInt8] {
            guard let data = FileManager.default.contents(atPath: directory + "/" + name) else {
                throw FixtureError(file: directory + "/" + name, message: "file is missing or unreadable")
            }
            return [UInt8](data)
        }
        let caseJSON: JSONValue
        do { caseJSON = try JSONValue(parsing: try read("case.json")) } catch let error as JSONParseError {
            throw FixtureError(file: caseFile, message: error.description)
        } catch let error as FixtureError { throw error } catch { throw FixtureError(file: caseFile, message: "\(error)") }
        var fields = FieldReader(json: caseJSON, file: caseFile)
        let name = dialectName + "/" + url.lastPathComponent

        let requestPath = try fields.string("request.path")
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
                    throw FixtureError(file: caseFile, message: "chunks[\(i)].bytes: expected a non-negative integer")
                }
                chunks.append(Chunk(bytes: bytes, delayMs: chunk["delayMs"]?.doubleValue ?? 0))
            }
            let total = chunks.reduce(0) { $0 + $1.bytes }
            guard total == responseBody.count else {
                throw FixtureError(file: caseFile, message: "chunks add up to \(total) bytes but \(bodyFile) has \(responseBody.count)")
            }
        }

        let expectation: Expectation
        if let error = caseJSON["expectError"] {
            guard let kindName = error["kind"]?.stringValue, let kind = ProviderError.Kind(rawValue: kindName) else {
                throw FixtureError(file: caseFile, message: "expectError.kind: expected one of \(ProviderError.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            expectation = .error(kind: kind, retryAfter: error["retryAfter"]?.doubleValue)
        } else if let expect = caseJSON["expect"] {
            expectation = .response(try ExpectedResponse(json: expect, file: caseFile))
        } else {
            throw FixtureError(file: caseFile, message: "expected `expect` or `expectError`")
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
    init(json: JSONValue, file: String) throws(FixtureError) {
        id = json["id"]?.stringValue
        model = json["model"]?.stringValue
        text = json["text"]?.stringValue
        finishReason = json["finishReason"]?.stringValue.map(FinishReason.init(canonical:))
        if let calls = json["toolCalls"]?.arrayValue {
            var parsed: [ToolCall] = []
            for (i, call) in calls.enumerated() {
                guard let name = call["name"]?.stringValue else {
                    throw FixtureError(file: file, message: "expect.toolCalls[\(i)].name: expected a string")
                }
                parsed.append(ToolCall(id: call["id"]?.stringValue ?? "", name: name, arguments: call["arguments"] ?? .object([:])))
            }
            toolCalls = parsed
        }
        if let u = json["usage"] {
            guard let input = u["input"]?.intValue, let output = u["output"]?.intValue else {
                throw FixtureError(file: file, message: "expect.usage: expected integer `input` and `output`")
            }
            usage = Usage(input: input, output: output, cached: u["cached"]?.intValue, reasoning: u["reasoning"]?.intValue)
        }
    }
}

/// Reads dotted paths out of a fixture's JSON with messages that name the field.
private struct FieldReader {
    var json: JSONValue
    var file: String

    func value(_ path: String) -> JSONValue? {
        var current: JSONValue? = json
        for key in path.split(separator: ".") { current = current?[String(key)] }
        return current
    }

    func string(_ path: String) throws(FixtureError) -> String {
        guard let s = value(path)?.stringValue else { throw FixtureError(file: file, message: "\(path): expected a string") }
        return s
    }

    func optionalString(_ path: String) throws(FixtureError) -> String? {
        guard let v = value(path) else { return nil }
        guard let s = v.stringValue else { throw FixtureError(file: file, message: "\(path): expected a string") }
        return s
    }

    func int(_ path: String) throws(FixtureError) -> Int {
        guard let n = value(path)?.intValue else { throw FixtureError(file: file, message: "\(path): expected an integer") }
        return n
    }

    func headers(_ path: String) throws(FixtureError) -> WireHeaders {
        guard let v = value(path) else { return [:] }
        guard let object = v.objectValue else { throw FixtureError(file: file, message: "\(path): expected an object of strings") }
        var headers = WireHeaders()
        for (name, value) in object {
            guard let s = value.stringValue else { throw FixtureError(file: file, message: "\(path).\(name): expected a string") }
            headers.add(name, s)
        }
        return headers
    }
}
