import Testing
@testable import FaultlineWire

@Suite struct TypoSuggestionTests {
    @Test(arguments: [("kitten", "sitting", 3), ("", "abc", 3), ("abc", "", 3), ("flaw", "lawn", 2), ("same", "same", 0), ("東京", "東都", 1)])
    func editDistance(_ a: String, _ b: String, _ expected: Int) {
        #expect(TypoSuggestion.editDistance(a, b) == expected)
        #expect(TypoSuggestion.editDistance(b, a) == expected)
    }

    @Test func theNearestCloseEnoughCandidateWinsAndTheFirstOfEquals() {
        #expect(TypoSuggestion.closest(to: "sucess_rate", in: ["success_rate", "shape_stability"]) == "success_rate")
        #expect(TypoSuggestion.closest(to: "ab", in: ["ax", "ay"]) == "ax")
        #expect(TypoSuggestion.closest(to: "latency", in: ["throttle", "outage"]) == nil)
        #expect(TypoSuggestion.closest(to: "rest", in: ["reset"], maxDistance: 0) == nil)
        #expect(TypoSuggestion.hint(for: "wal", in: ["wall", "virtual"]) == "; did you mean `wall`?")
        #expect(TypoSuggestion.hint(for: "zzzzzz", in: ["wall"]).isEmpty)
    }
}
