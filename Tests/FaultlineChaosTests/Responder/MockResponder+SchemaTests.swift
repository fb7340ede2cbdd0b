import FaultlineChaos
import FaultlineWire
import Testing

/// Schemas in requests: one that does not compile is the provider's 400; one that only asks
/// for a lot is answered, cut to the sampler's caps (README, "Limits").
@Suite struct MockResponderSchemaTests {
    static func request(schema: String, dialect: DialectID, tool: Bool) throws -> MockRequest {
        var chat = Requests.chat("Fill the form", dialect: dialect)
        let json = try JSONValue(parsing: schema)
        if tool {
            chat.tools = [Tool(name: "fill", parameters: json)]
            chat.toolChoice = .tool("fill")
        } else {
            chat.responseFormat = .jsonSchema(name: "form", schema: json)
        }
        return Requests.mock(dialect, chat)
    }

    @Test(arguments: DialectID.allCases, [true, false])
    func anInvalidSchemaIsTheProvidersBadRequest(dialect: DialectID, tool: Bool) throws {
        let responder = try MockResponderTests.responder()
        let probe = ScriptProbe(responder.script(for: try Self.request(
            schema: #"{"type":"array","minItems":5,"maxItems":2}"#, dialect: dialect, tool: tool)))
        #expect(probe.status == 400)
        let text = String(decoding: probe.body, as: UTF8.self)
        // Anthropic and Gemini requests carry no schema name; the mock names it `response`.
        #expect(text.contains("Invalid schema for \(tool ? "function 'fill'" : "response_format '")"), "\(text)")
        #expect(text.contains("minItems 5 is greater than maxItems 2"), "\(text)")
        let decoded = dialect.dialect.decodeResponse(WireResponse(status: 400, headers: probe.headers, body: probe.body))
        guard case .failure(let error) = decoded else {
            Issue.record("a 400 decoded as a success")
            return
        }
        #expect(error.kind == .badRequest)
    }

    @Test(arguments: DialectID.allCases, [
        #"{"type":"array","minItems":"9223372036854775807","items":{"type":"string"}}"#,
        #"{"type":"object","properties":{"s":{"type":"string","minLength":"9223372036854775807"}},"required":["s"]}"#,
        SampleBudgetShapes.nestedArrays(depth: 22),
    ])
    func anExtremeSchemaIsAnsweredWithinTheBudget(dialect: DialectID, schema: String) throws {
        let responder = try MockResponderTests.responder()
        let probe = ScriptProbe(responder.script(for: try Self.request(schema: schema, dialect: dialect, tool: false)))
        #expect(probe.status == 200)
        // The answer's JSON is a string inside the provider's envelope: escaping at most doubles it.
        #expect(probe.body.count < 2 * 600 * 1024, "\(probe.body.count) bytes")
    }
}

enum SampleBudgetShapes {
    static func nestedArrays(depth: Int) -> String {
        var schema = #"{"type":"string"}"#
        for _ in 0..<depth { schema = #"{"type":"array","minItems":2,"items":\#(schema)}"# }
        return schema
    }
}
