import Testing
@testable import FaultlineWire

@Suite("ShapeFingerprint")
struct ShapeFingerprintTests {
    static let completion = #"""
        {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,
         "choices":[{"index":0,"message":{"role":"assistant","content":"Hi","tool_calls":null},"finish_reason":"stop"}],
         "usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}}
        """#

    @Test func pathsAndTypes() throws {
        let fingerprint = ShapeFingerprint(try JSONValue(parsing: Self.completion))
        #expect(fingerprint.paths["$"] == ["object"])
        #expect(fingerprint.paths["$.choices"] == ["array"])
        #expect(fingerprint.paths["$.choices[]"] == ["object"])
        #expect(fingerprint.paths["$.choices[].message.content"] == ["string"])
        #expect(fingerprint.paths["$.choices[].message.tool_calls"] == ["null"])
        #expect(fingerprint.paths["$.created"] == ["integer"])
        #expect(fingerprint.paths.count == 16)
    }

    @Test func sameShapeDifferentValuesIsEqual() throws {
        let other = #"""
            {"id":"chatcmpl-99","object":"chat.completion","created":1800000000,
             "choices":[{"index":1,"message":{"role":"assistant","content":"A much longer answer","tool_calls":null},"finish_reason":"length"},
                        {"index":2,"message":{"role":"assistant","content":"","tool_calls":null},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":30,"completion_tokens":10,"total_tokens":40}}
            """#
        let a = ShapeFingerprint(try JSONValue(parsing: Self.completion))
        let b = ShapeFingerprint(try JSONValue(parsing: other))
        #expect(a == b)
        #expect(a.text == b.text)
        #expect(b.diff(from: a).isEmpty)
    }

    @Test func arrayElementsMerge() {
        let fingerprint = ShapeFingerprint(["items": [1, "a", ["k": true], [:]]])
        #expect(fingerprint.paths["$.items[]"] == ["integer", "string", "object"])
        #expect(fingerprint.paths["$.items[].k"] == ["boolean"])
    }

    @Test func emptyArrayHasNoElementPath() {
        let fingerprint = ShapeFingerprint(["items": []])
        #expect(fingerprint.paths == ["$": ["object"], "$.items": ["array"]])
    }

    @Test func oddKeysAreQuoted() {
        let fingerprint = ShapeFingerprint(["a.b": 1, "": 2, "x: y\n": 3.5])
        #expect(Set(fingerprint.paths.keys) == ["$", #"$["a.b"]"#, #"$[""]"#, #"$["x: y\n"]"#])
        #expect(ShapeFingerprint(text: fingerprint.text) == fingerprint)
    }

    @Test func mergingStreamPayloads() {
        let chunks: [JSONValue] = [
            ["choices": [["delta": ["role": "assistant"]]]],
            ["choices": [["delta": ["content": "Hi"]]]],
            ["choices": [], "usage": ["total_tokens": 4]],
        ]
        let fingerprint = ShapeFingerprint(merging: chunks)
        #expect(fingerprint.paths["$.choices[].delta.role"] == ["string"])
        #expect(fingerprint.paths["$.choices[].delta.content"] == ["string"])
        #expect(fingerprint.paths["$.usage.total_tokens"] == ["integer"])
        #expect(fingerprint == chunks.map(ShapeFingerprint.init).reduce(ShapeFingerprint(merging: [])) { $0.merged(with: $1) })
    }

    @Test func textIsSortedLines() {
        let fingerprint = ShapeFingerprint(["b": [1, nil], "a": "x"])
        #expect(fingerprint.text == """
            $: object
            $.a: string
            $.b: array
            $.b[]: integer|null

            """)
    }

    @Test func textRoundTrips() throws {
        let fingerprint = ShapeFingerprint(try JSONValue(parsing: Self.completion))
        #expect(ShapeFingerprint(text: fingerprint.text) == fingerprint)
    }

    @Test func textAllowsCommentsBlankLinesAndCRLF() {
        let parsed = ShapeFingerprint(text: "# baseline for openai chat\r\n\r\n$: object\r\n$.a: string|null\r\n")
        #expect(parsed?.paths == ["$": ["object"], "$.a": ["string", "null"]])
    }

    @Test(arguments: ["$ object", "$: objekt", "$: ", "a: string", "$: string|"])
    func textRejectsMalformedLines(_ text: String) {
        #expect(ShapeFingerprint(text: text) == nil)
    }
}
