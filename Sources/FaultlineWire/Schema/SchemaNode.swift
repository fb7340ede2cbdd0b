import Foundation

/// A schema compiled once from its JSON, so validation never re-reads keywords
/// or recompiles a `pattern`.
indirect enum SchemaNode: Sendable {
    /// `true` / `{}` accepts everything; `false` accepts nothing.
    case always(Bool)
    case rules(SchemaRules)
}

/// The keywords of one schema object that the validator understands. `nil` means absent.
struct SchemaRules: Sendable {
    var types: Set<SchemaType>?
    /// OpenAPI 3.0 and Gemini spell "or null" as `nullable: true` instead of a type array.
    var nullable = false
    var properties: [(name: String, schema: SchemaNode)] = [] {
        didSet { propertyIndex = properties.count > 16 ? Self.index(properties) : nil }
    }
    /// Position of each property by name, for schemas with many (set with `properties`).
    private(set) var propertyIndex: [String: Int]?
    var required: [String] = []
    var additionalProperties: SchemaNode?
    var minProperties: Int?
    var maxProperties: Int?
    var items: SchemaItems?
    var minItems: Int?
    var maxItems: Int?
    var uniqueItems = false
    var enumValues: [JSONValue]?
    var constValue: JSONValue?
    var anyOf: [SchemaNode]?
    var oneOf: [SchemaNode]?
    var allOf: [SchemaNode]?
    var not: SchemaNode?
    var minimum: SchemaBound?
    var maximum: SchemaBound?
    var multipleOf: Double?
    var minLength: Int?
    var maxLength: Int?
    var pattern: SchemaPattern?
    /// A `#/$defs/…`, `#/definitions/…` or `#` reference, resolved at validation time.
    var ref: String?
    /// Not validated (providers treat it as a hint); kept so generated samples look plausible.
    var format: String?
}

extension SchemaRules {
    /// The schema declared for property `name`, first declaration winning.
    func declared(_ name: String) -> SchemaNode? {
        if let propertyIndex { return propertyIndex[name].map { properties[$0].schema } }
        return properties.first { $0.name == name }?.schema
    }

    static func index(_ properties: [(name: String, schema: SchemaNode)]) -> [String: Int] {
        var index: [String: Int] = [:]
        for (position, property) in properties.enumerated() where index[property.name] == nil { index[property.name] = position }
        return index
    }
}

/// `items` as one schema for every element, or (draft 4 tuple form / `prefixItems`) one per position.
enum SchemaItems: Sendable {
    case each(SchemaNode)
    case tuple([SchemaNode], rest: SchemaNode?)
}

/// A numeric bound; `exclusive` covers both the draft-4 boolean and the draft-6 number spelling.
struct SchemaBound: Sendable {
    var value: Double
    var exclusive: Bool
}

/// The JSON Schema type names. Compared case-insensitively because the Gemini SDK
/// writes its `Type` enum in upper case (`"OBJECT"`, `"STRING"`).
enum SchemaType: String, Sendable, Hashable, CaseIterable {
    case string, number, integer, boolean, object, array, null

    func admits(_ value: JSONValue) -> Bool {
        switch (self, value) {
        case (.string, .string), (.number, .number), (.boolean, .bool), (.object, .object),
            (.array, .array), (.null, .null):
            true
        case (.integer, .number(let n)): n.isFinite && n.rounded() == n
        default: false
        }
    }
}

/// A compiled `pattern`. ICU's syntax (used by `NSRegularExpression`) covers the
/// ECMA-262 subset tool schemas use; the match is an unanchored search, as JSON Schema says.
struct SchemaPattern: @unchecked Sendable {
    // NSRegularExpression is immutable and documented thread-safe for matching.
    let source: String
    private let regex: NSRegularExpression

    init?(_ source: String) {
        guard let regex = try? NSRegularExpression(pattern: source) else { return nil }
        self.source = source
        self.regex = regex
    }

    func matches(_ text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}
