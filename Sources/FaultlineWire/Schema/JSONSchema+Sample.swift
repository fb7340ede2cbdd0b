extension JSONSchema {
    /// Tries made before `sample(using:)` gives up on a schema it cannot satisfy.
    static let sampleAttempts = 8

    /// A value that validates against the schema, drawn from `random`, so the mock can
    /// answer a tool call or a structured-output request with arguments that fit (and the
    /// same seed gives the same answer). `nil` when none was found in a few tries: a
    /// `pattern` or `not` the generator cannot aim for, or contradictory keywords.
    public func sample(using random: inout SeededRandom) -> JSONValue? {
        let base = random.derived("schema-sample")
        _ = random.next()  // the caller's stream moves on by one draw, whatever the schema
        for attempt in 0..<Self.sampleAttempts {
            var sampler = SchemaSampler(schema: self, random: base.derived("attempt", attempt))
            if let value = sampler.value(for: root, depth: 0), accepts(value) { return value }
        }
        return nil
    }
}
