import Testing
@testable import FaultlineWire

@Suite("SchemaError")
struct SchemaErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var schema: String
        var path: String
        var testDescription: String { schema }
    }

    static let cases: [Case] = [
        Case(schema: #""string""#, path: "$"),
        Case(schema: "[]", path: "$"),
        Case(schema: #"{"type":"str"}"#, path: "$.type"),
        Case(schema: #"{"type":["string","float"]}"#, path: "$.type[1]"),
        Case(schema: #"{"type":3}"#, path: "$.type"),
        Case(schema: #"{"properties":{"a":{"type":"bogus"}}}"#, path: "$.properties.a.type"),
        Case(schema: #"{"properties":[]}"#, path: "$.properties"),
        Case(schema: #"{"properties":{"a":1}}"#, path: "$.properties.a"),
        Case(schema: #"{"required":"a"}"#, path: "$.required"),
        Case(schema: #"{"required":["a",1]}"#, path: "$.required[1]"),
        Case(schema: #"{"items":"string"}"#, path: "$.items"),
        Case(schema: #"{"items":[{"type":"x"}]}"#, path: "$.items[0].type"),
        Case(schema: #"{"enum":"a"}"#, path: "$.enum"),
        Case(schema: #"{"anyOf":[]}"#, path: "$.anyOf"),
        Case(schema: #"{"oneOf":{}}"#, path: "$.oneOf"),
        Case(schema: #"{"allOf":[{"minimum":"1"}]}"#, path: "$.allOf[0].minimum"),
        Case(schema: #"{"minLength":-1}"#, path: "$.minLength"),
        Case(schema: #"{"maxItems":1.5}"#, path: "$.maxItems"),
        Case(schema: #"{"maxItems":"many"}"#, path: "$.maxItems"),
        Case(schema: #"{"multipleOf":0}"#, path: "$.multipleOf"),
        Case(schema: #"{"nullable":"yes"}"#, path: "$.nullable"),
        Case(schema: #"{"uniqueItems":1}"#, path: "$.uniqueItems"),
        Case(schema: #"{"exclusiveMinimum":"1"}"#, path: "$.exclusiveMinimum"),
        Case(schema: #"{"additionalProperties":"no"}"#, path: "$.additionalProperties"),
        Case(schema: #"{"pattern":"([a-z"}"#, path: "$.pattern"),
        Case(schema: #"{"pattern":5}"#, path: "$.pattern"),
        Case(schema: #"{"$ref":"https://example.com/schema.json"}"#, path: "$.$ref"),
        Case(schema: ##"{"properties":{"a":{"$ref":"#/$defs/missing"}}}"##, path: "$.properties.a.$ref"),
        Case(schema: #"{"$defs":[]}"#, path: "$.$defs"),
        Case(schema: #"{"$defs":{"a":{"type":"nope"}}}"#, path: "$.$defs.a.type"),
    ]

    @Test(arguments: cases)
    func rejectsWithPath(_ testCase: Case) throws {
        let json = try JSONValue(parsing: testCase.schema)
        #expect(throws: SchemaError.self) { try JSONSchema(json) }
        do {
            _ = try JSONSchema(json)
        } catch {
            #expect(error.path == testCase.path, "\(error)")
        }
    }

    @Test func unknownTypeListsTheKnownOnes() {
        do {
            _ = try JSONSchema(["type": "str"])
            Issue.record("expected a SchemaError")
        } catch {
            #expect(error.description == #"invalid JSON Schema at $.type: unknown type "str"; expected one of string, number, integer, boolean, object, array, null"#)
        }
    }

    @Test func invalidPatternIsNamed() {
        do {
            _ = try JSONSchema(["pattern": "(a"])
            Issue.record("expected a SchemaError")
        } catch {
            #expect(error.message == #"pattern "(a" is not a valid regular expression"#)
        }
    }

    @Test(arguments: [#"{"type":"TYPE_UNSPECIFIED"}"#, #"{"x-vendor":{"type":"bogus"}}"#, #"{"format":"uuid"}"#, "{}", "true"])
    func acceptsWhatItCanIgnore(_ schema: String) throws {
        #expect(throws: Never.self) { try JSONSchema(JSONValue(parsing: schema)) }
    }
}
