/// Builds a plausible value for a compiled schema: required properties always, optional
/// ones sometimes, lengths and bounds respected. Best effort; `JSONSchema.sample` checks the result.
/// Every count is cut to `SampleBudget`'s caps and the whole value to its byte budget, so
/// no schema can make one sample big or slow (see `SampleBudget`).
struct SchemaSampler {
    let schema: JSONSchema
    var random: SeededRandom
    var budget = SampleBudget()
    /// Past this depth optional properties and array items are left out, so recursive schemas end.
    static let shallowDepth = 3

    private static let words = ["alpha", "bravo", "delta", "echo", "oslo", "paris", "sunny", "blue", "seven", "ok"]

    mutating func value(for node: SchemaNode, depth: Int) -> JSONValue? {
        guard depth < SchemaValidator.maximumDepth, budget.count() else { return nil }
        switch node {
        case .always(true):
            let word = pick(Self.words)
            return budget.spend(word.utf8.count + 2) ? .string(word) : nil
        case .always(false): return nil
        case .rules(let rules): return value(for: rules, depth: depth)
        }
    }

    private mutating func value(for rules: SchemaRules, depth: Int) -> JSONValue? {
        if let constant = rules.constValue { return spend(constant) }
        if let choices = rules.enumValues, !choices.isEmpty {
            let preferred = choices.filter { !$0.isNull }
            return spend(pick(preferred.isEmpty ? choices : preferred))
        }
        if let ref = rules.ref, let target = schema.resolve(ref) { return value(for: target, depth: depth + 1) }
        if let alternatives = rules.oneOf ?? rules.anyOf, !alternatives.isEmpty {
            return value(for: pick(alternatives), depth: depth + 1)
        }
        if let parts = rules.allOf, let first = parts.first, rules.types == nil, rules.properties.isEmpty {
            return value(for: first, depth: depth + 1)
        }
        switch pickType(rules) {
        case .null: return budget.spend(4) ? .null : nil
        case .boolean: return budget.spend(5) ? .bool(random.next() % 2 == 0) : nil
        // 24 bytes: the longest a double prints (`-1.7976931348623157e+308`).
        case .integer: return budget.spend(24) ? number(rules, integer: true) : nil
        case .number: return budget.spend(24) ? number(rules, integer: false) : nil
        case .string: return string(rules)
        case .array: return array(rules, depth: depth)
        case .object: return object(rules, depth: depth)
        }
    }

    private mutating func pickType(_ rules: SchemaRules) -> SchemaType {
        if let types = rules.types, !types.isEmpty {
            if types.count == 1, let only = types.first { return only }  // the usual case, without sorting
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
            let drawn = low + Double(random.next() % (steps + 1)) * unit
            return drawn.isFinite ? .number(drawn) : nil
        }
        guard low.isFinite, high.isFinite, low <= high else { return nil }
        // Weighted this way the draw stays finite even when `high - low` overflows.
        let u = random.unit()
        let drawn = min(max(low * (1 - u) + high * u, low), high)
        let short = (drawn * 100).rounded(.down) / 100  // two decimals read like a real answer
        return .number(short.isFinite && short >= low && short <= high ? short : drawn)
    }

    private mutating func string(_ rules: SchemaRules) -> JSONValue? {
        if let formatted = Self.formatted(rules.format) {
            return budget.spend(formatted.utf8.count + 2) ? .string(formatted) : nil
        }
        let minimum = budget.clamp(rules.minLength ?? 1, to: SampleBudget.maximumLength)
        let maximum = min(max(minimum, rules.maxLength ?? max(minimum, 12)), SampleBudget.maximumLength)
        guard budget.spend(minimum + 2) else { return nil }
        // The words are ASCII: one scalar per byte, so the length is counted, not re-measured.
        var text: [UInt8] = []
        text.reserveCapacity(minimum + 8)
        text += pick(Self.words).utf8
        while text.count < minimum {
            text.append(UInt8(ascii: " "))
            text += pick(Self.words).utf8
        }
        if text.count > maximum { text.removeLast(text.count - maximum) }
        _ = budget.spend(text.count - minimum)  // the last word may run past the minimum
        return .string(String(decoding: text, as: UTF8.self))
    }

    private mutating func array(_ rules: SchemaRules, depth: Int) -> JSONValue? {
        let minimum = budget.clamp(rules.minItems ?? 0, to: SampleBudget.maximumItems)
        var maximum = min(max(minimum, rules.maxItems ?? (minimum + 2)), SampleBudget.maximumItems)
        if case .tuple(let heads, nil)? = rules.items { maximum = min(maximum, max(minimum, heads.count)) }
        let wanted = depth >= Self.shallowDepth ? minimum : minimum + Int(random.next() % UInt64(maximum - minimum + 1))
        guard budget.spend(2) else { return nil }
        var elements: [JSONValue] = []
        for index in 0..<wanted {
            // Past the soft budget keep one element: the shape survives, the size does not grow exponentially.
            if budget.isLow, index > 0 {
                if index < minimum { budget.markClamped() }
                break
            }
            let node: SchemaNode?
            switch rules.items {
            case .each(let each)?: node = each
            case .tuple(let heads, let rest)?: node = index < heads.count ? heads[index] : (rest ?? .always(true))
            case nil: node = .always(true)
            }
            guard budget.spend(1), let node, var element = value(for: node, depth: depth + 1) else { return nil }
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
        // Sets, not list scans: a schema in a request may declare a hundred thousand properties.
        let required = Set(rules.required)
        var present = Set<String>()
        for (name, node) in rules.properties where !present.contains(name) {
            let isRequired = required.contains(name)
            let wanted = rules.minProperties.map { object.count < $0 } ?? false
            if wanted, !isRequired, budget.isLow { budget.markClamped() }
            guard isRequired || (wanted && !budget.isLow) || (depth < Self.shallowDepth && !budget.isLow && random.next() % 3 != 0)
            else { continue }
            guard budget.spend(name.utf8.count + 4) else { return nil }
            guard let member = value(for: node, depth: depth + 1) else {
                if isRequired { return nil }
                continue
            }
            object.fields.append((key: name, value: member))
            present.insert(name)
        }
        // Required names without a declared schema (allowed by JSON Schema) still need a value.
        for name in rules.required where !present.contains(name) {
            guard budget.spend(name.utf8.count + 4), let member = value(for: rules.additionalProperties ?? .always(true), depth: depth + 1) else { return nil }
            object.fields.append((key: name, value: member))
            present.insert(name)
        }
        return .object(object)
    }

    /// A fixed, valid-looking value for the formats answers commonly carry.
    private static func formatted(_ format: String?) -> String? {
        switch format {
        case "date-time": "2026-01-15T09:30:00Z"
        case "date": "2026-01-15"
        case "time": "09:30:00"
        case "email": "someone@example.com"
        case "uri", "url": "https://example.com/item"
        case "uuid": "3f1c2a9e-8b7d-4c6e-9a1b-2d3e4f5a6b7c"
        default: nil
        }
    }

    /// A value taken whole from the schema (`const`, `enum`), counted at its JSON size.
    private mutating func spend(_ value: JSONValue) -> JSONValue? {
        budget.spend(value.jsonString.utf8.count) ? value : nil
    }

    private mutating func pick<T>(_ choices: [T]) -> T {
        choices[Int(random.next() % UInt64(choices.count))]
    }
}
