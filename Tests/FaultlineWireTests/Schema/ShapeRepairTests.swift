import Testing
@testable import FaultlineWire

@Suite("ShapeRepair")
struct ShapeRepairTests {
    struct TextCase: Sendable, CustomTestStringConvertible {
        var text: String
        var repaired: String?
        var testDescription: String { text.debugDescription }
    }

    static let fenceCases: [TextCase] = [
        TextCase(text: "```json\n{\"a\": 1}\n```", repaired: "{\"a\": 1}"),
        TextCase(text: "```\n[1, 2]\n```", repaired: "[1, 2]"),
        TextCase(text: "```JSON\r\n{\"a\": 1}\r\n```\r\n", repaired: "{\"a\": 1}"),
        TextCase(text: "Here you go:\n\n```json\n{\n  \"a\": 1\n}\n```\nAnything else?", repaired: "{\n  \"a\": 1\n}"),
        TextCase(text: "~~~json\n{\"a\": 1}\n~~~", repaired: "{\"a\": 1}"),
        TextCase(text: "{\"a\": 1}", repaired: nil),
        TextCase(text: "```json\n{\"a\": 1}", repaired: nil),
        TextCase(text: "```python\nprint(1)\n```", repaired: nil),
        TextCase(text: "", repaired: nil),
    ]

    @Test(arguments: fenceCases)
    func stripFences(_ testCase: TextCase) {
        let repaired = ShapeRepair.apply(.stripFences, to: cleanResponse(text: testCase.text), shape: .json(nil))
        #expect(repaired?.text == testCase.repaired)
        if let repaired { #expect(ShapeCheck.passes(repaired, .json(nil))) }
    }

    static let extractCases: [TextCase] = [
        TextCase(text: "Sure! Here it is: {\"city\": \"Oslo\"} Hope that helps.", repaired: "{\"city\": \"Oslo\"}"),
        TextCase(text: "The list is [1, [2, 3]] and more [4]", repaired: "[1, [2, 3]]"),
        TextCase(text: "A {brace} first, then {\"a\": \"}\"}", repaired: "{\"a\": \"}\"}"),
        TextCase(text: "Escaped quote {\"a\": \"say \\\"}\\\"\"} end", repaired: "{\"a\": \"say \\\"}\\\"\"}"),
        TextCase(text: "```json\n{\"a\": 1}\n```", repaired: "{\"a\": 1}"),
        TextCase(text: "{\"a\": 1}", repaired: nil),
        TextCase(text: "no json here", repaired: nil),
        TextCase(text: "unbalanced {\"a\": [1, 2}", repaired: nil),
        TextCase(text: "", repaired: nil),
    ]

    @Test(arguments: extractCases)
    func extractJSON(_ testCase: TextCase) {
        let repaired = ShapeRepair.apply(.extractJSON, to: cleanResponse(text: testCase.text), shape: .json(nil))
        #expect(repaired?.text == testCase.repaired)
    }

    @Test func extractPrefersTheCandidateThatValidates() throws {
        let text = "As noted in [1], the answer is {\"city\": \"Oslo\"}."
        let withSchema = ShapeRepair.apply(.extractJSON, to: cleanResponse(text: text), shape: .json(weatherArguments))
        #expect(withSchema?.text == "{\"city\": \"Oslo\"}")
        let withoutSchema = ShapeRepair.apply(.extractJSON, to: cleanResponse(text: text), shape: .json(nil))
        #expect(withoutSchema?.text == "[1]")
    }

    @Test func extractSkipsValuesNestedInAnEarlierMatch() {
        let text = "Here: {\"outer\": {\"city\": \"Oslo\"}} and {\"city\": \"Bergen\"}"
        let repaired = ShapeRepair.apply(.extractJSON, to: cleanResponse(text: text), shape: .json(weatherArguments))
        #expect(repaired?.text == "{\"city\": \"Bergen\"}")
    }

    @Test(arguments: [ExpectedShape.text, .toolCall(name: nil, arguments: nil)])
    func textRepairsOnlyForJSONShapes(_ shape: ExpectedShape) {
        let response = cleanResponse(text: "```json\n{\"a\": 1}\n```")
        #expect(ShapeRepair.apply(.stripFences, to: response, shape: shape) == nil)
        #expect(ShapeRepair.apply(.extractJSON, to: response, shape: shape) == nil)
    }

    @Test func repairsKeepEverythingElse() throws {
        let response = cleanResponse(text: "```json\n{\"a\": 1}\n```")
        let repaired = try #require(ShapeRepair.apply(.stripFences, to: response, shape: .json(nil)))
        #expect(repaired.id == response.id)
        #expect(repaired.usage == response.usage)
        #expect(repaired.finishReason == response.finishReason)
    }

    @Test func coerceArgumentsFromJSONString() throws {
        let call = ToolCall(id: "c1", name: "get_weather", arguments: .string(#"{"city":"Oslo","days":2}"#))
        let shape = ExpectedShape.toolCall(name: "get_weather", arguments: weatherArguments)
        let response = cleanResponse(toolCalls: [call])
        #expect(!ShapeCheck.passes(response, shape))
        let repaired = try #require(ShapeRepair.apply(.coerceToolArguments, to: response, shape: shape))
        #expect(repaired.toolCalls.first?.arguments == ["city": "Oslo", "days": 2])
        #expect(ShapeCheck.passes(repaired, shape))
    }

    @Test func coerceArgumentsWithoutSchema() throws {
        let call = ToolCall(id: "c1", name: "lookup", arguments: .string(#"{"q":"x"}"#))
        let repaired = try #require(
            ShapeRepair.apply(.coerceToolArguments, to: cleanResponse(toolCalls: [call]), shape: .toolCall(name: nil, arguments: nil)))
        #expect(repaired.toolCalls.first?.arguments == ["q": "x"])
    }

    @Test func coerceObjectWhereStringExpected() throws {
        let schema = try JSONSchema([
            "type": "object",
            "properties": [
                "query": ["type": "string"],
                "filters": ["type": "array", "items": ["type": "object", "properties": ["value": ["type": "string"]]]],
                "options": ["type": "object"],
            ],
        ])
        let call = ToolCall(
            id: "c1", name: "search",
            arguments: ["query": ["text": "cats"], "filters": [["value": ["x": 1]]], "options": .string(#"{"limit":3}"#)])
        let shape = ExpectedShape.toolCall(name: "search", arguments: schema)
        let repaired = try #require(ShapeRepair.apply(.coerceToolArguments, to: cleanResponse(toolCalls: [call]), shape: shape))
        #expect(repaired.toolCalls.first?.arguments == [
            "query": .string(#"{"text":"cats"}"#), "filters": [["value": .string(#"{"x":1}"#)]], "options": ["limit": 3],
        ])
        #expect(ShapeCheck.passes(repaired, shape))
    }

    @Test func coerceLeavesOtherToolsAlone() throws {
        let calls = [
            ToolCall(id: "c1", name: "other", arguments: .string(#"{"a":1}"#)),
            ToolCall(id: "c2", name: "get_weather", arguments: .string(#"{"city":"Oslo"}"#)),
        ]
        let shape = ExpectedShape.toolCall(name: "get_weather", arguments: nil)
        let repaired = try #require(ShapeRepair.apply(.coerceToolArguments, to: cleanResponse(toolCalls: calls), shape: shape))
        #expect(repaired.toolCalls[0].arguments == .string(#"{"a":1}"#))
        #expect(repaired.toolCalls[1].arguments == ["city": "Oslo"])
    }

    @Test func coerceNotApplicable() {
        let good = cleanResponse(toolCalls: [ToolCall(id: "c1", name: "get_weather", arguments: ["city": "Oslo"])])
        let shape = ExpectedShape.toolCall(name: "get_weather", arguments: weatherArguments)
        #expect(ShapeRepair.apply(.coerceToolArguments, to: good, shape: shape) == nil)
        let notJSON = cleanResponse(toolCalls: [ToolCall(id: "c1", name: "get_weather", arguments: "Oslo please")])
        #expect(ShapeRepair.apply(.coerceToolArguments, to: notJSON, shape: shape) == nil)
        #expect(ShapeRepair.apply(.coerceToolArguments, to: good, shape: .json(nil)) == nil)
        #expect(ShapeRepair.apply(.coerceToolArguments, to: cleanResponse(text: "hi"), shape: shape) == nil)
    }

    @Test func stepNamesAreStable() {
        #expect(RepairStep.allCases.map(\.rawValue) == ["strip_fences", "extract_json", "coerce_tool_arguments"])
    }
}
