/// A schema the validator cannot understand, located by its path in the schema
/// (`$.properties.unit.type`). Refusing it beats silently accepting every value.
public struct SchemaError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "invalid JSON Schema at \(path): \(message)" }
}
