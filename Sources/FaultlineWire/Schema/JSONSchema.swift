/// A JSON Schema for tool arguments and structured output, compiled once and
/// validated many times.
///
/// It understands the subset the three providers' tool schemas use: OpenAI's strict
/// schemas, Anthropic's `input_schema`, and Gemini's OpenAPI-flavoured `Schema`
/// (upper-case type names, `nullable`). Two schemas are equal when their JSON is.
public struct JSONSchema: Sendable, Hashable {
    /// The schema as given.
    public let json: JSONValue
    let root: SchemaNode
    /// `#/$defs/<name>` and `#/definitions/<name>` targets, compiled.
    let definitions: [String: SchemaNode]

    /// Compiles `schema`, or says where and why it cannot be understood.
    public init(_ schema: JSONValue) throws(SchemaError) {
        var compiler = SchemaCompiler()
        let root = try compiler.compile(schema, at: JSONPath.root)
        var definitions: [String: SchemaNode] = [:]
        for section in ["$defs", "definitions"] {
            guard let defs = schema[section] else { continue }
            let sectionPath = JSONPath.appending(key: section, to: JSONPath.root)
            guard case .object(let named) = defs else {
                throw SchemaError(path: sectionPath, message: "expected an object of named schemas, got \(defs.typeName)")
            }
            for (name, definition) in named {
                let node = try compiler.compile(definition, at: JSONPath.appending(key: name, to: sectionPath))
                definitions["#/\(section)/\(Self.escapePointerToken(name))"] = node
            }
        }
        for reference in compiler.references where reference.ref != "#" && definitions[reference.ref] == nil {
            throw SchemaError(path: reference.path, message: "$ref \(reference.ref) names no definition in this schema")
        }
        self.json = schema
        self.root = root
        self.definitions = definitions
    }

    /// Every way `value` fails the schema (not just the first), in document order; empty when valid.
    public func validate(_ value: JSONValue) -> [SchemaViolation] {
        var validator = SchemaValidator(schema: self)
        validator.check(value, against: root, at: JSONPath.root, depth: 0)
        return validator.violations
    }

    /// Whether `value` passes, without building messages for a caller that only needs yes or no.
    public func accepts(_ value: JSONValue) -> Bool { validate(value).isEmpty }

    /// The node a `$ref` points at; `#` is the whole schema.
    func resolve(_ ref: String) -> SchemaNode? { ref == "#" ? root : definitions[ref] }

    public static func == (lhs: JSONSchema, rhs: JSONSchema) -> Bool { lhs.json == rhs.json }
    public func hash(into hasher: inout Hasher) { hasher.combine(json) }

    /// JSON Pointer escaping (RFC 6901), so `$ref` strings compare with definition names.
    private static func escapePointerToken(_ name: String) -> String {
        name.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}

extension JSONSchema: CustomStringConvertible {
    /// The schema's JSON, as a person would write it in a config or a report.
    public var description: String { json.jsonString }
}
