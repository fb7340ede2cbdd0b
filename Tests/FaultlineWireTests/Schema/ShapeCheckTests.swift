import Testing
@testable import FaultlineWire

/// A response that passes every base check; tests change one thing at a time.
func cleanResponse(text: String = "", toolCalls: [ToolCall] = []) -> ChatResponse {
    ChatResponse(
        id: "resp_1", model: "test-model", text: text, toolCalls: toolCalls,
        finishReason: toolCalls.isEmpty ? .stop : .toolCalls, usage: Usage(input: 10, output: 5))
}

let weatherArguments: JSONSchema = {
    do {
        return try JSONSchema([
            "type": "object",
            "properties": ["city": ["type": "string"], "days": ["type": "integer"]],
            "required": ["city"],
        ])
    } catch {
        preconditionFailure("test schema must compile: \(error)")
    }
}()

@Suite("ShapeCheck")
struct ShapeCheckTests {
    private func checks(_ response: ChatResponse, _ shape: ExpectedShape) -> [String] {
        ShapeCheck.violations(of: response, against: shape).map(\.check)
    }

    @Test func cleanAnswersPass() {
        #expect(checks(cleanResponse(text: "Hello"), .text) == [])
        let call = ToolCall(id: "call_1", name: "get_weather", arguments: ["city": "Oslo"])
        #expect(checks(cleanResponse(toolCalls: [call]), .toolCall(name: "get_weather", arguments: weatherArguments)) == [])
        #expect(checks(cleanResponse(text: #" {"a": 1} "#), .json(nil)) == [])
        #expect(ShapeCheck.passes(cleanResponse(text: "Hello"), .text))
    }

    @Test(arguments: [FinishReason?.none, .other("MALFORMED_FUNCTION_CALL")])
    func unknownFinishReason(_ reason: FinishReason?) {
        var response = cleanResponse(text: "Hello")
        response.finishReason = reason
        #expect(checks(response, .text) == ["finish_reason_known"])
    }

    @Test(arguments: [FinishReason.stop, .length, .toolCalls, .contentFilter])
    func knownFinishReasons(_ reason: FinishReason) {
        var response = cleanResponse(text: "Hello")
        response.finishReason = reason
        #expect(checks(response, .text) == [])
    }

    @Test func missingUsage() {
        var response = cleanResponse(text: "Hello")
        response.usage = nil
        #expect(checks(response, .text) == ["usage_present"])
    }

    @Test func emptyToolCallIdAndName() {
        let calls = [ToolCall(id: "", name: "get_weather", arguments: ["city": "Oslo"]), ToolCall(id: "c2", name: "", arguments: [:])]
        let violations = ShapeCheck.violations(of: cleanResponse(toolCalls: calls), against: .toolCall(name: nil, arguments: nil))
        #expect(violations.map(\.check) == ["tool_call_id_present", "tool_call_name_present"])
        #expect(violations.first?.detail == "tool call 0 (get_weather) has an empty id")
    }

    /// Gemini names no tool call: an empty id is its normal form, not a violation.
    @Test func emptyToolCallIdIsFineWhereTheDialectHasNone() {
        let calls = [ToolCall(id: "", name: "get_weather", arguments: ["city": "Oslo"])]
        let violations = ShapeCheck.violations(
            of: cleanResponse(toolCalls: calls), against: .toolCall(name: nil, arguments: nil),
            toolCallIDs: DialectID.gemini.identifiesToolCalls)
        #expect(violations.isEmpty)
        #expect(DialectID.openAIChat.identifiesToolCalls && DialectID.anthropicMessages.identifiesToolCalls)
    }

    @Test(arguments: ["", "  \n\t"])
    func textMissing(_ text: String) {
        #expect(checks(cleanResponse(text: text), .text) == ["text_present"])
    }

    @Test func textShapeAllowsToolCalls() {
        let call = ToolCall(id: "c1", name: "lookup", arguments: [:])
        #expect(checks(cleanResponse(text: "Looking it up", toolCalls: [call]), .text) == [])
    }

    @Test func toolCallMissing() {
        let violations = ShapeCheck.violations(of: cleanResponse(text: "It is sunny"), against: .toolCall(name: nil, arguments: nil))
        #expect(violations.map(\.check) == ["tool_call_present"])
        #expect(violations.first?.detail == "expected a tool call; calls made: none")
    }

    @Test func toolCallToAnotherName() {
        let call = ToolCall(id: "c1", name: "get_time", arguments: [:])
        let violations = ShapeCheck.violations(of: cleanResponse(toolCalls: [call]), against: .toolCall(name: "get_weather", arguments: nil))
        #expect(violations.map(\.check) == ["tool_call_present"])
        #expect(violations.first?.detail == "expected a call to get_weather; calls made: get_time")
    }

    @Test func toolArgumentsInvalid() {
        let call = ToolCall(id: "c1", name: "get_weather", arguments: ["days": "3"])
        let violations = ShapeCheck.violations(
            of: cleanResponse(toolCalls: [call]), against: .toolCall(name: "get_weather", arguments: weatherArguments))
        #expect(violations.map(\.check) == ["tool_arguments_valid"])
        #expect(violations.first?.detail == "arguments of get_weather (c1): $.city: required property is missing; $.days: expected integer, got string")
    }

    @Test func toolArgumentsMustBeAnObjectEvenWithoutSchema() {
        let call = ToolCall(id: "c1", name: "get_weather", arguments: .string(#"{"city":"Oslo"}"#))
        #expect(checks(cleanResponse(toolCalls: [call]), .toolCall(name: nil, arguments: nil)) == ["tool_arguments_valid"])
    }

    @Test func oneValidCallIsEnough() {
        let calls = [
            ToolCall(id: "c1", name: "get_weather", arguments: ["days": 1]),
            ToolCall(id: "c2", name: "get_weather", arguments: ["city": "Oslo"]),
        ]
        #expect(checks(cleanResponse(toolCalls: calls), .toolCall(name: "get_weather", arguments: weatherArguments)) == [])
    }

    @Test func callsToOtherToolsAreNotValidated() {
        let calls = [
            ToolCall(id: "c1", name: "get_time", arguments: .string("not an object")),
            ToolCall(id: "c2", name: "get_weather", arguments: ["city": "Oslo"]),
        ]
        #expect(checks(cleanResponse(toolCalls: calls), .toolCall(name: "get_weather", arguments: weatherArguments)) == [])
    }

    @Test(arguments: ["", "Sure! {\"a\": 1}", "```json\n{\"a\": 1}\n```", "{\"a\": 1"])
    func jsonDoesNotParse(_ text: String) {
        #expect(checks(cleanResponse(text: text), .json(nil)) == ["json_parses"])
    }

    @Test func jsonInvalidAgainstSchema() {
        let violations = ShapeCheck.violations(of: cleanResponse(text: #"{"city": 7}"#), against: .json(weatherArguments))
        #expect(violations.map(\.check) == ["json_valid"])
        #expect(violations.first?.detail == "$.city: expected string, got integer")
    }

    @Test func jsonValidAgainstSchema() {
        #expect(checks(cleanResponse(text: #"{"city": "Oslo", "days": 2}"#), .json(weatherArguments)) == [])
    }

    @Test func baseAndShapeViolationsAccumulate() {
        var response = cleanResponse(text: "")
        response.finishReason = .other("weird")
        response.usage = nil
        #expect(checks(response, .json(nil)) == ["finish_reason_known", "usage_present", "json_parses"])
    }

    @Test func checkIdsAreStable() {
        #expect(ShapeViolation.Check.allCases.map(\.rawValue) == [
            "finish_reason_known", "usage_present", "tool_call_id_present", "tool_call_name_present", "text_present",
            "tool_call_present", "tool_arguments_valid", "json_parses", "json_valid",
        ])
    }
}
