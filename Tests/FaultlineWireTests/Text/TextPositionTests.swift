import FaultlineWire
import Testing

/// Byte offsets from the parser become the line:column an editor shows.
@Suite struct TextPositionTests {
    @Test func offsetBecomesLineAndColumn() {
        let text = Array("{\n  \"é\": 1,\n  \"b\": x\n}".utf8)
        let error = #expect(throws: JSONParseError.self) { try JSONValue(parsing: text) }
        let position = TextPosition(offset: error?.offset ?? -1, in: text)
        #expect(position == TextPosition(line: 3, column: 8))
    }

    @Test func theStartIsOneOne() {
        #expect(TextPosition(offset: 0, in: Array("x".utf8)) == TextPosition(line: 1, column: 1))
    }

    @Test func aKeyPathPointsAtItsLastKeyOrItsDeepestParent() {
        let text = Array("{\n  \"request\": {\"path\": 1},\n  \"response\": {\n    \"status\": \"OK\"\n  }\n}".utf8)
        #expect(TextPosition(ofKeyPath: "response.status", in: text) == TextPosition(line: 4, column: 5))
        #expect(TextPosition(ofKeyPath: "response.body", in: text) == TextPosition(line: 3, column: 3))
        #expect(TextPosition(ofKeyPath: "nothing", in: text) == TextPosition(line: 1, column: 1))
    }
}
