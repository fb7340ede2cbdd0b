/// The type tree of a raw provider payload: every path with the JSON types seen there,
/// values ignored. Comparing today's fingerprint with a recorded baseline is how
/// schema drift (a field dropped, renamed or retyped by the provider) is detected
/// before an adapter breaks on it.
///
/// Array elements merge under `[]` (`$.choices[].message.content`), so a payload with
/// three choices and one with one have the same fingerprint.
public struct ShapeFingerprint: Sendable, Hashable {
    /// Path → the type names seen there: `string`, `integer`, `number`, `boolean`, `null`, `object`, `array`.
    public private(set) var paths: [String: Set<String>]

    /// The type names a fingerprint may hold, in `JSONValue.typeName`'s spelling.
    public static let typeNames: Set<String> = ["string", "integer", "number", "boolean", "null", "object", "array"]

    public init(_ value: JSONValue) {
        paths = [:]
        record(value, at: JSONPath.root)
    }

    /// The fingerprint of several payloads merged, e.g. every SSE `data:` payload of one stream.
    public init(merging values: [JSONValue]) {
        paths = [:]
        for value in values { record(value, at: JSONPath.root) }
    }

    public init(paths: [String: Set<String>]) {
        self.paths = paths
    }

    /// Both fingerprints' paths, with the types of a shared path united.
    public func merged(with other: ShapeFingerprint) -> ShapeFingerprint {
        ShapeFingerprint(paths: paths.merging(other.paths) { $0.union($1) })
    }

    private mutating func record(_ value: JSONValue, at path: String) {
        paths[path, default: []].insert(value.typeName)
        switch value {
        case .object(let object):
            for (key, member) in object { record(member, at: JSONPath.appending(key: key, to: path)) }
        case .array(let elements):
            let elementPath = JSONPath.appendingElements(to: path)
            for element in elements { record(element, at: elementPath) }
        case .null, .bool, .number, .string:
            break
        }
    }
}

extension ShapeFingerprint {
    /// One `path: type|type` line per path, paths and types sorted, so baselines diff
    /// cleanly in version control. Keys that need it are quoted (`$["a b"]`), so a
    /// path never contains a line break and the last `": "` of a line ends the path.
    public var text: String {
        paths.keys.sorted().map { path in
            "\(path): \(paths[path, default: []].sorted().joined(separator: "|"))\n"
        }.joined()
    }

    /// Reads `text` back; `nil` when a line is not `path: type|type` with known type names.
    /// Blank lines and lines starting with `#` are skipped, so baselines can carry comments.
    public init?(text: String) {
        var paths: [String: Set<String>] = [:]
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            if line.allSatisfy(\.isWhitespace) || line.hasPrefix("#") { continue }
            guard let separator = line.ranges(of: ": ").last else { return nil }
            let path = String(line[..<separator.lowerBound])
            let types = line[separator.upperBound...].split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard path.hasPrefix(JSONPath.root), !types.isEmpty, types.allSatisfy(Self.typeNames.contains) else { return nil }
            paths[path, default: []].formUnion(types)
        }
        self.paths = paths
    }
}
