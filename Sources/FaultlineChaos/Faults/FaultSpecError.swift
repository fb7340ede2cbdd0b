/// A fault written wrongly in a suite, on the CLI or in the `x-faultline-fault` header.
/// The message names the fault and what was expected, so it can be fixed from the message alone.
public struct FaultSpecError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
