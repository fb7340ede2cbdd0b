/// What the recorder tells its user, one line each: `faultline record` prints `.recorded`
/// on stdout and the rest on stderr; `.stopped` ends the command with exit 2.
public enum RecordEvent: Sendable, Hashable, CustomStringConvertible {
    /// A fixture was written at `path`.
    case recorded(path: String, summary: String)
    /// Written, but worth knowing (two requests the mock's matcher cannot tell apart).
    case warning(String)
    /// An exchange that was forwarded but not written, and why.
    case notRecorded(String)
    /// The upstream could not be reached: the client got a 502, nothing was written.
    case upstreamUnreachable(String)
    /// The output cannot be written: the recorder stops.
    case stopped(RecordError)

    public var description: String {
        switch self {
        case .recorded(let path, let summary): "recorded \(path) (\(summary))"
        case .warning(let text): "warning: \(text)"
        case .notRecorded(let text): "not recorded: \(text)"
        case .upstreamUnreachable(let text): "upstream unreachable: \(text)"
        case .stopped(let error): "stopped: \(error.description)"
        }
    }
}
