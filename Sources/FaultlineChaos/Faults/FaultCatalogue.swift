import FaultlineWire

/// The registry: the one place a `FaultSpec` becomes a `Fault`. Adding a fault is one
/// new file in `Faults/` and one line in `types`.
public enum FaultCatalogue {
    /// Every fault of DESIGN.md's catalogue, grouped as there.
    public static let types: [any Fault.Type] = [
        // timing
        Latency.self, SlowFirstToken.self, ChunkGap.self, Stall.self, Hang.self, Bandwidth.self,
        // connection
        Reset.self, ResetMidStream.self, Truncate.self, EmptyReply.self, Garbage.self,
        // status
        Throttle.self, RateLimit.self, Overloaded.self, ServerError.self, QuotaExhausted.self,
        ContextOverflow.self, ContentFilter.self, AuthError.self, Outage.self,
        // schema drift
        Drift.self, UnknownFinishReason.self, ToolArgsObject.self, FencedJSON.self, InvalidJSON.self,
        EmptyChoices.self, NullContent.self, MissingUsage.self,
        // stream
        MalformedChunk.self, DuplicateChunk.self, DropChunk.self, MissingDone.self, ErrorEvent.self,
        SplitUTF8.self, Keepalive.self, SSEFields.self, MissingEventName.self,
    ]

    public static let names: [String] = types.map { $0.name }

    /// `name(param, ...)` for every fault, for help texts; every fault also takes `p`, `first`, `every`, `window`.
    public static let signatures: [String] = types.map { type in
        type.parameters.isEmpty ? type.name : "\(type.name)(\(type.parameters.joined(separator: ", ")))"
    }

    private static let byName: [String: any Fault.Type] = Dictionary(uniqueKeysWithValues: types.map { ($0.name, $0) })

    /// The fault type called `name`, if any.
    public static func type(named name: String) -> (any Fault.Type)? { byName[name] }

    /// Builds the fault and its schedule, checking the name, that every parameter is known,
    /// and every value's type and range.
    public static func validate(_ spec: FaultSpec) throws(FaultSpecError) { _ = try make(spec) }

    public static func make(_ spec: FaultSpec) throws(FaultSpecError) -> ScheduledFault {
        guard let type = byName[spec.name] else {
            let hint = closest(to: spec.name).map { "; did you mean `\($0)`?" } ?? ""
            throw FaultSpecError("unknown fault `\(spec.name)`\(hint) known: \(names.joined(separator: ", "))")
        }
        let allowed = type.parameters + FaultSchedule.parameters
        for parameter in spec.parameters where !allowed.contains(parameter.key) {
            if let hint = closest(to: parameter.key, in: allowed) {
                throw FaultSpecError("\(spec.name): unknown parameter `\(parameter.key)`; did you mean `\(hint)`? expected \(allowed.joined(separator: ", "))")
            }
            throw FaultSpecError("\(spec.name): unknown parameter `\(parameter.key)`; expected \(allowed.joined(separator: ", "))")
        }
        var seen = Set<String>()
        for parameter in spec.parameters where !seen.insert(parameter.key).inserted {
            guard !type.repeatableParameters.contains(parameter.key) else { continue }
            throw FaultSpecError("\(spec.name): `\(parameter.key)` is given twice; write it once")
        }
        let arguments = FaultArguments(spec)
        let fault = try type.init(arguments)
        let schedule = try FaultSchedule(arguments)
        return ScheduledFault(spec: spec, fault: fault, schedule: schedule)
    }

    /// The known name within a small edit distance of `name`, for "did you mean": at most
    /// half the name's length, between 1 and 3 edits (fault names are short).
    static func closest(to name: String, in candidates: [String] = names) -> String? {
        TypoSuggestion.closest(to: name, in: candidates, maxDistance: max(1, min(3, name.utf8.count / 2)))
    }
}
