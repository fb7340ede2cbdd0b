import FaultlineChaos
import FaultlineWire
import Testing

@Suite struct AnswerGeneratorTests {
    static let weather: JSONValue = [
        "type": "object",
        "properties": [
            "city": ["type": "string", "minLength": 2, "maxLength": 40],
            "unit": ["type": "string", "enum": ["celsius", "fahrenheit"]],
            "days": ["type": "integer", "minimum": 1, "maximum": 7],
            "tags": ["type": "array", "items": ["type": "string"], "minItems": 1],
            "when": ["anyOf": [["type": "string"], ["type": "null"]]],
        ],
        "required": ["city", "unit", "days", "tags"],
        "additionalProperties": false,
    ]

    static let tools = [
        Tool(name: "get_weather", parameters: weather),
        Tool(name: "lookup", parameters: ["type": "object", "properties": ["id": ["type": "integer", "const": 7]], "required": ["id"]]),
    ]

    @Test(arguments: DialectID.allCases, [ToolChoice.tool("get_weather"), .tool("lookup"), .required])
    func forcedToolCallsCarryArgumentsThatValidate(dialect: DialectID, choice: ToolChoice) throws {
        for seed in UInt64(0)..<20 {
            let request = ChatRequest(model: "m", messages: [.user("weather in Paris \(seed)")], tools: Self.tools, toolChoice: choice)
            let answer = AnswerGenerator(seed: seed).answer(to: request, dialect: dialect)
            let call = try #require(answer.toolCalls.first)
            if case .tool(let name) = choice { #expect(call.name == name) }
            let tool = try #require(Self.tools.first { $0.name == call.name })
            #expect(try JSONSchema(tool.parameters).validate(call.arguments).isEmpty, "\(call.arguments.jsonString)")
            #expect(answer.finishReason == .toolCalls)
        }
    }

    @Test(arguments: DialectID.allCases)
    func jsonSchemaAnswersValidate(dialect: DialectID) throws {
        for seed in UInt64(0)..<20 {
            let request = ChatRequest(model: "m", messages: [.user("plan \(seed)")], responseFormat: .jsonSchema(name: "w", schema: Self.weather))
            let answer = AnswerGenerator(seed: seed).answer(to: request, dialect: dialect)
            let json = try JSONValue(parsing: Array(answer.text.utf8))
            #expect(try JSONSchema(Self.weather).validate(json).isEmpty, "\(answer.text)")
            #expect(answer.toolCalls.isEmpty)
        }
    }

    @Test func jsonModeAnswersAnObject() throws {
        let request = ChatRequest(model: "m", messages: [.user("hi")], responseFormat: .json)
        let json = try JSONValue(parsing: Array(AnswerGenerator(seed: 1).answer(to: request, dialect: .openAIChat).text.utf8))
        #expect(json["answer"]?.stringValue != nil)
    }

    @Test func autoToolChoiceAnswersInText() {
        let request = ChatRequest(model: "m", messages: [.user("hi")], tools: Self.tools, toolChoice: .auto)
        let answer = AnswerGenerator(seed: 1).answer(to: request, dialect: .gemini)
        #expect(answer.toolCalls.isEmpty)
        #expect(!answer.text.isEmpty)
        #expect(answer.finishReason == .stop)
    }

    @Test func usageIsConsistentWithTheText() throws {
        let short = ChatRequest(model: "m", messages: [.user("hi")])
        let long = ChatRequest(model: "m", messages: [.user(String(repeating: "a long question ", count: 100))])
        let a = AnswerGenerator(seed: 3).answer(to: short, dialect: .anthropicMessages)
        let b = AnswerGenerator(seed: 3).answer(to: long, dialect: .anthropicMessages)
        let usage = try #require(a.usage)
        #expect(usage.output == (a.text.utf8.count + 3) / 4)
        #expect(usage.total == usage.input + usage.output)
        #expect(try #require(b.usage).input > usage.input + 300)
    }

    @Test func maxTokensCutsTheAnswerWithLength() throws {
        let request = ChatRequest(model: "m", messages: [.user("hi")], maxTokens: 2)
        let answer = AnswerGenerator(seed: 3).answer(to: request, dialect: .openAIChat)
        #expect(answer.finishReason == .length)
        #expect(answer.usage?.output == 2)
    }

    @Test func sameSeedSameAnswerOtherSeedOtherAnswer() {
        let request = ChatRequest(model: "m", messages: [.user("hello")])
        let a = AnswerGenerator(seed: 5).answer(to: request, dialect: .gemini)
        #expect(a == AnswerGenerator(seed: 5).answer(to: request, dialect: .gemini))
        #expect(a != AnswerGenerator(seed: 6).answer(to: request, dialect: .gemini))
    }

    @Test func idsUseEachProvidersSpelling() {
        let request = ChatRequest(model: "m", messages: [.user("x")], tools: Self.tools, toolChoice: .tool("lookup"))
        #expect(AnswerGenerator(seed: 1).answer(to: request, dialect: .openAIChat).id.hasPrefix("chatcmpl-"))
        #expect(AnswerGenerator(seed: 1).answer(to: request, dialect: .openAIChat).toolCalls[0].id.hasPrefix("call_"))
        #expect(AnswerGenerator(seed: 1).answer(to: request, dialect: .anthropicMessages).id.hasPrefix("msg_"))
        #expect(AnswerGenerator(seed: 1).answer(to: request, dialect: .anthropicMessages).toolCalls[0].id.hasPrefix("toolu_"))
    }
}
