import FaultlineWire

/// The registry: every fault of DESIGN.md's catalogue with its own parameters.
public enum FaultCatalogue {
    /// Fault names with their own parameters, grouped as in DESIGN.md.
    static let table: [(name: String, parameters: [String])] = [
        ("latency", ["ms", "dist", "p99"]), ("slow_first_token", ["ms"]), ("chunk_gap", ["ms", "jitter"]),
        ("stall", ["after_chunks", "ms"]), ("hang", []), ("bandwidth", ["bytes_per_s"]),
        ("reset", []), ("reset_mid_stream", ["after_chunks"]), ("truncate", ["after_chunks"]),
        ("empty_reply", []), ("garbage", ["bytes"]),
        ("throttle", ["retry_after", "scope"]), ("rate_limit", ["rpm", "tpm"]), ("overloaded", ["retry_after"]),
        ("server_error", ["status"]), ("quota_exhausted", []), ("context_overflow", []), ("content_filter", []),
        ("auth_error", []), ("outage", []),
        ("drift", ["drop", "rename", "retype", "add"]), ("unknown_finish_reason", ["reason"]), ("tool_args_object", []),
        ("fenced_json", []), ("invalid_json", []), ("empty_choices", []), ("null_content", []), ("missing_usage", []),
        ("malformed_chunk", ["at"]), ("duplicate_chunk", ["at"]), ("drop_chunk", ["at"]), ("missing_done", []),
        ("error_event", ["after_chunks", "kind"]), ("split_utf8", []), ("keepalive", ["every"]), ("sse_fields", []),
        ("missing_event_name", []),
    ]

    public static let names: [String] = table.map(\.name)

    /// Checks the name and that every parameter is known.
    public static func validate(_ spec: FaultSpec) throws(FaultSpecError) {
        guard let entry = table.first(where: { $0.name == spec.name }) else {
            let hint = closest(to: spec.name).map { "; did you mean `\($0)`?" } ?? ""
            throw FaultSpecError("unknown fault `\(spec.name)`\(hint) known: \(names.joined(separator: ", "))")
        }
        let allowed = entry.parameters + FaultSchedule.parameters
        for parameter in spec.parameters where !allowed.contains(parameter.key) {
            throw FaultSpecError("\(spec.name): unknown parameter `\(parameter.key)`; expected \(allowed.joined(separator: ", "))")
        }
        _ = try FaultSchedule(FaultArguments(spec))
    }

    /// The known name within a small edit distance of `name`, for "did you mean".
    static func closest(to name: String) -> String? {
        let scored = names.map { ($0, editDistance(Array($0.utf8), Array(name.utf8))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, name.utf8.count / 2) else { return nil }
        return best.0
    }

    static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
