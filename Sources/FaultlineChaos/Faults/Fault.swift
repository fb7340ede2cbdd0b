import FaultlineWire

/// One misbehaviour of the catalogue (DESIGN.md). Like a toxiproxy toxic: a small value
/// with its parameters and one method that rewrites the clean response. `stage` orders
/// the rewrites, so `reset; latency(ms=50)` and `latency(ms=50); reset` play the same.
public protocol Fault: Sendable {
    /// The catalogue name written in suites and headers.
    static var name: String { get }
    /// The fault's own parameters; the scheduling ones (`p`, `first`, `every`, `window`) come on top.
    static var parameters: [String] { get }
    /// Parameters that may be written more than once (`drift(drop=a, drop=b)`); any other
    /// written twice is an error rather than "the last one wins".
    static var repeatableParameters: [String] { get }
    static var stage: FaultStage { get }
    /// Reads and range-checks the parameters; a bad value is an error naming the fault and the range.
    init(_ arguments: FaultArguments) throws(FaultSpecError)
    /// Rewrites `draft`. Random choices (jitter, garbage) draw from `random` only.
    func apply(to draft: inout ResponseDraft, random: inout SeededRandom)
}

extension Fault {
    public static var repeatableParameters: [String] { [] }
}

/// When a fault rewrites the response, in the order the responder applies them.
public enum FaultStage: Int, Sendable, Hashable, Comparable, CaseIterable {
    /// The canonical answer before encoding (finish reason, fenced JSON).
    case content
    /// The whole answer becomes the provider's error, or gains rate-limit headers.
    case status
    /// The encoded JSON body or each stream frame's JSON (schema drift).
    case body
    /// The list of SSE frames (dropped, duplicated, malformed, decorated frames).
    case frames
    /// Where the body stops and how the connection ends (truncate, reset, stall, gaps).
    case delivery
    /// How the bytes are cut into writes (split UTF-8, bandwidth).
    case reshape
    /// The connection misbehaves instead of answering (reset, hang, empty reply, garbage).
    case connection
    /// Time before the first byte; applies to whatever is sent.
    case timing

    public static func < (a: FaultStage, b: FaultStage) -> Bool { a.rawValue < b.rawValue }
}
