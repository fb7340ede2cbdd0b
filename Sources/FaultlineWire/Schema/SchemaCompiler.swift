/// Reads a schema's JSON into a `SchemaNode`, refusing keywords of the wrong type,
/// unknown type names and patterns that do not compile.
///
/// Keywords it does not know are ignored: providers add new ones (`propertyOrdering`,
/// `strict`, `format` values) faster than a validator can follow, and none of them
/// loosen what a valid instance is.
struct SchemaCompiler {
    /// Every `$ref` met, with where it was, so unresolvable ones are reported once the definitions are known.
    private(set) var references: [(ref: String, path: String)] = []

    mutating func compile(_ schema: JSONValue, at path: String) throws(SchemaError) -> SchemaNode {
        switch schema {
        case .bool(let accepts):
            return .always(accepts)
        case .object(let object):
            return try compile(object, at: path)
        default:
            throw SchemaError(path: path, message: "a schema must be an object or a boolean, not \(schema.typeName)")
        }
    }

    private mutating func compile(_ object: JSONObject, at path: String) throws(SchemaError) -> SchemaNode {
        var rules = SchemaRules()
        for (keyword, value) in object {
            let here = JSONPath.appending(key: keyword, to: path)
            try read(keyword, value, at: here, into: &rules)
        }
        try ordered(rules.minItems, rules.maxItems, "minItems", "maxItems", at: path)
        try ordered(rules.minLength, rules.maxLength, "minLength", "maxLength", at: path)
        try ordered(rules.minProperties, rules.maxProperties, "minProperties", "maxProperties", at: path)
        if let exclusive = object["exclusiveMinimum"]?.boolValue, rules.minimum != nil { rules.minimum?.exclusive = exclusive }
        if let exclusive = object["exclusiveMaximum"]?.boolValue, rules.maximum != nil { rules.maximum?.exclusive = exclusive }
        if case .tuple(let heads, nil) = rules.items, let rest = object["additionalItems"] {
            rules.items = .tuple(heads, rest: try compile(rest, at: JSONPath.appending(key: "additionalItems", to: path)))
        }
        return .rules(rules)
    }

    private mutating func read(_ keyword: String, _ value: JSONValue, at path: String, into rules: inout SchemaRules)
        throws(SchemaError)
    {
        switch keyword {
        case "type": rules.types = try types(value, at: path)
        case "nullable": rules.nullable = try bool(value, at: path)
        case "properties":
            guard case .object(let properties) = value else { throw expected("an object of schemas", value, at: path) }
            var declared: [(name: String, schema: SchemaNode)] = []
            for (name, schema) in properties {
                declared.append((name, try compile(schema, at: JSONPath.appending(key: name, to: path))))
            }
            rules.properties = declared  // once: setting it indexes a long list
        case "required":
            guard case .array(let names) = value else { throw expected("an array of property names", value, at: path) }
            for (index, name) in names.enumerated() {
                guard case .string(let name) = name else {
                    throw expected("a property name", name, at: JSONPath.appending(index: index, to: path))
                }
                rules.required.append(name)
            }
        case "additionalProperties": rules.additionalProperties = try compile(value, at: path)
        case "minProperties": rules.minProperties = try count(value, at: path)
        case "maxProperties": rules.maxProperties = try count(value, at: path)
        case "items":
            if case .array(let schemas) = value {
                rules.items = .tuple(try compileAll(schemas, at: path), rest: nil)
            } else if case .tuple(let heads, _) = rules.items {
                rules.items = .tuple(heads, rest: try compile(value, at: path))
            } else {
                rules.items = .each(try compile(value, at: path))
            }
        case "prefixItems":
            guard case .array(let schemas) = value else { throw expected("an array of schemas", value, at: path) }
            var rest: SchemaNode?
            if case .each(let node) = rules.items { rest = node }
            rules.items = .tuple(try compileAll(schemas, at: path), rest: rest)
        case "minItems": rules.minItems = try count(value, at: path)
        case "maxItems": rules.maxItems = try count(value, at: path)
        case "uniqueItems": rules.uniqueItems = try bool(value, at: path)
        case "enum":
            guard case .array(let values) = value else { throw expected("an array of values", value, at: path) }
            rules.enumValues = values
        case "const": rules.constValue = value
        case "anyOf": rules.anyOf = try alternatives(value, at: path)
        case "oneOf": rules.oneOf = try alternatives(value, at: path)
        case "allOf": rules.allOf = try alternatives(value, at: path)
        case "not": rules.not = try compile(value, at: path)
        case "minimum":
            rules.minimum = tighter(rules.minimum, SchemaBound(value: try number(value, at: path), exclusive: false), lower: true)
        case "maximum":
            rules.maximum = tighter(rules.maximum, SchemaBound(value: try number(value, at: path), exclusive: false), lower: false)
        case "exclusiveMinimum":
            // Draft 4 spells it as a flag on `minimum` (applied after all keywords are read); draft 6+ as its own bound.
            if case .bool = value { break }
            rules.minimum = tighter(rules.minimum, SchemaBound(value: try number(value, at: path), exclusive: true), lower: true)
        case "exclusiveMaximum":
            if case .bool = value { break }
            rules.maximum = tighter(rules.maximum, SchemaBound(value: try number(value, at: path), exclusive: true), lower: false)
        case "multipleOf":
            let divisor = try number(value, at: path)
            guard divisor > 0 else { throw SchemaError(path: path, message: "multipleOf must be greater than 0, not \(divisor)") }
            rules.multipleOf = divisor
        case "minLength": rules.minLength = try count(value, at: path)
        case "maxLength": rules.maxLength = try count(value, at: path)
        case "pattern":
            guard case .string(let source) = value else { throw expected("a regular expression string", value, at: path) }
            guard let pattern = SchemaPattern(source) else {
                throw SchemaError(path: path, message: "pattern \(value.jsonString) is not a valid regular expression")
            }
            rules.pattern = pattern
        case "$ref":
            guard case .string(let ref) = value else { throw expected("a reference string", value, at: path) }
            guard ref == "#" || ref.hasPrefix("#/$defs/") || ref.hasPrefix("#/definitions/") else {
                throw SchemaError(
                    path: path,
                    message: "only local references (#, #/$defs/…, #/definitions/…) are supported, not \(value.jsonString)"
                )
            }
            rules.ref = ref
            references.append((ref, path))
        case "format":
            rules.format = value.stringValue
        default:
            break  // description, title, default, format, propertyOrdering, strict, $schema, $defs and anything new
        }
    }

    private mutating func compileAll(_ schemas: [JSONValue], at path: String) throws(SchemaError) -> [SchemaNode] {
        var nodes: [SchemaNode] = []
        for (index, schema) in schemas.enumerated() {
            nodes.append(try compile(schema, at: JSONPath.appending(index: index, to: path)))
        }
        return nodes
    }

    private mutating func alternatives(_ value: JSONValue, at path: String) throws(SchemaError) -> [SchemaNode] {
        guard case .array(let schemas) = value, !schemas.isEmpty else {
            throw expected("a non-empty array of schemas", value, at: path)
        }
        return try compileAll(schemas, at: path)
    }

    private func types(_ value: JSONValue, at path: String) throws(SchemaError) -> Set<SchemaType>? {
        let names: [(JSONValue, String)]
        switch value {
        case .string: names = [(value, path)]
        case .array(let list):
            names = list.enumerated().map { ($0.element, JSONPath.appending(index: $0.offset, to: path)) }
        default: throw expected("a type name or an array of type names", value, at: path)
        }
        var types = Set<SchemaType>()
        for (name, here) in names {
            guard case .string(let raw) = name else { throw expected("a type name", name, at: here) }
            let lowered = raw.lowercased()
            // The Gemini SDK's `TYPE_UNSPECIFIED` constrains nothing.
            if lowered == "type_unspecified" { return nil }
            guard let type = SchemaType(rawValue: lowered) else {
                let known = SchemaType.allCases.map(\.rawValue).joined(separator: ", ")
                throw SchemaError(path: here, message: "unknown type \(name.jsonString); expected one of \(known)")
            }
            types.insert(type)
        }
        return types
    }

    private func bool(_ value: JSONValue, at path: String) throws(SchemaError) -> Bool {
        guard case .bool(let flag) = value else { throw expected("true or false", value, at: path) }
        return flag
    }

    private func number(_ value: JSONValue, at path: String) throws(SchemaError) -> Double {
        guard case .number(let n) = value, n.isFinite else { throw expected("a number", value, at: path) }
        return n
    }

    /// Gemini's `Schema` declares the counts (`minItems`, `maxLength`, …) as int64, which
    /// the proto3 JSON mapping may write as a decimal string (`"minItems": "1"`).
    private func count(_ value: JSONValue, at path: String) throws(SchemaError) -> Int {
        if case .string(let digits) = value, let n = Int(digits), n >= 0 { return n }
        guard let n = value.intValue, n >= 0 else { throw expected("a non-negative integer", value, at: path) }
        return n
    }

    /// A count range no value can meet (`minItems` 5, `maxItems` 2) is refused, as the providers
    /// refuse such a schema with a 400, rather than answered with a value that breaks it.
    private func ordered(_ low: Int?, _ high: Int?, _ lowName: String, _ highName: String, at path: String)
        throws(SchemaError)
    {
        guard let low, let high, low > high else { return }
        throw SchemaError(path: path, message: "\(lowName) \(low) is greater than \(highName) \(high)")
    }

    private func tighter(_ current: SchemaBound?, _ new: SchemaBound, lower: Bool) -> SchemaBound {
        guard let current else { return new }
        if current.value == new.value { return SchemaBound(value: new.value, exclusive: current.exclusive || new.exclusive) }
        return (current.value > new.value) == lower ? current : new
    }

    private func expected(_ what: String, _ value: JSONValue, at path: String) -> SchemaError {
        SchemaError(path: path, message: "expected \(what), got \(value.typeName) \(SchemaText.excerpt(value.jsonString))")
    }
}
