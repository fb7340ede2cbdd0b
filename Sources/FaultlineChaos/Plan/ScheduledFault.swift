import FaultlineWire

/// A built fault with its scheduling rule and the spec it came from (for journal and reports).
public struct ScheduledFault: Sendable {
    public let spec: FaultSpec
    public let fault: any Fault
    public let schedule: FaultSchedule
    /// `spec` as written in the journal, spelled once: every request it hits records it.
    public let label: String

    public init(spec: FaultSpec, fault: any Fault, schedule: FaultSchedule) {
        self.spec = spec
        self.fault = fault
        self.schedule = schedule
        label = spec.description
    }
}
