import Testing
@testable import FaultlineWire

/// Schemas a stranger can send the mock, with bounds that once trapped (integer overflow),
/// took minutes (a quadratic string) or 1.4 GB (nested arrays): each sample stays within
/// `SampleBudget`. Sizes are asserted, not wall time.
@Suite("SampleBudget")
struct SampleBudgetTests {
    /// The JSON bytes a sample may reach: the hard budget plus one capped string of slack.
    static let ceiling = SampleBudget.hardBytes + SampleBudget.maximumLength + 1024

    static func sample(_ text: String, seed: UInt64 = 1) throws -> JSONValue? {
        let schema = try JSONSchema(JSONValue(parsing: text))
        var random = SeededRandom(seed: seed)
        return schema.sample(using: &random)
    }

    /// `{"type":"array","minItems":2,"items":…}` nested `depth` times around a string.
    static func nestedArrays(depth: Int, minItems: Int = 2) -> String {
        var schema = #"{"type":"string"}"#
        for _ in 0..<depth { schema = #"{"type":"array","minItems":\#(minItems),"items":\#(schema)}"# }
        return schema
    }

    @Test(arguments: [
        #"{"type":"array","minItems":"9223372036854775807"}"#,
        #"{"type":"array","minItems":"9223372036854775807","maxItems":"9223372036854775807"}"#,
        #"{"type":"array","minItems":8000000000000000}"#,
        #"{"type":"array","maxItems":"9223372036854775807","items":{"type":"integer"}}"#,
        #"{"type":"array","items":[{"type":"string"}],"minItems":"9223372036854775807"}"#,
    ])
    func hugeItemCountsAreCutToTheCap(_ text: String) throws {
        let value = try #require(try Self.sample(text))
        let elements = try #require(value.arrayValue)
        #expect(elements.count <= SampleBudget.maximumItems)
        #expect(value.jsonString.utf8.count <= Self.ceiling)
    }

    @Test(arguments: [#"{"type":"string","minLength":1000000000}"#, #"{"type":"string","minLength":"9223372036854775807"}"#])
    func hugeMinLengthIsCutToTheCap(_ text: String) throws {
        let value = try #require(try Self.sample(text))
        let string = try #require(value.stringValue)
        #expect(string.unicodeScalars.count == SampleBudget.maximumLength)
    }

    @Test func longStringsAreExactAndLinear() throws {
        // 16,384 scalars built word by word: exactly the minimum, no re-measuring per word.
        let value = try #require(try Self.sample(#"{"type":"string","minLength":16000,"maxLength":16000}"#))
        #expect(value.stringValue?.unicodeScalars.count == 16000)
    }

    @Test(arguments: [10, 22, 40, 63])
    func nestedArraysStayWithinTheBudget(depth: Int) throws {
        // Depth 22 once answered one 1 KB request with 120 MB after 9 s.
        let value = try #require(try Self.sample(Self.nestedArrays(depth: depth)))
        #expect(value.jsonString.utf8.count <= Self.ceiling)
        #expect(value.arrayValue != nil)
    }

    @Test func wideNestedArraysStayWithinTheBudget() throws {
        let value = try #require(try Self.sample(Self.nestedArrays(depth: 5, minItems: 1000)))
        #expect(value.jsonString.utf8.count <= Self.ceiling)
    }

    @Test func requiredObjectsThatDoubleEachLevelGiveUpWithinTheBudget() throws {
        // d0 needs two d1, each two d2, … : 2^30 leaves if followed to the end.
        var defs: [String] = []
        for level in 0..<30 {
            defs.append(##""d\##(level)":{"type":"object","properties":{"a":{"$ref":"#/$defs/d\##(level + 1)"},"b":{"$ref":"#/$defs/d\##(level + 1)"}},"required":["a","b"]}"##)
        }
        defs.append(#""d30":{"type":"string","minLength":64}"#)
        let text = ##"{"$defs":{\##(defs.joined(separator: ","))},"$ref":"#/$defs/d0"}"##
        let value = try Self.sample(text)
        #expect((value?.jsonString.utf8.count ?? 0) <= Self.ceiling)
    }

    @Test func smallSchemasAreNotMarkedClamped() throws {
        let schema = try JSONSchema(JSONValue(parsing: #"{"type":"array","minItems":3,"maxItems":3,"items":{"type":"string","minLength":40}}"#))
        var random = SeededRandom(seed: 3)
        let value = try #require(schema.sample(using: &random))
        #expect(schema.accepts(value))
    }

    @Test(arguments: [
        #"{"type":"number","minimum":-1.7e308,"maximum":1.7e308}"#,
        #"{"type":"number","minimum":1.7e308}"#,
        #"{"type":"integer","minimum":-1.7e308,"maximum":1.7e308}"#,
        #"{"type":"number","multipleOf":1e-300,"minimum":-1e300,"maximum":1e300}"#,
    ])
    func extremeNumberBoundsGiveFiniteNumbers(_ text: String) throws {
        for seed in UInt64(0)..<20 {
            guard let value = try Self.sample(text, seed: seed) else { continue }
            let number = try #require(value.doubleValue)
            #expect(number.isFinite, "seed \(seed): \(number)")
        }
    }

    @Test(arguments: [
        (#"{"type":"array","minItems":5,"maxItems":2}"#, "minItems 5 is greater than maxItems 2"),
        (#"{"type":"string","minLength":"9","maxLength":"3"}"#, "minLength 9 is greater than maxLength 3"),
        (#"{"type":"object","minProperties":2,"maxProperties":1}"#, "minProperties 2 is greater than maxProperties 1"),
        (#"{"type":"array","minItems":-1}"#, "expected a non-negative integer"),
        (#"{"type":"array","minItems":"lots"}"#, "expected a non-negative integer"),
        (#"{"type":"array","minItems":1e300}"#, "expected a non-negative integer"),
    ])
    func invalidCountsAreSchemaErrors(_ text: String, message: String) throws {
        let json = try JSONValue(parsing: text)
        let error = #expect(throws: SchemaError.self) { try JSONSchema(json) }
        #expect(error?.message.contains(message) == true, "\(error?.description ?? "")")
    }
}
