import Foundation
import FaultlineWire

/// What never reaches a recorded fixture, on by default: credential headers are dropped,
/// organisation and project ids replaced, and every key-shaped string (`SecretScanner`),
/// every credential value the client sent in this exchange, the query's key parameters and
/// what `--redact REGEX` / `--redact-field PATH` name are replaced with `placeholder`
/// wherever they appear: header values, the path, both bodies.
public struct Redactor: Sendable {
    /// What every redacted value becomes.
    public static let placeholder = "[redacted]"

    /// Dropped from both sides of the exchange (`WireHeaders.secretNames`).
    public static let credentialHeaders: Set<String> = WireHeaders.secretNames

    /// Kept with the value replaced: they name the account, not the wire format.
    public static let accountHeaders: Set<String> = [
        "openai-organization", "openai-project", "anthropic-organization-id", "anthropic-workspace-id",
        "x-goog-user-project", "x-goog-project-id", "x-ms-client-principal-id", "x-ms-client-principal-name",
    ]

    /// Query parameters whose value is a credential (Gemini's `?key=`).
    public static let credentialQueryKeys: Set<String> = ["key", "api_key", "api-key", "apikey", "access_token", "token", "sig"]

    /// A credential value shorter than this is not searched for in bodies ("any", "test").
    static let minimumLiteralLength = 8

    /// `--redact` patterns, compiled where used (a regex is not `Sendable`).
    public let patterns: [String]
    /// `--redact-field` paths into the JSON of either body (each SSE frame's for a stream).
    public let fields: [DriftPath]
    /// False only for tests of the writer's last-line secret scan.
    let enabled: Bool

    public init(patterns: [String] = [], fields: [String] = []) throws(RecordError) {
        for pattern in patterns {
            do { _ = try Regex(pattern) } catch { throw RecordError.badPattern(pattern, reason: "\(error)") }
        }
        var paths: [DriftPath] = []
        for field in fields {
            do { paths.append(try DriftPath(parsing: field, fault: "--redact-field")) } catch {
                throw RecordError.badFieldPath(field, reason: error.message)
            }
        }
        self.patterns = patterns
        self.fields = paths
        enabled = true
    }

    private init(disabled: Void) {
        patterns = []
        fields = []
        enabled = false
    }

    /// A redactor that changes nothing: only for testing that the writer's secret scan refuses.
    static let disabledForTesting = Redactor(disabled: ())

    /// The credential values the client sent with this request (auth headers, the query's
    /// key), long enough to search for: each is redacted wherever it shows up, shaped like
    /// a known key or not.
    public static func credentials(of request: WireRequest) -> [String] {
        var values: [String] = []
        for field in request.headers where credentialHeaders.contains(field.name.lowercased()) {
            var value = field.value.trimmingCharacters(in: .whitespaces)
            for scheme in ["Bearer ", "bearer ", "Basic ", "basic "] where value.hasPrefix(scheme) {
                value = String(value.dropFirst(scheme.count)).trimmingCharacters(in: .whitespaces)
            }
            values.append(value)
        }
        for (name, value) in queryPairs(request.path) where credentialQueryKeys.contains(name.lowercased()) {
            values.append(value)
            if let decoded = value.removingPercentEncoding, decoded != value { values.append(decoded) }
        }
        return values.filter { $0.utf8.count >= minimumLiteralLength }
    }

    // MARK: Headers and path

    /// Credentials dropped, account ids replaced, every other value redacted as text.
    public func headers(_ headers: WireHeaders, credentials: [String]) -> WireHeaders {
        guard enabled else { return headers }
        var out = WireHeaders()
        for field in headers {
            let name = field.name.lowercased()
            if Self.credentialHeaders.contains(name) { continue }
            out.add(field.name, Self.accountHeaders.contains(name) ? Self.placeholder : text(field.value, credentials: credentials))
        }
        return out
    }

    /// The request path with credential query values replaced, then redacted as text.
    public func path(_ path: String, credentials: [String]) -> String {
        guard enabled else { return path }
        var result = path
        if let question = path.firstIndex(of: "?") {
            let query = path[path.index(after: question)...].split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2, Self.credentialQueryKeys.contains(parts[0].lowercased()) else { return String(pair) }
                return String(parts[0]) + "=" + Self.placeholder
            }
            result = String(path[..<question]) + "?" + query.joined(separator: "&")
        }
        return text(result, credentials: credentials)
    }

    /// A short text (a header value, a path) with every redacted run replaced.
    public func text(_ value: String, credentials: [String]) -> String {
        let bytes = Array(value.utf8)
        let edits = BodyEdits(ranges: (try? ranges(in: bytes, credentials: credentials)) ?? [0..<bytes.count], placeholder: Array(Self.placeholder.utf8))
        return String(decoding: edits.apply(to: bytes, pieces: []).body, as: UTF8.self)
    }

    // MARK: Bodies

    /// Why a body could not be redacted (so its fixture is not written).
    public struct Refusal: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// A body redacted: `--redact-field` paths first (the JSON re-written compact when one
    /// matched; a stream frame by frame), then every redacted run; `pieces` (the recorded
    /// chunk sizes, empty for a body in one piece) are moved with the edits.
    public func body(_ body: [UInt8], pieces: [Int], isStream: Bool, credentials: [String]) throws(Refusal) -> (body: [UInt8], pieces: [Int]) {
        guard enabled, !body.isEmpty else { return (body, pieces) }
        var current = (body: body, pieces: pieces)
        if !fields.isEmpty {
            if isStream {
                current = BodyEdits(edits: frameFieldEdits(body)).apply(to: body, pieces: pieces)
            } else if let redacted = jsonFieldRedacted(body) {
                current = (redacted, pieces)
            }
        }
        let runs = try ranges(in: current.body, credentials: credentials)
        return BodyEdits(ranges: runs, placeholder: Array(Self.placeholder.utf8)).apply(to: current.body, pieces: current.pieces)
    }

    /// Every byte range to replace: key-shaped runs, the credential literals, `--redact` matches.
    func ranges(in bytes: [UInt8], credentials: [String]) throws(Refusal) -> [Range<Int>] {
        var out = SecretScanner.ranges(in: bytes).map { $0.range }
        for literal in credentials { out += Self.occurrences(of: Array(literal.utf8), in: bytes) }
        guard !patterns.isEmpty else { return out }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw Refusal(description: "the body is not valid UTF-8, so the --redact patterns cannot be applied to it")
        }
        for pattern in patterns {
            guard let regex = try? Regex(pattern) else { continue }
            for match in text.matches(of: regex) where !match.range.isEmpty {
                let start = text.utf8.distance(from: text.utf8.startIndex, to: match.range.lowerBound)
                let end = text.utf8.distance(from: text.utf8.startIndex, to: match.range.upperBound)
                out.append(start..<end)
            }
        }
        return out
    }

    static func occurrences(of needle: [UInt8], in haystack: [UInt8]) -> [Range<Int>] {
        guard let first = needle.first, needle.count <= haystack.count else { return [] }
        var out: [Range<Int>] = []
        var i = 0
        while i + needle.count <= haystack.count {
            if haystack[i] == first, haystack[i..<(i + needle.count)].elementsEqual(needle) {
                out.append(i..<(i + needle.count))
                i += needle.count
            } else {
                i += 1
            }
        }
        return out
    }

    /// The JSON body with each `--redact-field` path set to the placeholder; nil when none matched.
    func jsonFieldRedacted(_ body: [UInt8]) -> [UInt8]? {
        guard let original = try? JSONValue(parsing: body) else { return nil }
        var json = original
        for path in fields { path.set(.string(Self.placeholder), in: &json) }
        return json == original ? nil : json.bytes
    }

    /// One edit per SSE `data:` line whose JSON holds a `--redact-field` path.
    private func frameFieldEdits(_ body: [UInt8]) -> [(range: Range<Int>, replacement: [UInt8])] {
        var edits: [(range: Range<Int>, replacement: [UInt8])] = []
        var lineStart = 0
        let prefix = Array("data:".utf8)
        while lineStart < body.count {
            var lineEnd = lineStart
            while lineEnd < body.count, body[lineEnd] != 0x0A, body[lineEnd] != 0x0D { lineEnd += 1 }
            if lineEnd - lineStart > prefix.count, body[lineStart..<(lineStart + prefix.count)].elementsEqual(prefix) {
                var payloadStart = lineStart + prefix.count
                if body[payloadStart] == 0x20 { payloadStart += 1 }
                if let redacted = jsonFieldRedacted(Array(body[payloadStart..<lineEnd])) {
                    edits.append((payloadStart..<lineEnd, redacted))
                }
            }
            lineStart = lineEnd + 1
        }
        return edits
    }

    static func queryPairs(_ path: String) -> [(String, String)] {
        guard let question = path.firstIndex(of: "?") else { return [] }
        return path[path.index(after: question)...].split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
        }
    }
}
