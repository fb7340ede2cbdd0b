import FaultlineChaos
import FaultlineWire
import Testing

@Suite struct DriftPathTests {
    static let body: JSONValue = ["choices": [["message": ["content": "a", "role": "assistant"]], ["message": ["content": "b"]]], "usage": ["total": 3]]

    @Test(arguments: ["choices[0].message.content", "$.choices[0].message.content"])
    func parsesKeysAndIndexes(text: String) throws {
        #expect(try DriftPath(parsing: text).components == [.key("choices"), .index(0), .key("message"), .key("content")])
    }

    @Test func setReachesEveryElementWithAWildcard() throws {
        var json = Self.body
        try DriftPath(parsing: "choices[*].message.content").set(.null, in: &json)
        #expect(json["choices"]?[0]?["message"]?["content"] == .null)
        #expect(json["choices"]?[1]?["message"]?["content"] == .null)
    }

    @Test func removeDropsOnlyThePath() throws {
        var json = Self.body
        try DriftPath(parsing: "$.usage").remove(from: &json)
        #expect(json["usage"] == nil)
        #expect(json["choices"] != nil)
    }

    @Test func missingPathsChangeNothing() throws {
        var json = Self.body
        try DriftPath(parsing: "choices[5].message.content").set(.null, in: &json)
        try DriftPath(parsing: "nothing.here").remove(from: &json)
        #expect(json == Self.body)
    }

    @Test(arguments: ["", "$", "a[", "a[-1]"])
    func badPathsAreErrors(text: String) {
        #expect(throws: FaultSpecError.self) { try DriftPath(parsing: text) }
    }
}

extension DriftPathTests {
    /// An empty segment would silently name another path (`a..b` meant `a.b`), so it is refused.
    @Test(arguments: ["a..b", "a.", "..a", "$..a", "a.[0]", "", "$", "$."])
    func emptySegmentsAreRefused(text: String) {
        #expect(throws: FaultSpecError.self) { try DriftPath(parsing: text) }
    }

    @Test(arguments: ["a.b", "$.a", ".a", "a[0].b", "a[*]", "a[0][1]"])
    func wellFormedPathsParse(text: String) throws {
        _ = try DriftPath(parsing: text)
    }
}
