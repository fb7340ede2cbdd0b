import FaultlineFuzzSupport
import Testing
@testable import FaultlineWire

/// A random JSON Schema mixing ordinary and hostile bounds (counts near `Int.max`, given as
/// numbers or as Gemini's int64 strings, nested arrays and `$ref` recursion), as a request
/// body could carry.
func randomSchema(_ random: inout SeededRandom, depth: Int = 0) -> JSONValue {
    func count(_ random: inout SeededRandom) -> JSONValue {
        let counts: [Double] = [0, 1, 2, 3, 7, 64, 1000, 4096, 100_000, 8_999_999_999_999_999]
        let n = counts[Int(random.next() % UInt64(counts.count))]
        return random.next() % 4 == 0 ? .string(n >= 8e15 ? "9223372036854775807" : String(Int(n))) : .number(n)
    }
    func bound(_ random: inout SeededRandom) -> JSONValue {
        let bounds: [Double] = [-1.7e308, -1e6, -1, 0, 0.5, 1, 10, 1e6, 1.7e308]
        return .number(bounds[Int(random.next() % UInt64(bounds.count))])
    }
    var object = JSONObject()
    let leaf = depth >= 6
    switch Int(random.next() % (leaf ? 4 : 7)) {
    case 0:
        object["type"] = "string"
        if random.next() % 2 == 0 { object["minLength"] = count(&random) }
        if random.next() % 3 == 0 { object["format"] = "date" }
    case 1:
        object["type"] = random.next() % 2 == 0 ? "number" : "integer"
        if random.next() % 2 == 0 { object["minimum"] = bound(&random) }
        if random.next() % 2 == 0 { object["maximum"] = bound(&random) }
        if random.next() % 4 == 0 { object["multipleOf"] = .number([1e-300, 0.5, 3, 1e300][Int(random.next() % 4)]) }
    case 2: object["type"] = "boolean"
    case 3: object["enum"] = ["a", "b", .null]
    case 4:
        object["type"] = "array"
        object["items"] = randomSchema(&random, depth: depth + 1)
        if random.next() % 2 == 0 { object["minItems"] = count(&random) }
        if random.next() % 3 == 0 { object["uniqueItems"] = true }
    case 5:
        object["type"] = "object"
        var properties = JSONObject()
        var required: [JSONValue] = []
        for index in 0..<Int(random.next() % 4) {
            properties["p\(index)"] = randomSchema(&random, depth: depth + 1)
            if random.next() % 2 == 0 { required.append(.string("p\(index)")) }
        }
        object["properties"] = .object(properties)
        object["required"] = .array(required)
    default:
        object["anyOf"] = [randomSchema(&random, depth: depth + 1), randomSchema(&random, depth: depth + 1)]
    }
    return .object(object)
}

/// The schema sampler under random and hostile schemas (extreme bounds, recursion, deep
/// nesting): it never traps, and no schema makes one answer exceed the sample budget.
struct SchemaSamplerFuzzTests {
    @Test func randomSchemasNeverTrapAndStayWithinTheBudget() {
        let campaign = FuzzCampaign("schema", count: 300)
        campaign.run { index, random in
            let json = randomSchema(&random)
            Self.check(json, seed: random.next(), campaign.label(index))
        }
    }

    @Test func recursiveSchemasNeverTrapAndStayWithinTheBudget() {
        let campaign = FuzzCampaign("schema-recursive", count: 100)
        campaign.run { index, random in
            let node = randomSchema(&random)
            let required: JSONValue = random.next() % 2 == 0 ? ["node"] : ["node", "self"]
            // A node that refers back to the root from inside an array or a required property.
            let json: JSONValue = [
                "type": "object",
                "properties": ["self": ["type": "array", "minItems": 2, "items": ["$ref": "#"]], "node": node],
                "required": required,
            ]
            Self.check(json, seed: random.next(), campaign.label(index))
        }
    }

    @Test func corpusReplays() throws {
        let entries = FuzzCorpus.entries("schema")
        #expect(entries.count >= 4)
        for entry in entries {
            Self.check(try JSONValue(parsing: entry.bytes), seed: 1, entry.name)
        }
    }

    static func check(_ json: JSONValue, seed: UInt64, _ label: String) {
        guard let schema = try? JSONSchema(json) else { return }
        var draw = SeededRandom(seed: seed)
        let size = schema.sample(using: &draw)?.jsonString.utf8.count ?? 0
        #expect(size <= SampleBudgetTests.ceiling, "\(label): \(json.jsonString)")
    }
}
