/// Why the recorder cannot start, or must stop. Each message names what to fix.
public enum RecordError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A folder or file of the output could not be created or written (full disk,
    /// permissions, a file where a folder should be). The recorder stops: exit 2.
    case unwritable(path: String, reason: String)
    /// `--redact REGEX` does not compile.
    case badPattern(String, reason: String)
    /// `--redact-field PATH` does not parse.
    case badFieldPath(String, reason: String)
    /// `--upstream` is not an absolute http(s) URL.
    case badUpstream(String, reason: String)
    /// `--name` would not make a folder name.
    case badName(String)

    public var description: String {
        switch self {
        case .unwritable(let path, let reason):
            "cannot write \(path): \(reason); free some space or choose a writable --out folder (nothing half-written was left)"
        case .badPattern(let pattern, let reason):
            "--redact '\(pattern)': not a regular expression: \(reason)"
        case .badFieldPath(let path, let reason):
            "--redact-field '\(path)': \(reason)"
        case .badUpstream(let url, let reason):
            "--upstream '\(url)': \(reason); write e.g. https://api.openai.com or http://127.0.0.1:8089"
        case .badName(let name):
            "--name '\(name)': use letters, digits, `-` and `_` (it becomes a folder name)"
        }
    }
}
