import FaultlineChaos
import Foundation
import FaultlineWire
import Testing

@Suite struct MockResponderTests {
    static func responder(seed: UInt64 = 1, faults: [String] = [], providers: [MockProviderConfig] = []) throws -> MockResponder {
        MockResponder(configuration: MockConfiguration(
            seed: seed, providers: providers, faults: try faults.map { try FaultSpec(parsing: $0) }, epoch: 1_700_000_000))
    }

    @Test(arguments: DialectID.allCases)
    func cleanAnswerDecodesBackToTheGeneratedResponse(dialect: DialectID) throws {
        let responder = try Self.responder(seed: 11)
        let request = Requests.chat("Tell me a story", dialect: dialect)
        let probe = ScriptProbe(responder.script(for: Requests.mock(dialect, request)))
        #expect(probe.status == 200)
        #expect(probe.script.faults.isEmpty)
        let decoded = try dialect.dialect.decodeResponse(WireResponse(status: 200, headers: probe.headers, body: probe.body)).get()
        let expected = AnswerGenerator(seed: 11).answer(to: request, dialect: dialect)
        #expect(decoded.text == expected.text)
        #expect(decoded.usage?.input == expected.usage?.input)
        #expect(decoded.usage?.output == expected.usage?.output)
    }

    @Test(arguments: DialectID.allCases)
    func cleanStreamDecodesBackToTheGeneratedResponse(dialect: DialectID) throws {
        let responder = try Self.responder(seed: 12)
        var request = Requests.chat("Stream a story", stream: true, dialect: dialect)
        request.includeStreamUsage = true
        let probe = ScriptProbe(responder.script(for: Requests.mock(dialect, request)))
        var decoder = dialect.dialect.makeStreamDecoder()
        var events: [StreamEvent] = []
        try decoder.feed(probe.body, into: &events)
        try decoder.finish(into: &events)
        var accumulator = StreamAccumulator()
        accumulator.apply(events)
        let decoded = try accumulator.response().get()
        #expect(decoded.text == AnswerGenerator(seed: 12).answer(to: request, dialect: dialect).text)
    }

    static let schema: JSONValue = [
        "type": "object",
        "properties": ["city": ["type": "string", "minLength": 1], "days": ["type": "integer", "minimum": 1, "maximum": 5]],
        "required": ["city", "days"],
    ]

    @Test(arguments: DialectID.allCases)
    func forcedToolOverTheWireValidates(dialect: DialectID) throws {
        let responder = try Self.responder(seed: 21)
        var request = Requests.chat("Weather?", dialect: dialect)
        request.tools = [Tool(name: "forecast", parameters: Self.schema), Tool(name: "other", parameters: ["type": "object"])]
        request.toolChoice = .tool("forecast")
        let probe = ScriptProbe(responder.script(for: Requests.mock(dialect, request)))
        let decoded = try dialect.dialect.decodeResponse(WireResponse(status: 200, headers: probe.headers, body: probe.body)).get()
        let call = try #require(decoded.toolCalls.first)
        #expect(call.name == "forecast")
        #expect(try JSONSchema(Self.schema).validate(call.arguments).isEmpty, "\(call.arguments.jsonString)")
    }

    @Test func geminiAnyCallsOnlyAnAllowedFunction() throws {
        let responder = try Self.responder(seed: 23)
        var request = Requests.chat("Weather?", dialect: .gemini)
        request.tools = ["a", "b", "c", "d"].map { Tool(name: $0, parameters: ["type": "object"]) }
        var wire = Requests.wire(.gemini, request)
        var json = try JSONValue(parsing: wire.body)
        if case .object(var object) = json {
            object.fields.append((key: "toolConfig", value: ["functionCallingConfig": ["mode": "ANY", "allowedFunctionNames": ["c", "d"]]]))
            json = .object(object)
        }
        wire.body = json.bytes
        var names: Set<String> = []
        for i in 0..<20 {
            var each = wire
            each.body = Array(json.jsonString.replacingOccurrences(of: "Weather?", with: "Weather \(i)?").utf8)
            let probe = ScriptProbe(responder.script(for: MockRequest(dialect: .gemini, wire: each)))
            let decoded = try Gemini().decodeResponse(WireResponse(status: 200, headers: probe.headers, body: probe.body)).get()
            names.formUnion(decoded.toolCalls.map(\.name))
        }
        #expect(names == ["c", "d"])
    }

    @Test(arguments: DialectID.allCases)
    func structuredOutputOverTheWireValidates(dialect: DialectID) throws {
        let responder = try Self.responder(seed: 22)
        var request = Requests.chat("Plan a trip", dialect: dialect)
        request.responseFormat = .jsonSchema(name: "trip", schema: Self.schema)
        let probe = ScriptProbe(responder.script(for: Requests.mock(dialect, request)))
        let decoded = try dialect.dialect.decodeResponse(WireResponse(status: 200, headers: probe.headers, body: probe.body)).get()
        let json = try JSONValue(parsing: Array(decoded.text.utf8))
        #expect(try JSONSchema(Self.schema).validate(json).isEmpty, "\(decoded.text)")
    }

    @Test func streamsPlayOneFramePerBodyStepWithTheChunkGap() throws {
        let responder = MockResponder(configuration: MockConfiguration(seed: 2, chunkGapMs: 7))
        let probe = ScriptProbe(responder.script(for: Requests.mock(.anthropicMessages, Requests.chat(stream: true, dialect: .anthropicMessages))))
        #expect(probe.streaming)
        #expect(probe.bodySteps == probe.frames.count)
        #expect(probe.totalWaitMs == Double(probe.bodySteps - 1) * 7)
        #expect(probe.frames.last?.hasPrefix("event: message_stop") == true)
        if case .end? = probe.last {} else { Issue.record("a clean stream ends with .end") }
    }

    @Test func badRequestIsTheProvidersOwn400() throws {
        let responder = try Self.responder()
        let wire = WireRequest(path: "/v1beta/models/gemini-2.0-flash:generateContent", body: Array("{not json".utf8))
        let probe = ScriptProbe(responder.script(for: MockRequest(dialect: .gemini, wire: wire)))
        #expect(probe.status == 400)
        #expect(probe.text.contains("INVALID_ARGUMENT"))
    }

    @Test func badFaultHeaderIsA400NamingTheMistake() throws {
        let responder = try Self.responder()
        let probe = ScriptProbe(responder.script(for: Requests.mock(.anthropicMessages, fault: "latncy(ms=5)")))
        #expect(probe.status == 400)
        #expect(probe.text.contains("x-faultline-fault: unknown fault `latncy`; did you mean `latency`?"))
    }

    @Test func headerConfigAndProviderFaultsAllApply() throws {
        let responder = try Self.responder(faults: ["latency(ms=10)"], providers: [MockProviderConfig(name: "slow", faults: [try FaultSpec(parsing: "latency(ms=100)")])])
        let probe = ScriptProbe(responder.script(for: Requests.mock(fault: "latency(ms=1000)", provider: "slow")))
        #expect(probe.waitBeforeHeadMs == 1110)
        #expect(probe.script.faults == ["latency(ms=10)", "latency(ms=100)", "latency(ms=1000)"])
        let other = ScriptProbe(responder.script(for: Requests.mock(provider: "default")))
        #expect(other.waitBeforeHeadMs == 10)
    }

    @Test func adminFaultsAreSetListedAndReset() throws {
        let responder = try Self.responder()
        responder.setFaults([try FaultSpec(parsing: "overloaded")], provider: "default")
        #expect(responder.currentFaults()["default"]?.map(\.description) == ["overloaded"])
        #expect(ScriptProbe(responder.script(for: Requests.mock())).status == 503)
        responder.setFaults([try FaultSpec(parsing: "reset")], provider: nil)
        #expect(responder.currentFaults() == ["*": [try FaultSpec(parsing: "reset")]])
        #expect(!ScriptProbe(responder.script(for: Requests.mock(provider: "any"))).hasHead)
        responder.reset()
        #expect(responder.currentFaults().isEmpty)
        #expect(ScriptProbe(responder.script(for: Requests.mock())).status == 200)
    }

    @Test func perProviderCountersDriveFirst() throws {
        let responder = try Self.responder(faults: ["throttle(first=2)"])
        let statuses = (0..<4).map { _ in ScriptProbe(responder.script(for: Requests.mock(provider: "a"))).status }
        #expect(statuses == [429, 429, 200, 200])
        #expect(ScriptProbe(responder.script(for: Requests.mock(provider: "b"))).status == 429, "b counts on its own")
        responder.reset()
        #expect(ScriptProbe(responder.script(for: Requests.mock(provider: "a"))).status == 429)
    }

    @Test func rateLimitRefusesAtTheRateAndRecoversWithTime() throws {
        let responder = try Self.responder(faults: ["rate_limit(rpm=3)"])
        let at0 = (0..<4).map { _ in ScriptProbe(responder.script(for: Requests.mock(.anthropicMessages, elapsed: 0))) }
        #expect(at0.map(\.status) == [200, 200, 200, 429])
        #expect(at0.map { $0.headers["anthropic-ratelimit-requests-remaining"] } == ["2", "1", "0", "0"])
        #expect(at0[3].headers["retry-after"] == "20")
        #expect(at0[3].headers["anthropic-ratelimit-requests-reset"] == "2023-11-14T22:14:20Z")
        #expect(ScriptProbe(responder.script(for: Requests.mock(.anthropicMessages, elapsed: 19))).status == 429)
        #expect(ScriptProbe(responder.script(for: Requests.mock(.anthropicMessages, elapsed: 20))).status == 200)
        #expect(ScriptProbe(responder.script(for: Requests.mock(.anthropicMessages, elapsed: 20, keyID: "other"))).status == 200)
    }

    @Test func geminiRateLimitNamesItsWaitInRetryInfo() throws {
        let responder = try Self.responder(faults: ["rate_limit(rpm=1)"])
        _ = responder.script(for: Requests.mock(.gemini))
        let refused = ScriptProbe(responder.script(for: Requests.mock(.gemini)))
        #expect(refused.status == 429)
        #expect(refused.text.contains("\"retryDelay\":\"60s\""))
    }

    @Test func sameSeedSameScripts() throws {
        let faults = ["chunk_gap(ms=20, jitter=10, p=0.5)", "garbage(p=0.3)", "latency(ms=50, dist=lognormal, p99=300, p=0.5)"]
        func run(_ seed: UInt64) throws -> [ResponseScript] {
            let responder = try Self.responder(seed: seed, faults: faults)
            return (0..<30).map { i in responder.script(for: Requests.mock(.anthropicMessages, Requests.chat("q\(i % 3)", stream: true, dialect: .anthropicMessages))) }
        }
        #expect(try run(5) == run(5))
        #expect(try run(5) != run(6))
    }

    @Test func cachedCleanAnswersEqualFreshOnes() throws {
        let responder = try Self.responder(seed: 3)
        let first = responder.script(for: Requests.mock(.gemini))
        let again = responder.script(for: Requests.mock(.gemini))
        let fresh = try Self.responder(seed: 3).script(for: Requests.mock(.gemini))
        #expect(first == again)
        #expect(first == fresh)
    }
}

@Suite struct MockResponderConcurrencyTests {
    @Test func concurrentRequestsCountEachRequestOnce() async throws {
        let responder = MockResponder(configuration: MockConfiguration(seed: 1, faults: [try FaultSpec(parsing: "throttle(first=50)")]))
        let statuses = await withTaskGroup(of: Int?.self) { group in
            for i in 0..<200 {
                group.addTask { ScriptProbe(responder.script(for: Requests.mock(.gemini, Requests.chat("q\(i % 7)")))).status }
            }
            var all: [Int?] = []
            for await status in group { all.append(status) }
            return all
        }
        #expect(statuses.filter { $0 == 429 }.count == 50)
        #expect(statuses.filter { $0 == 200 }.count == 150)
    }
}
