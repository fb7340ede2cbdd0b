import FaultlineWire

/// Decides which faults hit one request. Each fault's schedule draws from a generator
/// derived from the seed, the provider, the fault's place in the list and the request's
/// per-provider index, so request N gets the same faults whatever the thread interleaving.
public struct FaultPlan: Sendable {
    public var seed: UInt64

    public init(seed: UInt64) { self.seed = seed }

    /// The faults that hit request `index` (1-based per provider) at `elapsed` seconds,
    /// in the order they rewrite the response (by stage, then as written).
    public func choose(_ faults: [ScheduledFault], provider: String, index: Int, elapsed: Double) -> [ScheduledFault] {
        guard !faults.isEmpty else { return [] }
        let root = SeededRandom(seed: seed)
        var chosen: [ScheduledFault] = []
        for (position, fault) in faults.enumerated() {
            var random = root.derived("plan/\(provider)/\(position)/\(fault.spec.name)", index)
            if fault.schedule.hits(index: index, elapsed: elapsed, random: &random) { chosen.append(fault) }
        }
        return Self.ordered(chosen)
    }

    /// The generator a chosen fault draws its own random choices from (jitter, garbage bytes).
    public func random(for fault: ScheduledFault, provider: String, index: Int) -> SeededRandom {
        SeededRandom(seed: seed).derived("apply/\(provider)/\(fault.label)", index)
    }

    /// Stable sort by stage: the rewrite order does not depend on the order written.
    static func ordered(_ faults: [ScheduledFault]) -> [ScheduledFault] {
        faults.enumerated().sorted { a, b in
            let (sa, sb) = (type(of: a.element.fault).stage, type(of: b.element.fault).stage)
            return sa == sb ? a.offset < b.offset : sa < sb
        }.map(\.element)
    }
}
