/// The `$.a.b[2]` path spelling shared by schema violations and shape fingerprints.
///
/// Keys that are not plain identifiers are written as `$["a.b"]` (a JSON string)
/// so that every path can be read back unambiguously, one per line.
enum JSONPath {
    static let root = "$"

    static func appending(key: String, to path: String) -> String {
        isPlain(key) ? "\(path).\(key)" : "\(path)[\(JSONValue.string(key).jsonString)]"
    }

    static func appending(index: Int, to path: String) -> String { "\(path)[\(index)]" }

    /// Array elements merged into one path, as shape fingerprints record them.
    static func appendingElements(to path: String) -> String { "\(path)[]" }

    private static func isPlain(_ key: String) -> Bool {
        !key.isEmpty && key.unicodeScalars.allSatisfy { scalar in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "_", "-", "$": true
            default: false
            }
        }
    }
}
