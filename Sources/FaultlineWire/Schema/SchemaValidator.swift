/// Walks a value against a compiled schema, collecting every violation with its path.
struct SchemaValidator {
    let schema: JSONSchema
    private(set) var violations: [SchemaViolation] = []
    /// A `$ref` cycle that consumes no input (`{"$ref": "#"}`) must end, not overflow the stack.
    static let maximumDepth = 64

    init(schema: JSONSchema) { self.schema = schema }

    mutating func check(_ value: JSONValue, against node: SchemaNode, at path: String, depth: Int) {
        switch node {
        case .always(true): return
        case .always(false): report(path, "no value is allowed here (schema is false)")
        case .rules(let rules): check(value, against: rules, at: path, depth: depth)
        }
    }

    private mutating func report(_ path: String, _ message: String) {
        violations.append(SchemaViolation(path: path, message: message))
    }

    private mutating func check(_ value: JSONValue, against rules: SchemaRules, at path: String, depth: Int) {
        if rules.nullable, case .null = value { return }
        if let ref = rules.ref {
            guard depth < Self.maximumDepth, let target = schema.resolve(ref) else {
                report(path, "$ref \(ref) nests deeper than \(Self.maximumDepth) levels")
                return
            }
            check(value, against: target, at: path, depth: depth + 1)
        }
        if let types = rules.types, !types.contains(where: { $0.admits(value) }) {
            let names = types.map(\.rawValue).sorted() + (rules.nullable ? ["null"] : [])
            report(path, "expected \(names.joined(separator: " or ")), got \(value.typeName)")
            return  // the type-specific keywords would only repeat the point
        }
        if let allowed = rules.enumValues, !allowed.contains(where: { JSONEquality.same($0, value) }) {
            report(path, "\(SchemaText.excerpt(value.jsonString)) is not one of \(SchemaText.excerpt(JSONValue.array(allowed).jsonString))")
        }
        if let constant = rules.constValue, !JSONEquality.same(constant, value) {
            report(path, "expected the constant \(SchemaText.excerpt(constant.jsonString))")
        }
        switch value {
        case .number(let n): checkNumber(n, rules, at: path)
        case .string(let s): checkString(s, rules, at: path)
        case .array(let elements): checkArray(elements, rules, at: path, depth: depth)
        case .object(let object): checkObject(object, rules, at: path, depth: depth)
        case .null, .bool: break
        }
        checkCombinators(value, rules, at: path, depth: depth)
    }

    private mutating func checkNumber(_ n: Double, _ rules: SchemaRules, at path: String) {
        let shown = JSONValue.number(n).jsonString
        if let bound = rules.minimum, bound.exclusive ? !(n > bound.value) : !(n >= bound.value) {
            report(path, "\(shown) is not \(bound.exclusive ? "greater than" : "at least") \(JSONValue.number(bound.value).jsonString)")
        }
        if let bound = rules.maximum, bound.exclusive ? !(n < bound.value) : !(n <= bound.value) {
            report(path, "\(shown) is not \(bound.exclusive ? "less than" : "at most") \(JSONValue.number(bound.value).jsonString)")
        }
        if let divisor = rules.multipleOf {
            let quotient = n / divisor
            if !(quotient.isFinite && abs(quotient - quotient.rounded()) < 1e-9) {
                report(path, "\(shown) is not a multiple of \(JSONValue.number(divisor).jsonString)")
            }
        }
    }

    /// Lengths count Unicode code points, as JSON Schema defines them (not UTF-16 units or grapheme clusters).
    private mutating func checkString(_ s: String, _ rules: SchemaRules, at path: String) {
        if rules.minLength != nil || rules.maxLength != nil {
            let length = s.unicodeScalars.count
            if let minimum = rules.minLength, length < minimum {
                report(path, "string has \(length) characters, fewer than the minimum \(minimum)")
            }
            if let maximum = rules.maxLength, length > maximum {
                report(path, "string has \(length) characters, more than the maximum \(maximum)")
            }
        }
        if let pattern = rules.pattern, !pattern.matches(s) {
            report(path, "\(SchemaText.excerpt(JSONValue.string(s).jsonString)) does not match pattern \(pattern.source)")
        }
    }

    private mutating func checkArray(_ elements: [JSONValue], _ rules: SchemaRules, at path: String, depth: Int) {
        if let minimum = rules.minItems, elements.count < minimum {
            report(path, "array has \(elements.count) items, fewer than the minimum \(minimum)")
        }
        if let maximum = rules.maxItems, elements.count > maximum {
            report(path, "array has \(elements.count) items, more than the maximum \(maximum)")
        }
        if rules.uniqueItems {
            for later in elements.indices {
                if let earlier = elements[..<later].firstIndex(where: { JSONEquality.same($0, elements[later]) }) {
                    report(JSONPath.appending(index: later, to: path), "duplicates item \(earlier); items must be unique")
                }
            }
        }
        guard let items = rules.items else { return }
        for (index, element) in elements.enumerated() {
            let node: SchemaNode?
            switch items {
            case .each(let each): node = each
            case .tuple(let heads, let rest): node = index < heads.count ? heads[index] : rest
            }
            guard let node else { continue }
            check(element, against: node, at: JSONPath.appending(index: index, to: path), depth: depth)
        }
    }

    private mutating func checkObject(_ object: JSONObject, _ rules: SchemaRules, at path: String, depth: Int) {
        // Hashed lookups once an object is large: member × property scans were quadratic.
        let keys = object.count > 16 ? Set(object.keys) : nil
        for name in rules.required where !(keys?.contains(name) ?? (object[name] != nil)) {
            report(JSONPath.appending(key: name, to: path), "required property is missing")
        }
        if let minimum = rules.minProperties, object.count < minimum {
            report(path, "object has \(object.count) properties, fewer than the minimum \(minimum)")
        }
        if let maximum = rules.maxProperties, object.count > maximum {
            report(path, "object has \(object.count) properties, more than the maximum \(maximum)")
        }
        for (key, member) in object {
            let memberPath = JSONPath.appending(key: key, to: path)
            if let declared = rules.declared(key) {
                check(member, against: declared, at: memberPath, depth: depth)
            } else if case .always(false) = rules.additionalProperties {
                report(memberPath, "property is not allowed (additionalProperties is false)")
            } else if let additional = rules.additionalProperties {
                check(member, against: additional, at: memberPath, depth: depth)
            }
        }
    }

    private mutating func checkCombinators(_ value: JSONValue, _ rules: SchemaRules, at path: String, depth: Int) {
        for node in rules.allOf ?? [] {
            check(value, against: node, at: path, depth: depth)
        }
        if let alternatives = rules.anyOf {
            let results = alternatives.map { violations(of: value, $0, at: path, depth: depth) }
            if !results.contains(where: \.isEmpty) {
                report(path, "matches none of the \(alternatives.count) anyOf alternatives\(closest(results, alternatives, value))")
            }
        }
        if let alternatives = rules.oneOf {
            let results = alternatives.map { violations(of: value, $0, at: path, depth: depth) }
            let matching = results.filter(\.isEmpty).count
            if matching == 0 {
                report(path, "matches none of the \(alternatives.count) oneOf alternatives\(closest(results, alternatives, value))")
            } else if matching > 1 {
                report(path, "matches \(matching) of the \(alternatives.count) oneOf alternatives; exactly one must match")
            }
        }
        if let excluded = rules.not, violations(of: value, excluded, at: path, depth: depth).isEmpty {
            report(path, "must not match the `not` schema")
        }
    }

    /// The violations of one alternative on its own, without adding them to this walk's.
    private func violations(of value: JSONValue, _ node: SchemaNode, at path: String, depth: Int) -> [SchemaViolation] {
        var alternative = SchemaValidator(schema: schema)
        alternative.check(value, against: node, at: path, depth: depth)
        return alternative.violations
    }

    /// The alternative that came nearest, so a person sees what to fix rather than only "none matched":
    /// one of the value's own type beats one of another type, then fewer violations win.
    private func closest(_ results: [[SchemaViolation]], _ alternatives: [SchemaNode], _ value: JSONValue) -> String {
        let ranked = zip(results, alternatives).map { violations, node in
            (rank: (Self.typeAdmits(node, value) ? 0 : 1, violations.count), first: violations.first)
        }
        guard let best = ranked.min(by: { $0.rank < $1.rank }), let first = best.first else { return "" }
        return " (closest: \(first))"
    }

    private static func typeAdmits(_ node: SchemaNode, _ value: JSONValue) -> Bool {
        guard case .rules(let rules) = node, let types = rules.types else { return true }
        return types.contains { $0.admits(value) }
    }
}
