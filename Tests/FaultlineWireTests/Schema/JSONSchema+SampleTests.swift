import Testing
@testable import FaultlineWire

@Suite("JSONSchema.sample")
struct JSONSchemaSampleTests {
    static let satisfiable: [String] = [
        #"{"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string","enum":["c","f"]}},"required":["city","unit"],"additionalProperties":false}"#,
        #"{"type":"OBJECT","properties":{"n":{"type":"INTEGER","minimum":3,"maximum":5},"note":{"type":"STRING","nullable":true}},"required":["n","note"]}"#,
        #"{"type":"array","items":{"type":"integer","multipleOf":5},"minItems":2,"maxItems":4,"uniqueItems":true}"#,
        #"{"type":"number","exclusiveMinimum":0,"exclusiveMaximum":0.01}"#,
        #"{"type":"string","minLength":20,"maxLength":25}"#,
        #"{"type":"string","maxLength":2}"#,
        #"{"type":"string","format":"date-time"}"#,
        #"{"type":["null","boolean"]}"#,
        #"{"const":{"a":[1,2]}}"#,
        #"{"anyOf":[{"type":"string"},{"type":"integer","minimum":10}]}"#,
        #"{"oneOf":[{"type":"string"},{"type":"integer"}]}"#,
        #"{"allOf":[{"type":"object","properties":{"a":{"type":"boolean"}},"required":["a"]}]}"#,
        #"{"type":"object","required":["free"]}"#,
        #"{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"string"}},"minProperties":2}"#,
        #"{"items":[{"type":"string"},{"type":"boolean"}],"minItems":2}"#,
        ##"{"$defs":{"node":{"type":"object","properties":{"name":{"type":"string"},"children":{"type":"array","items":{"$ref":"#/$defs/node"}}},"required":["name"]}},"$ref":"#/$defs/node"}"##,
        "true",
        "{}",
    ]

    @Test(arguments: satisfiable)
    func samplesValidate(_ text: String) throws {
        let schema = try JSONSchema(JSONValue(parsing: text))
        for seed in UInt64(0)..<25 {
            var random = SeededRandom(seed: seed)
            let value = try #require(schema.sample(using: &random), "seed \(seed)")
            #expect(schema.validate(value) == [], "seed \(seed): \(value.jsonString)")
        }
    }

    @Test func sameSeedSameSample() throws {
        let schema = try JSONSchema(JSONValue(parsing: Self.satisfiable[1]))
        var first = SeededRandom(seed: 42)
        var second = SeededRandom(seed: 42)
        #expect(schema.sample(using: &first) == schema.sample(using: &second))
        #expect(first == second)
    }

    @Test func seedsVary() throws {
        let schema = try JSONSchema(["type": "integer", "minimum": 0, "maximum": 1000])
        let values = Set((UInt64(0)..<20).compactMap { seed -> JSONValue? in
            var random = SeededRandom(seed: seed)
            return schema.sample(using: &random)
        })
        #expect(values.count > 10)
    }

    @Test(arguments: [
        "false",
        #"{"type":"integer","minimum":2,"maximum":1}"#,
        #"{"type":"object","properties":{"a":false},"required":["a"]}"#,
        #"{"type":"string","pattern":"^[0-9]{6}$"}"#,
    ])
    func unsatisfiableGivesNil(_ text: String) throws {
        let schema = try JSONSchema(JSONValue(parsing: text))
        var random = SeededRandom(seed: 7)
        #expect(schema.sample(using: &random) == nil)
    }
}
