/// One way a value fails a `JSONSchema`, located by its path in the value (`$.location.unit`).
public struct SchemaViolation: Sendable, Hashable, CustomStringConvertible {
    /// Where in the validated value, e.g. `$.items[2]`; a missing required property is
    /// reported at the path it should have had.
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
