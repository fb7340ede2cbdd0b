extension JSONSchema {
    /// `value` with the two type slips models make in tool arguments undone, wherever
    /// the schema says which type belongs: an object or array where a string is expected
    /// becomes its JSON text, and a string holding JSON where an object or array is
    /// expected becomes that value. Everything else is left as it is.
    func coerced(_ value: JSONValue) -> JSONValue {
        coerce(value, root, depth: 0)
    }

    private func coerce(_ value: JSONValue, _ node: SchemaNode, depth: Int) -> JSONValue {
        guard depth < SchemaValidator.maximumDepth, case .rules(let rules) = node else { return value }
        if let ref = rules.ref, let target = resolve(ref) {
            return coerce(value, target, depth: depth + 1)
        }
        var value = value
        if let types = rules.types, !types.contains(where: { $0.admits(value) }) {
            switch value {
            case .object, .array:
                if types.contains(.string) { value = .string(value.jsonString) }
            case .string(let text):
                let structured: [SchemaType] = [.object, .array]
                if let parsed = try? JSONValue(parsing: text), structured.contains(where: { $0.admits(parsed) && types.contains($0) }) {
                    value = parsed
                }
            default:
                break
            }
        }
        switch value {
        case .object(var object):
            for index in object.fields.indices {
                let key = object.fields[index].key
                let member = rules.declared(key) ?? rules.additionalProperties
                if let member { object.fields[index].value = coerce(object.fields[index].value, member, depth: depth) }
            }
            return .object(object)
        case .array(var elements):
            guard let items = rules.items else { return value }
            for index in elements.indices {
                switch items {
                case .each(let node): elements[index] = coerce(elements[index], node, depth: depth)
                case .tuple(let heads, let rest):
                    guard let node = index < heads.count ? heads[index] : rest else { continue }
                    elements[index] = coerce(elements[index], node, depth: depth)
                }
            }
            return .array(elements)
        default:
            return value
        }
    }
}
