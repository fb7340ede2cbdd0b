import Testing
@testable import FaultlineWire

@Suite("ShapeRepair.repair")
struct ShapeRepairStepsTests {
    @Test func fencedJSONNeedsOneStep() throws {
        let response = cleanResponse(text: "```json\n{\"city\": \"Oslo\"}\n```")
        let repaired = try #require(ShapeRepair.repair(response, shape: .json(weatherArguments)))
        #expect(repaired.applied == [.stripFences])
        #expect(repaired.response.text == "{\"city\": \"Oslo\"}")
    }

    @Test func jsonInsideProseIsExtracted() throws {
        let response = cleanResponse(text: "Result: {\"city\": \"Oslo\"} (from cache)")
        let repaired = try #require(ShapeRepair.repair(response, shape: .json(nil)))
        #expect(repaired.applied == [.extractJSON])
    }

    @Test func stringArgumentsAreCoerced() throws {
        let call = ToolCall(id: "c1", name: "get_weather", arguments: .string(#"{"city":"Oslo"}"#))
        let shape = ExpectedShape.toolCall(name: "get_weather", arguments: weatherArguments)
        let repaired = try #require(ShapeRepair.repair(cleanResponse(toolCalls: [call]), shape: shape))
        #expect(repaired.applied == [.coerceToolArguments])
        #expect(ShapeCheck.passes(repaired.response, shape))
    }

    @Test func baseViolationsDoNotBlockARepair() throws {
        var response = cleanResponse(text: "```json\n[1]\n```")
        response.usage = nil
        let repaired = try #require(ShapeRepair.repair(response, shape: .json(nil)))
        #expect(repaired.applied == [.stripFences])
        #expect(ShapeCheck.violations(of: repaired.response, against: .json(nil)).map(\.check) == ["usage_present"])
    }

    @Test func nothingToRepair() {
        #expect(ShapeRepair.repair(cleanResponse(text: "{\"a\": 1}"), shape: .json(nil)) == nil)
    }

    @Test func unrepairable() {
        #expect(ShapeRepair.repair(cleanResponse(text: "```json\n{\"city\": 1}\n```"), shape: .json(weatherArguments)) == nil)
        #expect(ShapeRepair.repair(cleanResponse(text: "no json at all"), shape: .json(nil)) == nil)
    }

    @Test func onlyTheGivenStepsAreTried() {
        let response = cleanResponse(text: "```json\n{\"a\": 1}\n```")
        #expect(ShapeRepair.repair(response, shape: .json(nil), steps: [.coerceToolArguments]) == nil)
    }
}
