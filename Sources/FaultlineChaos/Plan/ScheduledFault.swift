import FaultlineWire

/// A built fault with its scheduling rule and the spec it came from (for journal and reports).
public struct ScheduledFault: Sendable {
    public var spec: FaultSpec
    public var fault: any Fault
    public var schedule: FaultSchedule
}
