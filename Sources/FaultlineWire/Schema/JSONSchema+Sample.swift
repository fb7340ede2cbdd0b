extension JSONSchema {
    /// Tries made before `sample(using:)` gives up on a schema it cannot satisfy.
    static let sampleAttempts = 8

    /// A value that validates against the schema, drawn from `random`, so the mock can
    /// answer a tool call or a structured-output request with arguments that fit (and the
    /// same seed gives the same answer). `nil` when none was found in a few tries: a
    /// `pattern` or `not` the generator cannot aim for, or contradictory keywords.
    ///
    /// A schema that asks for more than `SampleBudget` allows (a `minItems` above 1,000, a
    /// `minLength` above 16,384, output past about 256 KB) gets a value of its shape cut to
    /// those caps, which the schema itself may refuse: a mock should answer, and quickly.
    public func sample(using random: inout SeededRandom) -> JSONValue? {
        let base = random.derived("schema-sample")
        _ = random.next()  // the caller's stream moves on by one draw, whatever the schema
        for attempt in 0..<Self.sampleAttempts {
            var sampler = SchemaSampler(schema: self, random: base.derived("attempt", attempt))
            let value = sampler.value(for: root, depth: 0)
            // Clamped or out of budget: another attempt would cost as much and clamp the same way,
            // and validating a value cut to the caps (most of the cost of a large one) decides nothing.
            if sampler.budget.clamped || sampler.budget.isExhausted { return value }
            if let value, accepts(value) { return value }
        }
        return nil
    }
}
