import Testing
@testable import FaultlineWire

/// One instance checked against one schema, with the exact violation paths expected (empty = valid).
struct SchemaCase: Sendable, CustomTestStringConvertible {
    var name: String
    var schema: String
    var instance: String
    var paths: [String]

    var testDescription: String { name }

    init(_ name: String, _ schema: String, _ instance: String, _ paths: [String] = []) {
        self.name = name
        self.schema = schema
        self.instance = instance
        self.paths = paths
    }
}

private let weather = """
    {"type":"object","properties":{
      "location":{"type":"object","properties":{
        "city":{"type":"string","minLength":1},
        "unit":{"type":"string","enum":["celsius","fahrenheit"]}},
        "required":["city","unit"],"additionalProperties":false},
      "days":{"type":"integer","minimum":1,"maximum":14},
      "items":{"type":"array","items":{"type":"number"}}},
     "required":["location"]}
    """

private let geminiWeather = """
    {"type":"OBJECT","properties":{"city":{"type":"STRING"},"days":{"type":"INTEGER"},
     "tags":{"type":"ARRAY","items":{"type":"STRING"}},"note":{"type":"STRING","nullable":true}},
     "required":["city"],"propertyOrdering":["city","days"]}
    """

let schemaCases: [SchemaCase] = [
    // A realistic tool schema: nested paths, all violations reported.
    SchemaCase("weather valid", weather, #"{"location":{"city":"Oslo","unit":"celsius"},"days":3,"items":[1,2.5]}"#),
    SchemaCase("weather bad enum", weather, #"{"location":{"city":"Oslo","unit":"kelvin"}}"#, ["$.location.unit"]),
    SchemaCase("weather missing unit", weather, #"{"location":{"city":"Oslo"}}"#, ["$.location.unit"]),
    SchemaCase("weather missing location", weather, #"{}"#, ["$.location"]),
    SchemaCase("weather extra property", weather, #"{"location":{"city":"Oslo","unit":"celsius","zip":"0150"}}"#, ["$.location.zip"]),
    SchemaCase("weather item type", weather, #"{"location":{"city":"O","unit":"celsius"},"items":[1,2,"3"]}"#, ["$.items[2]"]),
    SchemaCase(
        "weather every violation", weather, #"{"location":{"city":"","unit":"K"},"days":20,"items":[true]}"#,
        ["$.location.city", "$.location.unit", "$.days", "$.items[0]"]),
    SchemaCase("weather root not object", weather, #"[1]"#, ["$"]),
    // Gemini writes type names in upper case and uses `nullable`.
    SchemaCase("gemini valid", geminiWeather, #"{"city":"Oslo","days":2,"tags":["a"],"note":null}"#),
    SchemaCase("gemini wrong types", geminiWeather, #"{"city":1,"days":2.5,"tags":[1]}"#, ["$.city", "$.days", "$.tags[0]"]),
    SchemaCase("gemini missing city", geminiWeather, #"{"days":2}"#, ["$.city"]),
    SchemaCase("mixed case type", #"{"type":"Boolean"}"#, "true"),
    SchemaCase("gemini int64 count as string", #"{"type":"ARRAY","minItems":"2"}"#, "[1]", ["$"]),
    // type
    SchemaCase("integer accepts whole number", #"{"type":"integer"}"#, "3.0"),
    SchemaCase("integer rejects fraction", #"{"type":"integer"}"#, "3.5", ["$"]),
    SchemaCase("number accepts integer", #"{"type":"number"}"#, "3"),
    SchemaCase("type array", #"{"type":["string","null"]}"#, "null"),
    SchemaCase("type array rejects", #"{"type":["string","null"]}"#, "1", ["$"]),
    SchemaCase("null type", #"{"type":"null"}"#, "false", ["$"]),
    SchemaCase("no type accepts anything", #"{}"#, #"{"a":[1]}"#),
    SchemaCase("true schema", "true", "1"),
    SchemaCase("false schema", "false", "1", ["$"]),
    // nullable
    SchemaCase("nullable accepts null", #"{"type":"string","nullable":true}"#, "null"),
    SchemaCase("not nullable rejects null", #"{"type":"string"}"#, "null", ["$"]),
    SchemaCase("nullable false rejects null", #"{"type":"string","nullable":false}"#, "null", ["$"]),
    // enum / const
    SchemaCase("enum hit", #"{"enum":["a",1,null]}"#, "1"),
    SchemaCase("enum miss", #"{"enum":["a",1,null]}"#, #""b""#, ["$"]),
    SchemaCase("enum object ignores key order", #"{"enum":[{"a":1,"b":2}]}"#, #"{"b":2,"a":1}"#),
    SchemaCase("const hit", #"{"const":"x"}"#, #""x""#),
    SchemaCase("const miss", #"{"const":"x"}"#, #""y""#, ["$"]),
    SchemaCase("const number equals whole float", #"{"const":2}"#, "2.0"),
    // numbers
    SchemaCase("minimum inclusive", #"{"minimum":1}"#, "1"),
    SchemaCase("minimum below", #"{"minimum":1}"#, "0.5", ["$"]),
    SchemaCase("maximum inclusive", #"{"maximum":1}"#, "1"),
    SchemaCase("maximum above", #"{"maximum":1}"#, "2", ["$"]),
    SchemaCase("exclusiveMinimum number", #"{"exclusiveMinimum":1}"#, "1", ["$"]),
    SchemaCase("exclusiveMinimum number above", #"{"exclusiveMinimum":1}"#, "1.01"),
    SchemaCase("exclusiveMaximum number", #"{"exclusiveMaximum":1}"#, "1", ["$"]),
    SchemaCase("exclusiveMinimum draft4 flag", #"{"minimum":1,"exclusiveMinimum":true}"#, "1", ["$"]),
    SchemaCase("exclusiveMaximum draft4 flag", #"{"exclusiveMaximum":true,"maximum":1}"#, "1", ["$"]),
    SchemaCase("exclusiveMaximum draft4 false", #"{"maximum":1,"exclusiveMaximum":false}"#, "1"),
    SchemaCase("multipleOf", #"{"multipleOf":0.5}"#, "2.5"),
    SchemaCase("multipleOf miss", #"{"multipleOf":2}"#, "3", ["$"]),
    SchemaCase("number keywords skip strings", #"{"minimum":5}"#, #""abc""#),
    // strings
    SchemaCase("minLength counts code points", #"{"minLength":2}"#, #""é👍""#),
    SchemaCase("maxLength counts code points", #"{"maxLength":2}"#, #""👍👍""#),
    SchemaCase("maxLength exceeded", #"{"maxLength":2}"#, #""abc""#, ["$"]),
    SchemaCase("minLength short", #"{"minLength":2}"#, #""a""#, ["$"]),
    SchemaCase("pattern unanchored search", #"{"pattern":"[0-9]{3}"}"#, #""ab123cd""#),
    SchemaCase("pattern anchored miss", #"{"pattern":"^[a-z]+$"}"#, #""abc1""#, ["$"]),
    SchemaCase("string keywords skip numbers", #"{"maxLength":1}"#, "12345"),
    // arrays
    SchemaCase("minItems", #"{"minItems":2}"#, "[1]", ["$"]),
    SchemaCase("maxItems", #"{"maxItems":1}"#, "[1,2]", ["$"]),
    SchemaCase("items each", #"{"items":{"type":"string"}}"#, #"["a",1,"b",2]"#, ["$[1]", "$[3]"]),
    SchemaCase("items tuple", #"{"items":[{"type":"string"},{"type":"integer"}]}"#, #"["a","b",true]"#, ["$[1]"]),
    SchemaCase(
        "prefixItems with rest", #"{"prefixItems":[{"type":"string"}],"items":{"type":"integer"}}"#, #"["a",1,"x"]"#, ["$[2]"]),
    SchemaCase("uniqueItems", #"{"uniqueItems":true}"#, #"[1,{"a":1},2,{"a":1}]"#, ["$[3]"]),
    SchemaCase("nested arrays", #"{"items":{"items":{"type":"integer"}}}"#, "[[1],[2,2.5]]", ["$[1][1]"]),
    // objects
    SchemaCase("additionalProperties schema", #"{"additionalProperties":{"type":"integer"}}"#, #"{"a":1,"b":"x"}"#, ["$.b"]),
    SchemaCase("additionalProperties true", #"{"properties":{"a":{}},"additionalProperties":true}"#, #"{"b":1}"#),
    SchemaCase("odd key quoted", #"{"additionalProperties":false}"#, #"{"a b":1}"#, [#"$["a b"]"#]),
    SchemaCase("minProperties", #"{"minProperties":1}"#, "{}", ["$"]),
    SchemaCase("maxProperties", #"{"maxProperties":1}"#, #"{"a":1,"b":2}"#, ["$"]),
    // combinators
    SchemaCase("anyOf one matches", #"{"anyOf":[{"type":"string"},{"type":"integer"}]}"#, "1"),
    SchemaCase("anyOf none", #"{"properties":{"v":{"anyOf":[{"type":"string"},{"type":"integer"}]}}}"#, #"{"v":1.5}"#, ["$.v"]),
    SchemaCase("oneOf exactly one", #"{"oneOf":[{"type":"string"},{"type":"integer"}]}"#, #""a""#),
    SchemaCase("oneOf two match", #"{"oneOf":[{"type":"number"},{"type":"integer"}]}"#, "1", ["$"]),
    SchemaCase("oneOf none", #"{"oneOf":[{"type":"string"},{"type":"integer"}]}"#, "true", ["$"]),
    SchemaCase("allOf all", #"{"allOf":[{"minimum":1},{"maximum":3}]}"#, "2"),
    SchemaCase("allOf reports each", #"{"allOf":[{"type":"integer"},{"minimum":5}]}"#, "2.5", ["$", "$"]),
    SchemaCase("not", #"{"not":{"type":"string"}}"#, #""a""#, ["$"]),
    // $ref
    SchemaCase(
        "ref to $defs", ##"{"$defs":{"unit":{"enum":["c","f"]}},"properties":{"u":{"$ref":"#/$defs/unit"}}}"##, ##"{"u":"k"}"##, ["$.u"]),
    SchemaCase(
        "ref to definitions", ##"{"definitions":{"n":{"type":"integer"}},"items":{"$ref":"#/definitions/n"}}"##, "[1,2]"),
    SchemaCase(
        "recursive ref",
        ##"{"type":"object","properties":{"name":{"type":"string"},"children":{"type":"array","items":{"$ref":"#"}}}}"##,
        #"{"name":"a","children":[{"name":"b","children":[{"name":3}]}]}"#, ["$.children[0].children[0].name"]),
    // ignored keywords
    SchemaCase(
        "ignored keywords",
        #"{"$schema":"x","title":"t","description":"d","default":1,"format":"date-time","strict":true,"property_ordering":["a"],"x-new":{"weird":1},"type":"string"}"#,
        #""not a date""#),
]

@Suite("JSONSchema")
struct JSONSchemaTests {
    @Test(arguments: schemaCases)
    func violationPaths(_ testCase: SchemaCase) throws {
        let schema = try JSONSchema(JSONValue(parsing: testCase.schema))
        let violations = schema.validate(try JSONValue(parsing: testCase.instance))
        #expect(violations.map(\.path) == testCase.paths, "\(violations)")
        #expect(schema.accepts(try JSONValue(parsing: testCase.instance)) == testCase.paths.isEmpty)
    }

    @Test func messagesSayWhatIsWrong() throws {
        let schema = try JSONSchema(JSONValue(parsing: weather))
        let violations = schema.validate(try JSONValue(parsing: #"{"location":{"city":"Oslo","unit":"kelvin"},"days":"3"}"#))
        #expect(violations.map(\.description) == [
            #"$.location.unit: "kelvin" is not one of ["celsius","fahrenheit"]"#,
            "$.days: expected integer, got string",
        ])
        let missing = schema.validate(["location": ["city": "Oslo"]])
        #expect(missing.map(\.message) == ["required property is missing"])
    }

    @Test func nullableAppearsInTypeMessage() throws {
        let schema = try JSONSchema(["type": "STRING", "nullable": true])
        #expect(schema.validate(1).map(\.message) == ["expected string or null, got integer"])
    }

    @Test func anyOfNamesTheClosestAlternative() throws {
        let schema = try JSONSchema(["anyOf": [["type": "string"], ["type": "object", "required": ["a"]]]])
        let violations = schema.validate(["b": 1])
        #expect(violations.count == 1)
        #expect(violations.first?.message == "matches none of the 2 anyOf alternatives (closest: $.a: required property is missing)")
    }

    @Test func equalityFollowsJSON() throws {
        let a = try JSONSchema(["type": "string"])
        let b = try JSONSchema(["type": "string"])
        let c = try JSONSchema(["type": "STRING"])
        #expect(a == b)
        #expect(a != c)
        #expect(Set([a, b, c]).count == 2)
        #expect(a.json == ["type": "string"])
    }

    @Test func refCycleWithoutInputEnds() throws {
        let schema = try JSONSchema(["$defs": ["loop": ["$ref": "#/$defs/loop"]], "$ref": "#/$defs/loop"])
        let violations = schema.validate(1)
        #expect(violations.count == 1)
        #expect(violations.first?.message.contains("deeper than") == true)
    }
}
