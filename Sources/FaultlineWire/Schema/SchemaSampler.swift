/// Builds a plausible value for a compiled schema: required properties always, optional
/// ones sometimes, lengths and bounds respected. Best effort; `JSONSchema.sample` checks the result.
struct SchemaSampler {
    let schema: JSONSchema
    var random: SeededRandom
    /// Past this depth optional properties and array items are left out, so recursive schemas end.
    static let shallowDepth = 3

    private static let words = ["alpha", "bravo", "delta", "echo", "oslo", "paris", "sunny", "blue", "seven", "ok"]

    mutating func value(for node: SchemaNode, depth: Int) -> JSONValue? {
        guard depth < SchemaValidator.maximumDepth else { return nil }
        switch node {
        case .always(true): return .string(pick(Self.words))
        case .always(false): return nil
        case .rules(let rules): return value(for: rules, depth: depth)
        }
    }

    private mutating func value(for rules: SchemaRules, depth: Int) -> JSONValue? {
        if let constant = rules.constValue { return constant }
        if let choices = rules.enumValues, !choices.isEmpty {
            let preferred = choices.filter { !$0.isNull }
            return pick(preferred.isEmpty ? choices : preferred)
        }
        if let ref = rules.ref, let target = schema.resolve(ref) { return value(for: target, depth: depth + 1) }
        if let alternatives = rules.oneOf ?? rules.anyOf, !alternatives.isEmpty {
            return value(for: pick(alternatives), depth: depth + 1)
        }
        if let parts = rules.allOf, let first = parts.first, rules.types == nil, rules.properties.isEmpty {
            return value(for: first, depth: depth + 1)
        }
        switch pickType(rules) {
        case .null: return .null
        case .boolean: return .bool(random.next() % 2 == 0)
        case .integer: return number(rules, integer: true)
        case .number: return number(rules, integer: false)
        case .string: return string(rules)
        case .array: return array(rules, depth: depth)
        case .object: return object(rules, depth: depth)
        }
    }

    private mutating func pickType(_ rules: SchemaRules) -> SchemaType {
        if let types = rules.types, !types.isEmpty {
            let concrete = types.subtracting([.null]).sorted { $0.rawValue < $1.rawValue }
            return concrete.isEmpty ? .null : pick(concrete)
        }
        if !rules.properties.isEmpty || !rules.required.isEmpty || rules.additionalProperties != nil { return .object }
        if rules.items != nil || rules.minItems != nil { return .array }
        if rules.minimum != nil || rules.maximum != nil || rules.multipleOf != nil { return .number }
        return .string
    }

    private mutating func number(_ rules: SchemaRules, integer: Bool) -> JSONValue? {
        var low = rules.minimum.map { $0.exclusive ? $0.value + (integer ? 1 : 0.001) : $0.value } ?? 0
        var high = rules.maximum.map { $0.exclusive ? $0.value - (integer ? 1 : 0.001) : $0.value } ?? max(low, 0) + 100
        if integer || rules.multipleOf != nil {
            let step = rules.multipleOf ?? 1
            let unit = integer ? max(step, 1).rounded(.up) : step
            low = (low / unit).rounded(.up) * unit
            high = (high / unit).rounded(.down) * unit
            guard low.isFinite, high.isFinite, low <= high else { return nil }
            let steps = UInt64(min((high - low) / unit, 1_000_000))
            return .number(low + Double(random.next() % (steps + 1)) * unit)
        }
        guard low.isFinite, high.isFinite, low <= high else { return nil }
        let drawn = low + random.unit() * (high - low)
        let short = (drawn * 100).rounded(.down) / 100  // two decimals read like a real answer
        return .number(short >= low ? short : drawn)
    }

    private mutating func string(_ rules: SchemaRules) -> JSONValue {
        switch rules.format {
        case "date-time": return "2026-01-15T09:30:00Z"
        case "date": return "2026-01-15"
        case "time": return "09:30:00"
        case "email": return "someone@example.com"
        case "uri", "url": return "https://example.com/item"
        case "uuid": return "3f1c2a9e-8b7d-4c6e-9a1b-2d3e4f5a6b7c"
        default: break
        }
        let minimum = rules.minLength ?? 1
        let maximum = max(minimum, rules.maxLength ?? max(minimum, 12))
        var text = pick(Self.words)
        while text.unicodeScalars.count < minimum { text += " " + pick(Self.words) }
        if text.unicodeScalars.count > maximum { text = String(String.UnicodeScalarView(text.unicodeScalars.prefix(maximum))) }
        return .string(text)
    }

    private mutating func array(_ rules: SchemaRules, depth: Int) -> JSONValue? {
        let minimum = rules.minItems ?? 0
        var maximum = rules.maxItems ?? (minimum + 2)
        if case .tuple(let heads, nil)? = rules.items { maximum = min(maximum, max(minimum, heads.count)) }
        let wanted = depth >= Self.shallowDepth ? minimum : minimum + Int(random.next() % UInt64(max(maximum - minimum, 0) + 1))
        var elements: [JSONValue] = []
        for index in 0..<wanted {
            let node: SchemaNode?
            switch rules.items {
            case .each(let each)?: node = each
            case .tuple(let heads, let rest)?: node = index < heads.count ? heads[index] : (rest ?? .always(true))
            case nil: node = .always(true)
            }
            guard let node, var element = value(for: node, depth: depth + 1) else { return nil }
            if rules.uniqueItems {
                var tries = 0
                while elements.contains(element), tries < 8, let next = value(for: node, depth: depth + 1) {
                    element = next
                    tries += 1
                }
            }
            elements.append(element)
        }
        return .array(elements)
    }

    private mutating func object(_ rules: SchemaRules, depth: Int) -> JSONValue? {
        var object = JSONObject()
        for (name, node) in rules.properties {
            let isRequired = rules.required.contains(name)
            let wanted = rules.minProperties.map { object.count < $0 } ?? false
            guard isRequired || wanted || (depth < Self.shallowDepth && random.next() % 3 != 0) else { continue }
            guard let member = value(for: node, depth: depth + 1) else {
                if isRequired { return nil }
                continue
            }
            object[name] = member
        }
        // Required names without a declared schema (allowed by JSON Schema) still need a value.
        for name in rules.required where object[name] == nil {
            guard let member = value(for: rules.additionalProperties ?? .always(true), depth: depth + 1) else { return nil }
            object[name] = member
        }
        return .object(object)
    }

    private mutating func pick<T>(_ choices: [T]) -> T {
        choices[Int(random.next() % UInt64(choices.count))]
    }
}
